// What is there now: the recipient count, the readiness verdict in one line, and each selected
// group's counts beside Entra's, with the way to the sections that explain them.
import type { OpenReport, ReportTab } from '../state/report-state.ts';
import { formatCount } from './format.ts';
import { GroupCountsTable } from './GroupCountsTable.tsx';
import { ReadinessVerdict } from './ReadinessPanel.tsx';

export function OverviewPanel({ report, onTab }: { report: OpenReport; onTab: (tab: ReportTab) => void }) {
  const { summary, audit } = report;
  return (
    <>
      <h2 class="visually-hidden">Overview</h2>
      <div class="overview-grid">
        <div class="card stat">
          <p class="headline">
            <span class="headline-number" data-testid="recipient-count">
              {formatCount(summary.audience.recipients)}
            </span>{' '}
            recipients would be synced from {formatCount(summary.groups.length)} selected group
            {summary.groups.length === 1 ? '' : 's'}
            {summary.complete ? '' : ' (incomplete)'}.
          </p>
          <button type="button" class="button-link" onClick={() => onTab('explain')}>
            Why this number?
          </button>{' '}
          <button type="button" class="button-link" onClick={() => onTab('recipients')}>
            See who
          </button>
        </div>
        <div class="card stat">
          {audit ? <ReadinessVerdict audit={audit} /> : <p>The readiness checks could not run.</p>}
          <button type="button" class="button-link" onClick={() => onTab('readiness')}>
            {audit && !audit.ready ? 'See what to fix' : 'See the checks'}
          </button>
        </div>
      </div>
      <GroupCountsTable summary={summary} />
    </>
  );
}
