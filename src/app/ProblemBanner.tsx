// A problem in plain words: what happened, the details (file paths, codes), and what to do next.
import type { Problem } from '../state/report-state.ts';

export function ProblemBanner({ problem, onDismiss }: { problem: Problem; onDismiss: () => void }) {
  return (
    <div class="banner banner-error" role="alert">
      <span class="status-icon" aria-hidden="true">
        ✖
      </span>
      <div class="banner-body">
        <p class="banner-title">
          <span class="visually-hidden">Error: </span>
          {problem.title}
        </p>
        {problem.details.length > 0 && (
          <ul class="banner-details">
            {problem.details.map((line) => (
              <li key={line}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        )}
        <p>{problem.next}</p>
      </div>
      <button type="button" class="button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
