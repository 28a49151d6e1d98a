// The Graph reader against the fake Graph with real latency: HTTP requests and round trips held
// against the minimum the data allows (pages of 999, batches of 20, at most 4 requests in flight,
// and a group's pages only one after another), and wall time against that minimum × latency.
// The throttled variant answers every 20th Graph request (5 %) with 429 and Retry-After: 1, as
// Graph does under load; that run's wall time is mostly the waits Graph asked for.
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { readTenantSnapshot } from '../../src/graph/read-tenant.ts';
import { expectedRead } from '../support/graph-expectations.ts';
import { createHarness } from '../support/graph-harness.ts';
import { round, timedAsync } from './stats.ts';

const PAGE = 999;
const BATCH = 20;
const IN_FLIGHT = 4;
const GROUP = '#microsoft.graph.group';

export interface GraphResult {
  latencyMs: number;
  throttled: boolean;
  subRequests: number;
  requests: number;
  minRequests: number;
  requestsRatio: number;
  roundTrips: number;
  minRoundTrips: number;
  wallMs: number;
  /** minRoundTrips × latency. */
  minWallMs: number;
  wallRatio: number;
  /**
   * CPU this process spent during the read: the reader and the fake Graph share one thread, and
   * the fake serialising pages of 999 members is most of it (a real Graph does that elsewhere).
   */
  cpuMs: number;
  answered429: number;
  retries: number;
}

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

export async function benchGraph(
  source: Snapshot,
  latencyMs: number,
  throttled: boolean,
): Promise<GraphResult> {
  const harness = createHarness(
    source,
    {
      latencyMs,
      faults: throttled
        ? [
            {
              path: new EveryNth(20),
              times: Number.POSITIVE_INFINITY,
              effect: { kind: 'status', status: 429, retryAfter: 1 },
            },
          ]
        : [],
    },
    { realSleep: true },
  );
  // Round trips as the wire sees them: a request that starts while the previous wave is still
  // within its first half latency joins that wave; any later one opens a new wave.
  const fetchOnce = harness.deps.fetch;
  let waves = 0;
  let waveStart = Number.NEGATIVE_INFINITY;
  harness.deps.fetch = (input, init) => {
    const now = performance.now();
    if (now - waveStart > latencyMs / 2) {
      waves++;
      waveStart = now;
    }
    return fetchOnce(input, init);
  };
  const cpuBefore = process.cpuUsage();
  const { ms } = await timedAsync(() => readTenantSnapshot(harness.request, harness.deps));
  const cpu = process.cpuUsage(cpuBefore);
  const expected = expectedRead(source, { contacts: source.selection.syncContacts });
  // A request that depends on another's answer cannot share its batch: the chain bounds both.
  const chain = criticalPath(source);
  const minRequests = Math.max(Math.ceil(expected.subRequests / BATCH), chain);
  const minRoundTrips = Math.max(chain, Math.ceil(Math.ceil(expected.subRequests / BATCH) / IN_FLIGHT));
  const { stats } = harness.fake;
  return {
    latencyMs,
    throttled,
    subRequests: stats.subRequests,
    requests: stats.requests,
    minRequests,
    requestsRatio: round(stats.requests / minRequests),
    roundTrips: waves,
    minRoundTrips,
    wallMs: Math.round(ms),
    minWallMs: minRoundTrips * latencyMs,
    wallRatio: round(ms / (minRoundTrips * latencyMs)),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    answered429: stats.statuses[429] ?? 0,
    retries: harness.progress.at(-1)?.retries ?? 0,
  };
}

/**
 * The longest chain of requests that must follow one another: a group's first page only once the
 * page listing it came back (its shortest route from a selected group), then its pages one by one.
 */
function criticalPath(source: Snapshot): number {
  const key = (id: string) => id.toLowerCase();
  const lists = new Map(Object.entries(source.members).map(([id, list]) => [key(id), list]));
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
  const depth = new Map(source.selection.groupIds.map((id) => [key(id), 1]));
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
  let longest = 1 + pages(source.app?.appRoleAssignments.length ?? 0);
  for (const [id, start] of depth) longest = Math.max(longest, start + pages(lists.get(id)?.length ?? 0) - 1);
  return longest;
}
