// The reader under the fake Graph's faults. Transient ones (throttling, 503/504, dropped or cut
// connections, an expired token) must not change a byte of the snapshot and cost at most one more
// HTTP request each (none when the retry fits into a batch that goes out anyway); lasting ones must show up in `reads` (failed or partial), never vanish.
import { describe, expect, it } from 'vitest';
import { isSnapshotComplete } from '../../../src/core/completeness.ts';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../src/demo/profiles.ts';
import { readTenantSnapshot } from '../../../src/graph/read-tenant.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import type { Fault } from '../../support/fake-graph.ts';
import { createHarness } from '../../support/graph-harness.ts';

const membersOf = (id: string) => `/groups/${id}/members`;

async function faultFree() {
  const harness = createHarness(graphTenant());
  const snapshot = await readTenantSnapshot(harness.request, harness.deps);
  return { snapshot, requests: harness.fake.stats.requests };
}

const transient: Array<{
  description: string;
  faults: Fault[];
  extra: number;
  waits: number[];
  notes?: string;
}> = [
  {
    description: '429 with Retry-After inside a $batch',
    faults: [
      { path: membersOf(IDS.A), inBatch: true, effect: { kind: 'status', status: 429, retryAfter: 7 } },
    ],
    extra: 1,
    waits: [7_000],
  },
  {
    description: '429 without Retry-After inside a $batch',
    faults: [{ path: `${membersOf(IDS.A)}/$count`, effect: { kind: 'status', status: 429 } }],
    extra: 0,
    waits: [750],
    notes:
      'backoff: half of 1 s fixed plus half times jitter 0.5; the retry goes back into the queue and rides in the next round, which has room (issue #11, item 4)',
  },
  {
    description: 'two 429s in one batch are retried together, the rest is not resent',
    faults: [
      { path: membersOf(IDS.A), page: 'first', effect: { kind: 'status', status: 429, retryAfter: 1 } },
      { path: membersOf(IDS.D), effect: { kind: 'status', status: 429, retryAfter: 3 } },
    ],
    extra: 1,
    waits: [3_000],
  },
  {
    description: '503 on the $batch itself',
    faults: [{ path: '/$batch', effect: { kind: 'status', status: 503, retryAfter: 2 } }],
    extra: 1,
    waits: [2_000],
  },
  {
    description: '504 on a later page',
    faults: [{ path: membersOf(IDS.A), page: 'next', effect: { kind: 'status', status: 504 } }],
    extra: 1,
    waits: [750],
  },
  {
    description: 'a connection dropped before the answer',
    faults: [{ path: membersOf(IDS.B), effect: { kind: 'drop' } }],
    extra: 1,
    waits: [750],
  },
  {
    description: 'a connection dropped mid-page',
    faults: [{ path: membersOf(IDS.A), page: 'first', effect: { kind: 'drop-mid-body' } }],
    extra: 1,
    waits: [750],
  },
  {
    description: 'a truncated JSON answer',
    faults: [{ path: '/organization', effect: { kind: 'truncated' } }],
    extra: 1,
    waits: [750],
  },
  {
    description: 'the same sub-request throttled three times',
    faults: [{ path: membersOf(IDS.E), times: 3, effect: { kind: 'status', status: 429 } }],
    extra: 3,
    waits: [750, 1_500, 3_000],
    notes: 'exponential: 1 s, 2 s, 4 s ceilings, equal jitter at 0.5',
  },
];

describe('readTenantSnapshot with transient faults', () => {
  it.each(transient)(
    '$description: same snapshot, $extra more request(s)',
    async ({ faults, extra, waits }) => {
      const clean = await faultFree();
      const harness = createHarness(graphTenant(), { faults });
      const snapshot = await readTenantSnapshot(harness.request, harness.deps);
      expect(harness.fake.stats.faultsFired).toBe(faults.reduce((n, fault) => n + (fault.times ?? 1), 0));
      expect(snapshot).toEqual(clean.snapshot);
      expect(harness.fake.stats.requests).toBe(clean.requests + extra);
      expect(harness.waits).toEqual(waits);
      expect(harness.progress.at(-1)?.retries).toBeGreaterThanOrEqual(1);
    },
  );

  it('resends only the failed sub-requests of a batch', async () => {
    const faults: Fault[] = [
      { path: membersOf(IDS.A), page: 'first', effect: { kind: 'status', status: 429, retryAfter: 1 } },
      { path: membersOf(IDS.D), effect: { kind: 'status', status: 503 } },
    ];
    const harness = createHarness(graphTenant(), { faults });
    await readTenantSnapshot(harness.request, harness.deps);
    const { byPath } = harness.fake.stats;
    expect(byPath[membersOf(IDS.A)]).toBe(3);
    expect(byPath[membersOf(IDS.D)]).toBe(2);
    expect(byPath['/organization']).toBe(1);
    expect(byPath[`/groups/${IDS.A}`]).toBe(1);
    expect(harness.progress.at(-1)).toMatchObject({ retries: 2, throttled: 2 });
  });

  it('refreshes an expired token once and carries on', async () => {
    const clean = await faultFree();
    const harness = createHarness(graphTenant(), { expireTokensAfterRequests: 1 });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot).toEqual(clean.snapshot);
    expect(harness.tokenCalls).toEqual([false, true]);
    expect(harness.fake.stats.tokens).toEqual(['token-1', 'token-2']);
    expect(harness.fake.stats.requests).toBe(clean.requests + 1);
    expect(harness.waits).toEqual([]);
  });

  it('holds the last few requests for a retry that is about to be due, so they share one batch (issue #11, item 4)', async () => {
    const source = generateTenant(DEMO);
    const clean = createHarness(source);
    const cleanSnapshot = await readTenantSnapshot(clean.request, clean.deps);
    // A real 50 ms wait: without holding, the walk's last partial batches went out while the
    // retry waited, and the retry then went alone (11 requests where 6 do without the fault).
    const faulty = createHarness(
      source,
      { faults: [{ path: /\/members$/, effect: { kind: 'status', status: 429, retryAfter: '0.05' } }] },
      { realSleep: true },
    );
    const snapshot = await readTenantSnapshot(faulty.request, faulty.deps);
    expect(faulty.fake.stats.faultsFired).toBe(1);
    expect(snapshot).toEqual(cleanSnapshot);
    expect(faulty.fake.stats.requests).toBe(clean.fake.stats.requests + 1);
  });

  it('gives the demo tenant the same preview with faults everywhere as without', async () => {
    const source = generateTenant(DEMO);
    const clean = createHarness(source);
    const cleanSnapshot = await readTenantSnapshot(clean.request, clean.deps);
    const faults: Fault[] = [
      { path: /\/members$/, skip: 3, times: 4, effect: { kind: 'status', status: 429, retryAfter: 1 } },
      { path: /\/members$/, skip: 10, times: 2, inBatch: true, effect: { kind: 'status', status: 503 } },
      { path: /\/members$/, page: 'next', effect: { kind: 'drop-mid-body' } },
      { path: '/$batch', skip: 2, effect: { kind: 'drop' } },
      { path: /\$count$/, times: 2, effect: { kind: 'status', status: 504 } },
    ];
    const faulty = createHarness(source, { faults, expireTokensAfterRequests: 3 });
    const snapshot = await readTenantSnapshot(faulty.request, faulty.deps);
    expect(faulty.fake.stats.faultsFired).toBeGreaterThanOrEqual(8);
    expect(snapshot).toEqual(cleanSnapshot);
    expect(computePreview(toSnapshotV2(snapshot))).toEqual(computePreview(toSnapshotV2(cleanSnapshot)));
  });
});

describe('readTenantSnapshot with lasting faults', () => {
  it('records a read that keeps failing as failed, and the snapshot as incomplete', async () => {
    const clean = await faultFree();
    const faults: Fault[] = [
      { path: membersOf(IDS.B), times: Number.POSITIVE_INFINITY, effect: { kind: 'status', status: 503 } },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    const read = snapshot.reads.find((entry) => entry.path === membersOf(IDS.B));
    expect(read).toMatchObject({ status: 'failed', pages: 0, items: 0, httpStatus: 503 });
    expect(read?.error).toMatch(/after 6 retries/);
    expect(snapshot.members[IDS.B]).toBeUndefined();
    expect(snapshot.groups.map((group) => group.id)).toContain(IDS.B);
    expect(parseSnapshotValue(snapshot).ok).toBe(true);
    expect(isSnapshotComplete(toSnapshotV2(snapshot))).toBe(false);
    expect(harness.fake.stats.requests).toBe(clean.requests + 6);
  });

  it('keeps the pages read before a later page failed, as partial', async () => {
    const faults: Fault[] = [
      { path: membersOf(IDS.A), page: 'next', times: Number.POSITIVE_INFINITY, effect: { kind: 'drop' } },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.reads.find((entry) => entry.path === membersOf(IDS.A))).toMatchObject({
      status: 'partial',
      pages: 1,
      items: 999,
      httpStatus: null,
    });
    expect(snapshot.members[IDS.A]).toHaveLength(999);
    expect(isSnapshotComplete(toSnapshotV2(snapshot))).toBe(false);
  });

  it('records a malformed page as failed without retrying it', async () => {
    const faults: Fault[] = [{ path: membersOf(IDS.D), effect: { kind: 'malformed' } }];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    const read = snapshot.reads.find((entry) => entry.path === membersOf(IDS.D));
    expect(read).toMatchObject({ status: 'failed', httpStatus: 200 });
    expect(read?.error).toMatch(/unexpected shape/);
    expect(harness.fake.stats.byPath[membersOf(IDS.D)]).toBe(1);
  });

  it('refuses a nextLink to another host and records the read as partial', async () => {
    const faults: Fault[] = [
      {
        path: membersOf(IDS.A),
        page: 'first',
        effect: { kind: 'foreign-next-link', origin: 'https://graph.evil.example' },
      },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    const read = snapshot.reads.find((entry) => entry.path === membersOf(IDS.A));
    expect(read).toMatchObject({ status: 'partial', pages: 1, items: 999, httpStatus: null });
    expect(read?.error).toContain('https://graph.evil.example');
    expect(harness.fake.stats.foreignRequests).toEqual([]);
    expect(harness.fake.stats.byPath[membersOf(IDS.A)]).toBe(1);
  });

  it('records 403 on one group without retrying, and still reads the rest', async () => {
    const faults: Fault[] = [
      {
        path: new RegExp(`^/groups/${IDS.D}`),
        times: Number.POSITIVE_INFINITY,
        effect: { kind: 'status', status: 403 },
      },
    ];
    const harness = createHarness(graphTenant(), { faults });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    const failed = snapshot.reads.filter((read) => read.status === 'failed');
    expect(failed.map((read) => [read.path, read.httpStatus])).toEqual([
      [`/groups/${IDS.D}`, 403],
      [`/groups/${IDS.D}/members/$count`, 403],
      [membersOf(IDS.D), 403],
    ]);
    expect(failed[0]?.error).toMatch(/^Authorization_RequestDenied/);
    expect(snapshot.groups.map((group) => group.id)).toEqual([IDS.A, IDS.B]);
    expect(snapshot.members[IDS.A]).toHaveLength(1_201);
    expect(harness.fake.stats.statuses[403]).toBe(3);
  });

  it('fails the whole run when the organization cannot be read', async () => {
    const faults: Fault[] = [
      { path: '/organization', times: Number.POSITIVE_INFINITY, effect: { kind: 'status', status: 403 } },
    ];
    const harness = createHarness(graphTenant(), { faults });
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      name: 'GraphReadError',
      code: 'organization_unreadable',
      httpStatus: 403,
    });
  });

  it('fails the whole run when Graph refuses the token even after a refresh', async () => {
    const harness = createHarness(graphTenant(), { refuseTokens: true });
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      name: 'GraphReadError',
      code: 'token_refused',
      httpStatus: 401,
    });
    expect(harness.tokenCalls).toEqual([false, true]);
    expect(harness.fake.stats.requests).toBe(2);
  });

  it('fails the whole run when no token can be had', async () => {
    const harness = createHarness(
      graphTenant(),
      {},
      {
        deps: { getToken: () => Promise.reject(new Error('interaction_required')) },
      },
    );
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      code: 'token_unavailable',
    });
    expect(harness.fake.stats.requests).toBe(0);
  });
});
