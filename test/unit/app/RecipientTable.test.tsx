// @vitest-environment happy-dom
// The virtualized table holds only the rows in view: for a 10,000-row result the DOM has a
// window of rows (not 10,000), each with its true aria-rowindex, and scrolling moves the window.
import { signal } from '@preact/signals';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { OVERSCAN, RecipientTable, visibleRange } from '../../../src/app/RecipientTable.tsx';
import type { TableRow } from '../../../src/core/row-query.ts';
import { DEFAULT_FILTER, type RecipientsState } from '../../../src/state/recipients-state.ts';
import { mount } from '../../support/mount.tsx';
import { until } from '../../support/wait.ts';

const TOTAL = 10_000;
const ROW_HEIGHT = 36;

/** A stand-in state: every row "fetched", and a record of the ranges the table asked for. */
function fakeState(total = TOTAL) {
  const ranges: Array<[number, number]> = [];
  const sorts: string[] = [];
  const filter = signal(DEFAULT_FILTER);
  const row = (position: number): TableRow => ({
    order: position + 1,
    id: `id-${position}`,
    type: 'user',
    name: `Person ${position}`,
    email: `p${position}@contoso.example`,
    outcome: position % 7 === 0 ? 'disabled' : 'recipient',
    via: ['All Staff', 'Engineering', `Person ${position}`],
    segments: [],
    keptBy: null,
  });
  const state = {
    filter,
    searchText: signal(''),
    total: signal<number | null>(total),
    counting: signal(false),
    revision: signal(0),
    rowAt: (position: number) => (position < total ? row(position) : undefined),
    showRange: (from: number, to: number) => void ranges.push([from, to]),
    sortBy: (key: string) => {
      sorts.push(key);
      filter.value = { ...filter.value, sort: { key: key as never, descending: false } };
    },
  } as unknown as RecipientsState;
  return { state, ranges, sorts };
}

function mountTable(state: RecipientsState): HTMLElement {
  return mount(<RecipientTable state={state} rowHeight={ROW_HEIGHT} label="Audience: everything reached" />);
}

describe('RecipientTable', () => {
  it.each([
    { description: 'top', input: [0, 480, 10_000], expected: { first: 0, last: 14 + OVERSCAN } },
    {
      description: 'middle',
      input: [36_000, 480, 10_000],
      expected: { first: 1000 - OVERSCAN, last: 1014 + OVERSCAN },
    },
    { description: 'end', input: [359_600, 480, 10_000], expected: { first: 9988 - OVERSCAN, last: 10_000 } },
    { description: 'empty', input: [0, 480, 0], expected: { first: 0, last: 0 } },
  ])('visible range: $description', ({ input, expected }) => {
    const [scrollTop, viewport, total] = input as [number, number, number];
    expect(visibleRange(scrollTop, viewport, ROW_HEIGHT, total)).toEqual(expected);
  });

  it('renders only about a screenful of 10,000 rows, with the full count for screen readers', () => {
    const { state, ranges } = fakeState();
    const root = mountTable(state);
    const table = root.querySelector('table') as HTMLTableElement;
    const body = root.querySelectorAll('tbody tr');
    expect(table.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(body.length).toBeGreaterThan(5);
    expect(body.length).toBeLessThanOrEqual(Math.ceil(480 / ROW_HEIGHT) + 2 * OVERSCAN);
    expect(body[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect((root.querySelector('tbody') as HTMLElement).style.height).toBe(`${TOTAL * ROW_HEIGHT}px`);
    expect(ranges.at(-1)?.[0]).toBe(0);
    // An excluded row says its reason in words and the path it was reached by.
    const first = body[0] as HTMLElement;
    expect(first.textContent).toContain('Disabled');
    expect(first.textContent).toContain('All Staff › Engineering › Person 0');
  });

  it('moves the window when scrolled, and asks the state for those rows', async () => {
    const { state, ranges } = fakeState();
    const root = mountTable(state);
    const scroller = root.querySelector('.vt-scroll') as HTMLElement;
    scroller.scrollTop = 5_000 * ROW_HEIGHT;
    act(() => void scroller.dispatchEvent(new Event('scroll')));
    // The table reads the scroll position on the next animation frame, then asks for the rows.
    await until(() => expect(ranges.at(-1)?.[0]).toBe(5_000 - OVERSCAN));
    const rows = [...root.querySelectorAll('tbody tr')];
    const indexes = rows.map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(480 / ROW_HEIGHT) + 2 * OVERSCAN);
    expect(Math.min(...indexes)).toBe(5_000 - OVERSCAN + 2);
    expect(rows[OVERSCAN]?.textContent).toContain('Person 5000');
    expect(ranges.at(-1)).toEqual([5_000 - OVERSCAN, 5_000 + Math.ceil(480 / ROW_HEIGHT) + OVERSCAN]);
  });

  it('sorts from the column headers and marks the sorted column with aria-sort', () => {
    const { state, sorts } = fakeState(50);
    const root = mountTable(state);
    const header = (name: string) =>
      [...root.querySelectorAll('th')].find((th) => th.textContent?.startsWith(name)) as HTMLElement;
    expect(header('#').getAttribute('aria-sort')).toBe('ascending');
    act(() => (header('Name').querySelector('button') as HTMLButtonElement).click());
    expect(sorts).toEqual(['name']);
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(header('#').hasAttribute('aria-sort')).toBe(false);
  });

  it('the scroll box takes keyboard focus and is named', () => {
    const { state } = fakeState(3);
    const scroller = mountTable(state).querySelector('.vt-scroll') as HTMLElement;
    expect(scroller.tabIndex).toBe(0);
    expect(scroller.getAttribute('aria-label')).toBe('Audience: everything reached, scrollable');
  });
});

describe('row content (issue 15, item 8)', () => {
  it('flags a recipient whose name the upload CSV guards, and says "(no address)" rather than "none"', () => {
    const { state } = fakeState(3);
    const rows: TableRow[] = [
      {
        order: 1,
        id: 'a',
        type: 'user',
        name: '-Temp Worker 07',
        email: 't@contoso.example',
        outcome: 'recipient',
        via: ['All Staff'],
        segments: [],
        keptBy: null,
      },
      {
        order: 2,
        id: 'b',
        type: 'user',
        name: 'Plain Name',
        email: 'p@contoso.example',
        outcome: 'recipient',
        via: ['All Staff'],
        segments: [],
        keptBy: null,
      },
      {
        order: 3,
        id: 'c',
        type: 'user',
        name: 'No Mail',
        email: '',
        outcome: 'no-email',
        via: ['All Staff'],
        segments: [],
        keptBy: null,
      },
    ];
    (state as unknown as { rowAt: (position: number) => TableRow | undefined }).rowAt = (position) =>
      rows[position];
    const root = mountTable(state);
    const names = [...root.querySelectorAll('tbody .c-name')];
    expect(names[0]?.querySelector('.name-guarded')?.textContent).toMatch(/apostrophe/);
    expect(names[1]?.querySelector('.name-guarded')).toBeNull();
    const emails = [...root.querySelectorAll('tbody .c-email')].map((cell) => cell.textContent);
    expect(emails[2]).toBe('(no address)');
    expect(root.textContent).not.toMatch(/\bnone\b/);
  });

  it('a duplicate’s detail names who keeps the address and lists only them on request', () => {
    const { state } = fakeState(2);
    const shown: unknown[] = [];
    const keeper: TableRow = {
      order: 1,
      id: 'ada',
      type: 'user',
      name: 'Ada',
      email: 'shared@contoso.example',
      outcome: 'recipient',
      via: ['All Staff', 'Ada'],
      segments: [],
      keptBy: null,
    };
    const duplicate: TableRow = {
      ...keeper,
      order: 2,
      id: 'bob',
      name: 'Bob',
      outcome: 'duplicate-email',
      via: ['All Staff', 'Bob'],
      keptBy: { order: 1, id: 'ada', name: 'Ada', email: 'shared@contoso.example' },
    };
    Object.assign(state, {
      rowAt: (position: number) => [keeper, duplicate][position],
      show: (filter: unknown) => void shown.push(filter),
    });
    const root = mountTable(state);
    const open = root.querySelectorAll<HTMLButtonElement>('tbody .row-open');
    act(() => open[1]?.click());
    const dialog = document.querySelector('dialog.row-detail');
    expect(dialog?.textContent).toMatch(/Address kept byAda, number 1 in the walk, who gets the messages/);
    act(() => dialog?.querySelector<HTMLButtonElement>('.button-link')?.click());
    expect(shown).toEqual([{ scope: 'audience', outcomes: ['recipient'], search: 'shared@contoso.example' }]);
    expect(document.querySelector('dialog.row-detail')).toBeNull();
  });
});
