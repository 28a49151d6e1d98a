// What every Graph read shares: its dependencies (passed in, never global), the client over the
// chosen host, the progress it reports, and the loop that sends work in rounds (how much per
// round: schedule.ts). Outcomes go to their handlers in request order, so what the handlers build
// never depends on which response arrived first, and the request count is the same on every run.
import type { Cloud } from '../core/snapshot-schema.ts';
import { type ClientCounters, createGraphClient, type GraphClient } from './graph-client.ts';
import { resolveGraphBase } from './hosts.ts';
import { FIRST, type ReadContext, type Work } from './read-state.ts';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
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

export function startRun(cloud: Cloud, graphBaseUrl: string | undefined, deps: GraphReaderDeps): GraphRun {
  const base = resolveGraphBase(cloud, graphBaseUrl);
  const progress = { phase: 'tenant' as ReadPhase, items: 0, groupsKnown: 0, groupsRead: 0 };
  let waiting: ReadProgress['waiting'] = null;
  const emit = () => deps.onProgress({ ...client.counters, ...progress, waiting });
  const client = createGraphClient({
    base,
    getToken: (options) => deps.getToken(options),
    fetch: deps.fetch,
    signal: deps.signal,
    now: () => deps.now(),
    sleep: deps.sleep ?? abortableSleep,
    random: deps.random ?? Math.random,
    maxInFlight: Math.max(1, deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT),
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy },
    onActivity(wait) {
      waiting = wait;
      emit();
    },
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
      // Every page of every read has its own URL (retries happen inside client.send), so a URL sent
      // twice means the walk over the tenant's groups went round a cycle: stop with a named error
      // rather than read forever.
      const sent = new Set<string>();
      let pending = byPriority(initial);
      while (pending.length > 0) {
        const urgent = pending.filter((item) => item.priority === FIRST).length;
        const take = roundSize(pending.length, urgent, horizon?.() ?? 1);
        const work = pending.slice(0, take);
        for (const { request } of work) {
          if (sent.has(request.url)) throw new Error(`graph reader: ${request.url} was asked for twice`);
          sent.add(request.url);
        }
        const outcomes = await client.send(work.map((item) => item.request));
        const next: Work[] = [];
        work.forEach((item, i) => {
          const outcome = outcomes[i];
          if (outcome) next.push(...item.handle(outcome));
        });
        waiting = null;
        afterRound?.();
        emit();
        pending = byPriority([...next, ...pending.slice(take)]);
      }
    },
  };
}
