// The report's sections as the WAI-ARIA tabs pattern: one tab stop, arrow keys (and Home/End)
// move between tabs and show them at once, since every panel renders quickly (the recipient
// table fetches its rows in the worker after it is shown).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { REPORT_TABS, type ReportTab } from '../state/report-state.ts';

export const TAB_LABELS: Record<ReportTab, string> = {
  overview: 'Overview',
  readiness: 'Readiness',
  recipients: 'Recipients',
  explain: 'Count explanation',
  reconcile: 'Compare with HQ’s list',
  export: 'Export',
};

export const tabId = (tab: ReportTab) => `tab-${tab}`;
export const panelId = (tab: ReportTab) => `panel-${tab}`;

export function ReportTabs({
  current,
  onSelect,
  badges = {},
}: {
  current: ReportTab;
  onSelect: (tab: ReportTab) => void;
  /** Short text after a tab's label, e.g. the number of failing checks. */
  badges?: Partial<Record<ReportTab, ComponentChildren>>;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const at = REPORT_TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? REPORT_TABS[(at + 1) % REPORT_TABS.length]
        : event.key === 'ArrowLeft'
          ? REPORT_TABS[(at - 1 + REPORT_TABS.length) % REPORT_TABS.length]
          : event.key === 'Home'
            ? REPORT_TABS[0]
            : event.key === 'End'
              ? REPORT_TABS[REPORT_TABS.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    onSelect(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Report sections" ref={list} onKeyDown={move}>
      {REPORT_TABS.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={tabId(tab)}
          aria-selected={tab === current}
          aria-controls={tab === current ? panelId(tab) : undefined}
          tabIndex={tab === current ? 0 : -1}
          class="tab"
          onClick={() => onSelect(tab)}
        >
          {TAB_LABELS[tab]}
          {badges[tab] !== undefined && <span class="tab-badge">{badges[tab]}</span>}
        </button>
      ))}
    </div>
  );
}
