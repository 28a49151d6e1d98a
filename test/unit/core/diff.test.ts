import { describe, expect, it } from 'vitest';
import { diffSnapshots, type SnapshotDiff, summarizeDiff } from '../../../src/core/diff.ts';
import { pseudonymiseSnapshot } from '../../../src/core/pseudonymise.ts';
import type { Snapshot, SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../src/demo/profiles.ts';
import { contact, groupRef, type SnapshotParts, snapshotOf, user } from '../../support/snapshot-builder.ts';

const OLDER_AT = '2026-11-19T06:00:00Z';
const NEWER_AT = '2026-11-26T06:00:00Z';

const older = (parts: SnapshotParts): Snapshot => ({ ...snapshotOf(parts), capturedAt: OLDER_AT });
const newer = (parts: SnapshotParts): Snapshot => ({ ...snapshotOf(parts), capturedAt: NEWER_AT });

const diffOf = (a: Snapshot, b: Snapshot): SnapshotDiff => {
  const result = diffSnapshots(a, b);
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.data;
};
const moves = (diff: SnapshotDiff) => ({
  joined: diff.audience.joined.map((p) => p.id),
  left: diff.audience.left.map((p) => `${p.id}:${p.why}`),
});

const base: SnapshotParts = {
  members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
  selected: ['g1'],
};
const withMembers = (members: Record<string, SnapshotMember[]>, more: Partial<SnapshotParts> = {}) => ({
  ...base,
  members,
  ...more,
});

describe('diffSnapshots: who joins and who leaves the audience', () => {
  it.each([
    {
      description: 'nothing changed',
      input: { older: base, newer: base },
      expected: { joined: [], left: [] },
      notes: '',
    },
    {
      description: 'newly disabled',
      input: {
        older: base,
        newer: withMembers({
          ...base.members,
          g1: [user('a', { accountEnabled: false }), user('b'), groupRef('g2')],
        }),
      },
      expected: { joined: [], left: ['a:disabled'] },
      notes: 'the issue names this case',
    },
    {
      description: 'lost mail',
      input: {
        older: base,
        newer: withMembers({ ...base.members, g1: [user('a', { mail: '  ' }), user('b'), groupRef('g2')] }),
      },
      expected: { joined: [], left: ['a:no-email'] },
      notes: 'whitespace only is no address',
    },
    {
      description: 'an address that stopped being plausible',
      input: {
        older: base,
        newer: withMembers({
          ...base.members,
          g1: [user('a', { mail: 'a@localhost' }), user('b'), groupRef('g2')],
        }),
      },
      expected: { joined: [], left: ['a:invalid-email'] },
      notes: '',
    },
    {
      description: 'left a nested group',
      input: { older: base, newer: withMembers({ ...base.members, g2: [] }) },
      expected: { joined: [], left: ['c:left-group'] },
      notes:
        'c is in no list of the newer snapshot, which holds group members only, so it cannot be called deleted',
    },
    {
      description: 'a nested group detached, its members still listed',
      input: {
        older: base,
        newer: withMembers({ g1: [user('a'), user('b')], g2: [user('c')] }),
      },
      expected: { joined: [], left: ['c:left-group'] },
      notes: 'c is still in the newer snapshot (g2 is read), but no selected group reaches it',
    },
    {
      description: 'deleted, as a whole-directory read shows',
      input: {
        older: base,
        newer: withMembers({ ...base.members, g2: [] }, { extra: { users: [user('a'), user('b')] } }),
      },
      expected: { joined: [], left: ['c:deleted'] },
      notes: 'the newer snapshot read /users, so absence there means the user is gone',
    },
    {
      description: 'in the directory read but no longer in a group',
      input: {
        older: base,
        newer: withMembers(
          { ...base.members, g2: [] },
          { extra: { users: [user('a'), user('b'), user('c')] } },
        ),
      },
      expected: { joined: [], left: ['c:left-group'] },
      notes: '',
    },
    {
      description: 'a partial directory read is no evidence of deletion',
      input: {
        older: base,
        newer: withMembers(
          { ...base.members, g2: [] },
          {
            extra: {
              users: [user('a')],
              reads: [
                { path: '/users', status: 'partial', pages: 1, items: 1, httpStatus: 503, error: 'busy' },
              ],
            },
          },
        ),
      },
      expected: { joined: [], left: ['c:left-group'] },
      notes: '',
    },
    {
      description: 'new joiner, matched by id ignoring case',
      input: {
        older: base,
        newer: withMembers({ g1: [user('A'), user('b'), groupRef('G2'), user('d')], g2: [user('C')] }),
      },
      expected: { joined: ['d'], left: [] },
      notes: 'Graph ids are GUIDs that compare case-insensitively',
    },
    {
      description: 'duplicate-email flip: the walk now reaches the other holder first',
      input: {
        older: withMembers({
          g1: [user('a', { mail: 'x@contoso.example' }), user('b', { mail: 'X@contoso.example' })],
        }),
        newer: withMembers({
          g1: [user('b', { mail: 'X@contoso.example' }), user('a', { mail: 'x@contoso.example' })],
        }),
      },
      expected: { joined: ['b'], left: ['a:duplicate-email'] },
      notes: 'walk order decides which of two objects sharing an address is kept',
    },
    {
      description: 'unreadable: the newer reader lacked a permission',
      input: {
        older: base,
        newer: withMembers({
          ...base.members,
          g1: [{ '@odata.type': '#microsoft.graph.user', id: 'a', mail: null }, user('b'), groupRef('g2')],
        }),
      },
      expected: { joined: [], left: ['a:unreadable'] },
      notes: '',
    },
    {
      description: 'contacts switched off in the newer selection',
      input: {
        older: withMembers({ g1: [contact('k'), user('a')] }, { syncContacts: true }),
        newer: withMembers({ g1: [contact('k'), user('a')] }, { syncContacts: false }),
      },
      expected: { joined: [], left: ['k:contacts-off'] },
      notes: 'each snapshot is judged with its own selection',
    },
  ])('$description', ({ input, expected }) => {
    expect(moves(diffOf(older(input.older), newer(input.newer)))).toEqual(expected);
  });

  it('names joiners from the newer snapshot and leavers from the older one', () => {
    const diff = diffOf(
      older(withMembers({ g1: [user('a', { displayName: 'Old A' }), user('b')] })),
      newer(withMembers({ g1: [user('b'), user('d', { displayName: ' New D ' })] })),
    );
    expect(diff.audience.joined).toEqual([
      { id: 'd', name: 'New D', email: 'd@contoso.example', why: 'joined-group' },
    ]);
    expect(diff.audience.left).toEqual([
      { id: 'a', name: 'Old A', email: 'a@contoso.example', why: 'left-group' },
    ]);
    expect(diff.audience.stayed).toBe(1);
    expect(diff.older).toEqual({ capturedAt: OLDER_AT, complete: true, recipients: 2 });
    expect(diff.newer).toEqual({ capturedAt: NEWER_AT, complete: true, recipients: 2 });
  });

  it('says why each joiner joins: the exclusion that no longer applies, else joined a group (issue 15)', () => {
    const diff = diffOf(
      older(
        withMembers({ g1: [user('a', { accountEnabled: false }), user('b', { mail: null }), user('c')] }),
      ),
      newer(withMembers({ g1: [user('a'), user('b'), user('c'), user('d')] })),
    );
    expect(diff.audience.joined.map((p) => `${p.id}:${p.why}`)).toEqual([
      'a:disabled',
      'b:no-email',
      'd:joined-group',
    ]);
  });

  it('per group, everyone joining a newly selected group joins for that reason', () => {
    const diff = diffOf(older(base), newer({ ...base, selected: ['g1', 'g2'] }));
    const g2 = diff.groups.find((group) => group.id === 'g2');
    expect(g2?.joined.map((p) => `${p.id}:${p.why}`)).toEqual(['c:group-newly-selected']);
  });

  it('refuses two different tenants as data', () => {
    const other = newer(base);
    other.tenant = { ...other.tenant, id: 'tenant-2', displayName: 'Fabrikam' };
    const result = diffSnapshots(older(base), other);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: 'different-tenants', path: '$.tenant.id' });
    expect(result.errors[0]?.message).toContain('Fabrikam (tenant-2)');
  });

  it('accepts a tenant id spelled in another case', () => {
    const same = newer(base);
    same.tenant = { ...same.tenant, id: 'TENANT-1' };
    expect(diffSnapshots(older(base), same).ok).toBe(true);
  });
});

describe('diffSnapshots: per selected group', () => {
  const members = { g1: [user('a'), groupRef('g2')], g2: [user('c'), user('d')], g3: [user('e')] };

  it('gives each group its joiners and leavers, as if synced alone', () => {
    const diff = diffOf(
      older({ members, selected: ['g1', 'g2'] }),
      newer({
        members: { ...members, g2: [user('c', { accountEnabled: false }), user('f')] },
        selected: ['g1', 'g2'],
      }),
    );
    const g2 = diff.groups[1];
    expect(g2).toMatchObject({
      id: 'g2',
      displayName: 'Group g2',
      selectedInOlder: true,
      selectedInNewer: true,
      olderRecipients: 2,
      newerRecipients: 1,
    });
    expect(g2?.joined.map((p) => p.id)).toEqual(['f']);
    expect(g2?.left.map((p) => `${p.id}:${p.why}`)).toEqual(['c:disabled', 'd:left-group']);
    expect(diff.groups[0]?.left.map((p) => p.id)).toEqual(['c', 'd']);
  });

  it('lists a group selected on one side only with everyone joining or leaving it', () => {
    const diff = diffOf(
      older({ members, selected: ['g1', 'g3'] }),
      newer({ members, selected: ['g2', 'g1'] }),
    );
    expect(
      diff.groups.map((g) => [g.id, g.selectedInOlder, g.selectedInNewer, g.joined.length, g.left.length]),
    ).toEqual([
      ['g2', false, true, 2, 0],
      ['g1', true, true, 0, 0],
      ['g3', true, false, 0, 1],
    ]);
    expect(diff.groups[2]?.left[0]?.why).toBe('group-not-selected');
    expect(moves(diff)).toEqual({ joined: [], left: ['e:left-group'] });
  });

  it('treats a selected group that is gone as reaching nobody', () => {
    const diff = diffOf(
      older({ members, selected: ['g3'] }),
      newer({ members: { g1: members.g1, g2: members.g2 }, selected: ['g3'] }),
    );
    expect(diff.groups[0]).toMatchObject({
      foundInOlder: true,
      foundInNewer: false,
      displayName: 'Group g3',
    });
    expect(diff.groups[0]?.left.map((p) => p.why)).toEqual(['left-group']);
  });

  it('prints the shape command-line.md gives for diff --json', () => {
    const diff = diffOf(
      older({ members, selected: ['g1'] }),
      newer({
        members: { ...members, g1: [user('a', { mail: null }), groupRef('g2'), user('z')] },
        selected: ['g1'],
      }),
    );
    expect(summarizeDiff(diff)).toEqual({
      older: OLDER_AT,
      newer: NEWER_AT,
      audience: {
        joined: [{ id: 'z', name: 'User z', email: 'z@contoso.example' }],
        left: [{ id: 'a', name: 'User a', email: 'a@contoso.example', why: 'no-email' }],
      },
      groups: [{ id: 'g1', displayName: 'Group g1', joined: 1, left: 1 }],
    });
  });
});

describe('diffSnapshots on the demo tenant', () => {
  const demoV1 = generateTenant(DEMO);
  const demo = toSnapshotV2(demoV1);

  it('finds nobody moving between a snapshot and its pseudonymised copy (ids are kept)', () => {
    const diff = diffOf(demo, toSnapshotV2(pseudonymiseSnapshot(demoV1, { salt: 'x' })));
    expect(moves(diff)).toEqual({ joined: [], left: [] });
    expect(diff.groups.every((group) => group.joined.length === 0 && group.left.length === 0)).toBe(true);
  });

  it('adds up: recipients after = before + joined − left, overall and per group', () => {
    const [allStaff] = demo.selection.groupIds as [string];
    const members = demo.members[allStaff] ?? [];
    const disabled = new Set(members.filter((_, i) => i % 7 === 0));
    const changed: Snapshot = {
      ...demo,
      capturedAt: '2026-12-03T06:00:00Z',
      objects: demo.objects.map((o) => (disabled.has(o.id) ? { ...o, accountEnabled: false } : o)),
      members: { ...demo.members, [allStaff]: members.slice(0, -20) },
    };
    const diff = diffOf(demo, changed);
    expect(diff.audience.left.length).toBeGreaterThan(0);
    expect(diff.newer.recipients).toBe(
      diff.older.recipients + diff.audience.joined.length - diff.audience.left.length,
    );
    for (const group of diff.groups)
      expect(group.newerRecipients).toBe(group.olderRecipients + group.joined.length - group.left.length);
  });
});
