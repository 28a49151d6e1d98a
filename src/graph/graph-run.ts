// What every Graph read shares: its dependencies (passed in, never global), the client over the
// chosen host, the progress it reports, and the loop that sends work in rounds. A round sends the
// work known at that point in full batches of 20 (all of it when less is known, as nothing else
// could fill the batch); the remainder, objects and counts last, waits for the next round's
// discoveries. Outcomes go to their handlers in request order, so what the handlers build never
// depends on which response arrived first, and the request count is the same on every run.
import type { Cloud } from '../core/snapshot-schema.ts';
import { type ClientCounters, createGraphClient, type GraphClient, MAX_BATCH } from './graph-client.ts';
import { resolveGraphBase } from './hosts.ts';
import { NORMAL, type ReadContext, type Work } from './read-state.ts';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';

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
  /** Sends `initial` and all work it leads to; `afterRound` may stop the run by throwing. */
  runRounds(initial: Work[], afterRound?: () => void): Promise<void>;
}

export const DEFAULT_MAX_IN_FLIGHT = 4;

/** Stable: equal priorities keep their order, so rounds stay deterministic. */
function byPriority(work: Work[]): Work[] {
  return work
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.priority ?? NORMAL) - (b.item.priority ?? NORMAL) || a.i - b.i)
    .map(({ item }) => item);
}

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
    async runRounds(initial, afterRound) {
      let pending = byPriority(initial);
      while (pending.length > 0) {
        const take =
          pending.length < MAX_BATCH ? pending.length : pending.length - (pending.length % MAX_BATCH);
        const work = pending.slice(0, take);
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
