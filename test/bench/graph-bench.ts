// The Graph reader against the fake Graph in a worker thread behind loopback HTTP, each request
// held `latencyMs` there (graph-bench-server.ts): the reader's thread does only what it does
// against a real Graph. HTTP requests and round trips are held against the minimum the data allows
// (pages of 999, batches of 20, at most 4 requests in flight, a group's pages one after another),
// and wall time against the minimum dependent chain × latency. The throttled variant answers every
// 20th Graph request (5 %) with 429 and Retry-After: 1, as Graph does under load; that run's wall
// time is mostly the waits Graph asked for, and its request count shows whether retries rode along
// in batches that went out anyway (issue #11: ≤ 1.10 × the minimum).
import { Worker } from 'node:worker_threads';
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import type { GenerateOptions } from '../../src/demo/generate-tenant.ts';
import { readTenantSnapshot } from '../../src/graph/read-tenant.ts';
import type { BenchServerInput, BenchServerReady } from './graph-bench-server.ts';
import { round, timedAsync } from './stats.ts';

const BATCH = 20;
const IN_FLIGHT = 4;

export interface GraphResult {
  latencyMs: number;
  throttled: boolean;
  subRequests: number;
  requests: number;
  minRequests: number;
  requestsRatio: number;
  roundTrips: number;
  minRoundTrips: number;
  /** The longest chain of requests that must follow one another. */
  chain: number;
  wallMs: number;
  /** chain × latency. */
  minWallMs: number;
  wallRatio: number;
  /** CPU of the whole process (reader thread and the fake's worker thread). */
  cpuMs: number;
  answered429: number;
  retries: number;
}

interface ServerStats {
  requests: number;
  subRequests: number;
  statuses: Record<number, number>;
}

export async function benchGraph(
  tenant: SnapshotV1 | GenerateOptions,
  latencyMs: number,
  throttled: boolean,
): Promise<GraphResult> {
  const input: BenchServerInput = { tenant, latencyMs, throttled };
  // A worker thread does not inherit tsx's module hooks: a small ES module registers them first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const server = new URL('./graph-bench-server.ts', import.meta.url).href;
  const boot = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(server)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: input,
  });
  const messages: Array<(message: Record<string, unknown>) => void> = [];
  worker.on('message', (message: Record<string, unknown>) => messages.shift()?.(message));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      messages.push(resolve);
      worker.once('error', reject);
    });
  try {
    const { ready } = (await next()) as { ready: BenchServerReady };
    // Round trips as the wire sees them: a request that starts while the previous wave is still
    // within its first half latency joins that wave; any later one opens a new wave.
    let waves = 0;
    let waveStart = Number.NEGATIVE_INFINITY;
    const counted: typeof fetch = (request, init) => {
      const now = performance.now();
      if (now - waveStart > latencyMs / 2) {
        waves++;
        waveStart = now;
      }
      return fetch(request, init);
    };
    let retries = 0;
    const cpuBefore = process.cpuUsage();
    const { ms } = await timedAsync(() =>
      readTenantSnapshot(
        { ...ready.request, cloud: 'global', graphBaseUrl: ready.base, readPermissionGrants: false },
        {
          getToken: async () => 'bench-token',
          fetch: counted,
          signal: new AbortController().signal,
          onProgress: (progress) => {
            retries = progress.retries;
          },
          now: () => new Date(),
          random: () => 0.5,
        },
      ),
    );
    const cpu = process.cpuUsage(cpuBefore);
    worker.postMessage('stats');
    const { stats } = (await next()) as { stats: ServerStats };
    const minRequests = Math.max(Math.ceil(ready.subRequests / BATCH), ready.chain);
    const minRoundTrips = Math.max(ready.chain, Math.ceil(Math.ceil(ready.subRequests / BATCH) / IN_FLIGHT));
    return {
      latencyMs,
      throttled,
      subRequests: stats.subRequests,
      requests: stats.requests,
      minRequests,
      requestsRatio: round(stats.requests / minRequests),
      roundTrips: waves,
      minRoundTrips,
      chain: ready.chain,
      wallMs: Math.round(ms),
      minWallMs: ready.chain * latencyMs,
      wallRatio: round(ms / (ready.chain * latencyMs)),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      answered429: stats.statuses[429] ?? 0,
      retries,
    };
  } finally {
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}

/** `npx tsx test/bench/graph-bench.ts [S|M|L …]`: the Graph rows alone, printed as JSON. */
if (import.meta.filename === process.argv[1]) {
  const profiles = await import('../../src/demo/profiles.ts');
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['S', 'M'];
  for (const name of names) {
    const options = (profiles as unknown as Record<string, GenerateOptions>)[name];
    if (!options) throw new Error(`no profile ${name}`);
    for (const throttled of name === 'L' ? [false] : [false, true]) {
      const result = await benchGraph(options, 50, throttled);
      process.stdout.write(`${JSON.stringify({ profile: name, ...result })}\n`);
    }
  }
}
