// Sends GET requests to Graph v1.0: alone when there is one, else in `$batch`es of at most 20,
// with at most `maxInFlight` HTTP requests open at once, each with its own client-request-id.
// A $batch answer is read per item whatever its status: Graph answers 424 (Failed Dependency) for
// the whole batch when an item in it was throttled, with the usual `responses` body in which the
// throttled items are 429 with their own Retry-After (throttling.md, "Throttling and batching";
// dev-proxy GraphRandomErrorPlugin's batch answer). A 401 gets one re-send after a forced token
// refresh; a second 401 means Graph refuses the token and the whole run stops. Throttling and
// transient failures come back as `retry` answers: the caller puts them back into the queue that
// fills batches (graph-run.ts), so retries ride along with other work instead of going out alone.
import { abortError, GraphReadError } from './errors.ts';
import { batchResponseSchema, graphErrorText } from './graph-schemas.ts';
import { absoluteUrl, isOnBase } from './hosts.ts';
import type { ReadLogEntry } from './read-log.ts';
import { logPath } from './read-log.ts';
import { createLimiter, parseRetryAfter, RETRYABLE_STATUSES } from './retry-policy.ts';

export const MAX_BATCH = 20;

export interface GraphRequest {
  /** Path and query relative to /v1.0, starting with "/". */
  url: string;
  headers?: Readonly<Record<string, string>>;
}

export type GraphOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number | null; code: string | null; error: string };

/** What one send of a request came to: an outcome, or "send it again" (throttled, transient). */
export type GraphAnswer =
  | { kind: 'done'; outcome: GraphOutcome }
  | { kind: 'retry'; status: number | null; code: string | null; error: string; retryAfterMs: number | null };

export interface SendItem {
  request: GraphRequest;
  /** Sends of this request before this one (0 the first time): for the read log. */
  attempt: number;
}

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
  /** A fresh GUID for each request's client-request-id header. */
  newRequestId(): string;
  maxInFlight: number;
  /** Counters changed. */
  onActivity(): void;
  /** One entry per HTTP request and per $batch item, when a read log is kept. */
  onLog?: ((entry: ReadLogEntry) => void) | undefined;
}

export interface GraphClient {
  /** One answer per item, in the order given. Throws only on abort or a refused token. */
  send(items: readonly SendItem[]): Promise<GraphAnswer[]>;
  readonly counters: ClientCounters;
}

interface Item extends SendItem {
  index: number;
  authRetried: boolean;
}

type Answer = GraphAnswer | { kind: 'auth'; code: string | null; error: string };

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { base } = options;
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

  function classify(status: number, retryAfter: string | null, body: unknown): Answer {
    if (status >= 200 && status < 300) return { kind: 'done', outcome: { ok: true, status, body } };
    const graphError = graphErrorText(body);
    const code = graphError?.code ?? null;
    const error = graphError ? `${graphError.code}: ${graphError.message}` : `HTTP ${status}`;
    if (status === 401) return { kind: 'auth', code, error };
    if (RETRYABLE_STATUSES.has(status)) {
      return { kind: 'retry', status, code, error, retryAfterMs: parseRetryAfter(retryAfter, options.now()) };
    }
    return { kind: 'done', outcome: { ok: false, status, code, error } };
  }

  const transient = (
    error: string,
    status: number | null = null,
    retryAfterMs: number | null = null,
  ): Answer => ({
    kind: 'retry',
    status,
    code: null,
    error,
    retryAfterMs,
  });

  async function exchange(items: Item[], bearer: string): Promise<Answer[]> {
    const single = items.length === 1 ? items[0] : undefined;
    const relative = single ? single.request.url : '/$batch';
    const url = absoluteUrl(base, relative);
    if (!isOnBase(url, base)) {
      const outcome: GraphOutcome = {
        ok: false,
        status: null,
        code: null,
        error: `refused to send to ${url}`,
      };
      return items.map(() => ({ kind: 'done', outcome }));
    }
    const clientRequestId = options.newRequestId();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${bearer}`,
      Accept: 'application/json',
      'client-request-id': clientRequestId,
    };
    const itemIds = items.map(() => (single ? clientRequestId : options.newRequestId()));
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
              headers: { ...item.request.headers, 'client-request-id': itemIds[i] },
            })),
          }),
          signal,
        };
    await limiter.acquire(signal);
    counters.requests++;
    counters.subRequests += items.length;
    if (!single) counters.batches++;
    options.onActivity();
    const sentAt = options.now();
    const started = performance.now();
    let status: number;
    let header: (name: string) => string | null;
    let text: string;
    let bytes: number;
    try {
      const response = await options.fetch(url, init);
      status = response.status;
      header = (name) => response.headers.get(name);
      const raw = await response.arrayBuffer();
      bytes = raw.byteLength;
      text = new TextDecoder().decode(raw);
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      const reason = error instanceof Error ? error.message : String(error);
      options.onLog?.({
        time: sentAt.toISOString(),
        method: single ? 'GET' : 'POST',
        path: logPath(relative),
        status: null,
        durationMs: Math.round(performance.now() - started),
        bytes: null,
        retry: single ? single.attempt : 0,
        retryAfter: null,
        requestId: null,
        clientRequestId,
      });
      return items.map(() => transient(`connection failed: ${reason}`));
    } finally {
      limiter.release();
    }
    const durationMs = Math.round(performance.now() - started);
    options.onLog?.({
      time: sentAt.toISOString(),
      method: single ? 'GET' : 'POST',
      path: logPath(relative),
      status,
      durationMs,
      bytes,
      retry: single ? single.attempt : 0,
      retryAfter: header('retry-after'),
      requestId: header('request-id'),
      clientRequestId,
    });
    const body = parseBody(text, header('content-type'));
    const ok = status >= 200 && status < 300;
    if (ok && body === MALFORMED) return items.map(() => transient('the answer was not valid JSON'));
    if (single) return [classify(status, header('retry-after'), body === MALFORMED ? text : body)];
    // Any batch answer that carries `responses` is read item by item, 424 included.
    const parsed = batchResponseSchema.safeParse(body);
    if (!parsed.success) {
      if (!ok) {
        // No per-item answers: the batch's own status stands for each item. A bare 424 means some
        // item failed and took the batch with it; it is worth sending again.
        if (status === 424) {
          const retryAfterMs = parseRetryAfter(header('retry-after'), options.now());
          return items.map(() =>
            transient('the $batch failed (HTTP 424) without item answers', 424, retryAfterMs),
          );
        }
        return items.map(() => classify(status, header('retry-after'), body === MALFORMED ? text : body));
      }
      return items.map(() => transient('the $batch answer had an unexpected shape'));
    }
    const byId = new Map(parsed.data.responses.map((response) => [response.id, response]));
    return items.map((item, i) => {
      const sub = byId.get(String(i + 1));
      if (!sub) return transient('the $batch answer left this request out');
      const subHeaders = lowerKeys(sub.headers ?? {});
      const retryAfter = subHeaders.get('retry-after') ?? null;
      if (options.onLog) {
        options.onLog({
          time: sentAt.toISOString(),
          method: 'GET',
          path: logPath(item.request.url),
          status: sub.status,
          durationMs,
          bytes: sub.body === undefined ? 0 : jsonBytes(sub.body),
          retry: item.attempt,
          retryAfter,
          requestId: subHeaders.get('request-id') ?? null,
          clientRequestId: subHeaders.get('client-request-id') ?? itemIds[i] ?? null,
          batch: clientRequestId,
        });
      }
      // Inside a batch, 424 means "an item this one depended on failed": send it again.
      if (sub.status === 424) return transient('Graph answered 424 (Failed Dependency)', 424, null);
      return classify(sub.status, retryAfter, sub.body);
    });
  }

  async function runChunk(chunk: Item[], results: GraphAnswer[]): Promise<void> {
    let pending = chunk;
    while (pending.length > 0) {
      if (signal.aborted) throw abortError(signal);
      const bearer = token ?? (await fetchToken(false));
      const answers = await exchange(pending, bearer);
      const again: Item[] = [];
      answers.forEach((answer, i) => {
        const item = pending[i] as Item;
        if (answer.kind !== 'auth') {
          results[item.index] = answer;
          return;
        }
        if (item.authRetried) {
          throw new GraphReadError('token_refused', `Graph refused the token (${answer.error})`, 401);
        }
        item.authRetried = true;
        again.push(item);
      });
      if (again.length > 0) {
        counters.retries += again.length;
        await refreshAfter(bearer);
      }
      pending = again;
    }
  }

  return {
    counters,
    async send(sendItems) {
      if (signal.aborted) throw abortError(signal);
      const results = new Array<GraphAnswer>(sendItems.length);
      const items = sendItems.map((item, index) => ({ ...item, index, authRetried: false }));
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

const utf8 = new TextEncoder();

/** UTF-8 size of an item body as JSON (a string body, e.g. base64 $count, counts its characters). */
function jsonBytes(body: unknown): number {
  return utf8.encode(typeof body === 'string' ? body : JSON.stringify(body)).byteLength;
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
