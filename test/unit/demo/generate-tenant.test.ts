import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import type { SnapshotMember, SnapshotV1 } from '../../../src/core/snapshot-schema.ts';
import {
  GRAPH_ROLES,
  GROUP_MEMBER_READ_ALL_SCOPE,
  SYNC_APP_NAME,
} from '../../../src/demo/app-registration.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO, L, S, scaleProfile } from '../../../src/demo/profiles.ts';

const USER_KEYS = [
  '@odata.type',
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'accountEnabled',
  'userType',
];
const CONTACT_KEYS = ['@odata.type', 'id', 'displayName', 'givenName', 'surname', 'mail'];
const GROUP_KEYS = [
  '@odata.type',
  'id',
  'displayName',
  'description',
  'mail',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'visibility',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesSyncEnabled',
];
const GROUP = '#microsoft.graph.group';
const USER = '#microsoft.graph.user';
const LOWERCASE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const demo = generateTenant(DEMO);
const demoGroups = new Map(demo.groups.map((group) => [group.id, group]));
const selectedGroups = demo.selection.groupIds.map((id) => demoGroups.get(id));

function childGroupIds(snapshot: SnapshotV1, groupId: string): string[] {
  return (snapshot.members[groupId] ?? []).filter((m) => m['@odata.type'] === GROUP).map((m) => m.id);
}

/** Group ids reachable from `start` (itself excluded unless a cycle leads back), with their depth. */
function groupDepths(snapshot: SnapshotV1, start: string): Map<string, number> {
  const depth = new Map<string, number>();
  const queue: [string, number][] = [[start, 0]];
  for (let i = 0; i < queue.length; i++) {
    const [id, d] = queue[i] as [string, number];
    for (const child of childGroupIds(snapshot, id)) {
      if (depth.has(child)) continue;
      depth.set(child, d + 1);
      queue.push([child, d + 1]);
    }
  }
  return depth;
}

/** Every object reached from the selection (nested groups walked, each object once). */
function reachedObjects(snapshot: SnapshotV1): SnapshotMember[] {
  const seen = new Map<string, SnapshotMember>();
  for (const selectedId of snapshot.selection.groupIds) {
    for (const groupId of [selectedId, ...groupDepths(snapshot, selectedId).keys()]) {
      for (const member of snapshot.members[groupId] ?? []) seen.set(member.id, member);
    }
  }
  return [...seen.values()];
}

const reached = reachedObjects(demo);
const reachedUsers = reached.filter((m) => m['@odata.type'] === USER);

describe('generateTenant: determinism and validity', () => {
  it('gives byte-identical JSON for the same options, different JSON for another seed', () => {
    expect(JSON.stringify(generateTenant(DEMO))).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateTenant({ ...DEMO, seed: 'another' }))).not.toBe(JSON.stringify(demo));
  });

  it.each([
    { description: 'DEMO', input: demo },
    { description: 'S', input: generateTenant(S) },
  ])('$description is accepted by parseSnapshotValue', ({ input }) => {
    const parsed = parseSnapshotValue(input);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ok).toBe(true);
  });

  it('never reads the clock: capturedAt is copied, derived dates follow it', () => {
    const later = generateTenant({ ...DEMO, capturedAt: '2030-01-01T00:00:00Z' });
    expect(later.capturedAt).toBe('2030-01-01T00:00:00Z');
    expect(later.app?.appRoleAssignments[0]?.createdDateTime?.startsWith('2029-12-')).toBe(true);
  });

  it('refuses nonsense options', () => {
    expect(() => generateTenant({ ...DEMO, capturedAt: 'yesterday' })).toThrow(RangeError);
    expect(() => generateTenant({ ...DEMO, groups: 3 })).toThrow(RangeError);
    expect(() => generateTenant({ ...DEMO, selected: [] })).toThrow(RangeError);
    expect(() => generateTenant({ ...DEMO, users: 10 })).toThrow(RangeError);
  });
});

describe('generateTenant: the demo snapshot', () => {
  it('keeps the selection as asked: 8 groups in order, no fallback, no contacts, nothing missing', () => {
    expect(demo.selection).toEqual({
      groupIds: demo.groups.slice(0, 8).map((g) => g.id),
      usernameFallback: false,
      syncContacts: false,
    });
    expect(demo.notFound).toEqual([]);
    expect(demo.selection.groupIds.map((id) => demo.members[id]?.length)).toEqual(DEMO.selected);
    expect(demo.groups).toHaveLength(DEMO.groups);
  });

  it('selects every kind of group: synced, cycle pair, Microsoft 365, DL, dynamic, hidden, mail-enabled security', () => {
    const kinds = selectedGroups.map((g) => ({
      name: g?.displayName,
      types: g?.groupTypes,
      mail: g?.mailEnabled,
      security: g?.securityEnabled,
      visibility: g?.visibility,
      synced: g?.onPremisesSyncEnabled,
    }));
    expect(kinds).toContainEqual(expect.objectContaining({ types: [], security: true, synced: true }));
    expect(kinds).toContainEqual(
      expect.objectContaining({ types: ['Unified'], mail: true, security: false, visibility: 'Public' }),
    );
    expect(kinds).toContainEqual(expect.objectContaining({ types: [], mail: true, security: false }));
    expect(kinds).toContainEqual(expect.objectContaining({ types: [], mail: true, security: true }));
    expect(kinds).toContainEqual(
      expect.objectContaining({ types: ['Unified'], visibility: 'HiddenMembership' }),
    );
    const dynamic = selectedGroups.find((g) => g?.groupTypes?.includes('DynamicMembership'));
    expect(dynamic?.membershipRule).toMatch(/^\(user\./);
    expect(dynamic?.membershipRuleProcessingState).toBe('On');
  });

  it('has a cycle between two selected groups and another among nested ones', () => {
    const selected = new Set(demo.selection.groupIds);
    const pairs = demo.groups.flatMap((a) =>
      childGroupIds(demo, a.id)
        .filter((b) => childGroupIds(demo, b).includes(a.id))
        .map((b) => [a.id, b]),
    );
    expect(pairs.some(([a, b]) => selected.has(a as string) && selected.has(b as string))).toBe(true);
    const nestedInCycle = demo.groups.filter((g) => !selected.has(g.id) && groupDepths(demo, g.id).has(g.id));
    expect(nestedInCycle.length).toBeGreaterThanOrEqual(3);
  });

  it('nests at least four levels below a selected group (shortest path) and has a group diamond', () => {
    const deepest = Math.max(
      ...demo.selection.groupIds.map((id) => Math.max(...groupDepths(demo, id).values())),
    );
    expect(deepest).toBeGreaterThanOrEqual(4);
    const parentsOf = new Map<string, number>();
    for (const group of demo.groups) {
      for (const child of childGroupIds(demo, group.id))
        parentsOf.set(child, (parentsOf.get(child) ?? 0) + 1);
    }
    const selected = new Set(demo.selection.groupIds);
    expect([...parentsOf].some(([id, parents]) => !selected.has(id) && parents >= 2)).toBe(true);
  });

  it('has a user who is a direct member of two groups below the same selected group (a diamond)', () => {
    const below = groupDepths(demo, demo.selection.groupIds[0] as string);
    const homes = new Map<string, number>();
    for (const groupId of below.keys()) {
      for (const m of demo.members[groupId] ?? []) {
        if (m['@odata.type'] === USER) homes.set(m.id, (homes.get(m.id) ?? 0) + 1);
      }
    }
    expect([...homes.values()].some((count) => count >= 2)).toBe(true);
  });

  it.each([
    { description: 'a disabled user', input: (u: SnapshotMember) => u.accountEnabled === false },
    {
      description: 'a guest with #EXT# and no mail',
      input: (u: SnapshotMember) =>
        u.userType === 'Guest' && /#EXT#/.test(u.userPrincipalName ?? '') && u.mail === null,
    },
    { description: 'a guest with mail', input: (u: SnapshotMember) => u.userType === 'Guest' && !!u.mail },
    {
      description: 'a member without mail and a normal UPN',
      input: (u: SnapshotMember) =>
        u.userType === 'Member' && u.mail === null && !u.userPrincipalName?.includes('#EXT#'),
    },
    { description: 'a trailing-dot address', input: (u: SnapshotMember) => !!u.mail?.endsWith('.') },
    { description: 'an address with a space', input: (u: SnapshotMember) => !!u.mail?.includes(' ') },
    { description: 'accents (Zoë)', input: (u: SnapshotMember) => u.displayName === 'Zoë Martin' },
    { description: 'accents (José)', input: (u: SnapshotMember) => !!u.displayName?.startsWith('José') },
    { description: 'Han script', input: (u: SnapshotMember) => /\p{Script=Han}/u.test(u.displayName ?? '') },
    {
      description: 'Cyrillic script',
      input: (u: SnapshotMember) => /\p{Script=Cyrillic}/u.test(u.displayName ?? ''),
    },
    {
      description: 'Arabic script',
      input: (u: SnapshotMember) => /\p{Script=Arabic}/u.test(u.displayName ?? ''),
    },
    { description: 'a comma in a name', input: (u: SnapshotMember) => !!u.displayName?.includes(', Jr.') },
    {
      description: 'a double quote in a name',
      input: (u: SnapshotMember) => !!u.displayName?.includes('"Kate"'),
    },
    {
      description: 'a name starting with =',
      input: (u: SnapshotMember) => !!u.displayName?.startsWith('=HYPERLINK('),
    },
    { description: 'a name starting with +', input: (u: SnapshotMember) => !!u.displayName?.startsWith('+') },
    { description: 'a name starting with -', input: (u: SnapshotMember) => !!u.displayName?.startsWith('-') },
    {
      description: 'an empty displayName with given name and surname',
      input: (u: SnapshotMember) => u.displayName === '' && !!u.givenName && !!u.surname,
    },
  ])('reaches $description', ({ input }) => {
    expect(reachedUsers.some(input)).toBe(true);
  });

  it('reaches two users whose addresses differ only in case', () => {
    const byKey = new Map<string, Set<string>>();
    for (const user of reachedUsers) {
      if (!user.mail) continue;
      const spellings = byKey.get(user.mail.toLowerCase()) ?? new Set();
      spellings.add(user.mail);
      byKey.set(user.mail.toLowerCase(), spellings);
    }
    expect([...byKey.values()].some((spellings) => spellings.size >= 2)).toBe(true);
  });

  it('reaches contacts with and without mail, and devices; never lists a service principal', () => {
    const contacts = reached.filter((m) => m['@odata.type'] === '#microsoft.graph.orgContact');
    expect(contacts.some((c) => !!c.mail)).toBe(true);
    expect(contacts.some((c) => c.mail === null)).toBe(true);
    expect(reached.some((m) => m['@odata.type'] === '#microsoft.graph.device')).toBe(true);
    const all = Object.values(demo.members).flat();
    expect(all.some((m) => m['@odata.type'] === '#microsoft.graph.servicePrincipal')).toBe(false);
  });

  it('counts hidden service principals only in memberCounts, for the selected groups', () => {
    expect(Object.keys(demo.memberCounts ?? {})).toEqual(demo.selection.groupIds);
    const gaps = demo.selection.groupIds.map(
      (id) => (demo.memberCounts?.[id] ?? 0) - (demo.members[id]?.length ?? 0),
    );
    expect(gaps.every((gap) => gap >= 0)).toBe(true);
    expect(gaps.some((gap) => gap > 0)).toBe(true);
  });

  it('carries exactly the $select attributes of each member type, with lowercase GUID ids', () => {
    const expected: Record<string, string[]> = {
      [USER]: USER_KEYS,
      '#microsoft.graph.orgContact': CONTACT_KEYS,
      [GROUP]: GROUP_KEYS,
      '#microsoft.graph.device': ['@odata.type', 'id', 'displayName'],
    };
    for (const member of Object.values(demo.members).flat()) {
      expect(Object.keys(member)).toEqual(expected[member['@odata.type']]);
      expect(member.id).toMatch(LOWERCASE_GUID);
    }
    for (const group of demo.groups) expect(Object.keys(group)).toEqual(GROUP_KEYS);
  });

  it('lists big groups in shuffled order, not sorted by id or name', () => {
    const allStaff = demo.members[demo.selection.groupIds[0] as string] ?? [];
    const ids = allStaff.map((m) => m.id);
    const names = allStaff.map((m) => m.displayName ?? '');
    expect(ids).not.toEqual([...ids].sort());
    expect(names).not.toEqual([...names].sort());
  });

  it('orders the people two groups share differently in each (no global order to lean on)', () => {
    const [first, , , fourth] = demo.selection.groupIds.map((id) => demo.members[id] ?? []);
    const inFourth = new Set(fourth?.map((m) => m.id));
    const shared = (first ?? []).map((m) => m.id).filter((id) => inFourth.has(id));
    const sharedSet = new Set(shared);
    const position = new Map(fourth?.filter((m) => sharedSet.has(m.id)).map((m, i) => [m.id, i]));
    let swapped = 0;
    for (let i = 1; i < shared.length; i++) {
      if ((position.get(shared[i] as string) ?? 0) < (position.get(shared[i - 1] as string) ?? 0)) swapped++;
    }
    // About half of neighbouring pairs swap between two independent shuffles; a shared order swaps none.
    expect(shared.length).toBeGreaterThan(20);
    expect(swapped / (shared.length - 1)).toBeGreaterThan(0.3);
  });

  it('records one complete read per request, and skips oauth2PermissionGrants', () => {
    const byPath = new Map(demo.reads.map((read) => [read.path, read]));
    expect(byPath.size).toBe(demo.reads.length);
    for (const path of ['/organization', '/applications', '/servicePrincipals', '/subscribedSkus']) {
      expect(byPath.get(path)?.status).toBe('complete');
    }
    for (const group of demo.groups) {
      expect(byPath.get(`/groups/${group.id}/members`)).toMatchObject({
        status: 'complete',
        items: demo.members[group.id]?.length,
      });
    }
    for (const id of demo.selection.groupIds) {
      expect(byPath.get(`/groups/${id}`)?.status).toBe('complete');
      expect(byPath.get(`/groups/${id}/members/$count`)?.status).toBe('complete');
    }
    expect(byPath.get(`/servicePrincipals/${demo.app?.servicePrincipal?.id}/appRoleAssignments`)?.items).toBe(
      3,
    );
    expect(byPath.get('/oauth2PermissionGrants')?.status).toBe('skipped');
    expect(demo.app?.oauth2PermissionGrants).toBeNull();
    expect(demo.reads.filter((r) => r.status !== 'complete').map((r) => r.path)).toEqual([
      '/oauth2PermissionGrants',
    ]);
  });

  it('has a tenant with a default verified domain and an active Entra ID P1 plan', () => {
    expect(demo.tenant.verifiedDomains).toContainEqual(
      expect.objectContaining({ name: 'contoso.example', isDefault: true }),
    );
    const p1 = demo.subscribedSkus.flatMap((sku) =>
      sku.capabilityStatus === 'Enabled'
        ? (sku.servicePlans ?? []).filter(
            (plan) =>
              plan.servicePlanId === '41781fb2-bc02-4b7c-bd55-b576c07bb09d' &&
              plan.provisioningStatus === 'Success',
          )
        : [],
    );
    expect(p1).toHaveLength(1);
  });
});

describe('generateTenant: the app registration', () => {
  const requested = (snapshot: SnapshotV1) =>
    snapshot.app?.application?.requiredResourceAccess?.flatMap((r) => r.resourceAccess) ?? [];
  const granted = (snapshot: SnapshotV1) => snapshot.app?.appRoleAssignments.map((a) => a.appRoleId) ?? [];

  it('plants one mistake: GroupMember.Read.All requested as Delegated, so neither a Role nor granted', () => {
    expect(requested(demo)).toContainEqual({ id: GROUP_MEMBER_READ_ALL_SCOPE, type: 'Scope' });
    expect(requested(demo)).not.toContainEqual({ id: GRAPH_ROLES['GroupMember.Read.All'], type: 'Role' });
    expect(granted(demo)).not.toContain(GRAPH_ROLES['GroupMember.Read.All']);
    expect(granted(demo).sort()).toEqual(
      [GRAPH_ROLES['Group.Read.All'], GRAPH_ROLES['User.Read.All'], GRAPH_ROLES['Member.Read.Hidden']].sort(),
    );
  });

  it('is otherwise as the guide says: name, audience, no redirects, no User.Read, a one-year secret, early consent', () => {
    const app = demo.app;
    const application = app?.application;
    expect(application?.appId).toBe(app?.clientId);
    expect(application?.displayName).toBe(SYNC_APP_NAME);
    expect(application?.signInAudience).toBe('AzureADMyOrg');
    expect(
      [application?.web, application?.spa, application?.publicClient].map((r) => r?.redirectUris),
    ).toEqual([[], [], []]);
    expect(requested(demo).map((r) => r.id)).not.toContain('e1fe6dd8-ba31-4d61-89e7-88639da4683d');
    expect(application?.requiredResourceAccess?.[0]?.resourceAppId).toBe(
      '00000003-0000-0000-c000-000000000000',
    );
    const captured = Date.parse(demo.capturedAt);
    const [secret, ...others] = application?.passwordCredentials ?? [];
    expect(others).toEqual([]);
    expect(secret?.keyId).toMatch(LOWERCASE_GUID);
    expect(secret?.hint).toHaveLength(3);
    const daysLeft = (Date.parse(secret?.endDateTime ?? '') - captured) / DAY;
    expect(daysLeft).toBeGreaterThan(330);
    expect(daysLeft).toBeLessThan(400);
    for (const assignment of app?.appRoleAssignments ?? []) {
      expect(assignment.resourceId).toBe(app?.graphServicePrincipalId);
      expect(assignment.principalId).toBe(app?.servicePrincipal?.id);
      expect(captured - Date.parse(assignment.createdDateTime ?? '')).toBeGreaterThan(60 * MINUTE);
    }
    const roleIds = app?.graphAppRoles?.map((role) => role.id);
    for (const id of Object.values(GRAPH_ROLES)) expect(roleIds).toContain(id);
  });

  it('with appMistake none requests and grants GroupMember.Read.All as an application permission', () => {
    const ready = generateTenant({ ...DEMO, appMistake: 'none' });
    expect(requested(ready).every((r) => r.type === 'Role')).toBe(true);
    expect(requested(ready)).toContainEqual({ id: GRAPH_ROLES['GroupMember.Read.All'], type: 'Role' });
    expect(granted(ready)).toContain(GRAPH_ROLES['GroupMember.Read.All']);
    expect(granted(ready)).toHaveLength(4);
  });
});

describe('generateTenant: benchmark shapes', () => {
  it('declares L as 200,000 users, 5,000 groups, 15 selected groups and a million nested edges', () => {
    expect(L).toMatchObject({ users: 200_000, groups: 5_000, nestedEdges: 1_000_000 });
    expect(L.selected).toEqual([100_000, 20_000, 20_000, 5_000, 5_000, 5_000, 5_000, ...Array(8).fill(500)]);
  });

  it('builds L at 1/20 scale with exact selected sizes and about the asked nested edges', () => {
    const small = scaleProfile(L, 0.05);
    const snapshot = generateTenant(small);
    const selected = new Set(snapshot.selection.groupIds);
    expect(snapshot.selection.groupIds.map((id) => snapshot.members[id]?.length)).toEqual(small.selected);
    expect(snapshot.groups).toHaveLength(small.groups);
    const nestedEdges = snapshot.groups
      .filter((g) => !selected.has(g.id))
      .reduce((sum, g) => sum + (snapshot.members[g.id]?.length ?? 0), 0);
    expect(Math.abs(nestedEdges - small.nestedEdges) / small.nestedEdges).toBeLessThan(0.03);
    // Every group in `groups` is reached from the selection, and every one has its member list.
    const reachable = new Set(
      snapshot.selection.groupIds.flatMap((id) => [id, ...groupDepths(snapshot, id).keys()]),
    );
    expect(snapshot.groups.every((g) => reachable.has(g.id) && snapshot.members[g.id])).toBe(true);
  });

  it('holds its invariants for any seed and small shape', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 200, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 600 }),
        (seed, users, selected, extraGroups, nestedEdges) => {
          const snapshot = generateTenant({
            ...DEMO,
            seed,
            users,
            selected,
            groups: selected.length + extraGroups,
            nestedEdges,
          });
          expect(parseSnapshotValue(snapshot).ok).toBe(true);
          expect(snapshot.groups).toHaveLength(selected.length + extraGroups);
          snapshot.selection.groupIds.forEach((id, i) => {
            const listed = snapshot.members[id]?.length ?? 0;
            expect(listed).toBeGreaterThanOrEqual(selected[i] as number);
            expect(snapshot.memberCounts?.[id]).toBeGreaterThanOrEqual(listed);
          });
          for (const [groupId, list] of Object.entries(snapshot.members)) {
            expect(new Set(list.map((m) => m.id)).size).toBe(list.length);
            expect(list.every((m) => m.id !== groupId)).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
