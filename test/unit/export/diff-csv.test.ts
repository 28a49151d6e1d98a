// The comparison's CSV (issue 15, item 7): Change,Name,Email,Id,Why,Groups, joiners then leavers,
// the groups each moves in, and no cell that a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { diffSnapshots, type SnapshotDiff } from '../../../src/core/diff.ts';
import { parseCsv } from '../../../src/export/csv.ts';
import { diffCsvName, diffCsvOf } from '../../../src/export/diff-csv.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

function diffOf(): SnapshotDiff {
  const older = {
    ...snapshotOf({
      members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
      selected: ['g1', 'g2'],
    }),
    capturedAt: '2026-11-19T06:00:00Z',
  };
  const newer = {
    ...snapshotOf({
      members: {
        g1: [user('a', { accountEnabled: false }), user('b'), groupRef('g2')],
        g2: [user('c'), user('d', { displayName: '=HYPERLINK("https://x.example","y")' })],
      },
      selected: ['g1', 'g2'],
    }),
    capturedAt: '2026-11-26T06:00:00Z',
  };
  const result = diffSnapshots(older, newer);
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.data;
}

describe('diffCsvOf', () => {
  it('lists joiners then leavers with why and the groups they move in, formula-safe', () => {
    const rows = parseCsv(diffCsvOf(diffOf()));
    expect(rows[0]).toEqual(['Change', 'Name', 'Email', 'Id', 'Why', 'Groups']);
    expect(rows.slice(1)).toEqual([
      [
        'join',
        `'=HYPERLINK("https://x.example","y")`,
        'd@contoso.example',
        'd',
        'joined-group',
        'Group g1; Group g2',
      ],
      ['leave', 'User a', 'a@contoso.example', 'a', 'disabled', 'Group g1'],
    ]);
  });

  it('names the file by the two capture dates only', () => {
    expect(diffCsvName(diffOf())).toBe('changes-2026-11-19-to-2026-11-26.csv');
  });
});
