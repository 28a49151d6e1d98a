// The bench's Graph: the fake Graph (test/support/fake-graph.ts) behind a loopback HTTP server in
// its own worker thread, so its JSON work and its per-request latency happen off the reader's
// thread, as a real Graph's do. It takes the tenant (a structured clone) or generates it from its
// options, posts the base URL, the read request and the minima worked out from the source,
// then answers `stats` with its counters until told to `close`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import type { GenerateOptions } from '../../src/demo/generate-tenant.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { createFakeGraph, type FakeGraph } from '../support/fake-graph.ts';
import { expectedRead } from '../support/graph-expectations.ts';

export interface BenchServerInput {
  /** The tenant, or the options to generate it here (which spares the reader's thread a copy). */
  tenant: SnapshotV1 | GenerateOptions;
  latencyMs: number;
  throttled: boolean;
}

export interface BenchServerReady {
  base: string;
  request: {
    clientId: string;
    groupIds: string[];
    syncContacts: boolean;
    usernameFallback: boolean;
  };
  subRequests: number;
  chain: number;
}

const PAGE = 999;
const GROUP = '#microsoft.graph.group';

/** Every `n`th Graph request (never the $batch envelope itself) matches: a 5 % fault at n = 20. */
class EveryNth extends RegExp {
  private seen = 0;
  constructor(private readonly n: number) {
    super('.');
  }
  override test(path: string): boolean {
    if (path === '/$batch') return false;
    this.seen++;
    return this.seen % this.n === 0;
  }
}

const input = workerData as BenchServerInput;
const source = 'format' in input.tenant ? input.tenant : generateTenant(input.tenant);
let fake: FakeGraph | null = null;
const server = createServer(async (request, response) => {
  if (!fake) throw new Error('not ready');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === 'string') headers.set(name, value);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const base = `http://${request.headers.host}`;
  try {
    const answer = await fake.fetch(`${base}${request.url}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body ? { body } : {}),
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    response.destroy();
  }
});
server.listen(0, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = createFakeGraph(source, {
    baseUrl: base,
    latencyMs: input.latencyMs,
    faults: input.throttled
      ? [
          {
            path: new EveryNth(20),
            times: Number.POSITIVE_INFINITY,
            effect: { kind: 'status', status: 429, retryAfter: 1 },
          },
        ]
      : [],
  });
  const expected = expectedRead(source, { contacts: source.selection.syncContacts });
  const ready: BenchServerReady = {
    base,
    request: {
      clientId: source.app?.clientId ?? '00000000-0000-4000-8000-000000000000',
      groupIds: [...source.selection.groupIds],
      syncContacts: source.selection.syncContacts,
      usernameFallback: source.selection.usernameFallback,
    },
    subRequests: expected.subRequests,
    chain: criticalPath(source),
  };
  parentPort?.postMessage({ ready });
});
parentPort?.on('message', (message: string) => {
  if (message === 'stats' && fake) {
    const { requests, subRequests, statuses } = fake.stats;
    parentPort?.postMessage({ stats: { requests, subRequests, statuses } });
  }
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

/**
 * The longest chain of requests that must follow one another: a group's first page only once the
 * page listing it came back (its shortest route from a selected group), then its pages one by one.
 */
function criticalPath(tenant: SnapshotV1): number {
  const key = (id: string) => id.toLowerCase();
  const lists = new Map(Object.entries(tenant.members).map(([id, list]) => [key(id), list]));
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
  const depth = new Map(tenant.selection.groupIds.map((id) => [key(id), 1]));
  let queue = [...depth.keys()];
  while (queue.length > 0) {
    const next: string[] = [];
    for (const id of queue) {
      const start = depth.get(id) as number;
      (lists.get(id) ?? []).forEach((member, i) => {
        if (member['@odata.type'] !== GROUP) return;
        const child = key(member.id);
        const at = start + Math.floor(i / PAGE) + 1;
        if ((depth.get(child) ?? Number.POSITIVE_INFINITY) <= at) return;
        depth.set(child, at);
        next.push(child);
      });
    }
    queue = next;
  }
  // The app's role assignments need its service principal first: two steps at least.
  let longest = 1 + pages(tenant.app?.appRoleAssignments.length ?? 0);
  for (const [id, start] of depth) longest = Math.max(longest, start + pages(lists.get(id)?.length ?? 0) - 1);
  return longest;
}
