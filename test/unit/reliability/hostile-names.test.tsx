// @vitest-environment happy-dom
// Names from a tenant are data, never markup (issue 7, item 2): display names, addresses and group
// names that are XSS payloads render as text in the group counts table and the recipient table,
// and no element, attribute handler or script is added to the document.
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { GroupCountsTable } from '../../../src/app/GroupCountsTable.tsx';
import { RecipientTable } from '../../../src/app/RecipientTable.tsx';
import { computePreview } from '../../../src/core/preview.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import type { TableRow } from '../../../src/core/row-query.ts';
import { DEFAULT_FILTER, type RecipientsState } from '../../../src/state/recipients-state.ts';
import { mount } from '../../support/mount.tsx';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '<iframe src="https://evil.example"></iframe>',
];

/** No element a payload could have made, no inline handler, and every payload present as text. */
function expectInert(root: HTMLElement, texts: readonly string[]): void {
  expect(root.querySelectorAll('img, script, svg, iframe, object, embed')).toHaveLength(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/i);
    if (element instanceof HTMLAnchorElement) expect(element.href).not.toMatch(/^javascript:/i);
  }
  for (const text of texts) expect(root.textContent).toContain(text);
}

describe('hostile names render as text', () => {
  it('in the group counts table', () => {
    const members = Object.fromEntries(
      PAYLOADS.map((payload, i) => [`g${i}`, [user(`u${i}`, { displayName: payload })]]),
    );
    const snapshot = snapshotOf({ members, selected: Object.keys(members) });
    snapshot.objects = snapshot.objects.map((object) =>
      object.id.startsWith('g')
        ? { ...object, displayName: PAYLOADS[Number(object.id.slice(1))] ?? null }
        : object,
    );
    const root = mount(<GroupCountsTable summary={summarizePreview(computePreview(snapshot))} />);
    expectInert(root, PAYLOADS);
  });

  it('in the recipient table: names, addresses and the path they came by', () => {
    const rows: TableRow[] = PAYLOADS.map((payload, i) => ({
      order: i + 1,
      id: `id-${i}`,
      type: 'user',
      name: payload,
      email: `${payload}@contoso.example`,
      outcome: 'recipient',
      via: [payload, 'All Staff'],
      segments: [],
      keptBy: null,
    }));
    const state = {
      filter: signal(DEFAULT_FILTER),
      searchText: signal(''),
      total: signal<number | null>(rows.length),
      counting: signal(false),
      revision: signal(0),
      rowAt: (position: number) => rows[position],
      showRange: () => undefined,
      sortBy: () => undefined,
    } as unknown as RecipientsState;
    const root = mount(<RecipientTable state={state} rowHeight={36} label="Audience" />);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(PAYLOADS.length);
    expectInert(root, PAYLOADS);
  });
});
