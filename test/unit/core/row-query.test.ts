// The recipient table's rows (issue 15, item 8): a duplicate-email row names the recipient of the
// same scope who keeps the address, so the admin can go to them; in a group synced alone the
// keeper is that group's own first holder.
import { describe, expect, it } from 'vitest';
import { computePreview } from '../../../src/core/preview.ts';
import { createRowTable } from '../../../src/core/row-query.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const snapshot = snapshotOf({
  members: {
    g1: [
      user('ada', { displayName: 'Ada', mail: 'shared@contoso.example' }),
      user('bob', { displayName: 'Bob', mail: 'Shared@Contoso.example' }),
      groupRef('g2'),
    ],
    g2: [
      user('cy', { displayName: 'Cy', mail: 'shared@contoso.example' }),
      user('dee', { displayName: 'Dee' }),
    ],
  },
  selected: ['g1', 'g2'],
});

function rowsOf(scope: 'audience' | number) {
  const table = createRowTable(computePreview(snapshot));
  const total = table.select({ scope });
  return table.page(0, total);
}

describe('row query: who keeps a duplicate address', () => {
  it('in the audience, every later holder of the address points to the first recipient', () => {
    const rows = rowsOf('audience');
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId.ada?.outcome).toBe('recipient');
    expect(byId.ada?.keptBy).toBeNull();
    for (const id of ['bob', 'cy']) {
      expect(byId[id]?.outcome).toBe('duplicate-email');
      expect(byId[id]?.keptBy).toEqual({
        order: byId.ada?.order,
        id: 'ada',
        name: 'Ada',
        email: 'shared@contoso.example',
      });
    }
    expect(byId.dee?.keptBy).toBeNull();
  });

  it('in a group synced alone, the keeper is that group’s own first holder', () => {
    const rows = rowsOf(1);
    const cy = rows.find((row) => row.id === 'cy');
    expect(cy?.outcome).toBe('recipient');
    expect(cy?.keptBy).toBeNull();
  });
});
