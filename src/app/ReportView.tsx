// The open snapshot: where it came from, whether it is complete, and its counts.
import type { OpenReport } from '../state/report-state.ts';
import { formatCount, formatDateTime } from './format.ts';
import { GroupCountsTable } from './GroupCountsTable.tsx';

export function ReportView({ report, onClose }: { report: OpenReport; onClose: () => void }) {
  const { meta, summary } = report;
  const source =
    report.source.kind === 'demo'
      ? 'Demo tenant'
      : report.source.kind === 'file'
        ? report.source.fileName
        : 'Snapshot';
  return (
    <section aria-labelledby="report-title">
      <div class="report-head">
        <div>
          <h1 id="report-title">{meta.tenantName ?? meta.tenantId}</h1>
          <p class="meta">
            {source} · {meta.cloud === 'usgov' ? 'Azure Government (L4 / GCC High)' : 'Azure Global'} ·
            captured {formatDateTime(meta.capturedAt)}
            {meta.pseudonymised ? ' · pseudonymised' : ''}
          </p>
        </div>
        <button type="button" class="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {!summary.complete && (
        <div class="banner banner-warn" role="status">
          <span class="status-icon" aria-hidden="true">
            ▲
          </span>
          <div class="banner-body">
            <p class="banner-title">Incomplete snapshot: counts may be low</p>
            <ul class="banner-details">
              {summary.incompleteReads.map((read) => (
                <li key={read.path}>
                  <code>{read.path}</code>: {read.reason}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <p class="headline">
        <span class="headline-number" data-testid="recipient-count">
          {formatCount(summary.audience.recipients)}
        </span>{' '}
        recipients would be synced from {formatCount(summary.groups.length)} selected group
        {summary.groups.length === 1 ? '' : 's'}
        {summary.complete ? '' : ' (incomplete)'}.
      </p>
      <GroupCountsTable summary={summary} />
    </section>
  );
}
