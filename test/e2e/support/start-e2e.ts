// One call sets up an end-to-end test: the built app (dist/) on a static server with the app's
// CSP, Chromium with a fresh profile, the fake IdP and fake Graph routed in, and recorders for
// every request, CSP violation and console error of every page, pop-up and frame in the context.
// The app under test is the production build: nothing here changes it, the recorders only listen.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStaticServer } from '../../../src/serve/static-server.ts';
import { createFakeIdp, type FakeIdp, type FakeIdpOptions } from '../../support/fake-idp.ts';
import { launchChromium } from './chromium.ts';
import { type GraphSource, installRoutes, requireIdpTokens, toGraphHandler } from './routes.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_DIST = join(REPO_ROOT, 'dist');
/**
 * How long Playwright's waits (locators, events, navigation) keep waiting for their condition:
 * far past Playwright's 30 s default, which a loaded 2-core machine can need for a page load.
 */
export const E2E_PATIENCE_MS = 90_000;

export interface StartE2EOptions {
  /** The built app; default <repo>/dist. */
  readonly dist?: string;
  /** Extra folders served on the same origin, e.g. `{ '/__e2e/auth-harness/': dir }`. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** The fake IdP's behaviour. It accepts only `<baseUrl>/redirect.html` unless `redirectUris` says otherwise. */
  readonly idp?: FakeIdpOptions;
  /** What answers graph.microsoft.com / .us; without it Graph answers 501. */
  readonly graph?: GraphSource;
  /** Graph refuses (401) tokens the fake IdP did not issue for that host, or that expired. Default true. */
  readonly verifyGraphTokens?: boolean;
  /** Chromium's pop-up blocker (pop-ups only during a user gesture). Default true. */
  readonly popupBlocker?: boolean;
  /** Service workers: 'allow' (the default, as in production) or 'block'. */
  readonly serviceWorkers?: 'allow' | 'block';
  /** Where screenshots go; default test/e2e/artifacts/misc. */
  readonly artifacts?: string;
}

export interface CspViolation {
  readonly page: string;
  readonly directive: string;
  readonly blocked: string;
  readonly source: 'event' | 'console';
}

export interface ConsoleEntry {
  readonly page: string;
  readonly text: string;
}

export interface E2E {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The first page (blank until the test navigates). */
  readonly page: Page;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  /** `<baseUrl>/redirect.html`: what the app registers and what the fake IdP accepts. */
  readonly redirectUri: string;
  readonly idp: FakeIdp;
  /** Every URL any page, pop-up, frame or worker of the context requested, in order. */
  readonly requests: string[];
  /** Requests refused because they went neither to the test server nor to a faked Microsoft host. */
  readonly blocked: string[];
  readonly graphFailures: string[];
  readonly cspViolations: CspViolation[];
  /** console.error calls and uncaught errors. */
  readonly consoleErrors: ConsoleEntry[];
  /** The static server's log ("200 /index.html"). */
  readonly serverLog: readonly string[];
  readonly artifacts: string;
  /** The hosts of requests that left 127.0.0.1 (faked or blocked). */
  externalHosts(): string[];
  /** Saves a PNG of `page` (default: the first page) under `artifacts`; returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

const CSP_PREFIX = '[e2e-csp-violation] ';

/**
 * Reports CSP violations from every frame, before any of the page's own scripts run. Through the
 * console, not a binding: Playwright answers a binding by evaluating in the page, which counts as
 * a user gesture and would let pop-ups through the blocker.
 */
const CSP_LISTENER = `
  document.addEventListener('securitypolicyviolation', (event) => {
    console.debug(${JSON.stringify(CSP_PREFIX)} + JSON.stringify([event.effectiveDirective, event.blockedURI || '']));
  });
`;

export async function startE2E(options: StartE2EOptions = {}): Promise<E2E> {
  const server = await startStaticServer({
    root: options.dist ?? DEFAULT_DIST,
    ...(options.mounts === undefined ? {} : { mounts: options.mounts }),
  });
  const baseUrl = server.url;
  const redirectUri = `${baseUrl}/redirect.html`;
  const idp = createFakeIdp({ redirectUris: [redirectUri], ...options.idp });
  const graph =
    options.graph === undefined
      ? null
      : options.verifyGraphTokens === false
        ? toGraphHandler(options.graph)
        : requireIdpTokens(idp, toGraphHandler(options.graph));

  let browser: Browser;
  try {
    browser = await launchChromium({ popupBlocker: options.popupBlocker ?? true });
  } catch (error) {
    await server.close();
    throw error;
  }
  const context = await browser.newContext({ serviceWorkers: options.serviceWorkers ?? 'allow' });
  context.setDefaultTimeout(E2E_PATIENCE_MS);
  const requests: string[] = [];
  const cspViolations: CspViolation[] = [];
  const consoleErrors: ConsoleEntry[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    const page = message.page()?.url() ?? message.location().url;
    if (message.text().startsWith(CSP_PREFIX)) {
      const [directive = '', blocked = ''] = JSON.parse(message.text().slice(CSP_PREFIX.length)) as string[];
      cspViolations.push({ page, directive, blocked, source: 'event' });
      return;
    }
    if (message.type() !== 'error') return;
    consoleErrors.push({ page, text: message.text() });
    const csp = /Content Security Policy directive:? "([^"]+)"/.exec(message.text());
    if (csp !== null) {
      cspViolations.push({ page, directive: csp[1] ?? '', blocked: message.text(), source: 'console' });
    }
  });
  context.on('weberror', (error) =>
    consoleErrors.push({ page: error.page()?.url() ?? '', text: `uncaught: ${error.error().message}` }),
  );
  await context.addInitScript(CSP_LISTENER);
  const routing = await installRoutes(context, { localOrigin: baseUrl, idp, graph });
  const page = await context.newPage();
  const artifacts = options.artifacts ?? join(REPO_ROOT, 'test/e2e/artifacts/misc');

  let closed = false;
  return {
    browser,
    context,
    page,
    baseUrl,
    redirectUri,
    idp,
    requests,
    blocked: routing.blocked,
    graphFailures: routing.graphFailures,
    cspViolations,
    consoleErrors,
    serverLog: server.log,
    artifacts,
    externalHosts: () => [
      ...new Set(
        requests.flatMap((raw) => {
          const url = new URL(raw);
          return url.origin !== baseUrl && url.protocol.startsWith('http') ? [url.hostname] : [];
        }),
      ),
    ],
    async screenshot(name, target = page) {
      await mkdir(artifacts, { recursive: true });
      const path = join(artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await target.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
