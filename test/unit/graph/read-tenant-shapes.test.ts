// The reader against answers Microsoft documents but the fake never gave before (issue #11):
// a $batch answered 424 with its `responses` body (throttling.md, "Throttling and batching";
// dev-proxy GraphRandomErrorPlugin's failed batch: 424, items 429 with Retry-After), a bare 424,
// $count in each shape a $batch item can carry it, fractional and HTTP-date Retry-After and its
// cap, a limited-information member (snapshot-format.md, Graph's answer without permission), and
// a member without @odata.type or id, which must cost neither its page nor its group.
import { describe, expect, it } from 'vitest';
import { isSnapshotComplete } from '../../../src/core/completeness.ts';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { MALFORMED_NOTE } from '../../../src/core/recipient-rules.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { readTenantSnapshot } from '../../../src/graph/read-tenant.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import type { FakeGraphOptions, Fault } from '../../support/fake-graph.ts';
import { createHarness } from '../../support/graph-harness.ts';

const membersOf = (id: string) => `/groups/${id}/members`;
const firstUser = 'e0000000-0000-4000-8000-000000000001';

async function read(options: FakeGraphOptions = {}) {
  const harness = createHarness(graphTenant(), options);
  const snapshot = await readTenantSnapshot(harness.request, harness.deps);
  return { harness, snapshot };
}

describe('a $batch answered 424', () => {
  const throttleA: Fault = {
    path: membersOf(IDS.A),
    page: 'first',
    effect: { kind: 'status', status: 429, retryAfter: 5, code: 'TooManyRequests' },
  };

  it('keeps the answers inside and sends only the throttled item again', async () => {
    const clean = await read();
    const { harness, snapshot } = await read({ faults: [throttleA], throttledBatchStatus: 424 });
    expect(harness.fake.stats.statuses[429]).toBe(1);
    expect(snapshot).toEqual(clean.snapshot);
    expect(harness.waits).toEqual([5_000]);
    expect(harness.fake.stats.byPath['/organization']).toBe(1);
    expect(harness.fake.stats.byPath[membersOf(IDS.A)]).toBe(
      clean.harness.fake.stats.byPath[membersOf(IDS.A)]! + 1,
    );
  });

  it('gives the same snapshot as the same throttling answered 200', async () => {
    const at200 = await read({ faults: [throttleA], throttledBatchStatus: 200 });
    const at424 = await read({ faults: [throttleA], throttledBatchStatus: 424 });
    expect(at424.snapshot).toEqual(at200.snapshot);
    expect(at424.harness.fake.stats.requests).toBe(at200.harness.fake.stats.requests);
  });

  it('sends every item again when a 424 comes without item answers', async () => {
    const clean = await read();
    const { harness, snapshot } = await read({
      faults: [{ path: '/$batch', effect: { kind: 'status', status: 424, retryAfter: 2 } }],
    });
    expect(snapshot).toEqual(clean.snapshot);
    expect(harness.waits).toEqual([2_000]);
  });
});

describe('$count inside a $batch', () => {
  it.each([
    { description: 'base64 of the text', input: 'base64' as const },
    {
      description: 'base64 of a BOM and the text ("77u/ODkz")',
      input: 'base64-bom' as const,
      notes: 'issue #11 item 2',
    },
    { description: 'a JSON string', input: 'string' as const },
    { description: 'a JSON number', input: 'number' as const },
  ])('$description gives the count and a complete snapshot', async ({ input }) => {
    const { snapshot } = await read({ countInBatch: input });
    expect(snapshot.memberCounts?.[IDS.A]).toBe(1_202);
    expect(snapshot.memberCounts).toEqual(graphTenant().memberCounts);
    expect(isSnapshotComplete(toSnapshotV2(snapshot))).toBe(true);
  });
});

describe('Retry-After', () => {
  it.each([
    {
      description: 'fractional seconds',
      input: '2.128',
      expected: 2_128,
      notes: 'seen from Graph under load',
    },
    {
      description: 'an HTTP date',
      input: 'Thu, 26 Nov 2026 06:00:30 GMT',
      expected: 30_000,
      notes: 'the harness clock is 06:00:00',
    },
    {
      description: 'past the cap',
      input: '3600',
      expected: 300_000,
      notes: 'DEFAULT_RETRY_POLICY.maxRetryAfterMs',
    },
  ])('$description: waits $expected ms', async ({ input, expected }) => {
    const clean = await read();
    const { harness, snapshot } = await read({
      faults: [
        { path: membersOf(IDS.D), inBatch: true, effect: { kind: 'status', status: 429, retryAfter: input } },
      ],
    });
    expect(harness.waits).toEqual([expected]);
    expect(snapshot).toEqual(clean.snapshot);
  });
});

describe('members Graph answers oddly', () => {
  it('keeps a limited-information member as Graph sent it: unreadable, the snapshot complete', async () => {
    const { snapshot } = await read({ limitedInformation: [firstUser] });
    const member = snapshot.members[IDS.A]?.find((item) => item.id === firstUser);
    expect(member).toMatchObject({ '@odata.type': '#microsoft.graph.user', displayName: null, mail: null });
    expect(isSnapshotComplete(toSnapshotV2(snapshot))).toBe(true);
    const group = computePreview(toSnapshotV2(snapshot)).groups.find((item) => item.id === IDS.A);
    expect(group?.excluded.unreadable).toBe(1);
  });

  it.each([
    { description: 'without @odata.type', drop: '@odata.type' as const, id: firstUser },
    { description: 'without id', drop: 'id' as const, id: `malformed-${IDS.A}-1-0` },
  ])('keeps the page and the group of a member $description, marked malformed', async ({ drop, id }) => {
    const clean = await read();
    const { harness, snapshot } = await read({
      faults: [{ path: membersOf(IDS.A), page: 'first', effect: { kind: 'odd-item', drop } }],
    });
    expect(harness.fake.stats.faultsFired).toBe(1);
    const members = snapshot.members[IDS.A] ?? [];
    expect(members).toHaveLength(clean.snapshot.members[IDS.A]?.length ?? -1);
    expect(members[0]).toMatchObject({ '@odata.type': '#microsoft.graph.directoryObject', id });
    expect(members[0]?.[MALFORMED_NOTE]).toMatch(new RegExp(`at ${drop === 'id' ? 'id' : '@odata\\.type'}:`));
    expect(members.slice(1)).toEqual(clean.snapshot.members[IDS.A]?.slice(1));
    const entry = snapshot.reads.find((item) => item.path === membersOf(IDS.A));
    const cleanEntry = clean.snapshot.reads.find((item) => item.path === membersOf(IDS.A));
    expect(entry).toEqual({ ...cleanEntry, note: expect.any(String) });
    expect(entry?.note).toMatch(/^1 item came back without @odata.type or id/);
    expect(isSnapshotComplete(toSnapshotV2(snapshot))).toBe(true);
    expect(parseSnapshotValue(JSON.parse(JSON.stringify(snapshot))).ok).toBe(true);
    const before = computePreview(toSnapshotV2(clean.snapshot)).groups.find((item) => item.id === IDS.A);
    const after = computePreview(toSnapshotV2(snapshot)).groups.find((item) => item.id === IDS.A);
    expect(after?.excluded.malformed).toBe(1);
    expect(after?.recipients).toBe((before?.recipients ?? 0) - 1);
    expect(after?.reached).toBe(before?.reached);
  });
});
