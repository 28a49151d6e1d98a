// A check's evidence (plain JSON: ids, names, dates, counts) as readable key/values: camelCase
// keys become words, dates and counts are formatted for the reader, lists of records become small
// tables. Ids stay in monospace so they can be compared with the portal.
import { formatCount, formatDateTime } from './format.ts';
import { SnapshotText } from './SnapshotText.tsx';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WORDS: Record<string, string> = {
  id: 'Id',
  clientId: 'Application (client) ID',
  objectId: 'Object ID',
  appRoleId: 'App role ID',
  keyId: 'Secret ID',
  latestKeyId: 'Latest secret ID',
  servicePrincipalId: 'Service principal ID',
  graphServicePrincipalId: 'Microsoft Graph service principal ID',
  displayName: 'Name',
  asOf: 'As of',
  // Graph's and the checks' field names, in the portal's words (the rest read fine split at capitals).
  otherApis: 'Other APIs',
  createdDateTime: 'Created',
  startDateTime: 'Starts',
  endDateTime: 'Ends',
  capturedAt: 'Captured',
  requestedApplication: 'Requested as Application permissions',
  requestedDelegated: 'Requested as Delegated permissions',
  addedAsDelegated: 'Added as Delegated (should be Application)',
  grantedBeyondNeeded: 'Granted beyond what the sync needs',
  moreThanNeeded: 'More than the sync needs',
  notGranted: 'Not granted',
  consentedGrants: 'Consent grants',
  grantsRead: 'Consent grants read',
  signInAudience: 'Supported account types',
  spa: 'Single-page application redirect URIs',
  web: 'Web redirect URIs',
  publicClient: 'Mobile and desktop redirect URIs',
  userPrincipalName: 'Username (UPN)',
  withUsableUserPrincipalName: 'With a usable username',
  guestsWithExternalUsername: 'Guests with an external username',
  onPremisesSynced: 'Synced from on-premises',
  membershipRule: 'Membership rule',
  skusRead: 'Licences read',
  sku: 'Licence',
  daysLeft: 'Days left',
  noEmail: 'No email address',
  repeatedIds: 'Ids selected twice',
  usernameFallback: 'Username fallback',
  syncContacts: 'Sync contacts',
};

/** "requestedApplication" → "Requested as Application permissions"; unknown keys split at capitals. */
export function keyWords(key: string): string {
  const known = WORDS[key];
  if (known !== undefined) return known;
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span class="muted">not set</span>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'number') return <span class="tnum">{formatCount(value)}</span>;
  const text = String(value);
  if (ISO_DATE.test(text)) return <time dateTime={text}>{formatDateTime(text)}</time>;
  if (GUID.test(text)) return <code>{text}</code>;
  // Evidence holds names, addresses and paths from the snapshot; an @ marks an address.
  return <SnapshotText value={text} address={text.includes('@')} />;
}

function RecordTable({ rows, name }: { rows: Record<string, unknown>[]; name: string }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <section
      class="evidence-table-wrap"
      aria-label={name}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways, so it must take focus to scroll by keyboard
      tabIndex={0}
    >
      <table class="evidence-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {keyWords(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => (
                <td key={column} class={typeof row[column] === 'number' ? 'num' : undefined}>
                  <Value value={row[column]} name={keyWords(column)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Value({ value, name }: { value: unknown; name: string }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">none</span>;
    if (value.every(isRecord)) return <RecordTable rows={value} name={name} />;
    return (
      <ul class="inline-list">
        {value.map((item, index) => (
          <li key={index}>
            {isRecord(item) || Array.isArray(item) ? (
              <Value value={item} name={name} />
            ) : (
              <Scalar value={item} />
            )}
          </li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) return <EvidenceList evidence={value} />;
  return <Scalar value={value} />;
}

export function EvidenceList({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p class="muted">No evidence recorded.</p>;
  return (
    <dl class="evidence">
      {entries.map(([key, value]) => (
        <div class="evidence-row" key={key}>
          <dt>{keyWords(key)}</dt>
          <dd>
            <Value value={value} name={keyWords(key)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
