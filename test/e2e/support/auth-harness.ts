// Builds and drives the auth harness page (test/e2e/fixtures/auth-harness). The page is compiled
// from src/auth with Vite's API into node_modules/.cache (out of git's and Biome's way), once per run, separate from
// the app's build, so dist/ stays free of anything test-only. Until the app has its "Connect
// tenant" screen this is how the e2e tests drive sign-in; afterwards it still covers the flows
// (hidden-iframe renewal, blocked pop-ups) that are awkward to reach through the UI.
// Surprise: page.evaluate, waitForFunction and even the answer to an exposed binding give the page
// a user activation, which lets a pop-up through the blocker. So the page logs its outcomes to the
// console, the driver reads them there, and it never touches the page unless told to.
import { join } from 'node:path';
import { build } from 'vite';
import {
  HARNESS_REPORT_PREFIX,
  type HarnessOp,
  type HarnessOutcome,
  type HarnessWindow,
} from '../fixtures/auth-harness/protocol.ts';
import type { E2E } from './start-e2e.ts';
import { E2E_PATIENCE_MS, REPO_ROOT } from './start-e2e.ts';

export const AUTH_HARNESS_PATH = '/__e2e/auth-harness/';
const SOURCE = join(REPO_ROOT, 'test/e2e/fixtures/auth-harness');
const OUT = join(REPO_ROOT, 'node_modules/.cache/e2e-auth-harness');

let built: Promise<string> | null = null;

/** The built harness folder, to mount at AUTH_HARNESS_PATH. */
export function buildAuthHarness(): Promise<string> {
  built ??= build({
    configFile: false,
    root: SOURCE,
    base: AUTH_HARNESS_PATH,
    logLevel: 'warn',
    publicDir: false,
    build: { outDir: OUT, emptyOutDir: true, target: 'es2022', sourcemap: false },
  }).then(() => OUT);
  return built;
}

/** The mounts option for startE2E that serves the harness. */
export async function harnessMounts(): Promise<Record<string, string>> {
  return { [AUTH_HARNESS_PATH]: await buildAuthHarness() };
}

export interface HarnessDriver {
  /** Every outcome any harness page reported, in order. */
  readonly outcomes: readonly HarnessOutcome[];
  /** Opens the harness in the first page; resolves with its 'ready' outcome. `auto` runs on load
   * with no user gesture (its outcome is the next one after 'ready'). */
  open(cloud: 'global' | 'usgov', clientId: string, auto?: HarnessOp): Promise<HarnessOutcome>;
  /** The next outcome not returned yet (waits in Node, never touching the page). */
  next(timeoutMs?: number): Promise<HarnessOutcome>;
  /** Runs an operation from a real click on the page (a user gesture: pop-ups may open). */
  click(op: HarnessOp): Promise<HarnessOutcome>;
  /** Runs an operation through page.evaluate (also a user gesture, as far as Chromium knows). */
  call(op: HarnessOp): Promise<HarnessOutcome>;
}

export function driveHarness(e2e: E2E): HarnessDriver {
  const outcomes: HarnessOutcome[] = [];
  const waiters: Array<() => void> = [];
  let cursor = 0;
  e2e.context.on('console', (message) => {
    const text = message.text();
    if (!text.startsWith(HARNESS_REPORT_PREFIX)) return;
    outcomes.push(JSON.parse(text.slice(HARNESS_REPORT_PREFIX.length)) as HarnessOutcome);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (timeoutMs = E2E_PATIENCE_MS): Promise<HarnessOutcome> => {
    const deadline = Date.now() + timeoutMs;
    while (cursor >= outcomes.length) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no harness outcome within ${timeoutMs} ms; so far: ${JSON.stringify(outcomes)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
    const outcome = outcomes[cursor++];
    if (outcome === undefined) throw new Error('harness outcome missing');
    return outcome;
  };
  return {
    outcomes,
    next,
    async open(cloud, clientId, auto) {
      const params = new URLSearchParams({ cloud, clientId });
      if (auto !== undefined) params.set('auto', JSON.stringify(auto));
      await e2e.page.goto(`${e2e.baseUrl}${AUTH_HARNESS_PATH}index.html?${params}`);
      return next();
    },
    async click(op) {
      await e2e.page.evaluate((armed) => (window as unknown as HarnessWindow).harness.arm(armed), op);
      await e2e.page.click('#run');
      return next();
    },
    async call(op) {
      await e2e.page.evaluate((o) => {
        void (window as unknown as HarnessWindow).harness.call(o);
      }, op);
      return next();
    },
  };
}
