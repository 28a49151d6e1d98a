// Two stored snapshots of one tenant compared: who joins and who leaves the audience at the next
// weekly sync, and why, overall and per selected group. Each snapshot is judged with its own
// selection, as the sync would at that time; "left the group" also covers a deletion the newer
// snapshot cannot see (it holds only group members), which the note under the reasons says.
import type { GroupDiff } from '../core/diff.ts';
import type { LibraryState } from '../state/library-state.ts';
import { Banner } from './Banner.tsx';
import { DiffPeople } from './DiffPeople.tsx';
import { countReasons, LEAVE_WORDS } from './diff-words.ts';
import { formatCount, formatDateTime } from './format.ts';
import { plainText, SnapshotText } from './SnapshotText.tsx';

export function DiffView({ library }: { library: LibraryState }) {
  const open = library.diff.value;
  if (open === null) return null;
  const { diff, older, newer } = open;
  const { audience } = diff;
  const changed = diff.groups.filter((group) => group.joined.length + group.left.length > 0);
  const reasons = countReasons(audience.left);
  return (
    <section class="diff" aria-labelledby="diff-title">
      <div class="report-head">
        <div>
          <h1 id="diff-title">
            What changes at the next sync: <SnapshotText value={diff.tenantName ?? diff.tenantId} />
          </h1>
          <p class="meta">
            From "<SnapshotText value={older.name} />" (captured{' '}
            <time dateTime={older.capturedAt}>{formatDateTime(older.capturedAt)}</time>) to "
            <SnapshotText value={newer.name} />" (captured{' '}
            <time dateTime={newer.capturedAt}>{formatDateTime(newer.capturedAt)}</time>)
          </p>
        </div>
        <div class="report-actions">
          <button type="button" class="button-secondary" onClick={() => void library.downloadDiff()}>
            Download the changes (CSV)
          </button>
          <button type="button" class="button-secondary" onClick={library.closeDiff}>
            Close comparison
          </button>
        </div>
      </div>
      {(!diff.older.complete || !diff.newer.complete) && (
        <Banner
          tone="warn"
          role="status"
          title={
            !diff.older.complete && !diff.newer.complete
              ? 'Both snapshots are incomplete'
              : `The ${diff.older.complete ? 'newer' : 'older'} snapshot is incomplete`
          }
        >
          <p>
            Some reads failed, so some people may show as joining or leaving only because they were missed.
          </p>
        </Banner>
      )}
      <dl class="diff-totals">
        <div>
          <dt>Recipients before</dt>
          <dd class="tnum">{formatCount(diff.older.recipients)}</dd>
        </div>
        <div>
          <dt>Join</dt>
          <dd class="tnum diff-join">{signed('+', audience.joined.length)}</dd>
        </div>
        <div>
          <dt>Leave</dt>
          <dd class="tnum diff-leave">{signed('−', audience.left.length)}</dd>
        </div>
        <div>
          <dt>Recipients after</dt>
          <dd class="tnum">{formatCount(diff.newer.recipients)}</dd>
        </div>
      </dl>

      <h2>Whole audience</h2>
      {reasons.length > 0 && (
        <>
          <p>Why people leave:</p>
          <ul class="diff-reasons">
            {reasons.map(([why, count]) => (
              <li key={why}>
                <span class="tnum">{formatCount(count)}</span> {LEAVE_WORDS[why]}
              </li>
            ))}
          </ul>
          {reasons.some(([why]) => why === 'left-group') && (
            <p class="muted">
              “Left the group” also covers someone deleted from the tenant: a snapshot holds only the selected
              groups’ members, so it cannot tell the two apart.
            </p>
          )}
        </>
      )}
      <DiffPeople caption="Join the audience" people={audience.joined} change="join" />
      <DiffPeople caption="Leave the audience" people={audience.left} change="leave" />

      <h2>Per group</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways at 320 px; keyboard users need to reach it to scroll */}
      <section class="table-wrap" tabIndex={0} aria-label="Changes per group">
        <table class="numbers">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" class="num">
                Before
              </th>
              <th scope="col" class="num">
                Join
              </th>
              <th scope="col" class="num">
                Leave
              </th>
              <th scope="col" class="num">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {diff.groups.map((group) => (
              <tr key={group.id}>
                <th scope="row">
                  <SnapshotText value={groupName(group)} />
                  {groupNote(group) && <span class="muted"> ({groupNote(group)})</span>}
                </th>
                <td class="num">{formatCount(group.olderRecipients)}</td>
                <td class="num">{signed('+', group.joined.length)}</td>
                <td class="num">{signed('−', group.left.length)}</td>
                <td class="num">{formatCount(group.newerRecipients)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {changed.length === 0 ? (
        <p class="muted">No group's audience changes.</p>
      ) : (
        changed.map((group) => (
          <details key={group.id} class="card diff-group">
            <summary>
              <SnapshotText value={groupName(group)} />: {formatCount(group.joined.length)} joining,{' '}
              {formatCount(group.left.length)} leaving
            </summary>
            <DiffPeople caption={`Join ${plainText(groupName(group))}`} people={group.joined} change="join" />
            <DiffPeople caption={`Leave ${plainText(groupName(group))}`} people={group.left} change="leave" />
          </details>
        ))
      )}
    </section>
  );
}

/** A change with its sign; none is a plain 0 (not "+0" or "−0"). */
function signed(sign: '+' | '−', count: number): string {
  return count === 0 ? '0' : `${sign}${formatCount(count)}`;
}

function groupName(group: GroupDiff): string {
  return group.displayName ?? group.id;
}

function groupNote(group: GroupDiff): string | null {
  if (!group.selectedInOlder) return 'newly selected';
  if (!group.selectedInNewer) return 'no longer selected';
  if (group.foundInOlder && !group.foundInNewer) return 'not found in the newer snapshot';
  return null;
}
