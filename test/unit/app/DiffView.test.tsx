// @vitest-environment happy-dom
// The comparison as rendered (issue 15, item 7): no "+0"/"−0", a Why for joiners as for leavers,
// and the note about "Left the group" only when someone did leave that way.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DiffView } from '../../../src/app/DiffView.tsx';
import { diffSnapshots } from '../../../src/core/diff.ts';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import type { LibraryState, OpenDiff } from '../../../src/state/library-state.ts';
import type { SnapshotMeta } from '../../../src/storage/schema.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

function mount(older: Snapshot, newer: Snapshot): HTMLElement {
  const result = diffSnapshots(older, newer);
  if (!result.ok) throw new Error(result.errors[0]?.message);
  const meta = (id: string, at: string) => ({ id, name: id, capturedAt: at }) as unknown as SnapshotMeta;
  const open: OpenDiff = {
    older: meta('o', older.capturedAt),
    newer: meta('n', newer.capturedAt),
    diff: result.data,
  };
  const library = {
    diff: signal(open),
    closeDiff: () => {},
    downloadDiff: async () => {},
  } as unknown as LibraryState;
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(<DiffView library={library} />, root));
  return root;
}

const at = (snapshot: Snapshot, capturedAt: string): Snapshot => ({ ...snapshot, capturedAt });

describe('DiffView', () => {
  it('shows a plain 0, a Why for joiners, and no "Left the group" note when nobody left that way', () => {
    const older = at(
      snapshotOf({ members: { g1: [user('a', { accountEnabled: false }), user('b')] }, selected: ['g1'] }),
      '2026-11-19T06:00:00Z',
    );
    const newer = at(
      snapshotOf({ members: { g1: [user('a'), user('b')] }, selected: ['g1'] }),
      '2026-11-26T06:00:00Z',
    );
    const root = mount(older, newer);
    const totals = [...root.querySelectorAll('.diff-totals dd')].map((dd) => dd.textContent);
    expect(totals).toEqual(['1', '+1', '0', '2']);
    expect(root.textContent).not.toMatch(/[+−]0\b/);
    const joining = root.querySelector('[aria-label="Join the audience"]');
    expect(joining?.querySelector('thead')?.textContent).toContain('Why');
    expect(joining?.textContent).toContain('Enabled again');
    expect(root.textContent).not.toContain('also covers someone deleted');
  });

  it('keeps the note when someone left the group', () => {
    const older = at(
      snapshotOf({
        members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
        selected: ['g1'],
      }),
      '2026-11-19T06:00:00Z',
    );
    const newer = at(
      snapshotOf({ members: { g1: [user('a'), user('b')] }, selected: ['g1'] }),
      '2026-11-26T06:00:00Z',
    );
    expect(mount(older, newer).textContent).toContain('also covers someone deleted');
  });
});
