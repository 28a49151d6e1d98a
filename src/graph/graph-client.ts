// Sends GET requests to Graph v1.0: alone when there is one, else in `$batch`es of at most 20,
// with at most `maxInFlight` HTTP requests open at once. Throttling and transient failures are
// retried per request — inside a batch only the sub-requests that failed go out again, each
// honouring its own Retry-After. A 401 gets one retry after a forced token refresh; a second 401
// means Graph refuses the token and the whole run stops (the internal abort cancels every other
// request). Anything else that fails comes back as an outcome, never as a throw.
import { abortError, GraphReadError } from './errors.ts';
import { batchResponseSchema, graphErrorText } from './graph-schemas.ts';
import { absoluteUrl, isOnBase } from './hosts.ts';
import {
  createLimiter,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  retryDelay,
} from './retry-policy.ts';

export const MAX_BATCH = 20;

export interface GraphRequest {
  /** Path and query relative to /v1.0, starting with "/". */
  url: string;
  headers?: Readonly<Record<string, string>>;
}

export type GraphOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number | null; code: string | null; error: string };

export interface ClientCounters {
  /** HTTP requests sent; a $batch counts once. */
  requests: number;
  batches: number;
  /** Graph requests carried, alone or inside batches (retries included). */
  subRequests: number;
  /** Graph requests sent again after a failure. */
  retries: number;
  /** 429/503/504 answers. */
  throttled: number;
  waitedMs: number;
}

export interface GraphClientOptions {
  base: string;
  getToken(options: { forceRefresh: boolean }): Promise<string>;
  fetch: typeof fetch;
  signal: AbortSignal;
  now(): Date;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  maxInFlight: number;
  policy: RetryPolicy;
  /** Counters changed, or a wait starts (`wait` set). */
  onActivity(wait: { ms: number; status: number | null } | null): void;
}

export interface GraphClient {
  /** One outcome per request, in the order given. Throws only on abort or a refused token. */
  send(requests: readonly GraphRequest[]): Promise<GraphOutcome[]>;
  readonly counters: Readonly<ClientCounters>;
}

interface Item {
  request: GraphRequest;
  index: number;
  attempts: number;
  authRetried: boolean;
}

type Answer =
  | { kind: 'done'; outcome: GraphOutcome }
  | { kind: 'retry'; status: number | null; code: string | null; error: string; retryAfterMs: number | null }
  | { kind: 'auth'; code: string | null; error: string };

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { base, policy } = options;
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const limiter = createLimiter(options.maxInFlight);
  const counters: ClientCounters = {
    requests: 0,
    batches: 0,
    subRequests: 0,
    retries: 0,
    throttled: 0,
    waitedMs: 0,
  };
  let token: string | null = null;
  let pendingToken: Promise<string> | null = null;

  function fetchToken(forceRefresh: boolean): Promise<string> {
    pendingToken ??= (async () => {
      try {
        const fresh = await untilAborted(options.getToken({ forceRefresh }), signal);
        if (typeof fresh !== 'string' || fresh === '')
          throw new Error('the token provider gave an empty token');
        token = fresh;
        return fresh;
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        const message = error instanceof Error ? error.message : String(error);
        throw new GraphReadError('token_unavailable', `could not get a token: ${message}`, null, error);
      } finally {
        pendingToken = null;
      }
    })();
    return pendingToken;
  }

  /** Concurrent 401s on the same stale token share one refresh. */
  async function refreshAfter(stale: string): Promise<void> {
    if (token !== stale && token !== null) return;
    await fetchToken(true);
  }

  function classify(status: number, header: (name: string) => string | null, body: unknown): Answer {
    if (status >= 200 && status < 300) return { kind: 'done', outcome: { ok: true, status, body } };
    const graphError = graphErrorText(body);
    const code = graphError?.code ?? null;
    const error = graphError ? `${graphError.code}: ${graphError.message}` : `HTTP ${status}`;
    if (status === 401) return { kind: 'auth', code, error };
    if (RETRYABLE_STATUSES.has(status)) {
      const retryAfterMs = parseRetryAfter(header('retry-after'), options.now());
      return { kind: 'retry', status, code, error, retryAfterMs };
    }
    return { kind: 'done', outcome: { ok: false, status, code, error } };
  }

  const transient = (error: string): Answer => ({
    kind: 'retry',
    status: null,
    code: null,
    error,
    retryAfterMs: null,
  });

  async function exchange(items: Item[], bearer: string): Promise<Answer[]> {
    const single = items.length === 1 ? items[0] : undefined;
    const url = absoluteUrl(base, single ? single.request.url : '/$batch');
    if (!isOnBase(url, base)) {
      const outcome: GraphOutcome = {
        ok: false,
        status: null,
        code: null,
        error: `refused to send to ${url}`,
      };
      return items.map(() => ({ kind: 'done', outcome }));
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: 'application/json' };
    const init: RequestInit = single
      ? { method: 'GET', headers: { ...single.request.headers, ...headers }, signal }
      : {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            requests: items.map((item, i) => ({
              id: String(i + 1),
              method: 'GET',
              url: item.request.url,
              ...(item.request.headers ? { headers: item.request.headers } : {}),
            })),
          }),
          signal,
        };
    await limiter.acquire(signal);
    counters.requests++;
    counters.subRequests += items.length;
    if (!single) counters.batches++;
    options.onActivity(null);
    let status: number;
    let header: (name: string) => string | null;
    let text: string;
    try {
      const response = await options.fetch(url, init);
      status = response.status;
      header = (name) => response.headers.get(name);
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      const reason = error instanceof Error ? error.message : String(error);
      return items.map(() => transient(`connection failed: ${reason}`));
    } finally {
      limiter.release();
    }
    const body = parseBody(text, header('content-type'));
    const ok = status >= 200 && status < 300;
    if (ok && body === MALFORMED) return items.map(() => transient('the answer was not valid JSON'));
    if (single) return [classify(status, header, body === MALFORMED ? text : body)];
    if (!ok) return items.map(() => classify(status, header, body === MALFORMED ? text : body));
    const parsed = batchResponseSchema.safeParse(body);
    if (!parsed.success) return items.map(() => transient('the $batch answer had an unexpected shape'));
    const byId = new Map(parsed.data.responses.map((response) => [response.id, response]));
    return items.map((_, i) => {
      const sub = byId.get(String(i + 1));
      if (!sub) return transient('the $batch answer left this request out');
      const subHeaders = lowerKeys(sub.headers ?? {});
      return classify(sub.status, (name) => subHeaders.get(name) ?? null, sub.body);
    });
  }

  async function runChunk(chunk: Item[], results: GraphOutcome[]): Promise<void> {
    let pending = chunk;
    while (pending.length > 0) {
      if (signal.aborted) throw abortError(signal);
      const bearer = token ?? (await fetchToken(false));
      const answers = await exchange(pending, bearer);
      const again: Item[] = [];
      let waitMs = 0;
      let waitStatus: number | null = null;
      let refresh = false;
      answers.forEach((answer, i) => {
        const item = pending[i] as Item;
        if (answer.kind === 'done') {
          results[item.index] = answer.outcome;
        } else if (answer.kind === 'auth') {
          if (item.authRetried) {
            throw new GraphReadError('token_refused', `Graph refused the token (${answer.error})`, 401);
          }
          item.authRetried = true;
          refresh = true;
          again.push(item);
        } else {
          if (answer.status !== null) counters.throttled++;
          item.attempts++;
          if (item.attempts > policy.maxRetries) {
            const error = `${answer.error} (still failing after ${policy.maxRetries} retries)`;
            results[item.index] = { ok: false, status: answer.status, code: answer.code, error };
            return;
          }
          const delay = retryDelay(answer.retryAfterMs, item.attempts, policy, options.random);
          if (delay >= waitMs) {
            waitMs = delay;
            waitStatus = answer.status;
          }
          again.push(item);
        }
      });
      counters.retries += again.length;
      if (refresh) await refreshAfter(bearer);
      if (waitMs > 0 && again.length > 0) {
        counters.waitedMs += waitMs;
        options.onActivity({ ms: waitMs, status: waitStatus });
        await options.sleep(waitMs, signal);
      }
      pending = again;
    }
  }

  return {
    counters,
    async send(requests) {
      if (signal.aborted) throw abortError(signal);
      const results = new Array<GraphOutcome>(requests.length);
      const items = requests.map((request, index) => ({ request, index, attempts: 0, authRetried: false }));
      const chunks: Item[][] = [];
      for (let i = 0; i < items.length; i += MAX_BATCH) chunks.push(items.slice(i, i + MAX_BATCH));
      try {
        await Promise.all(chunks.map((chunk) => runChunk(chunk, results)));
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        stop.abort(error);
        throw error;
      }
      return results;
    },
  };
}

const MALFORMED = Symbol('malformed');

/** JSON when it parses (or must), the text otherwise ($count is text/plain). */
function parseBody(text: string, contentType: string | null): unknown {
  const json = contentType?.toLowerCase().includes('json') ?? false;
  if (text.trim() === '') return json ? MALFORMED : null;
  try {
    return JSON.parse(text);
  } catch {
    return json ? MALFORMED : text;
  }
}

function lowerKeys(headers: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
