// The open snapshot: where it came from and whether it is complete, the sync options, and its
// sections as tabs (Overview, Readiness, Recipients, Count explanation, Export).
import { useRef } from 'preact/hooks';
import type { ReportState } from '../state/report-state.ts';
import { Banner, IncompleteReads } from './Banner.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { RECIPIENT_TABLE_ID } from './focus-targets.ts';
import { formatCount, formatDateTime } from './format.ts';
import { OptionsBar } from './OptionsBar.tsx';
import { OverviewPanel } from './OverviewPanel.tsx';
import { ReadinessPanel } from './ReadinessPanel.tsx';
import { RecipientsPanel } from './RecipientsPanel.tsx';
import { ReconcilePanel } from './ReconcilePanel.tsx';
import { panelId, ReportTabs, tabId } from './ReportTabs.tsx';
import { SnapshotText } from './SnapshotText.tsx';
import { useFocusWhenLost } from './use-focus-when-lost.ts';

export function ReportView({ state }: { state: ReportState }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a snapshot replaces the start page and the button that opened it: the report's name next.
  useFocusWhenLost(heading);
  const report = state.report.value;
  if (report === null) return null;
  const { meta, summary, audit } = report;
  const tab = state.tab.value;
  const source =
    report.source.kind === 'demo'
      ? 'Demo tenant'
      : report.source.kind === 'file'
        ? report.source.fileName
        : report.source.kind === 'live'
          ? 'Read from the tenant'
          : 'Stored snapshot';
  const failing = audit?.checks.filter((check) => check.status === 'fail').length ?? 0;
  return (
    <section aria-labelledby="report-title" class="report">
      <div class="report-head">
        <div>
          <h1 id="report-title" ref={heading} tabIndex={-1}>
            <SnapshotText value={meta.tenantName ?? meta.tenantId} />
          </h1>
          <p class="meta">
            {source} · {meta.cloud === 'usgov' ? 'Azure Government (L4 / GCC High)' : 'Azure Global'} ·
            captured <time dateTime={meta.capturedAt}>{formatDateTime(meta.capturedAt)}</time>
            {meta.pseudonymised ? ' · pseudonymised' : ''}
          </p>
        </div>
        <button type="button" class="button-secondary" onClick={state.close}>
          Close snapshot
        </button>
      </div>
      {!summary.complete && (
        <Banner tone="warn" role="status" title="Incomplete snapshot: counts may be low">
          <IncompleteReads reads={summary.incompleteReads} />
          <p>Read the tenant again once the cause is fixed; until then exports ask before they run.</p>
        </Banner>
      )}
      <OptionsBar
        summary={summary}
        snapshotChoice={report.savedOptions}
        busy={state.busy.value}
        onChange={(options) => void state.changeOptions({ groupIds: summary.selection.groupIds, ...options })}
      />
      <ReportTabs
        current={tab}
        onSelect={state.showTab}
        badges={{
          ...(failing > 0
            ? { readiness: <span class="badge badge-fail">{formatCount(failing)} failing</span> }
            : {}),
          recipients: <span class="badge tnum">{formatCount(summary.audience.recipients)}</span>,
        }}
      />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} class="tab-panel" tabIndex={-1}>
        {tab === 'overview' && <OverviewPanel report={report} onTab={state.showTab} />}
        {tab === 'readiness' && (
          <ReadinessPanel
            audit={audit}
            auditError={report.auditError}
            cloud={meta.cloud}
            exports={state.exports}
          />
        )}
        {tab === 'recipients' && <RecipientsPanel summary={summary} recipients={state.recipients} />}
        {tab === 'explain' && (
          <ExplainPanel
            summary={summary}
            onShow={(scope, outcomes) => {
              state.showPeople(scope, outcomes);
              // The clicked bar is gone with its panel: take focus to the list it asked for.
              requestAnimationFrame(() => document.getElementById(RECIPIENT_TABLE_ID)?.focus());
            }}
          />
        )}
        {tab === 'reconcile' && (
          <ReconcilePanel
            summary={summary}
            pseudonymised={meta.pseudonymised}
            state={state.reconcile}
            onShowRecipient={(scope, email) => {
              state.recipients.show({ scope, outcomes: [], search: email });
              state.showTab('recipients');
              // As from a count explanation bar: focus on the list itself, visibly.
              requestAnimationFrame(() => document.getElementById(RECIPIENT_TABLE_ID)?.focus());
            }}
          />
        )}
        {tab === 'export' && (
          <ExportPanel
            summary={summary}
            exports={state.exports}
            snapshotBytes={meta.bytes}
            pseudonymised={meta.pseudonymised}
            onShowTab={state.showTab}
          />
        )}
      </div>
    </section>
  );
}
