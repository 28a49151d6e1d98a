// Step 4: the read as it happens — requests, objects, retries, throttled waits, elapsed time —
// with Cancel, which stops every request at once.
import type { ReadProgress } from '../graph/index.ts';
import type { ConnectState } from '../state/connect-state.ts';
import { formatCount } from './format.ts';

const PHASES: Record<ReadProgress['phase'], string> = {
  tenant: 'Reading the tenant, the sync app and the selected groups',
  members: 'Reading members of the selected and nested groups',
  groups: 'Listing groups',
  done: 'Finishing',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function Counter({ label, name, value }: { label: string; name: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd class="tnum" data-counter={name}>
        {value}
      </dd>
    </div>
  );
}

export function ReadProgressView({ connect }: { connect: ConnectState }) {
  const progress = connect.progress.value;
  return (
    <div class="progress-panel connect-progress" role="status" aria-live="polite">
      <p>{progress ? PHASES[progress.phase] : 'Starting the read'}…</p>
      {progress && progress.groupsKnown > 0 ? (
        <progress max={progress.groupsKnown} value={progress.groupsRead} />
      ) : (
        <progress />
      )}
      <dl class="connect-counters">
        <Counter label="Requests" name="requests" value={formatCount(progress?.requests ?? 0)} />
        <Counter label="Objects read" name="items" value={formatCount(progress?.items ?? 0)} />
        <Counter
          label="Groups read"
          name="groups"
          value={`${formatCount(progress?.groupsRead ?? 0)} of ${formatCount(progress?.groupsKnown ?? 0)}`}
        />
        <Counter label="Retries" name="retries" value={formatCount(progress?.retries ?? 0)} />
        <Counter
          label="Throttled"
          name="throttled"
          value={`${formatCount(progress?.throttled ?? 0)} (${seconds(progress?.waitedMs ?? 0)} waited)`}
        />
        <Counter label="Elapsed" name="elapsed" value={seconds(connect.elapsedMs.value)} />
      </dl>
      {progress?.waiting && (
        <p class="muted">
          {progress.waiting.status === null
            ? 'A connection to Graph dropped'
            : `Graph answered HTTP ${progress.waiting.status}`}
          : retrying in {seconds(progress.waiting.ms)}.
        </p>
      )}
      <button type="button" class="button-quiet" onClick={connect.cancelRead}>
        Cancel
      </button>
    </div>
  );
}
