// The reader against the fake Graph, fault-free: what goes in comes out (groups, members, counts,
// not-found ids, app, licences, contacts), in a deterministic order, with exactly the requests the
// data needs — pages of 999, batches of 20 — and the order of `reads` fixed by the selection.
import { describe, expect, it } from 'vitest';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import type { SnapshotV1 } from '../../../src/core/snapshot-schema.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO, M, scaleProfile } from '../../../src/demo/profiles.ts';
import { readTenantSnapshot } from '../../../src/graph/read-tenant.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { expectedRead } from '../../support/graph-expectations.ts';
import { createHarness } from '../../support/graph-harness.ts';

const withoutType = <T extends Record<string, unknown>>(object: T) => {
  const { '@odata.type': _type, ...rest } = object;
  return rest;
};

const sources: Array<{ description: string; source: () => SnapshotV1; notes: string }> = [
  {
    description: 'the hand-made tenant',
    source: () => graphTenant(),
    notes: 'paging, a cycle, a diamond, a 404, contacts',
  },
  {
    description: 'a long page chain beside a wide round',
    source: () => graphTenant({ users: 12_000, nested: 150 }),
    notes: "A's 13 pages pace the rounds: the 150 first pages D leads to are spread over them",
  },
  {
    description: 'the demo tenant',
    source: () => generateTenant(DEMO),
    notes: '40 groups, All Staff on two pages',
  },
  {
    description: 'a tenth of the M benchmark',
    source: () => generateTenant(scaleProfile(M, 0.1)),
    notes: '100 groups, 2,500 members on three pages',
  },
];

describe('readTenantSnapshot over the fake Graph', () => {
  it.each(sources)('gives back what went in: $description', async ({ source: make }) => {
    const source = make();
    const harness = createHarness(source, {}, { request: { readPermissionGrants: true } });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    const expected = expectedRead(source, { contacts: source.selection.syncContacts, grants: true });

    expect(parseSnapshotValue(snapshot).errors).toEqual([]);
    expect(snapshot.groups).toEqual(expected.groups);
    expect(Object.keys(snapshot.members)).toEqual(Object.keys(expected.members));
    expect(snapshot.members).toEqual(expected.members);
    expect(snapshot.memberCounts).toEqual(expected.memberCounts);
    expect(snapshot.notFound).toEqual(expected.notFound);
    expect(snapshot.tenant).toEqual(source.tenant);
    expect(snapshot.subscribedSkus).toEqual(source.subscribedSkus);
    expect(snapshot.app).toEqual({
      ...source.app,
      oauth2PermissionGrants: source.app?.oauth2PermissionGrants ?? [],
    });
    expect(snapshot.selection).toEqual(source.selection);
    if (source.selection.syncContacts) expect(snapshot.contacts).toEqual(source.contacts?.map(withoutType));
    expect(snapshot.reads.filter((read) => read.status !== 'complete' && read.status !== 'skipped')).toEqual(
      [],
    );
    expect(harness.fake.stats.statuses[429] ?? 0).toBe(0);
  });

  it.each(sources)('sends exactly the requests the data needs: $description', async ({ source: make }) => {
    const source = make();
    const harness = createHarness(source);
    await readTenantSnapshot(harness.request, harness.deps);
    const expected = expectedRead(source, { contacts: source.selection.syncContacts });
    const { stats } = harness.fake;
    expect(stats.subRequests).toBe(expected.subRequests);
    expect(stats.requests).toBe(expected.requests);
    expect(stats.requests).toBeLessThanOrEqual(Math.ceil(expected.lowerBound * 1.05));
    expect(stats.foreignRequests).toEqual([]);
    expect(harness.waits).toEqual([]);
  });

  it('reads the hand-made tenant in 2 HTTP requests carrying 20 Graph requests', async () => {
    const harness = createHarness(graphTenant(), {}, { request: { readPermissionGrants: true } });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    // Round 1 (15): organization, app, its principal, Graph's principal, licences, contacts, and for
    // A, C, D the object, $count and first members page. Round 2 (5): A's second page, B and E
    // (found on D's page), the principal's assignments and grants. B's and A's pages add nothing new.
    expect(harness.fake.stats).toMatchObject({ requests: 2, batches: 2, subRequests: 20 });
    expect(snapshot.groups.map((group) => group.id)).toEqual([IDS.A, IDS.D, IDS.B, IDS.E]);
    expect(snapshot.notFound).toEqual([IDS.C]);
    expect(snapshot.members[IDS.A]).toHaveLength(1_201);
    expect(snapshot.memberCounts).toEqual({ [IDS.A]: 1_202, [IDS.D]: 7 });
    expect(
      snapshot.reads.map((read) => [read.path, read.status, read.pages, read.items, read.httpStatus]),
    ).toEqual([
      ['/organization', 'complete', 1, 1, null],
      ['/applications', 'complete', 1, 1, null],
      ['/servicePrincipals', 'complete', 1, 1, null],
      [`/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')`, 'complete', 1, 1, null],
      [`/servicePrincipals/${IDS.servicePrincipal}/appRoleAssignments`, 'complete', 1, 2, null],
      ['/oauth2PermissionGrants', 'complete', 1, 1, null],
      ['/subscribedSkus', 'complete', 1, 1, null],
      ['/contacts', 'complete', 1, 2, null],
      [`/groups/${IDS.A}`, 'complete', 1, 1, null],
      [`/groups/${IDS.A}/members/$count`, 'complete', 1, 1, null],
      [`/groups/${IDS.A}/members`, 'complete', 2, 1_201, null],
      [`/groups/${IDS.C}`, 'complete', 0, 0, 404],
      [`/groups/${IDS.C}/members/$count`, 'complete', 0, 0, 404],
      [`/groups/${IDS.C}/members`, 'complete', 0, 0, 404],
      [`/groups/${IDS.D}`, 'complete', 1, 1, null],
      [`/groups/${IDS.D}/members/$count`, 'complete', 1, 1, null],
      [`/groups/${IDS.D}/members`, 'complete', 1, 7, null],
      [`/groups/${IDS.B}/members`, 'complete', 1, 4, null],
      [`/groups/${IDS.E}/members`, 'complete', 1, 0, null],
    ]);
  });

  it('marks grants and contacts skipped when they are not asked for', async () => {
    const source = { ...graphTenant(), selection: { ...graphTenant().selection, syncContacts: false } };
    const harness = createHarness(source);
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.app?.oauth2PermissionGrants).toBeNull();
    expect(snapshot.contacts).toBeUndefined();
    const skipped = snapshot.reads.filter((read) => read.status === 'skipped').map((read) => read.path);
    expect(skipped).toEqual(['/oauth2PermissionGrants', '/contacts']);
    expect(harness.fake.stats.byPath['/contacts']).toBeUndefined();
    expect(harness.fake.stats.byPath['/oauth2PermissionGrants']).toBeUndefined();
  });

  it('reports progress up to the totals and ends in phase done', async () => {
    const harness = createHarness(graphTenant());
    await readTenantSnapshot(harness.request, harness.deps);
    const last = harness.progress.at(-1);
    expect(last).toMatchObject({
      phase: 'done',
      requests: 2,
      subRequests: 19,
      retries: 0,
      groupsKnown: 5,
      groupsRead: 5,
    });
    expect(harness.progress.map((p) => p.requests)).toEqual(
      [...harness.progress.map((p) => p.requests)].sort((a, b) => a - b),
    );
    expect(last?.items).toBeGreaterThan(1_200);
  });

  it('reads each group once whatever the order or casing of the selection', async () => {
    const source = graphTenant();
    const harness = createHarness(source, {}, { request: { groupIds: [IDS.D, IDS.A.toUpperCase(), IDS.D] } });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.groups.map((group) => group.id.toLowerCase())).toEqual([IDS.D, IDS.A, IDS.B, IDS.E]);
    const memberReads = Object.entries(harness.fake.stats.byPath).filter(([path]) =>
      path.endsWith('/members'),
    );
    expect(
      memberReads.every(([path, n]) => n === (path.toLowerCase() === `/groups/${IDS.A}/members` ? 2 : 1)),
    ).toBe(true);
    expect(snapshot.selection.groupIds).toEqual([IDS.D, IDS.A.toUpperCase(), IDS.D]);
  });

  it('refuses ids that are not GUIDs before sending anything', async () => {
    const harness = createHarness(graphTenant(), {}, { request: { groupIds: ['../../users'] } });
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(harness.fake.stats.requests).toBe(0);
  });
});
