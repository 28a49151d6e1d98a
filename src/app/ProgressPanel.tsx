// Long work shown as it happens, with a way out.
import type { Progress } from '../state/report-state.ts';
import { formatCount } from './format.ts';

export function ProgressPanel({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { phase, done, total } = progress;
  return (
    <div class="progress-panel" role="status" aria-live="polite">
      <p>
        {phase}
        {done !== undefined && total !== undefined ? ` — ${formatCount(done)} of ${formatCount(total)}` : '…'}
      </p>
      {done !== undefined && total !== undefined ? <progress max={total} value={done} /> : <progress />}
      <button type="button" class="button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
