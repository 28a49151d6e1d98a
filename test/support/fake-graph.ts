// A fake Microsoft Graph v1.0 for tests: `fetch` (Request → Response) over a snapshot, with JSON
// batching (at most 20, answers in reverse order as Graph may), bearer tokens, latency, counters,
// and fault injection: 429 with or without Retry-After (alone or inside a $batch), 503, 504,
// 403/404, a connection dropped before or in the middle of a body, a malformed or truncated page,
// a nextLink to another host, and a token that expires mid-run. Resources: fake-graph-directory.ts.
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import { createDirectory, type FakeAnswer, graphError, type Json } from './fake-graph-directory.ts';

export type FaultEffect =
  | { kind: 'status'; status: number; retryAfter?: number | string; code?: string; message?: string }
  /** fetch rejects with a TypeError (inside a $batch: the whole batch's connection). */
  | { kind: 'drop' }
  /** The response starts, then its body stream fails half-way. */
  | { kind: 'drop-mid-body' }
  /** The JSON is cut in half (inside a $batch: the whole batch body). */
  | { kind: 'truncated' }
  /** Valid JSON of the wrong shape: `value` is not a list, an object has no id, a count is not a number. */
  | { kind: 'malformed' }
  /** The page's nextLink points at another origin. */
  | { kind: 'foreign-next-link'; origin: string }
  /** One item of the page (default the first) comes without this property. */
  | { kind: 'odd-item'; drop: '@odata.type' | 'id'; position?: number };

export interface Fault {
  /** Path after /v1.0 without the query (case-insensitive), or a pattern; "/$batch" is the batch POST. */
  path: string | RegExp;
  /** Only first pages (no $skiptoken) or only later ones. */
  page?: 'first' | 'next';
  /** Only inside a $batch (true) or only alone (false). */
  inBatch?: boolean;
  /** Matching requests let through before the fault hits. */
  skip?: number;
  /** Matching requests it hits (default 1; Infinity for always). */
  times?: number;
  effect: FaultEffect;
}

export interface FakeGraphOptions {
  /** Where the fake answers (default https://graph.microsoft.com); requests elsewhere fail as unreachable. */
  baseUrl?: string;
  /** Added to every HTTP round trip. */
  latencyMs?: number;
  faults?: readonly Fault[];
  /** After this many HTTP requests every token seen so far is expired (401 until a new one comes). */
  expireTokensAfterRequests?: number;
  /** Refuse every token (401 InvalidAuthenticationToken). */
  refuseTokens?: boolean;
  /** More groups for the picker's list (/groups), beyond the snapshot's. */
  extraGroups?: readonly Json[];
  /** Page size without $top (Graph: 100). */
  defaultPageSize?: number;
  /**
   * How a $count comes back inside a $batch: base64 of the text (Graph's way with a non-JSON
   * body, the default), base64 of a BOM and the text ("77u/ODkz"), a JSON string, or a number.
   */
  countInBatch?: 'base64' | 'base64-bom' | 'string' | 'number';
  /** Alone, $count is text/plain; with `bom` it starts with a UTF-8 BOM. */
  countAlone?: 'text' | 'bom';
  /**
   * The status of a $batch in which an item was throttled: 200 (the default) or 424, which Graph's
   * throttling guide and dev-proxy's GraphRandomErrorPlugin answer, with the same `responses` body.
   */
  throttledBatchStatus?: 200 | 424;
  /**
   * $skiptokens spell the last listed object's userPrincipalName (or name), as Graph's directory
   * tokens can: personal data in a URL, which the read log must not keep.
   */
  namesInSkipTokens?: boolean;
  /** Ids Graph answers with "limited information": every property but id and @odata.type null. */
  limitedInformation?: readonly string[];
}

export interface FakeGraphStats {
  /** HTTP requests that reached the fake (a $batch counts once). */
  requests: number;
  batches: number;
  /** Graph requests served, alone or inside batches. */
  subRequests: number;
  /** Graph requests per path (after /v1.0, no query), including "/$batch" for batch POSTs. */
  byPath: Record<string, number>;
  /** Answers per status, sub-responses included. */
  statuses: Record<number, number>;
  inFlight: number;
  maxInFlight: number;
  /** Requests that were cancelled through their signal while the fake held them. */
  aborted: number;
  /** URLs of requests that went anywhere but the fake's base (a token sent elsewhere). */
  foreignRequests: string[];
  /** Distinct bearer tokens in the order first seen. */
  tokens: string[];
  faultsFired: number;
}

export interface FakeGraph {
  fetch: typeof fetch;
  stats: FakeGraphStats;
  readonly baseUrl: string;
}

const MAX_BATCH = 20;

export function createFakeGraph(snapshot: SnapshotV1, options: FakeGraphOptions = {}): FakeGraph {
  const base = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const directory = createDirectory(snapshot, {
    ...(options.extraGroups ? { extraGroups: options.extraGroups } : {}),
    ...(options.defaultPageSize ? { defaultPageSize: options.defaultPageSize } : {}),
    ...(options.limitedInformation ? { limitedInformation: options.limitedInformation } : {}),
    ...(options.countAlone === 'bom' ? { countBom: true } : {}),
    ...(options.namesInSkipTokens ? { namesInSkipTokens: true } : {}),
  });
  const stats: FakeGraphStats = {
    requests: 0,
    batches: 0,
    subRequests: 0,
    byPath: {},
    statuses: {},
    inFlight: 0,
    maxInFlight: 0,
    aborted: 0,
    foreignRequests: [],
    tokens: [],
    faultsFired: 0,
  };
  const faults = (options.faults ?? []).map((fault) => ({ fault, seen: 0, hits: 0 }));
  let expired: Set<string> | null = null;

  function fire(relative: string, inBatch: boolean): FaultEffect | null {
    const url = new URL(relative, 'http://fake');
    const path = decodeURIComponent(url.pathname);
    const later = url.searchParams.has('$skiptoken');
    for (const entry of faults) {
      const { fault } = entry;
      const pathMatches =
        typeof fault.path === 'string'
          ? fault.path.toLowerCase() === path.toLowerCase()
          : fault.path.test(path);
      if (!pathMatches) continue;
      if (fault.page === 'first' && later) continue;
      if (fault.page === 'next' && !later) continue;
      if (fault.inBatch !== undefined && fault.inBatch !== inBatch) continue;
      entry.seen++;
      if (entry.seen <= (fault.skip ?? 0) || entry.hits >= (fault.times ?? 1)) continue;
      entry.hits++;
      stats.faultsFired++;
      return fault.effect;
    }
    return null;
  }

  /** One Graph request: faults first, then the directory, then faults that spoil the answer. */
  function serve(relative: string, header: (name: string) => string | null, inBatch: boolean) {
    const path = decodeURIComponent(new URL(relative, 'http://fake').pathname);
    stats.subRequests++;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const effect = fire(relative, inBatch);
    let answer: FakeAnswer;
    if (effect?.kind === 'status') {
      const extra: Json = effect.retryAfter === undefined ? {} : { 'Retry-After': String(effect.retryAfter) };
      answer = graphError(
        effect.status,
        effect.code ?? defaultCode(effect.status),
        effect.message ?? 'Injected fault.',
        extra,
      );
    } else {
      answer = directory.serve(relative, header, base);
      if (effect?.kind === 'malformed') answer = malformed(answer);
      if (effect?.kind === 'foreign-next-link') answer = foreignNextLink(answer, effect.origin, relative);
      if (effect?.kind === 'odd-item') answer = oddItem(answer, effect.drop, effect.position ?? 0);
    }
    stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
    const transport =
      effect && ['drop', 'drop-mid-body', 'truncated'].includes(effect.kind) ? effect.kind : null;
    return { answer, transport };
  }

  async function handle(request: Request): Promise<Response> {
    const response = await answer(request);
    // Graph's diagnostic headers: a request-id of its own, the caller's client-request-id echoed.
    response.headers.set('request-id', crypto.randomUUID());
    const clientRequestId = request.headers.get('client-request-id');
    if (clientRequestId !== null) response.headers.set('client-request-id', clientRequestId);
    return response;
  }

  async function answer(request: Request): Promise<Response> {
    const url = request.url;
    if (!url.startsWith(`${base}/v1.0/`)) {
      stats.foreignRequests.push(url);
      throw new TypeError(`fetch failed (the fake Graph does not answer ${new URL(url).origin})`);
    }
    if (options.latencyMs) await delay(options.latencyMs, request.signal);
    if (request.signal.aborted) throw request.signal.reason;
    const relative = url.slice(`${base}/v1.0`.length);
    const refused = checkToken(request.headers.get('authorization'));
    if (refused) return toResponse(refused, null);
    if (decodeURIComponent(new URL(url).pathname) === new URL(`${base}/v1.0/$batch`).pathname) {
      stats.byPath['/$batch'] = (stats.byPath['/$batch'] ?? 0) + 1;
      if (request.method !== 'POST')
        return toResponse(graphError(405, 'BadRequest', 'Use POST for $batch.'), null);
      stats.batches++;
      const batchFault = fire('/$batch', false);
      if (batchFault?.kind === 'status') {
        const extra =
          batchFault.retryAfter === undefined ? {} : { 'Retry-After': String(batchFault.retryAfter) };
        return toResponse(
          graphError(batchFault.status, defaultCode(batchFault.status), 'Injected fault.', extra),
          null,
        );
      }
      return batch(await request.text());
    }
    const { answer, transport } = serve(relative, (name) => request.headers.get(name), false);
    return toResponse(answer, transport);
  }

  function checkToken(authorization: string | null): FakeAnswer | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (options.expireTokensAfterRequests !== undefined && expired === null) {
      if (stats.requests > options.expireTokensAfterRequests) expired = new Set(stats.tokens);
    }
    if (!stats.tokens.includes(token)) stats.tokens.push(token);
    if (options.refuseTokens || expired?.has(token)) {
      stats.statuses[401] = (stats.statuses[401] ?? 0) + 1;
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
      );
    }
    return null;
  }

  function batch(text: string): Response {
    let requests: Array<{ id?: unknown; method?: unknown; url?: unknown; headers?: unknown }>;
    try {
      const parsed = JSON.parse(text) as { requests?: unknown };
      if (!Array.isArray(parsed.requests)) throw new Error('no requests');
      requests = parsed.requests;
    } catch {
      return toResponse(graphError(400, 'BadRequest', 'Invalid batch payload format.'), null);
    }
    if (requests.length > MAX_BATCH) {
      return toResponse(
        graphError(400, 'BadRequest', `Number of requests exceeds the limit of ${MAX_BATCH}.`),
        null,
      );
    }
    const ids = new Set(requests.map((request) => String(request.id)));
    if (ids.size !== requests.length)
      return toResponse(graphError(400, 'BadRequest', 'Batch request ids must be unique.'), null);
    let transport: string | null = null;
    const responses = requests.map((request) => {
      const id = String(request.id);
      const url = String(request.url ?? '');
      if (request.method !== 'GET' || /^[a-z]+:/i.test(url)) {
        return {
          id,
          status: 400,
          headers: {},
          body: graphError(400, 'BadRequest', 'Invalid request URL.').body,
        };
      }
      const headers = new Map(
        Object.entries((request.headers ?? {}) as Record<string, string>).map(([k, v]) => [
          k.toLowerCase(),
          v,
        ]),
      );
      const served = serve(
        url.startsWith('/') ? url : `/${url}`,
        (name) => headers.get(name.toLowerCase()) ?? null,
        true,
      );
      transport ??= served.transport;
      const { answer } = served;
      return { id, status: answer.status, headers: answer.headers, body: batchBody(answer) };
    });
    responses.reverse();
    const throttled = responses.some((response) => response.status === 429);
    const status = throttled ? (options.throttledBatchStatus ?? 200) : 200;
    return toResponse(
      { status, headers: { 'Content-Type': 'application/json' }, body: { responses } },
      transport,
    );
  }

  /** Graph hands a non-JSON body (text/plain $count) back base64-encoded inside a batch. */
  function batchBody(answer: FakeAnswer): unknown {
    if (!answer.text) return answer.body;
    const text = String(answer.body).replace(/^\uFEFF/, '');
    switch (options.countInBatch ?? 'base64') {
      case 'number':
        return Number(text);
      case 'string':
        return text;
      case 'base64-bom':
        return Buffer.from(`\uFEFF${text}`).toString('base64');
      default:
        return Buffer.from(text).toString('base64');
    }
  }

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      // A real answer never comes in the task that asked. Without this a reader stuck in a loop
      // would spin on microtasks only, starving every timer, vitest's test timeout included: the
      // run would hang with no test named instead of failing that test.
      await new Promise((done) => setImmediate(done));
      return await handle(request);
    } catch (error) {
      if (request.signal.aborted) stats.aborted++;
      throw error;
    } finally {
      stats.inFlight--;
    }
  };
  return { fetch: fakeFetch as typeof fetch, stats, baseUrl: base };
}

function defaultCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'serviceNotAvailable';
  if (status === 504) return 'UnknownError';
  if (status === 403) return 'Authorization_RequestDenied';
  if (status === 404) return 'Request_ResourceNotFound';
  return 'BadRequest';
}

function malformed(answer: FakeAnswer): FakeAnswer {
  if (answer.text) return { ...answer, body: 'many' };
  const body = answer.body as Json;
  if ('value' in body) return { ...answer, body: { ...body, value: { broken: true } } };
  return { ...answer, body: { unexpected: true } };
}

function oddItem(answer: FakeAnswer, drop: '@odata.type' | 'id', position: number): FakeAnswer {
  const body = answer.body as Json;
  if (!Array.isArray(body.value)) return answer;
  const value = (body.value as Json[]).map((item, i) => {
    if (i !== position) return item;
    const { [drop]: _dropped, ...rest } = item;
    return rest;
  });
  return { ...answer, body: { ...body, value } };
}

function foreignNextLink(answer: FakeAnswer, origin: string, relative: string): FakeAnswer {
  const body = answer.body as Json;
  const path = new URL(relative, 'http://fake').pathname;
  const link = typeof body['@odata.nextLink'] === 'string' ? new URL(body['@odata.nextLink']) : null;
  const foreign = link
    ? `${origin}${link.pathname}${link.search}`
    : `${origin}/v1.0${path}?$skiptoken=stolen`;
  return { ...answer, body: { ...body, '@odata.nextLink': foreign } };
}

function toResponse(answer: FakeAnswer, transport: string | null): Response {
  if (transport === 'drop') throw new TypeError('fetch failed (connection reset by the fake Graph)');
  const text = answer.text ? String(answer.body) : JSON.stringify(answer.body);
  const init = { status: answer.status, headers: answer.headers };
  if (transport === 'truncated') return new Response(text.slice(0, Math.floor(text.length / 2)), init);
  if (transport === 'drop-mid-body') {
    const half = new TextEncoder().encode(text.slice(0, Math.floor(text.length / 2)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(half);
        controller.error(new TypeError('terminated (the fake Graph dropped the connection mid-page)'));
      },
    });
    return new Response(stream, init);
  }
  return new Response(text, init);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
