// Debian's stock Firefox ESR driven over WebDriver BiDi by puppeteer-core (never a downloaded
// browser): the built app (dist/) on the same static server as the Chromium tests, with request
// interception that answers the Microsoft sign-in hosts from the fake IdP, Graph from a fake Graph,
// and refuses every other host. Downloads land in a folder of the test through Firefox's own
// download preferences, so a test reads back exactly the bytes an admin would get.
// Surprise: BiDi interception is per page (tab). A sign-in pop-up's first request is sent before a
// test could intercept it, so Firefox journeys sign in by redirect in the same tab.
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { type StaticServer, startStaticServer } from '../../../src/serve/static-server.ts';
import { createFakeIdp, type FakeIdp, type FakeIdpOptions, IDP_HOSTS } from '../../support/fake-idp.ts';
import { GRAPH_ORIGINS, type GraphSource, requireIdpTokens, toGraphHandler } from './routes.ts';
import { REPO_ROOT } from './start-e2e.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxE2EOptions {
  readonly dist?: string;
  readonly idp?: FakeIdpOptions;
  readonly graph?: GraphSource;
  readonly artifacts?: string;
}

export interface ConsoleEntry {
  readonly page: string;
  readonly text: string;
}

export interface FirefoxE2E {
  readonly browser: Browser;
  readonly page: Page;
  readonly baseUrl: string;
  readonly redirectUri: string;
  readonly idp: FakeIdp;
  /** Every request the page made (BiDi sees the tab's own requests). */
  readonly requests: string[];
  /** Requests refused: neither the test server nor a faked Microsoft host. */
  readonly blocked: string[];
  /** Intercepted requests that could not be answered (a bug in the test's routing). */
  readonly routeFailures: string[];
  readonly consoleErrors: ConsoleEntry[];
  /** The static server's log ("200 /index.html"). */
  readonly serverLog: readonly string[];
  readonly artifacts: string;
  /** Waits until Firefox has finished writing a download whose name matches; returns its path. */
  download(name: RegExp): Promise<string>;
  /** Stops the static server: the network is gone for this origin (the offline journey). */
  stopServer(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': '*',
};

/** The request body. BiDi has no synchronous postData() in Firefox (UnsupportedOperation). */
async function bodyOf(request: HTTPRequest): Promise<string | undefined> {
  return request.hasPostData() ? await request.fetchPostData() : undefined;
}

async function toFetchRequest(request: HTTPRequest): Promise<Request> {
  const method = request.method();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await bodyOf(request);
  return new Request(request.url(), {
    method,
    headers: request.headers(),
    ...(body === undefined ? {} : { body }),
  });
}

async function respondFrom(request: HTTPRequest, response: Response): Promise<void> {
  const headers: Record<string, string> = { ...CORS };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  await request.respond({
    status: response.status,
    headers,
    body: Buffer.from(await response.arrayBuffer()),
  });
}

/** Resolves when a finished file matching `name` is in `dir`. Firefox first creates an empty
 * placeholder under the final name, writes `<name>.part` and renames it over the placeholder when
 * done: finished = no `.part` beside it and not empty. Woken by the folder's events. */
function waitForFile(dir: string, name: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = async (): Promise<boolean> => {
      const files = await readdir(dir);
      const done = files.find((file) => name.test(file) && !file.endsWith('.part'));
      if (done === undefined || files.includes(`${done}.part`)) return false;
      if ((await stat(join(dir, done))).size === 0) return false;
      watcher.close();
      resolve(join(dir, done));
      return true;
    };
    const watcher = watch(dir, () => void check().catch(reject));
    void check().catch(reject);
  });
}

export async function startFirefoxE2E(options: FirefoxE2EOptions = {}): Promise<FirefoxE2E> {
  let server: StaticServer | null = await startStaticServer({
    root: options.dist ?? join(REPO_ROOT, 'dist'),
  });
  const serverLog = server.log;
  const baseUrl = server.url;
  const redirectUri = `${baseUrl}/redirect.html`;
  const idp = createFakeIdp({ redirectUris: [redirectUri], ...options.idp });
  const graph = options.graph === undefined ? null : requireIdpTokens(idp, toGraphHandler(options.graph));
  const profile = await mkdtemp(join(tmpdir(), 'dirsync-firefox-'));
  const downloads = join(profile, 'downloads');
  await mkdir(downloads);

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: join(profile, 'profile'),
      extraPrefsFirefox: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.helperApps.neverAsk.saveToDisk':
          'text/csv,application/json,application/gzip,text/plain,text/calendar,application/octet-stream',
        'browser.download.manager.showWhenStarting': false,
        // No calls home from the test browser.
        'app.update.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const requests: string[] = [];
  const blocked: string[] = [];
  const routeFailures: string[] = [];
  const consoleErrors: ConsoleEntry[] = [];
  const loginHosts = new Set<string>(Object.values(IDP_HOSTS));
  const graphOrigins = new Set<string>(GRAPH_ORIGINS);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ page: page.url(), text: message.text() });
  });
  page.on('pageerror', (error) =>
    consoleErrors.push({
      page: page.url(),
      text: `uncaught: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const raw = request.url();
    requests.push(raw);
    const url = new URL(raw);
    void (async () => {
      if (url.origin === baseUrl || !url.protocol.startsWith('http')) return request.continue();
      if (loginHosts.has(url.hostname)) {
        const answer = await idp.handle({
          method: request.method(),
          url: raw,
          body: (await bodyOf(request)) ?? null,
        });
        return request.respond({
          status: answer.status,
          headers: { ...CORS, ...answer.headers },
          body: answer.body,
        });
      }
      if (graphOrigins.has(url.origin)) {
        if (request.method() === 'OPTIONS') return request.respond({ status: 204, headers: CORS, body: '' });
        if (graph === null) {
          return respondFrom(request, Response.json({ error: { code: 'NotImplemented' } }, { status: 501 }));
        }
        return respondFrom(request, await graph(await toFetchRequest(request)));
      }
      blocked.push(raw);
      return request.abort('blockedbyclient');
    })().catch((error: unknown) => routeFailures.push(`${raw}: ${String(error)}`));
  });

  const artifacts = options.artifacts ?? join(REPO_ROOT, 'test/e2e/artifacts/firefox');
  let closed = false;
  return {
    browser,
    page,
    baseUrl,
    redirectUri,
    idp,
    requests,
    blocked,
    routeFailures,
    consoleErrors,
    serverLog,
    artifacts,
    download: (name) => waitForFile(downloads, name),
    async stopServer() {
      await server?.close();
      server = null;
    },
    async screenshot(name) {
      await mkdir(artifacts, { recursive: true });
      const path = join(artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => undefined);
      await server?.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
