// The recipient table, virtualized: rows have a fixed height, the body is one tall box, and only
// the rows in view (plus a few either side) are in the DOM, fetched from the worker a block at a
// time. Nothing here grows with the row count, so 200,000 rows scroll like 200. For screen
// readers it is a real table with aria-rowcount and each row's aria-rowindex (CSS lays the rows
// out as grids at fixed offsets). Wide, the table scrolls in its own focusable box (arrow keys,
// Page Up/Down, Home/End); narrow (≤ 720 px, which includes 200 % zoom) each row is a card and
// the table scrolls with the page, so there is one scroll, not a small box inside the page.
// Every column is in every layout, header and cells alike, so each cell keeps its header.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TableRow } from '../core/row-query.ts';
import { startsWithFormulaTrigger } from '../export/formula-guard.ts';
import type { RecipientsState, SortKey } from '../state/recipients-state.ts';
import { RECIPIENT_TABLE_ID } from './focus-targets.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS, TYPE_WORDS } from './outcomes.ts';
import { RecipientDetail } from './RecipientDetail.tsx';
import { plainText, SnapshotText } from './SnapshotText.tsx';

/** Why a recipient's name is flagged: the upload CSV's formula guard changes it. */
export const GUARDED =
  'starts with =, +, -, @ or a tab: the upload CSV puts an apostrophe before it, and the product shows that apostrophe';

/** Rows drawn above and below the visible ones, so fast scrolling shows rows, not gaps. */
export const OVERSCAN = 8;

export const COLUMNS: ReadonlyArray<{ key: SortKey | null; label: string; className: string }> = [
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
  onDetail,
}: {
  row: TableRow | undefined;
  position: number;
  rowHeight: number;
  onDetail: (row: TableRow) => void;
}) {
  // The height as a variable, so a focused row can grow past it (recipients.css).
  const style = { transform: `translateY(${position * rowHeight}px)`, '--row-h': `${rowHeight}px` };
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
  const guarded = row.outcome === 'recipient' && startsWithFormulaTrigger(row.name);
  const viaTitle = row.via.map(plainText).join(' › ');
  return (
    <tr class="vt-row" aria-rowindex={position + 2} style={style}>
      <td class="c-order num">{formatCount(row.order)}</td>
      <td class="c-name" title={plainText(row.name)}>
        {/* The name opens the whole row, unshortened; focusing it already shows the row in full. */}
        <button type="button" class="row-open" aria-haspopup="dialog" onClick={() => onDetail(row)}>
          {row.name ? <SnapshotText value={row.name} /> : <span class="muted">(no name)</span>}
        </button>
        {guarded && (
          <span class="name-guarded" title={GUARDED}>
            <span aria-hidden="true"> ⚠</span>
            <span class="visually-hidden"> ({GUARDED})</span>
          </span>
        )}
      </td>
      <td class="c-email" title={plainText(row.email)}>
        {row.email ? <SnapshotText value={row.email} address /> : <span class="muted">(no address)</span>}
      </td>
      <td class="c-type">{TYPE_WORDS[row.type]}</td>
      <td class={`c-outcome tone-${words.tone}`}>
        <span aria-hidden="true">{words.icon} </span>
        {words.short}
      </td>
      <td class="c-via" title={viaTitle}>
        {/* Hops are capped in the core (long paths shortened, names at 256 characters), each isolated. */}
        {row.via.map((hop, i) => (
          <span key={String(i)}>
            {i > 0 && ' › '}
            <SnapshotText value={hop} />
          </span>
        ))}
      </td>
    </tr>
  );
}

export function RecipientTable({
  state,
  rowHeight,
  label,
  pageScroll = false,
}: {
  state: RecipientsState;
  rowHeight: number;
  /** What the table holds, for screen readers ("Audience: recipients"). */
  label: string;
  /** Scroll with the page (narrow screens) instead of in a box of its own. */
  pageScroll?: boolean;
}) {
  const scroller = useRef<HTMLElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const [detail, setDetail] = useState<{ row: TableRow; from: HTMLElement | null } | null>(null);
  const frame = useRef<number | null>(null);
  const total = state.total.value ?? 0;
  const filter = state.filter.value;
  state.revision.value; // re-render when rows arrive

  /** How far the rows' top has scrolled out of view, and how tall the view is. */
  const measure = () => {
    if (pageScroll) {
      const top = body.current?.getBoundingClientRect().top ?? 0;
      setScrollTop(Math.max(0, -top));
      setViewport(window.innerHeight || 480);
    } else {
      setScrollTop(scroller.current?.scrollTop ?? 0);
      setViewport(scroller.current?.clientHeight || 480);
    }
  };
  const onScroll = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      measure();
    });
  };

  // The first measure waits for the browser's own layout (the next frame, or the observer's first
  // call): measuring here would force a layout of the whole report inside the click that opened
  // the tab, the longest main-thread task at L. Until then the rows of a 480 px view are drawn.
  useLayoutEffect(() => {
    if (pageScroll) {
      onScroll();
      window.addEventListener('scroll', onScroll, { passive: true });
      window.addEventListener('resize', onScroll);
      return () => {
        window.removeEventListener('scroll', onScroll);
        window.removeEventListener('resize', onScroll);
      };
    }
    const box = scroller.current;
    if (!box || typeof ResizeObserver === 'undefined') {
      measure();
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [pageScroll]);

  // A new query starts at the top.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    if (!pageScroll) {
      box.scrollTop = 0;
      setScrollTop(0);
    } else if (box.getBoundingClientRect().top < 0) box.scrollIntoView();
  }, [filter]);

  const { first, last } = visibleRange(scrollTop, viewport, rowHeight, total);
  useEffect(() => state.showRange(first, last), [state, first, last]);

  const openDetail = (row: TableRow) =>
    setDetail({ row, from: document.activeElement instanceof HTMLElement ? document.activeElement : null });
  const closeDetail = () => {
    const from = detail?.from;
    setDetail(null);
    // The button that opened it may have scrolled out of the DOM meanwhile: then the table.
    if (from?.isConnected) from.focus();
    else scroller.current?.focus();
  };

  const rows = [];
  for (let position = first; position < last; position++)
    rows.push(
      <Row
        key={position}
        row={state.rowAt(position)}
        position={position}
        rowHeight={rowHeight}
        onDetail={openDetail}
      />,
    );

  const table = (
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
      <tbody class="vt-body" ref={body} style={{ height: `${total * rowHeight}px` }}>
        {rows}
      </tbody>
    </table>
  );

  return (
    <>
      {pageScroll ? (
        <section
          class="vt-scroll vt-page"
          id={RECIPIENT_TABLE_ID}
          ref={scroller}
          aria-label={label}
          tabIndex={-1}
        >
          {table}
        </section>
      ) : (
        <section
          class="vt-scroll"
          id={RECIPIENT_TABLE_ID}
          ref={scroller}
          onScroll={onScroll}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
          tabIndex={0}
          aria-label={`${label}, scrollable`}
        >
          {table}
        </section>
      )}
      {detail && (
        <RecipientDetail
          row={detail.row}
          onClose={closeDetail}
          onShowPerson={(person) => {
            setDetail(null);
            // Only that recipient, by their address, in the same scope; focus on the list.
            state.show({ scope: filter.scope, outcomes: ['recipient'], search: person.email });
            scroller.current?.focus();
          }}
        />
      )}
    </>
  );
}
