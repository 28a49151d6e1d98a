// Playwright routing for the e2e tests: the Microsoft sign-in hosts go to the fake IdP, the Graph
// hosts to a fetch-style handler (test/support/fake-graph.ts's `fetch` fits), everything else that
// is not the local test server is refused and recorded, so no request leaves the machine.
// context.route, never page.route: MSAL's pop-up is a new page and would escape a page route.
// Playwright adds CORS headers to fulfilled answers, so these tests cannot catch CORS mistakes.
import type { BrowserContext, Request as PlaywrightRequest, Route } from 'playwright-core';
import { type FakeIdp, IDP_HOSTS } from '../../support/fake-idp.ts';

export const GRAPH_ORIGINS = ['https://graph.microsoft.com', 'https://graph.microsoft.us'] as const;

/** Request → Response, like fetch. */
export type GraphHandler = (request: Request) => Promise<Response>;

/** A handler, or anything with a fetch (createFakeGraph's result). */
export type GraphSource = GraphHandler | { fetch(input: Request): Promise<Response> };

export function toGraphHandler(source: GraphSource): GraphHandler {
  return typeof source === 'function' ? source : (request) => source.fetch(request);
}

/** Graph's error body for a token Graph refuses. */
export function graphUnauthorized(reason: string): Response {
  return Response.json(
    { error: { code: 'InvalidAuthenticationToken', message: `Access token is invalid: ${reason}.` } },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
  );
}

/** Wraps a handler so Graph first checks the bearer token was issued by the fake IdP for this host. */
export function requireIdpTokens(idp: FakeIdp, handler: GraphHandler): GraphHandler {
  return async (request) => {
    if (request.method === 'OPTIONS') return handler(request);
    const header = request.headers.get('Authorization') ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (token === undefined) return graphUnauthorized('no bearer token');
    const verdict = idp.verifyAccessToken(token, new URL(request.url).origin);
    return verdict.ok ? handler(request) : graphUnauthorized(verdict.reason);
  };
}

function toFetchRequest(request: PlaywrightRequest): Request {
  const method = request.method();
  const body = method === 'GET' || method === 'HEAD' ? null : request.postDataBuffer();
  return new Request(request.url(), {
    method,
    headers: request.headers(),
    ...(body === null ? {} : { body: new Uint8Array(body) }),
  });
}

async function fulfillFrom(route: Route, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
}

export interface RoutingRecord {
  /** URLs refused because they went to neither the test server nor a faked host. */
  readonly blocked: string[];
  /** Graph requests whose handler threw (a dropped connection, on purpose or not). */
  readonly graphFailures: string[];
}

export async function installRoutes(
  context: BrowserContext,
  options: { readonly localOrigin: string; readonly idp: FakeIdp; readonly graph: GraphHandler | null },
): Promise<RoutingRecord> {
  const record: RoutingRecord = { blocked: [], graphFailures: [] };
  const loginHosts = new Set<string>(Object.values(IDP_HOSTS));
  const graphOrigins = new Set<string>(GRAPH_ORIGINS);
  // Playwright tries the most recently added route first: the catch-all goes in first.
  await context.route(
    (url) => url.origin !== options.localOrigin && (url.protocol === 'http:' || url.protocol === 'https:'),
    async (route) => {
      record.blocked.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  await context.route(
    (url) => loginHosts.has(url.hostname),
    async (route) => {
      const request = route.request();
      const answer = await options.idp.handle({
        method: request.method(),
        url: request.url(),
        body: request.postData(),
      });
      await route.fulfill({ status: answer.status, headers: { ...answer.headers }, body: answer.body });
    },
  );
  await context.route(
    (url) => graphOrigins.has(url.origin),
    async (route) => {
      if (options.graph === null) {
        await fulfillFrom(
          route,
          Response.json(
            { error: { code: 'NotImplemented', message: 'No fake Graph in this test.' } },
            { status: 501 },
          ),
        );
        return;
      }
      try {
        await fulfillFrom(route, await options.graph(toFetchRequest(route.request())));
      } catch (error) {
        record.graphFailures.push(`${route.request().url()}: ${String(error)}`);
        await route.abort('connectionfailed');
      }
    },
  );
  return record;
}
