// This tool's own App Registration client id for the chosen cloud: the build's value, or one the
// admin enters (kept in this browser). With none, it says what to register.
import { useState } from 'preact/hooks';
import { CLOUD_LABELS } from '../auth/clouds.ts';
import type { ConnectState } from '../state/connect-state.ts';

const PERMISSIONS =
  'User.Read, Application.Read.All, GroupMember.Read.All, User.Read.All, LicenseAssignment.Read.All (and, only if used, OrgContact.Read.All, Member.Read.Hidden, Directory.Read.All)';

export function ToolClientIdField({
  connect,
  redirectUri,
  missing = false,
}: {
  connect: ConnectState;
  redirectUri: string;
  /** A submit was refused because there is no client id for this cloud: mark the field. */
  missing?: boolean;
}) {
  const cloud = connect.cloud.value;
  const resolved = connect.clientIds.value[cloud];
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(resolved.clientId === null);
  const shownError =
    error ??
    (missing && resolved.clientId === null ? 'Enter this tool’s Application (client) ID, then Save.' : null);
  const save = (event: Event) => {
    event.preventDefault();
    const saved = connect.saveClientId(cloud, draft);
    setError(saved.ok ? null : saved.reason);
    if (saved.ok) setEditing(saved.clientId === null && resolved.buildValue === null);
  };
  return (
    <fieldset class="field connect-tool-id">
      <legend>This tool’s app registration in {CLOUD_LABELS[cloud]}</legend>
      {resolved.clientId !== null && (
        <p>
          Client id <code data-testid="tool-client-id">{resolved.clientId}</code>{' '}
          <span class="muted">
            ({resolved.source === 'override' ? 'entered in this browser' : 'set when this site was built'})
          </span>{' '}
          {!editing && (
            <button type="button" class="button-quiet" onClick={() => setEditing(true)}>
              Change
            </button>
          )}
        </p>
      )}
      {resolved.clientId === null && (
        <div class="hint">
          <p>
            This site has no client id for this cloud. Register this tool once in the tenant (Microsoft Entra
            admin center → App registrations → New registration), then enter its Application (client) ID:
          </p>
          <ul>
            <li>Platform “Single-page application”, redirect URI {redirectUri}</li>
            <li>Delegated Microsoft Graph permissions: {PERMISSIONS}, with admin consent</li>
          </ul>
        </div>
      )}
      {editing && (
        <div class="connect-inline-form">
          <label for="tool-client-id">This tool’s Application (client) ID</label>
          <p class="hint" id="tool-client-id-hint">
            App registrations → this tool’s registration (redirect URI ending in /redirect.html) → Overview →
            “Application (client) ID”.
          </p>
          <input
            id="tool-client-id"
            type="text"
            value={draft}
            placeholder="00000000-0000-0000-0000-000000000000"
            spellcheck={false}
            aria-invalid={shownError === null ? undefined : true}
            aria-describedby={`tool-client-id-hint${shownError === null ? '' : ' tool-client-id-error'}`}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="button" class="button-secondary" onClick={save}>
            Save
          </button>
          {resolved.source === 'override' && (
            <button
              type="button"
              class="button-quiet"
              onClick={() => {
                connect.saveClientId(cloud, '');
                setDraft('');
                setEditing(false);
              }}
            >
              Use the site’s default
            </button>
          )}
          {shownError !== null && (
            <p class="field-error" id="tool-client-id-error">
              <span aria-hidden="true">✖ </span>
              {shownError}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
