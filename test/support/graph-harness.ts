// Wires the Graph reader to the fake Graph for tests: a token provider that hands out token-1,
// token-2, … (a new one on each forced refresh), a sleep that records the wait and returns at
// once (unless real waits are asked for), fixed jitter and clock, and recorded progress.
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import type { GraphReaderDeps, ReadProgress } from '../../src/graph/graph-run.ts';
import type { ReadTenantRequest } from '../../src/graph/read-tenant.ts';
import { abortableSleep } from '../../src/graph/retry-policy.ts';
import { createFakeGraph, type FakeGraph, type FakeGraphOptions } from './fake-graph.ts';

export interface Harness {
  fake: FakeGraph;
  deps: GraphReaderDeps;
  controller: AbortController;
  /** Every wait the reader asked for, in ms. */
  waits: number[];
  /** The forceRefresh flag of every getToken call. */
  tokenCalls: boolean[];
  progress: ReadProgress[];
  request: ReadTenantRequest;
}

export function createHarness(
  source: SnapshotV1,
  fakeOptions: FakeGraphOptions = {},
  options: {
    realSleep?: boolean;
    deps?: Partial<GraphReaderDeps>;
    request?: Partial<ReadTenantRequest>;
  } = {},
): Harness {
  const fake = createFakeGraph(source, fakeOptions);
  const controller = new AbortController();
  const waits: number[] = [];
  const tokenCalls: boolean[] = [];
  const progress: ReadProgress[] = [];
  let issued = 1;
  const deps: GraphReaderDeps = {
    async getToken({ forceRefresh }) {
      tokenCalls.push(forceRefresh);
      if (forceRefresh) issued++;
      return `token-${issued}`;
    },
    fetch: fake.fetch,
    signal: controller.signal,
    onProgress: (p) => progress.push(p),
    now: () => new Date('2026-11-26T06:00:00.000Z'),
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (options.realSleep) await abortableSleep(ms, signal);
    },
    random: () => 0.5,
    ...options.deps,
  };
  const request: ReadTenantRequest = {
    clientId: source.app?.clientId ?? '00000000-0000-4000-8000-000000000000',
    groupIds: source.selection.groupIds,
    syncContacts: source.selection.syncContacts,
    usernameFallback: source.selection.usernameFallback,
    cloud: source.cloud,
    readPermissionGrants: false,
    ...options.request,
  };
  return { fake, deps, controller, waits, tokenCalls, progress, request };
}
