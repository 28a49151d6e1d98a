// Installable (issue 14): served from a sub-path, the page links a valid web app manifest and
// Chromium itself reports it installable (DevTools' Page.getInstallabilityErrors: the same check
// that shows "Install app"); the installed app's start URL then opens offline to the stored
// snapshots, from the service worker's cache.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { startStaticServer } from '../../src/serve/static-server.ts';
import { openDemo } from './support/app-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { defineSpec } from './support/spec.ts';
import { DEFAULT_DIST } from './support/start-e2e.ts';

const SUB_PATH = '/tools/preflight/';

interface AppManifest {
  readonly url: string;
  readonly errors: ReadonlyArray<{ message: string; critical: number }>;
  readonly data?: string;
}

export default defineSpec({
  name: 'install',
  tests: [
    {
      name: 'from a sub-path: a valid manifest, Chromium reports the app installable, and its start URL opens offline',
      async run(t) {
        // A persistent profile: Chromium never offers to install from an incognito-like context,
        // which is what browser.newContext() (and so t.start) gives.
        const server = await startStaticServer({ root: DEFAULT_DIST, mounts: { [SUB_PATH]: DEFAULT_DIST } });
        const profile = await mkdtemp(join(tmpdir(), 'dirsync-install-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM_PATH,
          headless: true,
          args: [...CHROMIUM_ARGS],
        });
        const e2e = { baseUrl: server.url, context };
        try {
          await checkInstall(e2e, t.artifacts);
          t.log(`installable from ${SUB_PATH}; offline, the start URL lists the stored snapshot`);
        } finally {
          await context.close();
          await server.close();
          await rm(profile, { recursive: true, force: true });
        }
      },
    },
  ],
});

async function checkInstall(
  e2e: { baseUrl: string; context: BrowserContext },
  artifacts: string,
): Promise<void> {
  const page = e2e.context.pages()[0] ?? (await e2e.context.newPage());
  await page.goto(`${e2e.baseUrl}${SUB_PATH}`);
  await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null)
      await new Promise((done) =>
        navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }),
      );
  });

  const cdp = await e2e.context.newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as unknown as AppManifest;
  assert.equal(manifest.url, `${e2e.baseUrl}${SUB_PATH}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');
  const data = JSON.parse(manifest.data ?? '{}') as { start_url: string; scope: string };
  assert.equal(new URL(data.start_url, manifest.url).href, `${e2e.baseUrl}${SUB_PATH}`);
  assert.equal(new URL(data.scope, manifest.url).href, `${e2e.baseUrl}${SUB_PATH}`);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: ReadonlyArray<{ errorId: string }>;
  };
  assert.deepEqual(installabilityErrors, [], 'Chromium reports the page installable');

  // A stored snapshot, then the start URL with the network gone.
  await openDemo(page);
  await page.getByRole('button', { name: 'Close snapshot' }).click();
  await page.locator('.snapshot').first().waitFor();
  await e2e.context.setOffline(true);
  await page.goto(`${e2e.baseUrl}${SUB_PATH}`);
  await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
  await page.locator('.snapshot').first().waitFor();
  const icon = await page.evaluate(async () => (await fetch('icons/icon-192.png')).status);
  assert.equal(icon, 200, 'the icons come from the cache offline');
  await page.screenshot({ path: join(artifacts, 'installed-offline.png'), fullPage: true });
}
