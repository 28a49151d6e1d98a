// The recipient table's state: the query (scope, outcome, segment, search, sort), how many rows
// match, and a small cache of row blocks fetched from the worker as the table scrolls. The page
// never holds more than a few thousand rows, whatever the tenant's size. Surprising parts: search
// is debounced, only the newest query and the newest visible range are ever fetched (anything
// asked for meanwhile is dropped, not queued), and a generation number discards answers that
// belong to an older query, since the worker's `page` always reads its latest selection.
import { batch, type ReadonlySignal, signal } from '@preact/signals';
import type { Outcome, RowQuery, TableRow } from '../core/row-query.ts';
import type { ArgsOf, Method, ResultOf } from '../worker/protocol.ts';

export type SortKey = NonNullable<RowQuery['sort']>['key'];

export interface RecipientsFilter {
  scope: 'audience' | number;
  /** Empty = every outcome. */
  outcomes: readonly Outcome[];
  segment: number | null;
  search: string;
  sort: { key: SortKey; descending: boolean };
}

export interface RecipientsStateDeps {
  /** A worker call on the open snapshot (re-opened by the owner when the worker was replaced). */
  call<M extends Method>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** Reports a failed call (the owner turns it into a problem banner). */
  fail(error: unknown): void;
  /** Delay before a typed search runs. */
  searchDelayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface RecipientsState {
  filter: ReadonlySignal<RecipientsFilter>;
  /** What the search box shows (the filter's search follows it after the delay). */
  searchText: ReadonlySignal<string>;
  /** Rows matching the filter, or null before the first answer. */
  total: ReadonlySignal<number | null>;
  /** True while a query runs (a new count is on its way). */
  counting: ReadonlySignal<boolean>;
  /** Bumps whenever rows arrive, so views that read rowAt re-render. */
  revision: ReadonlySignal<number>;
  /** The row at a position of the current result, when fetched. */
  rowAt(position: number): TableRow | undefined;
  /** The rows a view shows (end exclusive); missing blocks are fetched. */
  showRange(from: number, to: number): void;
  setScope(scope: 'audience' | number): void;
  setOutcomes(outcomes: readonly Outcome[]): void;
  setSegment(segment: number | null): void;
  setSearch(text: string): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortBy(key: SortKey): void;
  /** Replaces the whole filter at once (e.g. "list these people" from the count explanation). */
  show(filter: Partial<RecipientsFilter>): void;
  /** Runs the query again: the open snapshot or its options changed. */
  refresh(): void;
  /** Forgets everything (the snapshot was closed). */
  reset(): void;
}

export const BLOCK_SIZE = 100;
/** Blocks kept in memory; the farthest from the visible range go first. */
const MAX_BLOCKS = 40;

export const DEFAULT_FILTER: RecipientsFilter = {
  scope: 'audience',
  outcomes: [],
  segment: null,
  search: '',
  sort: { key: 'walk', descending: false },
};

export function createRecipientsState(deps: RecipientsStateDeps): RecipientsState {
  const delay = deps.searchDelayMs ?? 250;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  const filter = signal<RecipientsFilter>(DEFAULT_FILTER);
  const searchText = signal('');
  const total = signal<number | null>(null);
  const counting = signal(false);
  const revision = signal(0);

  let generation = 0;
  let blocks = new Map<number, TableRow[]>();
  let queryRunning = false;
  let queryWanted = false;
  let pageRunning = false;
  let wanted = { from: 0, to: 0 };
  let searchTimer: unknown = null;
  let active = false;

  const toQuery = (value: RecipientsFilter): RowQuery => ({
    scope: value.scope,
    ...(value.outcomes.length > 0 ? { outcomes: value.outcomes } : {}),
    ...(value.segment === null ? {} : { segment: value.segment }),
    ...(value.search.trim() === '' ? {} : { search: value.search }),
    sort: value.sort,
  });

  const runQuery = async () => {
    if (queryRunning) {
      queryWanted = true;
      return;
    }
    queryRunning = true;
    counting.value = true;
    try {
      do {
        queryWanted = false;
        generation++;
        const mine = generation;
        blocks = new Map();
        try {
          const answer = await deps.call('query', { query: toQuery(filter.value), limit: BLOCK_SIZE });
          if (mine !== generation || queryWanted) continue;
          batch(() => {
            blocks.set(0, answer.rows);
            total.value = answer.total;
            revision.value++;
          });
        } catch (error) {
          if (!queryWanted) deps.fail(error);
        }
      } while (queryWanted && active);
    } finally {
      queryRunning = false;
      counting.value = false;
    }
    void fetchWanted();
  };

  const missingBlock = (): number | null => {
    const count = total.value ?? 0;
    const last = Math.min(wanted.to, count) - 1;
    for (let block = Math.floor(wanted.from / BLOCK_SIZE); block * BLOCK_SIZE <= last; block++) {
      if (!blocks.has(block)) return block;
    }
    return null;
  };

  const evict = () => {
    if (blocks.size <= MAX_BLOCKS) return;
    const centre = Math.floor(wanted.from / BLOCK_SIZE);
    const far = [...blocks.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const block of far.slice(0, blocks.size - MAX_BLOCKS)) blocks.delete(block);
  };

  const fetchWanted = async () => {
    if (pageRunning || queryRunning) return;
    pageRunning = true;
    try {
      for (let block = missingBlock(); block !== null && !queryRunning; block = missingBlock()) {
        const mine = generation;
        const rows = await deps.call('page', { offset: block * BLOCK_SIZE, limit: BLOCK_SIZE });
        if (mine !== generation) continue;
        blocks.set(block, rows);
        evict();
        revision.value++;
      }
    } catch (error) {
      deps.fail(error);
    } finally {
      pageRunning = false;
    }
  };

  const change = (next: Partial<RecipientsFilter>) => {
    filter.value = { ...filter.value, ...next };
    active = true;
    wanted = { from: 0, to: wanted.to - wanted.from };
    void runQuery();
  };

  const cancelSearch = () => {
    if (searchTimer !== null) clearTimer(searchTimer);
    searchTimer = null;
  };

  return {
    filter,
    searchText,
    total,
    counting,
    revision,
    rowAt(position) {
      return blocks.get(Math.floor(position / BLOCK_SIZE))?.[position % BLOCK_SIZE];
    },
    showRange(from, to) {
      wanted = { from: Math.max(0, from), to: Math.max(from, to) };
      void fetchWanted();
    },
    setScope(scope) {
      // A group's own segment filter makes no sense once the scope is that group: keep it simple.
      change({ scope });
    },
    setOutcomes(outcomes) {
      change({ outcomes });
    },
    setSegment(segment) {
      change({ segment });
    },
    setSearch(text) {
      searchText.value = text;
      cancelSearch();
      searchTimer = setTimer(() => {
        searchTimer = null;
        if (text !== filter.value.search) change({ search: text });
      }, delay);
    },
    sortBy(key) {
      const current = filter.value.sort;
      change({ sort: { key, descending: current.key === key ? !current.descending : false } });
    },
    show(next) {
      cancelSearch();
      const merged = { ...DEFAULT_FILTER, ...next };
      searchText.value = merged.search;
      filter.value = merged;
      active = true;
      wanted = { from: 0, to: wanted.to - wanted.from };
      void runQuery();
    },
    refresh() {
      active = true;
      void runQuery();
    },
    reset() {
      cancelSearch();
      active = false;
      generation++;
      blocks = new Map();
      batch(() => {
        filter.value = DEFAULT_FILTER;
        searchText.value = '';
        total.value = null;
        revision.value++;
      });
    },
  };
}
