// Runs the end-to-end specs (test/e2e/*.e2e.ts) one test at a time in real Chromium against the
// production build in dist/, which it expects and never builds: `npm run build && npm run e2e`.
// Usage: tsx test/e2e/run.ts [filter …] — a filter matches spec or test names (substring).
// Screenshots go to test/e2e/artifacts/<spec>/<test>/; exits 1 when a test fails.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FirefoxE2E, startFirefoxE2E } from './support/firefox.ts';
import type { E2ESpec, E2ETest } from './support/spec.ts';
import { DEFAULT_DIST, type E2E, REPO_ROOT, startE2E } from './support/start-e2e.ts';

const E2E_DIR = join(REPO_ROOT, 'test/e2e');
const ARTIFACTS = join(E2E_DIR, 'artifacts');
// Only catches a hang, never judges speed: a test here takes up to a minute on a loaded 2-core
// machine. Playwright's own waits get E2E_PATIENCE_MS (start-e2e.ts), so a missing element fails
// with its locator's message first.
const DEFAULT_TIMEOUT_MS = 240_000;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

async function loadSpecs(): Promise<E2ESpec[]> {
  const files = (await readdir(E2E_DIR)).filter((f) => f.endsWith('.e2e.ts')).sort();
  const specs: E2ESpec[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(E2E_DIR, file)).href)) as { default?: E2ESpec };
    if (module.default === undefined) throw new Error(`${file} has no default export (defineSpec(…))`);
    specs.push(module.default);
  }
  return specs;
}

async function runTest(spec: E2ESpec, test: E2ETest): Promise<{ ok: boolean; lines: string[] }> {
  const artifacts = join(ARTIFACTS, slug(spec.name), slug(test.name));
  await rm(artifacts, { recursive: true, force: true });
  const started: E2E[] = [];
  const firefoxes: FirefoxE2E[] = [];
  const lines: string[] = [];
  const timeoutMs = test.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      test.run({
        artifacts,
        log: (message) => lines.push(`      ${message}`),
        async start(options = {}) {
          const e2e = await startE2E({ artifacts, ...options });
          started.push(e2e);
          return e2e;
        },
        async startFirefox(options = {}) {
          const e2e = await startFirefoxE2E({ artifacts, ...options });
          firefoxes.push(e2e);
          return e2e;
        },
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, lines };
  } catch (error) {
    lines.push(
      `      ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.replace(
        /\n/g,
        '\n      ',
      ),
    );
    const browsers = [
      ...started.map((e2e, i) => ({
        consoleErrors: e2e.consoleErrors,
        shoot: () =>
          Promise.all(
            e2e.context.pages().map((page, j) => e2e.screenshot(`failure-${i}-${j}`, page).catch(() => null)),
          ),
      })),
      ...firefoxes.map((e2e, i) => ({
        consoleErrors: e2e.consoleErrors,
        shoot: async () => [await e2e.screenshot(`failure-firefox-${i}`).catch(() => null)],
      })),
    ];
    for (const { consoleErrors, shoot } of browsers) {
      for (const shot of await shoot())
        if (shot !== null) lines.push(`      screenshot: ${relative(REPO_ROOT, shot)}`);
      if (consoleErrors.length > 0) {
        lines.push(
          `      console errors: ${JSON.stringify(consoleErrors, null, 2).replace(/\n/g, '\n      ')}`,
        );
      }
    }
    return { ok: false, lines };
  } finally {
    clearTimeout(timer);
    await Promise.all([...started, ...firefoxes].map((e2e) => e2e.close()));
  }
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  for (const file of ['index.html', 'redirect.html']) {
    if (!existsSync(join(DEFAULT_DIST, file))) {
      console.error(`dist/${file} is missing: build first (npm run build), then run the e2e tests.`);
      return 2;
    }
  }
  const specs = await loadSpecs();
  let passed = 0;
  let failed = 0;
  for (const spec of specs) {
    const tests = spec.tests.filter(
      (test) => filters.length === 0 || filters.some((f) => spec.name.includes(f) || test.name.includes(f)),
    );
    if (tests.length === 0) continue;
    console.log(`${spec.name}  (artifacts: ${relative(REPO_ROOT, join(ARTIFACTS, slug(spec.name)))}/)`);
    for (const test of tests) {
      const startedAt = Date.now();
      const { ok, lines } = await runTest(spec, test);
      console.log(`  ${ok ? '✓' : '✗'} ${test.name} (${Date.now() - startedAt} ms)`);
      for (const line of lines) console.log(line);
      if (ok) passed++;
      else failed++;
    }
  }
  if (passed + failed === 0) {
    console.error(`no e2e test matches ${filters.join(' ')}`);
    return 1;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
