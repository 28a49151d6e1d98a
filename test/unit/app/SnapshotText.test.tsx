// @vitest-environment happy-dom
// The page's sink for snapshot text (issue #10, items 3 and 6): isolated in <bdi>, capped at 256
// characters with the full length said, and an address shows its bidi and invisible characters.
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { RecipientTable } from '../../../src/app/RecipientTable.tsx';
import { plainText, SnapshotText } from '../../../src/app/SnapshotText.tsx';
import { shortText } from '../../../src/core/display-text.ts';
import type { TableRow } from '../../../src/core/row-query.ts';
import { DEFAULT_FILTER, type RecipientsState } from '../../../src/state/recipients-state.ts';
import { mount } from '../../support/mount.tsx';

const HUGE = 'W'.repeat(1024 * 1024);

describe('SnapshotText', () => {
  it('isolates a name and keeps its letters as they are', () => {
    const root = mount(<SnapshotText value={'\u202emoc.live@nimda'} />);
    const bdi = root.querySelector('bdi');
    expect(bdi?.textContent).toBe('\u202emoc.live@nimda');
  });

  it('shows an address with its bidi and invisible characters as escapes', () => {
    const root = mount(<SnapshotText value={'admin\u202e@contoso.example\u202c\u200b'} address />);
    expect(root.textContent).toBe('admin\\u202e@contoso.example\\u202c\\u200b');
  });

  it('caps a 1 MB name at 256 characters and says how long it was', () => {
    const root = mount(<SnapshotText value={HUGE} />);
    expect(root.textContent).toBe(`${'W'.repeat(256)}… (${(1024 * 1024).toLocaleString()} characters)`);
  });

  it('keeps the real length of a name the core already shortened (a path hop), not the shortened one', () => {
    const root = mount(<SnapshotText value={shortText(HUGE)} />);
    expect(root.textContent).toBe(`${'W'.repeat(256)}… (1,048,576 characters)`);
    expect(root.querySelector('.snapshot-cut')?.textContent).toBe('… (1,048,576 characters)');
  });

  it('gives attributes an isolated, capped, escaped string', () => {
    expect(plainText('a\u202eb')).toBe('\u2068a\\u202eb\u2069');
    expect(plainText(HUGE).length).toBeLessThan(300);
  });
});

describe('recipient table with hostile rows', () => {
  it('never puts a huge name or a raw override into a cell or its title', () => {
    const row: TableRow = {
      order: 1,
      id: 'x',
      type: 'user',
      name: HUGE,
      email: '\u202emoc.live@nimda',
      outcome: 'recipient',
      via: [HUGE.slice(0, 300), 'Team'],
      segments: [],
      keptBy: null,
    };
    const state = {
      filter: signal(DEFAULT_FILTER),
      searchText: signal(''),
      total: signal<number | null>(1),
      counting: signal(false),
      revision: signal(0),
      rowAt: (position: number) => (position === 0 ? row : undefined),
      showRange: () => {},
      sortBy: () => {},
    } as unknown as RecipientsState;
    const root = mount(<RecipientTable state={state} rowHeight={36} label="Audience" />);
    const cells = [...root.querySelectorAll('tbody tr td')];
    expect(cells.length).toBeGreaterThan(3);
    for (const cell of cells) {
      expect(cell.textContent?.length ?? 0).toBeLessThan(700);
      expect(cell.getAttribute('title')?.length ?? 0).toBeLessThan(700);
    }
    const email = root.querySelector('tbody .c-email');
    expect(email?.textContent).toBe('\\u202emoc.live@nimda');
    expect(email?.querySelector('bdi')).not.toBeNull();
    expect(root.querySelector('tbody .c-name bdi')).not.toBeNull();
  });
});
