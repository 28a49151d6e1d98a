// The Graph reader under random faults (issue 7, item 1). read-tenant-faults.test.ts pins each
// fault's exact cost; here fast-check mixes them: any set of transient faults (429 with or without
// Retry-After, 503, 504, dropped or cut connections, truncated JSON, alone or inside a $batch, plus
// a token expiring mid-run) must give the very snapshot of a fault-free read, and any lasting fault
// must leave the snapshot marked incomplete with the read named — never a silent gap. A 404 on a
// selected group is the spec's "not found" finding: the group is absent and its read says 404. A
// dropped connection that never recovers kills whole batches, organization read included: that run
// must fail with a GraphReadError instead of returning a snapshot.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findIncompleteReads, isSnapshotComplete } from '../../../src/core/completeness.ts';
import type { SnapshotV1 } from '../../../src/core/snapshot-schema.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { readTenantSnapshot } from '../../../src/graph/read-tenant.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import type { Fault, FaultEffect } from '../../support/fake-graph.ts';
import { createHarness } from '../../support/graph-harness.ts';

const GROUPS = [IDS.A, IDS.B, IDS.D, IDS.E] as const;
const PATHS = [
  '/organization',
  '/$batch',
  ...GROUPS.flatMap((id) => [`/groups/${id}`, `/groups/${id}/members`, `/groups/${id}/members/$count`]),
];

/** Figures for the report: how much the runs below tried. */
const figures = { runs: 0, faultsInjected: 0, lastingRuns: 0, failedRuns: 0, silentGaps: 0 };
afterAll(() => {
  console.info(`[reliability] graph faults: ${JSON.stringify(figures)}`);
});

const transientEffect: fc.Arbitrary<FaultEffect> = fc.oneof(
  fc.constant<FaultEffect>({ kind: 'status', status: 429 }),
  fc
    .integer({ min: 0, max: 30 })
    .map<FaultEffect>((seconds) => ({ kind: 'status', status: 429, retryAfter: seconds })),
  fc.constantFrom<FaultEffect>(
    { kind: 'status', status: 503 },
    { kind: 'status', status: 503, retryAfter: 2 },
    { kind: 'status', status: 504 },
    { kind: 'drop' },
    { kind: 'drop-mid-body' },
    { kind: 'truncated' },
  ),
);

const transientFault: fc.Arbitrary<Fault> = fc
  .record({
    path: fc.constantFrom(...PATHS),
    effect: transientEffect,
    inBatch: fc.option(fc.boolean(), { nil: undefined }),
    page: fc.option(fc.constantFrom<'first' | 'next'>('first', 'next'), { nil: undefined }),
    skip: fc.integer({ min: 0, max: 2 }),
    times: fc.integer({ min: 1, max: 2 }),
  })
  .map((fault) => {
    const out: Fault = { path: fault.path, effect: fault.effect, skip: fault.skip, times: fault.times };
    if (fault.inBatch !== undefined) out.inBatch = fault.inBatch;
    if (fault.page !== undefined) out.page = fault.page;
    return out;
  });

let clean: SnapshotV1 | undefined;
async function faultFree(): Promise<SnapshotV1> {
  if (clean === undefined) {
    const harness = createHarness(graphTenant());
    clean = await readTenantSnapshot(harness.request, harness.deps);
  }
  return clean;
}

/**
 * Groups of the clean read whose data differ now without a read that says why. A read names a group
 * when it is incomplete or a 404; a group that is absent because a named group's member list could
 * not be read (so nothing led to it) counts as named too.
 */
function silentGaps(snapshot: SnapshotV1, reference: SnapshotV1): string[] {
  const paths = [
    ...findIncompleteReads(toSnapshotV2(snapshot)).map((read) => read.path),
    ...snapshot.reads.filter((read) => read.httpStatus === 404).map((read) => read.path),
  ].map((path) => path.toLowerCase());
  const present = new Set(snapshot.groups.map((group) => group.id));
  const named = new Set(reference.groups.map((g) => g.id).filter((id) => paths.some((p) => p.includes(id))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of [...named]) {
      for (const member of reference.members[id] ?? []) {
        if (member['@odata.type'] !== '#microsoft.graph.group') continue;
        if (present.has(member.id) || named.has(member.id)) continue;
        named.add(member.id);
        grew = true;
      }
    }
  }
  return reference.groups
    .filter(
      (group) =>
        JSON.stringify(snapshot.groups.find((g) => g.id === group.id)) !== JSON.stringify(group) ||
        JSON.stringify(snapshot.members[group.id]) !== JSON.stringify(reference.members[group.id]),
    )
    .map((group) => group.id)
    .filter((id) => !named.has(id));
}

describe('readTenantSnapshot under random transient faults', () => {
  it('ends with the fault-free snapshot, whatever mix of retryable faults hits it', async () => {
    const reference = await faultFree();
    await fc.assert(
      fc.asyncProperty(
        fc.array(transientFault, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        async (faults, expireAfter) => {
          const harness = createHarness(graphTenant(), {
            faults,
            ...(expireAfter === undefined ? {} : { expireTokensAfterRequests: expireAfter }),
          });
          const snapshot = await readTenantSnapshot(harness.request, harness.deps);
          figures.runs++;
          figures.faultsInjected +=
            harness.fake.stats.faultsFired + (harness.tokenCalls.includes(true) ? 1 : 0);
          expect(harness.fake.stats.foreignRequests).toEqual([]);
          expect(snapshot).toEqual(reference);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

const lastingEffect: fc.Arbitrary<FaultEffect> = fc.constantFrom<FaultEffect>(
  { kind: 'status', status: 403 },
  { kind: 'status', status: 404, code: 'Request_ResourceNotFound' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfter: 1 },
  { kind: 'drop' },
  { kind: 'malformed' },
  { kind: 'foreign-next-link', origin: 'https://graph.evil.example' },
);

describe('readTenantSnapshot under random lasting faults', () => {
  it('names every read it could not finish; a complete snapshot equals the clean one', async () => {
    const reference = await faultFree();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GROUPS),
        fc.constantFrom('', '/members', '/members/$count'),
        lastingEffect,
        fc.array(transientFault, { maxLength: 2 }),
        async (group, suffix, effect, noise) => {
          // A nextLink only means something on a collection; on one object the reader keeps it as
          // an unknown property (never followed), so it is tried on member lists only.
          const path =
            effect.kind === 'foreign-next-link' ? `/groups/${group}/members` : `/groups/${group}${suffix}`;
          const lasting: Fault = {
            path,
            times: Number.POSITIVE_INFINITY,
            effect,
          };
          const harness = createHarness(graphTenant(), { faults: [lasting, ...noise] });
          figures.runs++;
          figures.lastingRuns++;
          const outcome = await readTenantSnapshot(harness.request, harness.deps).then(
            (snapshot) => ({ snapshot }),
            (error: unknown) => ({ error }),
          );
          figures.faultsInjected += harness.fake.stats.faultsFired;
          if ('error' in outcome) {
            // A fault that kills every batch also kills the organization read: the run fails loudly.
            figures.failedRuns++;
            expect(outcome.error).toMatchObject({ name: 'GraphReadError', code: 'organization_unreadable' });
            return;
          }
          const { snapshot } = outcome;
          const gaps = silentGaps(snapshot, reference);
          figures.silentGaps += gaps.length;
          expect(gaps).toEqual([]);
          expect(harness.fake.stats.foreignRequests).toEqual([]);
          if (isSnapshotComplete(toSnapshotV2(snapshot))) {
            // Only a 404 may leave a complete snapshot that differs: the group is reported not found.
            const notFound = snapshot.reads.some((read) => read.httpStatus === 404);
            if (!notFound) expect(snapshot).toEqual(reference);
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('reports a 404 on a selected group as not found, by its read, and still reads the rest', async () => {
    const faults: Fault[] = [
      {
        path: new RegExp(`^/groups/${IDS.D}`),
        times: Number.POSITIVE_INFINITY,
        effect: { kind: 'status', status: 404, code: 'Request_ResourceNotFound' },
      },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.reads.find((read) => read.path === `/groups/${IDS.D}`)?.httpStatus).toBe(404);
    expect(snapshot.groups.map((group) => group.id)).toEqual([IDS.A, IDS.B]);
    expect(snapshot.members[IDS.A]).toHaveLength(1_201);
    expect(harness.fake.stats.statuses[404]).toBeGreaterThanOrEqual(1);
  });

  it('records a 404 on the member list of a group it could read as a failed read', async () => {
    const faults: Fault[] = [
      {
        path: `/groups/${IDS.D}/members`,
        times: Number.POSITIVE_INFINITY,
        effect: { kind: 'status', status: 404, code: 'Request_ResourceNotFound' },
      },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(findIncompleteReads(toSnapshotV2(snapshot))).toEqual([
      {
        path: `/groups/${IDS.D}/members`,
        status: 'failed',
        reason: 'Request_ResourceNotFound: Injected fault. (HTTP 404)',
      },
    ]);
  });
});
