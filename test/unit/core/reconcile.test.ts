import { describe, expect, it } from 'vitest';
import { audienceListOf } from '../../../src/core/audience-list.ts';
import { computePreview, type PreviewOptions } from '../../../src/core/preview.ts';
import { listAgrees, type ReconcileScope, reconcile } from '../../../src/core/reconcile.ts';
import { differenceRows, summarizeReconciliation } from '../../../src/core/reconcile-summary.ts';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import { contact, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

// g1 holds a, b (disabled), nested g2 and a contact c (contacts off); g2 holds d and e, where e
// shares a's address (duplicate-email in the audience). g3 is read but not selected; x sits there.
const base = snapshotOf({
  members: {
    g1: [
      user('a'),
      user('b', { accountEnabled: false }),
      groupRef('g2'),
      contact('c'),
      user('n', { mail: null, userPrincipalName: 'n.upn@contoso.example' }),
    ],
    g2: [user('d', { displayName: 'Dana D' }), user('e', { mail: 'A@contoso.example' })],
    g3: [user('x')],
    g4: [user('y')],
  },
  selected: ['g1', 'g4'],
  extra: { users: [user('z', { mail: 'z.mail@contoso.example' })] },
});

type Row = readonly [number, string, string?];
interface Case {
  description: string;
  rows: Row[];
  scope?: ReconcileScope;
  options?: PreviewOptions;
  snapshot?: Snapshot;
  /** Whether the list has a name column (default true). */
  names?: boolean;
  expected: Record<string, unknown>;
  notes?: string;
}

const at = (email: string, row = 2, name?: string): Row => [row, email, name ?? ''];

const cases: Case[] = [
  {
    description: 'every predicted recipient listed: all matched, the list agrees',
    rows: [
      at('a@contoso.example', 2, 'User a'),
      at('d@contoso.example', 3, 'Dana D'),
      at('y@contoso.example', 4, 'User y'),
    ],
    expected: {
      predicted: 3,
      counts: {
        matched: 3,
        'missing-from-list': 0,
        'excluded-but-listed': 0,
        'outside-scope': 0,
        renamed: 0,
      },
      agrees: true,
    },
  },
  {
    description: 'addresses compare trimmed and case-insensitively',
    rows: [
      at('  A@CONTOSO.example ', 2, 'User a'),
      at('D@Contoso.Example', 3, 'Dana D'),
      at('y@contoso.example', 4, 'User y'),
    ],
    expected: { counts: { matched: 3, renamed: 0 }, agrees: true },
  },
  {
    description:
      'a predicted recipient absent from the list is missing-from-list, naming the groups that reach it',
    rows: [at('a@contoso.example', 2, 'User a'), at('y@contoso.example', 3, 'User y')],
    expected: { counts: { matched: 2, 'missing-from-list': 1 }, missing: [['d', ['g1']]], agrees: false },
  },
  {
    description: 'a listed person excluded now is excluded-but-listed with the reason',
    rows: [at('b@contoso.example'), at('c@partner.example', 3)],
    expected: {
      excluded: [
        ['b', 'disabled'],
        ['c', 'contacts-off'],
      ],
      counts: { 'excluded-but-listed': 2 },
    },
  },
  {
    description: 'a duplicate-email object does not make its address excluded: the kept object matches',
    rows: [at('a@contoso.example', 2, 'User a')],
    expected: { counts: { matched: 1, 'excluded-but-listed': 0 }, matchedIds: ['a'] },
    notes: "e shares a's address; the preview already explains e as duplicate-email",
  },
  {
    description: 'an address the snapshot holds outside the scope is outside-scope with its id',
    rows: [at('x@contoso.example'), at('z.mail@contoso.example', 3), at('n.upn@contoso.example', 4)],
    expected: {
      outside: [
        ['x@contoso.example', 'x'],
        ['z.mail@contoso.example', 'z'],
        ['n.upn@contoso.example', 'n'],
      ],
    },
    notes: 'x: another group read; z: a whole-directory read; n: only by UPN (fallback off)',
  },
  {
    description: 'an address the snapshot does not hold is outside-scope without an id',
    rows: [at('stranger@elsewhere.example', 2, 'Stranger')],
    expected: { outside: [['stranger@elsewhere.example', null]], counts: { 'outside-scope': 1 } },
  },
  {
    description:
      'rows without a usable address are invalid-in-list with their line; later copies are duplicates',
    rows: [
      at('', 2),
      at('not-an-email', 3),
      at('a@contoso.example', 4),
      at('A@contoso.example', 5),
      at('bob@localhost', 6),
    ],
    expected: {
      list: { rows: 5, addresses: 1, duplicates: 1, invalid: 3 },
      invalid: [
        [2, ''],
        [3, 'not-an-email'],
        [6, 'bob@localhost'],
      ],
    },
  },
  {
    description: 'a name that differs (case kept, spaces trimmed) is counted as renamed',
    rows: [
      at('a@contoso.example', 2, ' User a '),
      at('d@contoso.example', 3, 'dana d'),
      at('y@contoso.example', 4, ''),
    ],
    expected: { counts: { matched: 3, renamed: 2 }, agrees: true },
  },
  {
    description: 'a list without a name column never counts renamed',
    rows: [at('d@contoso.example', 2)],
    names: false,
    expected: { counts: { renamed: 0 } },
  },
  {
    description: 'one group as if synced alone: the rest of the audience is outside-scope, with ids',
    rows: [at('a@contoso.example'), at('y@contoso.example', 3)],
    scope: { kind: 'group', position: 1 },
    expected: {
      predicted: 1,
      counts: { matched: 1, 'outside-scope': 1 },
      outside: [['a@contoso.example', 'a']],
    },
  },
  {
    description: 'options change the prediction: contacts on makes the contact a recipient',
    rows: [at('c@partner.example')],
    options: { syncContacts: true },
    expected: { counts: { matched: 1, 'excluded-but-listed': 0 } },
  },
  {
    description: 'the UPN fallback makes a user without mail a recipient by UPN',
    rows: [at('n.upn@contoso.example')],
    options: { usernameFallback: true },
    expected: { matchedIds: ['n'] },
  },
  {
    description: 'an empty list against an empty selection agrees',
    rows: [],
    options: { groupIds: [] },
    expected: { predicted: 0, agrees: true },
  },
];

describe('reconcile (table)', () => {
  for (const c of cases) {
    it(c.description, () => {
      const preview = computePreview(c.snapshot ?? base, c.options);
      const list = audienceListOf(c.rows, c.names ?? true);
      const result = reconcile(preview, list, c.scope ?? { kind: 'audience' });
      const e = c.expected;
      if (e.predicted !== undefined) expect(result.predicted).toBe(e.predicted);
      if (e.counts) expect(result.counts).toMatchObject(e.counts as object);
      if (e.list) expect(result.list).toEqual(e.list);
      if (e.agrees !== undefined) expect(listAgrees(result)).toBe(e.agrees);
      if (e.missing)
        expect(result.missingFromList.map((p) => [p.id, p.groups.map((g) => preview.groups[g]?.id)])).toEqual(
          e.missing,
        );
      if (e.excluded) expect(result.excludedButListed.map((p) => [p.id, p.reason])).toEqual(e.excluded);
      if (e.outside) expect(result.outsideScope.map((p) => [p.email, p.id])).toEqual(e.outside);
      if (e.invalid) expect(result.invalidInList.map((r) => [r.row, r.value])).toEqual(e.invalid);
      if (e.matchedIds) expect(result.matched.map((p) => p.id)).toEqual(e.matchedIds);
      // Both sides always add up.
      expect(result.predicted).toBe(result.counts.matched + result.counts['missing-from-list']);
      expect(result.list.addresses).toBe(
        result.counts.matched + result.counts['excluded-but-listed'] + result.counts['outside-scope'],
      );
      expect(result.list.rows).toBe(result.list.addresses + result.list.duplicates + result.list.invalid);
    });
  }
});

describe('reconcile summary and differences', () => {
  const preview = computePreview(base);
  const list = audienceListOf([
    at('a@contoso.example', 2, 'User a'),
    at('b@contoso.example', 3, 'Bee'),
    at('=x@contoso.example', 4, 'Formula'),
    at('stranger@elsewhere.example', 5, '@Stranger'),
  ]);
  const result = reconcile(preview, list, { kind: 'audience' });

  it('has exactly the keys command-line.md names', () => {
    const summary = summarizeReconciliation(result, preview, 'audience');
    expect(summary).toMatchObject({
      scope: 'audience',
      complete: true,
      list: { rows: 4, addresses: 3, duplicates: 0, invalid: 1 },
      predicted: 3,
      counts: {
        matched: 1,
        'missing-from-list': 2,
        'excluded-but-listed': 1,
        'outside-scope': 1,
        renamed: 0,
      },
      excludedButListed: [{ id: 'b', name: 'User b', email: 'b@contoso.example', reason: 'disabled' }],
      outsideScope: [{ email: 'stranger@elsewhere.example', listName: '@Stranger', id: null }],
      invalidInList: [{ row: 4, value: '=x@contoso.example' }],
    });
    expect(summary.missingFromList).toEqual([
      { id: 'd', name: 'Dana D', email: 'd@contoso.example', groups: ['g1'] },
      { id: 'y', name: 'User y', email: 'y@contoso.example', groups: ['g4'] },
    ]);
  });

  it('lists every difference with its class, reason and groups', () => {
    expect(differenceRows(result, preview)).toEqual([
      {
        email: 'd@contoso.example',
        name: 'Dana D',
        class: 'missing-from-list',
        reason: '',
        groups: ['Group g1'],
      },
      {
        email: 'y@contoso.example',
        name: 'User y',
        class: 'missing-from-list',
        reason: '',
        groups: ['Group g4'],
      },
      {
        email: 'b@contoso.example',
        name: 'User b',
        class: 'excluded-but-listed',
        reason: 'disabled',
        groups: ['Group g1'],
      },
      {
        email: 'stranger@elsewhere.example',
        name: '@Stranger',
        class: 'outside-scope',
        reason: '',
        groups: [],
      },
      { email: '=x@contoso.example', name: '', class: 'invalid-in-list', reason: 'row 4', groups: [] },
    ]);
  });

  it('names every selected group that reaches a person, in selection order', () => {
    const both = snapshotOf({
      members: { g1: [user('p')], g2: [user('q'), user('p')] },
      selected: ['g2', 'g1'],
    });
    const p = computePreview(both);
    const r = reconcile(p, audienceListOf([]), { kind: 'audience' });
    expect(r.missingFromList.map((m) => [m.id, m.groups.map((g) => p.groups[g]?.id)])).toEqual([
      ['q', ['g2']],
      ['p', ['g2', 'g1']],
    ]);
  });

  it('reports an incomplete snapshot as incomplete', () => {
    const partial = snapshotOf({
      members: { g1: [user('a')] },
      selected: ['g1'],
      extra: {
        reads: [
          { path: '/groups/g1/members', status: 'partial', pages: 1, items: 1, httpStatus: 503, error: 'x' },
        ],
      },
    });
    const r = reconcile(computePreview(partial), audienceListOf([at('a@contoso.example')]), {
      kind: 'audience',
    });
    expect(r.complete).toBe(false);
    expect(summarizeReconciliation(r, computePreview(partial), 'audience').complete).toBe(false);
  });
});
