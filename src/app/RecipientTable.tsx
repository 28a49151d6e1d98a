// The recipient table, virtualized: rows have a fixed height, the body is one tall box, and only
// the rows in view (plus a few either side) are in the DOM, fetched from the worker a block at a
// time. Nothing here grows with the row count, so 200,000 rows scroll like 200. For screen
// readers it is a real table with aria-rowcount and each row's aria-rowindex (CSS lays the rows
// out as grids at fixed offsets); the scroll box is focusable, so arrow keys, Page Up/Down and
// Home/End scroll it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TableRow } from '../core/row-query.ts';
import type { RecipientsState, SortKey } from '../state/recipients-state.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS } from './outcomes.ts';

/** Rows drawn above and below the visible ones, so fast scrolling shows rows, not gaps. */
export const OVERSCAN = 8;
const TYPE_WORDS: Record<TableRow['type'], string> = {
  user: 'User',
  group: 'Group',
  orgContact: 'Contact',
  device: 'Device',
  servicePrincipal: 'App',
  other: 'Other',
};

const COLUMNS: ReadonlyArray<{ key: SortKey | null; label: string; className: string }> = [
  { key: 'walk', label: '#', className: 'c-order num' },
  { key: 'name', label: 'Name', className: 'c-name' },
  { key: 'email', label: 'Email address', className: 'c-email' },
  { key: 'type', label: 'Type', className: 'c-type' },
  { key: 'outcome', label: 'Outcome', className: 'c-outcome' },
  { key: null, label: 'Reached via', className: 'c-via' },
];

export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  return { first, last: Math.max(first, last) };
}

function Row({
  row,
  position,
  rowHeight,
}: {
  row: TableRow | undefined;
  position: number;
  rowHeight: number;
}) {
  const style = { transform: `translateY(${position * rowHeight}px)`, height: `${rowHeight}px` };
  if (row === undefined)
    return (
      <tr class="vt-row vt-loading" aria-rowindex={position + 2} style={style}>
        <td class="c-order num">{formatCount(position + 1)}</td>
        <td class="c-name muted" colSpan={5}>
          Loading…
        </td>
      </tr>
    );
  const words = OUTCOME_WORDS[row.outcome];
  const via = row.via.join(' › ');
  return (
    <tr class="vt-row" aria-rowindex={position + 2} style={style}>
      <td class="c-order num">{formatCount(row.order)}</td>
      <td class="c-name" title={row.name}>
        {row.name || <span class="muted">(no name)</span>}
      </td>
      <td class="c-email" title={row.email}>
        {row.email || <span class="muted">none</span>}
      </td>
      <td class="c-type">{TYPE_WORDS[row.type]}</td>
      <td class={`c-outcome tone-${words.tone}`}>
        <span aria-hidden="true">{words.icon} </span>
        {words.short}
      </td>
      <td class="c-via" title={via}>
        {via}
      </td>
    </tr>
  );
}

export function RecipientTable({
  state,
  rowHeight,
  label,
}: {
  state: RecipientsState;
  rowHeight: number;
  /** What the table holds, for screen readers ("Audience: recipients"). */
  label: string;
}) {
  const scroller = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const frame = useRef<number | null>(null);
  const total = state.total.value ?? 0;
  const filter = state.filter.value;
  state.revision.value; // re-render when rows arrive

  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const measure = () => setViewport(box.clientHeight || 480);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // A new query starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [filter]);

  const { first, last } = visibleRange(scrollTop, viewport, rowHeight, total);
  useEffect(() => state.showRange(first, last), [state, first, last]);

  const onScroll = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setScrollTop(scroller.current?.scrollTop ?? 0);
    });
  };

  const rows = [];
  for (let position = first; position < last; position++)
    rows.push(<Row key={position} row={state.rowAt(position)} position={position} rowHeight={rowHeight} />);

  return (
    <section
      class="vt-scroll"
      ref={scroller}
      onScroll={onScroll}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
      tabIndex={0}
      aria-label={`${label}, scrollable`}
    >
      <table class="vt-table" aria-rowcount={total + 1} aria-busy={state.counting.value}>
        <caption class="visually-hidden">{label}</caption>
        <thead class="vt-head">
          <tr class="vt-row vt-header" aria-rowindex={1}>
            {COLUMNS.map((column) => {
              const sorted = column.key !== null && filter.sort.key === column.key;
              return (
                <th
                  scope="col"
                  key={column.label}
                  class={column.className}
                  aria-sort={sorted ? (filter.sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {column.key === null ? (
                    column.label
                  ) : (
                    <button
                      type="button"
                      class="sort-button"
                      onClick={() => state.sortBy(column.key as SortKey)}
                    >
                      {column.label}
                      <span aria-hidden="true" class="sort-mark">
                        {sorted ? (filter.sort.descending ? ' ▼' : ' ▲') : ''}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody class="vt-body" style={{ height: `${total * rowHeight}px` }}>
          {rows}
        </tbody>
      </table>
    </section>
  );
}
