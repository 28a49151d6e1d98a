// The app's views as routes (navigation.ts): an open report by its stored snapshot's id, with its
// tab and, on Recipients, the group (by id) and outcome filter; Connect a tenant; a diff of two
// stored snapshots by their ids. Ids and fixed words only: the search text never reaches the URL.
// Surprising: a snapshot opened from the demo, a file or a live read gets its id only once the
// library has stored it (noteStored); until then the report's place is unknown and the URL waits.
import { signal } from '@preact/signals';
import { REASON_CODES } from '../core/recipient-rules.ts';
import type { Outcome } from '../core/row-query.ts';
import type { SnapshotContent } from '../worker/handlers.ts';
import type { ConnectState } from './connect-state.ts';
import type { LibraryState } from './library-state.ts';
import type { RouteParams, ViewRoute } from './navigation.ts';
import { REPORT_TABS, type ReportState, type ReportTab } from './report-state.ts';

const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['recipient', 'nested-group', ...REASON_CODES]);

export interface AppRoutes {
  /** In the order the app decides what to show: report, then Connect, then a diff. */
  readonly views: readonly ViewRoute[];
  home(): void;
  /** The library stored the snapshot opened with this content under this id. */
  noteStored(content: SnapshotContent, id: string): void;
}

export function createAppRoutes(state: ReportState, library: LibraryState, connect: ConnectState): AppRoutes {
  const storedIds = new WeakMap<SnapshotContent, string>();
  const stored = signal(0);

  const openId = (): string | null => {
    const open = state.report.value;
    if (open === null) return null;
    if (open.source.kind === 'stored') return open.source.id;
    stored.value; // re-read when an id is noted
    return storedIds.get(open.content) ?? null;
  };

  const recipientParams = (): Record<string, string> => {
    const open = state.report.value;
    const { scope, outcomes } = state.recipients.filter.value;
    const params: Record<string, string> = {};
    const group = scope === 'audience' ? undefined : open?.summary.groups[scope]?.id;
    if (group !== undefined) params.group = group;
    if (outcomes.length > 0) params.outcome = outcomes.join(',');
    return params;
  };

  const showInReport = (params: RouteParams) => {
    const tab = REPORT_TABS.find((name) => name === params.tab) ?? 'overview';
    if (tab === 'recipients') {
      const groups = state.report.value?.summary.groups ?? [];
      const index = groups.findIndex((group) => group.id === params.group);
      const outcomes = (params.outcome ?? '')
        .split(',')
        .filter((code): code is Outcome => OUTCOMES.has(code));
      state.recipients.show({ scope: index === -1 ? 'audience' : index, outcomes });
    }
    state.showTab(tab satisfies ReportTab);
  };

  const report: ViewRoute = {
    name: 'report',
    minor: ['group', 'outcome'],
    current() {
      if (state.report.value === null) return null;
      const id = openId();
      if (id === null) return undefined;
      const tab = state.tab.value;
      return { snapshot: id, tab, ...(tab === 'recipients' ? recipientParams() : {}) };
    },
    async show(params) {
      const id = params.snapshot;
      if (id === undefined) return false;
      connect.close();
      library.closeDiff();
      if (untrackedOpenId() !== id && !(await library.open(id))) return false;
      showInReport(params);
      return true;
    },
  };

  const untrackedOpenId = (): string | null => {
    const open = state.report.peek();
    if (open === null) return null;
    return open.source.kind === 'stored' ? open.source.id : (storedIds.get(open.content) ?? null);
  };

  const connectView: ViewRoute = {
    name: 'connect',
    current: () => (state.report.value === null && connect.visible.value ? {} : null),
    async show() {
      state.close();
      library.closeDiff();
      connect.open();
      return true;
    },
  };

  const diff: ViewRoute = {
    name: 'diff',
    current() {
      const open = library.diff.value;
      if (state.report.value !== null || connect.visible.value || open === null) return null;
      return { older: open.older.id, newer: open.newer.id };
    },
    async show(params) {
      const { older, newer } = params;
      if (older === undefined || newer === undefined || older === newer) return false;
      const open = library.diff.peek();
      state.close();
      connect.close();
      if (open !== null && open.older.id === older && open.newer.id === newer) return true;
      library.closeDiff();
      if (library.snapshots.peek() === null) await library.refresh();
      for (const id of library.chosen.peek()) library.choose(id, false);
      library.choose(older, true);
      library.choose(newer, true);
      return library.compare();
    },
  };

  return {
    views: [report, connectView, diff],
    home() {
      state.close();
      connect.close();
      library.closeDiff();
    },
    noteStored(content, id) {
      storedIds.set(content, id);
      stored.value++;
    },
  };
}
