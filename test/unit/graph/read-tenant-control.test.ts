// Cancelling, concurrency and hosts: an abort stops every request at once (in flight, queued, or
// waiting out a Retry-After); at most maxInFlight HTTP requests are open; each cloud's reads go to
// that cloud's Graph host only, and a base URL override with a path prefix works end to end.
import { describe, expect, it } from 'vitest';
import { readTenantSnapshot } from '../../../src/graph/read-tenant.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { createHarness } from '../../support/graph-harness.ts';
import { nextTask, until } from '../../support/wait.ts';

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('cancelling a read', () => {
  it('rejects with an AbortError at once and sends nothing more', async () => {
    // Graph never answers: only the abort can end this read (or the test's timeout, as a failure).
    const harness = createHarness(graphTenant(), { latencyMs: 3_600_000 });
    const reading = outcomeOf(readTenantSnapshot(harness.request, harness.deps));
    await until(() => expect(harness.fake.stats.inFlight).toBeGreaterThan(0));
    harness.controller.abort();
    expect(await reading).toMatchObject({ name: 'AbortError' });
    expect(harness.fake.stats.aborted).toBe(harness.fake.stats.requests);
    expect(harness.fake.stats.inFlight).toBe(0);
    const sent = harness.fake.stats.requests;
    await nextTask();
    expect(harness.fake.stats.requests).toBe(sent);
  });

  it('stops a Retry-After wait', async () => {
    // A minute's Retry-After, really slept: longer than the test's timeout, so only the abort ends it.
    const harness = createHarness(
      graphTenant(),
      { faults: [{ path: '/organization', effect: { kind: 'status', status: 429, retryAfter: 60 } }] },
      {
        realSleep: true,
        deps: {
          onProgress: (progress) => {
            if (progress.waiting) harness.controller.abort();
          },
        },
      },
    );
    const error = await outcomeOf(readTenantSnapshot(harness.request, harness.deps));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(harness.waits).toEqual([60_000]);
  });

  it('waits no longer than maxRetryAfterMs, however long Retry-After asks', async () => {
    const hour = { kind: 'status', status: 429, retryAfter: 3_600 } as const;
    const defaults = createHarness(graphTenant(), { faults: [{ path: '/organization', effect: hour }] });
    await readTenantSnapshot(defaults.request, defaults.deps);
    expect(defaults.waits).toEqual([300_000]);
    const own = createHarness(
      graphTenant(),
      { faults: [{ path: '/organization', effect: hour }] },
      { deps: { retryPolicy: { maxRetryAfterMs: 5_000 } } },
    );
    await readTenantSnapshot(own.request, own.deps);
    expect(own.waits).toEqual([5_000]);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const harness = createHarness(graphTenant());
    harness.controller.abort();
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(harness.fake.stats.requests).toBe(0);
  });
});

describe('requests in flight', () => {
  it.each([
    { description: 'the default', maxInFlight: undefined, expected: 4 },
    { description: 'two', maxInFlight: 2, expected: 2 },
  ])('keeps at most $expected open ($description)', async ({ maxInFlight, expected }) => {
    const source = graphTenant({ nested: 150 });
    const harness = createHarness(
      source,
      { latencyMs: 2 },
      { deps: maxInFlight === undefined ? {} : { maxInFlight } },
    );
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(harness.fake.stats.maxInFlight).toBe(expected);
    // Round 2 holds the 150 first pages D leads to: 7 full batches and 10 left for round 3.
    expect(harness.fake.stats).toMatchObject({ requests: 1 + 7 + 1 });
    expect(snapshot.groups).toHaveLength(4 + 150);
  });
});

describe('hosts', () => {
  it('reads US Government from graph.microsoft.us only', async () => {
    const source = { ...graphTenant(), cloud: 'usgov' as const };
    const harness = createHarness(source, { baseUrl: 'https://graph.microsoft.us' });
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.cloud).toBe('usgov');
    expect(snapshot.members[IDS.A]).toHaveLength(1_201);
    expect(harness.fake.stats.foreignRequests).toEqual([]);
  });

  it('never sends a US Government read to the global host', async () => {
    const source = { ...graphTenant(), cloud: 'usgov' as const };
    const harness = createHarness(source, { baseUrl: 'https://graph.microsoft.com' });
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      code: 'organization_unreadable',
    });
    expect(
      harness.fake.stats.foreignRequests.every((url) => url.startsWith('https://graph.microsoft.us/v1.0/')),
    ).toBe(true);
    expect(harness.fake.stats.subRequests).toBe(0);
  });

  it('follows nextLinks under a base URL with a path prefix', async () => {
    const base = 'http://127.0.0.1:8443/graph-proxy';
    const harness = createHarness(
      graphTenant(),
      { baseUrl: base },
      { request: { graphBaseUrl: `${base}/` } },
    );
    const snapshot = await readTenantSnapshot(harness.request, harness.deps);
    expect(snapshot.members[IDS.A]).toHaveLength(1_201);
    expect(harness.fake.stats.foreignRequests).toEqual([]);
  });

  it('refuses a base URL that already ends in /v1.0', async () => {
    const harness = createHarness(
      graphTenant(),
      {},
      { request: { graphBaseUrl: 'https://graph.microsoft.com/v1.0' } },
    );
    await expect(readTenantSnapshot(harness.request, harness.deps)).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
