// A problem in plain words: what happened, the details (file paths, codes), and what to do next.
import type { Problem } from '../state/report-state.ts';
import { Banner } from './Banner.tsx';

export function ProblemBanner({
  problem,
  onDismiss,
  takeFocus = false,
}: {
  problem: Problem;
  onDismiss: () => void;
  /** Move focus to the message when it appears (it is shown where the failed action was). */
  takeFocus?: boolean;
}) {
  return (
    <Banner tone="error" role="alert" title={problem.title} onDismiss={onDismiss} takeFocus={takeFocus}>
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
    </Banner>
  );
}
