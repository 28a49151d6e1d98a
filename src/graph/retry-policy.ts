// When and how long to wait before sending a request again. Graph says how long on 429 (and
// sometimes 503/504) in Retry-After, in seconds or as an HTTP date; without it we back off
// exponentially with "equal jitter" (half fixed, half random) so parallel readers spread out.
// Waits are abortable: cancelling must not sit out a two-minute Retry-After.
import { abortError } from './errors.ts';

/** Statuses worth sending again as they are (401 is handled apart: new token, once). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetryPolicy {
  /** Sends of one request after its first, for throttling and transient failures. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After we honour as given; longer answers are cut to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 300_000,
};

/** Retry-After as milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/** The wait before retry number `attempt` (1-based) when Graph gave no Retry-After. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function retryDelay(
  retryAfterMs: number | null,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy, random);
}

/** setTimeout as a promise that rejects at once when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * At most `limit` holders at once; waiting turns are served first come, first served and leave
 * the queue when the signal aborts.
 */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async acquire(signal: AbortSignal): Promise<void> {
      if (signal.aborted) throw abortError(signal);
      if (active < limit) {
        active++;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal.removeEventListener('abort', onAbort);
          active++;
          resolve();
        };
        const onAbort = () => {
          const at = waiting.indexOf(turn);
          if (at !== -1) waiting.splice(at, 1);
          reject(abortError(signal));
        };
        waiting.push(turn);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    release(): void {
      active--;
      const next = waiting.shift();
      if (next) next();
    },
  };
}
