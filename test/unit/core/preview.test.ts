import { describe, expect, it } from 'vitest';
import { buildDirectoryIndex } from '../../../src/core/directory-index.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { audienceExclusions, audienceRecipients, groupExclusions } from '../../../src/core/preview-rows.ts';
import { REASON_CODES } from '../../../src/core/recipient-rules.ts';
import { contact, device, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

describe('walk order', () => {
  it('is depth-first pre-order: a nested group’s members come before its next sibling', () => {
    const snapshot = snapshotOf({
      members: {
        top: [user('a'), groupRef('mid'), user('d')],
        mid: [user('b'), groupRef('leaf')],
        leaf: [user('c')],
      },
      selected: ['top'],
    });
    expect(ids(audienceRecipients(computePreview(snapshot)))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('decides which of two objects sharing an address is kept', () => {
    const snapshot = snapshotOf({
      members: {
        top: [groupRef('mid'), user('late', { mail: 'same@contoso.example' })],
        mid: [user('early', { mail: 'SAME@contoso.example' })],
      },
      selected: ['top'],
    });
    const preview = computePreview(snapshot);
    expect(ids(audienceRecipients(preview))).toEqual(['early']);
    expect(audienceExclusions(preview)[0]).toMatchObject({ id: 'late', reason: 'duplicate-email' });
  });
});

describe('transitive membership', () => {
  it('survives a cycle: A in B and B in A, and A is not part of its own reach', () => {
    const snapshot = snapshotOf({
      members: { A: [groupRef('B'), user('ua')], B: [groupRef('A'), user('ub')] },
      selected: ['A'],
    });
    const [group] = computePreview(snapshot).groups;
    expect(group).toMatchObject({ reached: 3, nestedGroups: 1, recipients: 2 });
  });

  it('counts a diamond once', () => {
    const snapshot = snapshotOf({
      members: { top: [groupRef('l'), groupRef('r')], l: [user('x')], r: [user('x'), user('y')] },
      selected: ['top'],
    });
    const [group] = computePreview(snapshot).groups;
    expect(group).toMatchObject({ reached: 4, nestedGroups: 2, recipients: 2 });
  });

  it('walks 5,000 levels of nesting without overflowing the stack', () => {
    const members: Record<string, ReturnType<typeof user>[]> = {};
    const depth = 5000;
    for (let i = 0; i < depth; i++) members[`g${i}`] = [groupRef(`g${i + 1}`), user(`u${i}`)];
    members[`g${depth}`] = [user('bottom')];
    const preview = computePreview(snapshotOf({ members, selected: ['g0'] }));
    expect(preview.groups[0]).toMatchObject({ nestedGroups: depth, recipients: depth + 1 });
    const bottom = audienceRecipients(preview).at(-1);
    expect(bottom?.id).toBe('u0');
    const deepest = audienceRecipients(preview).find((row) => row.id === 'bottom');
    expect(deepest).toBeDefined();
  });
});

describe('counting', () => {
  const snapshot = snapshotOf({
    members: {
      g1: [
        user('a'),
        user('b', { accountEnabled: false }),
        device('d'),
        groupRef('g3'),
        user('shared', { mail: 'S@contoso.example' }),
      ],
      g2: [user('shared2', { mail: 's@contoso.example' }), contact('c'), user('a')],
      g3: [user('n', { mail: null })],
    },
    selected: ['g1', 'g2'],
    memberCounts: { g1: 7, G2: 3 },
  });
  const preview = computePreview(snapshot);

  it('counts each group as if synced alone', () => {
    const [g1, g2] = preview.groups;
    expect(g1).toMatchObject({ direct: 5, reached: 6, recipients: 2, nestedGroups: 1, memberCount: 7 });
    expect(g1?.excluded).toMatchObject({ disabled: 1, 'not-a-person': 1, 'no-email': 1 });
    expect(g1?.directByType).toEqual({
      user: 3,
      group: 1,
      orgContact: 0,
      device: 1,
      servicePrincipal: 0,
      other: 0,
    });
    // shared2's address is also held by g1's `shared`, but g2 alone still keeps it.
    expect(g2).toMatchObject({ direct: 3, reached: 3, recipients: 2, memberCount: 3 });
    expect(g2?.excluded['contacts-off']).toBe(1);
  });

  it('counts the audience as the union, with one address kept once', () => {
    expect(preview.audience).toMatchObject({ reached: 8, recipients: 2, nestedGroups: 1 });
    expect(preview.audience.excluded['duplicate-email']).toBe(1);
    expect(ids(audienceRecipients(preview))).toEqual(['a', 'shared']);
  });

  it('adds up: reached = recipients + nestedGroups + Σ excluded', () => {
    for (const counts of [preview.audience, ...preview.groups]) {
      const excluded = REASON_CODES.reduce((sum, code) => sum + counts.excluded[code], 0);
      expect(counts.reached).toBe(counts.recipients + counts.nestedGroups + excluded);
    }
  });

  it('names the selected groups each recipient’s address belongs to', () => {
    const rows = audienceRecipients(preview);
    expect(rows.find((row) => row.id === 'shared')?.groups).toEqual([0, 1]);
    expect(rows.find((row) => row.id === 'a')?.groups).toEqual([0, 1]);
  });

  it('lists every excluded object with the path that reached it', () => {
    const rows = audienceExclusions(preview);
    expect(rows.find((row) => row.id === 'n')).toMatchObject({
      reason: 'no-email',
      via: ['Group g1', 'Group g3', 'User n'],
    });
    expect(rows.find((row) => row.id === 'c')).toMatchObject({
      reason: 'contacts-off',
      viaIds: ['g2', 'c'],
      type: 'orgContact',
    });
    expect(groupExclusions(preview, 1).map((row) => row.id)).toEqual(['c']);
  });
});

describe('selection', () => {
  it('de-duplicates ids ignoring case and lists unknown ids as not found', () => {
    const snapshot = snapshotOf({ members: { g1: [user('a')] }, selected: ['g1', 'G1', 'missing'] });
    snapshot.members.a = [];
    const preview = computePreview(snapshot);
    expect(preview.selection.repeatedIds).toEqual(['G1']);
    expect(preview.groups.map((group) => [group.id, group.found])).toEqual([
      ['g1', true],
      ['missing', false],
    ]);
    expect(preview.groups[1]).toMatchObject({
      displayName: null,
      reached: 0,
      recipients: 0,
      direct: 0,
      memberCount: null,
    });
  });

  it('a selected id that is a user is not found', () => {
    const snapshot = snapshotOf({ members: { g1: [user('a')] }, selected: ['a'] });
    expect(computePreview(snapshot).groups[0]?.found).toBe(false);
  });

  it('counts more than 15 groups', () => {
    const members = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`g${i}`, [user(`u${i}`)]]));
    const preview = computePreview(snapshotOf({ members, selected: Object.keys(members) }));
    expect(preview.groups).toHaveLength(20);
    expect(preview.audience.recipients).toBe(20);
  });

  it('a selected group nested inside another selected group is a nested group of the audience', () => {
    const snapshot = snapshotOf({ members: { a: [groupRef('b')], b: [user('x')] }, selected: ['b', 'a'] });
    const preview = computePreview(snapshot);
    expect(preview.audience).toMatchObject({ reached: 2, nestedGroups: 1, recipients: 1 });
  });

  it('options override the snapshot selection', () => {
    const snapshot = snapshotOf({
      members: { g1: [user('a', { mail: null }), contact('c')] },
      selected: ['g1'],
    });
    const preview = computePreview(snapshot, { usernameFallback: true, syncContacts: true });
    expect(preview.audience.recipients).toBe(2);
  });
});

describe('merging an object seen in several places', () => {
  it('non-null replaces, null never replaces, and the input is not mutated', () => {
    const snapshot = snapshotOf({
      members: { g1: [user('a', { mail: null, displayName: 'Inline' })] },
      selected: ['g1'],
      extra: { users: [{ id: 'A', mail: 'a@contoso.example', displayName: null, accountEnabled: true }] },
    });
    const before = JSON.stringify(snapshot);
    const preview = computePreview(snapshot);
    expect(audienceRecipients(preview)[0]).toMatchObject({ email: 'a@contoso.example', name: 'Inline' });
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(buildDirectoryIndex(snapshot).objects).toHaveLength(2);
  });
});

describe('completeness', () => {
  it('a failed read or a group without members makes the preview incomplete', () => {
    const snapshot = snapshotOf({ members: { g1: [groupRef('g2')] }, selected: ['g1'] });
    snapshot.groups.push('g2');
    const preview = computePreview(snapshot);
    expect(preview.complete).toBe(false);
    expect(preview.incompleteReads).toEqual([
      { path: '/groups/g2/members', status: 'missing', reason: expect.any(String) },
    ]);
  });

  it('a 404 on a selected id and skipped reads do not', () => {
    const snapshot = snapshotOf({ members: { g1: [user('a')] }, selected: ['g1'] });
    snapshot.reads.push(
      { path: '/groups/x', status: 'complete', pages: 0, items: 0, httpStatus: 404, error: 'not found' },
      {
        path: '/oauth2PermissionGrants',
        status: 'skipped',
        pages: 0,
        items: 0,
        httpStatus: null,
        error: 'not asked',
      },
    );
    expect(computePreview(snapshot).complete).toBe(true);
    snapshot.reads.push({
      path: '/groups/g1/members',
      status: 'partial',
      pages: 1,
      items: 999,
      httpStatus: 503,
      error: 'gave up',
    });
    expect(computePreview(snapshot).incompleteReads[0]).toMatchObject({
      path: '/groups/g1/members',
      status: 'partial',
    });
  });
});
