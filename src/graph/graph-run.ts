// What every Graph read shares: its dependencies (passed in, never global), the client over the
// chosen host, the progress it reports, and the loop that sends work in rounds (how much per
// round: schedule.ts). Outcomes go to their handlers in request order, so what the handlers build
// never depends on which response arrived first. A request Graph throttled (or that failed in
// transit) goes back into the same queue once its wait is over, so it fills a later round's
// batches beside new work instead of going out in a small batch of its own; the run only sits
// and waits when less than a batch is left to send and a wait ends within GATHER_MS — then for
// every wait that ends within GATHER_MS of the first, so retries from neighbouring rounds share
// one batch with the last few pages (2 s: a round can take that long on a slow link).
import type { Cloud } from '../core/snapshot-schema.ts';
import {
  type ClientCounters,
  createGraphClient,
  type GraphAnswer,
  type GraphClient,
  type GraphOutcome,
  MAX_BATCH,
} from './graph-client.ts';
import { resolveGraphBase } from './hosts.ts';
import type { ReadLogEntry } from './read-log.ts';
import { FIRST, type ReadContext, type Work } from './read-state.ts';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from './retry-policy.ts';
import { byPriority, roundSize } from './schedule.ts';

export interface GraphReaderDeps {
  /** A bearer token for the chosen cloud's Graph; `forceRefresh` after Graph answered 401. */
  getToken(options: { forceRefresh: boolean }): Promise<string>;
  fetch: typeof fetch;
  signal: AbortSignal;
  onProgress(progress: ReadProgress): void;
  now(): Date;
  /** Waits between retries; tests pass one that does not really wait. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /** For backoff jitter, in [0, 1). */
  random?(): number;
  /** HTTP requests open at once (default 4). */
  maxInFlight?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** A GUID for each request's client-request-id (default crypto.randomUUID). */
  newRequestId?(): string;
  /** Receives one entry per HTTP request and $batch item (see read-log.ts). */
  onLog?(entry: ReadLogEntry): void;
}

/**
 * tenant: organization, app, licences and the selected groups; members: nested groups and further
 * pages; groups: the picker's list of all groups.
 */
export type ReadPhase = 'tenant' | 'members' | 'groups' | 'done';

export interface ReadProgress extends Readonly<ClientCounters> {
  phase: ReadPhase;
  /** Objects read so far (members, groups, contacts, licences, …). */
  items: number;
  /** Groups whose members are being or have been read, and those finished. */
  groupsKnown: number;
  groupsRead: number;
  /** Set while waiting before a retry: how long, and the status that caused it (null: connection). */
  waiting: { ms: number; status: number | null } | null;
}

export interface GraphRun {
  readonly base: string;
  readonly client: GraphClient;
  readonly context: ReadContext;
  setPhase(phase: ReadPhase): void;
  setGroups(known: number, read: number): void;
  /**
   * Sends `initial` and all work it leads to; `afterRound` may stop the run by throwing, and
   * `horizon` says how many more rounds a known page chain needs (see schedule.ts).
   */
  runRounds(initial: Work[], afterRound?: () => void, horizon?: () => number): Promise<void>;
}

export const DEFAULT_MAX_IN_FLIGHT = 4;
/** When only retries are left, waits ending this close to the first one are awaited together. */
export const GATHER_MS = 2_000;

interface Queued {
  work: Work;
  /** Sends so far. */
  attempts: number;
}

export function startRun(cloud: Cloud, graphBaseUrl: string | undefined, deps: GraphReaderDeps): GraphRun {
  const base = resolveGraphBase(cloud, graphBaseUrl);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy };
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const progress = { phase: 'tenant' as ReadPhase, items: 0, groupsKnown: 0, groupsRead: 0 };
  let waiting: ReadProgress['waiting'] = null;
  const emit = () => deps.onProgress({ ...client.counters, ...progress, waiting });
  const client = createGraphClient({
    base,
    getToken: (options) => deps.getToken(options),
    fetch: deps.fetch,
    signal: deps.signal,
    now: () => deps.now(),
    newRequestId: deps.newRequestId ?? (() => crypto.randomUUID()),
    maxInFlight: Math.max(1, deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT),
    onActivity: emit,
    onLog: deps.onLog,
  });

  return {
    base,
    client,
    context: {
      base,
      countItems(n) {
        progress.items += n;
      },
    },
    setPhase(phase) {
      progress.phase = phase;
      waiting = null;
      emit();
    },
    setGroups(known, read) {
      progress.groupsKnown = known;
      progress.groupsRead = read;
    },
    async runRounds(initial, afterRound, horizon) {
      // Every page of every read has its own URL, so new work asking for a URL already sent means
      // the walk over the tenant's groups went round a cycle: stop with a named error rather than
      // read forever. A retry is the same work sent again, not new work, and is let through.
      const sent = new Set<string>();
      let pending: Queued[] = byPriority(initial).map((work) => ({ work, attempts: 0 }));
      /** Retries whose wait is over, to join the next round. */
      let ready: Queued[] = [];
      /** Waits under way: one per round that had retries. */
      /** Waits under way and when each ends (by deps.now()). */
      const waits = new Map<Promise<void>, number>();
      let failure: { error: unknown } | null = null;

      const startWait = (retries: Queued[], ms: number, status: number | null) => {
        client.counters.waitedMs += ms;
        waiting = { ms, status };
        emit();
        const wait = sleep(ms, deps.signal).then(
          () => {
            waits.delete(wait);
            ready.push(...retries);
          },
          (error: unknown) => {
            waits.delete(wait);
            failure ??= { error };
          },
        );
        waits.set(wait, deps.now().getTime() + ms);
      };

      while (true) {
        // A wait that is already over (a zero Retry-After, a test's instant sleep) lets its
        // retries join this round rather than a later one: one macrotask settles it.
        if (waits.size > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (failure) throw (failure as { error: unknown }).error;
        if (ready.length > 0) {
          pending = sortQueued([...ready, ...pending]);
          ready = [];
        }
        if (pending.length === 0 && waits.size === 0) break;
        // Less than a batch to send while retries wait: if a wait ends within GATHER_MS, hold the
        // few until then so they share a batch with the retries (throttled runs only: a fault-free
        // run never waits, and a long Retry-After does not hold the walk back).
        if (pending.length < MAX_BATCH && waits.size > 0) {
          const first = Math.min(...waits.values());
          if (pending.length === 0 || first - deps.now().getTime() <= GATHER_MS) {
            await Promise.all([...waits].filter(([, end]) => end <= first + GATHER_MS).map(([wait]) => wait));
            continue;
          }
        }
        const urgent = pending.filter((item) => item.work.priority === FIRST).length;
        const take = roundSize(pending.length, urgent, horizon?.() ?? 1);
        const round = pending.slice(0, take);
        for (const { work, attempts } of round) {
          if (attempts > 0) continue;
          const { url } = work.request;
          if (sent.has(url)) throw new Error(`graph reader: ${url} was asked for twice`);
          sent.add(url);
        }
        const answers = await client.send(
          round.map((item) => ({ request: item.work.request, attempt: item.attempts })),
        );
        const next: Work[] = [];
        const retries: Queued[] = [];
        let waitMs = 0;
        let waitStatus: number | null = null;
        round.forEach((item, i) => {
          const answer = answers[i] as GraphAnswer;
          item.attempts++;
          let outcome: GraphOutcome;
          if (answer.kind === 'done') outcome = answer.outcome;
          else if (item.attempts > policy.maxRetries) {
            const error = `${answer.error} (still failing after ${policy.maxRetries} retries)`;
            outcome = { ok: false, status: answer.status, code: answer.code, error };
          } else {
            if (answer.status !== null) client.counters.throttled++;
            client.counters.retries++;
            const delay = retryDelay(answer.retryAfterMs, item.attempts, policy, random);
            if (delay >= waitMs) {
              waitMs = delay;
              waitStatus = answer.status;
            }
            retries.push(item);
            return;
          }
          next.push(...item.work.handle(outcome));
        });
        waiting = null;
        if (retries.length > 0) startWait(retries, waitMs, waitStatus);
        afterRound?.();
        emit();
        pending = sortQueued([...next.map((work) => ({ work, attempts: 0 })), ...pending.slice(take)]);
      }
      if (failure) throw (failure as { error: unknown }).error;
    },
  };
}

/** byPriority over queued work, keeping each item's attempt count. */
function sortQueued(items: Queued[]): Queued[] {
  const attempts = new Map(items.map((item) => [item.work, item.attempts]));
  return byPriority(items.map((item) => item.work)).map((work) => ({
    work,
    attempts: attempts.get(work) ?? 0,
  }));
}
