// The start page's stored snapshots: every snapshot opened here is kept in this browser, newest
// first, to open again (offline too), rename, delete, or compare two of one tenant. Storage
// problems appear here in plain words with what to do; the list is read on start.
import type { LibraryState } from '../state/library-state.ts';
import { Banner } from './Banner.tsx';
import { SnapshotRow } from './SnapshotRow.tsx';

export function SnapshotLibrary({ library, busy }: { library: LibraryState; busy: boolean }) {
  const list = library.snapshots.value;
  const problem = library.problem.value;
  const working = library.working.value;
  const chosen = library.chosen.value;
  return (
    <section class="library" aria-labelledby="library-title">
      <h2 id="library-title">Stored snapshots</h2>
      <p class="muted">
        Every snapshot you open is kept in this browser (nowhere else), so you can open it again without the
        network or compare two captures of one tenant.
      </p>
      {problem && (
        <Banner tone="error" role="alert" title={problem.title} onDismiss={library.dismissProblem}>
          <p>{problem.message}</p>
        </Banner>
      )}
      <p class="visually-hidden" role="status">
        {library.notice.value ?? ''}
      </p>
      {/* Comparing needs two: with one snapshot stored the hint would only be noise. */}
      {list !== null && list.length > 1 && (
        <div class="compare-bar">
          <p>
            {chosen.length < 2
              ? `Tick Compare on two snapshots of one tenant to see who joins and who leaves at the next weekly sync (${chosen.length} of 2 chosen).`
              : library.tenantsDiffer.value
                ? 'The two chosen snapshots are of different tenants: a comparison needs two snapshots of the same tenant.'
                : 'Two snapshots chosen: the older one is compared with the newer one.'}
          </p>
          <button
            type="button"
            class="button-primary"
            disabled={chosen.length < 2 || working !== null || busy}
            onClick={() => void library.compare()}
          >
            Compare the two chosen
          </button>
          {working && (
            <p role="status" class="working">
              {working}…{' '}
              <button type="button" class="button-quiet" onClick={library.cancel}>
                Cancel
              </button>
            </p>
          )}
        </div>
      )}
      {list === null ? (
        <p class="muted">{problem ? 'Stored snapshots are not available.' : 'Reading stored snapshots…'}</p>
      ) : list.length === 0 ? (
        <p class="muted">No snapshots stored yet: open the demo tenant or import a file.</p>
      ) : (
        <ul class="snapshot-list">
          {list.map((meta) => (
            <SnapshotRow key={meta.id} meta={meta} library={library} busy={busy || working !== null} />
          ))}
        </ul>
      )}
    </section>
  );
}
