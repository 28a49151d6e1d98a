// The main journeys again in Debian's stock Firefox ESR (WebDriver BiDi through puppeteer-core),
// against the same production build: demo → readiness → recipients (search, a waterfall bar) →
// upload CSV checked against the core; import of a snapshot; offline reload after one visit; and
// Connect a tenant through the fake IdP and fake Graph. Firefox-only differences the app depends on
// (module workers, Web Locks, IndexedDB Blobs, streams, the service worker) are exercised here.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { runCli } from '../../src/cli/run.ts';
import { classifyGroup } from '../../src/core/audit/classify-groups.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { DEMO } from '../../src/demo/profiles.ts';
import { parseCsv, restoreCell } from '../../src/export/csv.ts';
import { createFakeGraph } from '../support/fake-graph.ts';
import { createMemoryIo } from '../support/memory-io.ts';
import { demoText, expectedUploadRows, plantChanges } from './support/app-page.ts';
import type { FirefoxE2E } from './support/firefox.ts';
import { defineSpec } from './support/spec.ts';

const role = (name: string, kind: string): string =>
  `::-p-aria([name=${JSON.stringify(name)}][role="${kind}"])`;

async function click(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click();
}

async function openApp(e2e: FirefoxE2E): Promise<void> {
  await e2e.page.goto(`${e2e.baseUrl}/`);
  await e2e.page.locator(role('Stored snapshots', 'heading')).wait();
}

async function openDemo(page: Page): Promise<void> {
  await click(page, role('Open the demo tenant', 'button'));
  await page.locator('[role=tab]::-p-text(Readiness)').wait();
}

async function closeReport(page: Page): Promise<void> {
  await click(page, role('Close snapshot', 'button'));
  await page.locator(role('Stored snapshots', 'heading')).wait();
}

async function closeDiff(page: Page): Promise<void> {
  await click(page, role('Close comparison', 'button'));
  await page.locator(role('Stored snapshots', 'heading')).wait();
}

async function downloadedRows(e2e: FirefoxE2E, name: RegExp): Promise<string[][]> {
  const rows = parseCsv(await readFile(await e2e.download(name), 'utf8'));
  assert.deepEqual(rows[0], ['Name', 'Email']);
  return rows.slice(1).map((row) => row.map(restoreCell));
}

async function exportUploadCsv(e2e: FirefoxE2E): Promise<string[][]> {
  await click(e2e.page, '[role=tab]::-p-text(Export)');
  await click(e2e.page, role('Download upload CSV', 'button'));
  return downloadedRows(e2e, /upload.*\.csv$/);
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  const path = join(await mkdtemp(join(tmpdir(), 'dirsync-import-')), name);
  await writeFile(path, text);
  const input = await page.waitForSelector('input[type=file]');
  await input?.uploadFile(path);
}

async function storedCount(page: Page): Promise<number> {
  return page.$$eval('.snapshot', (items) => items.length);
}

function assertClean(e2e: FirefoxE2E): void {
  assert.deepEqual(e2e.consoleErrors, [], 'console errors');
  assert.deepEqual(
    e2e.blocked,
    [],
    'requests to hosts other than the test server and the faked Microsoft ones',
  );
}

export default defineSpec({
  name: 'firefox',
  tests: [
    {
      name: 'demo: readiness, recipients (search, a waterfall bar), upload CSV equal to the core row by row',
      timeoutMs: 120_000,
      async run(t) {
        const e2e = await t.startFirefox();
        const { page } = e2e;
        await openApp(e2e);
        await openDemo(page);
        await click(page, '[role=tab]::-p-text(Readiness)');
        await page.locator('.check-fail').wait();
        await e2e.screenshot('1-readiness');

        await click(page, '[role=tab]::-p-text(Recipients)');
        const shown = () =>
          page.$eval('.row-count', (el) =>
            Number((el.textContent ?? '').split(' of ')[0]?.replace(/\D/g, '')),
          );
        await page.locator('.row-count').wait();
        const all = await shown();
        // Search: the first demo recipient by name, then back to everyone.
        const first = await page.$eval('tbody .vt-row .c-name', (el) => el.textContent ?? '');
        await page.locator('#rcp-search').fill(first);
        await page.waitForFunction(
          (n) => !(document.querySelector('.row-count')?.textContent ?? '').startsWith(n),
          {},
          all.toLocaleString('en-US'),
        );
        const found = await shown();
        assert.ok(found >= 1 && found < all, `searching "${first}" shows ${found} of ${all}`);
        assert.equal(await page.$eval('tbody .vt-row .c-name', (el) => el.textContent ?? ''), first);
        await e2e.screenshot('2-recipients-search');
        await page.locator('#rcp-search').fill('');

        // A waterfall bar of the count explanation opens exactly its people in the recipients view.
        await click(page, '[role=tab]::-p-text(Count explanation)');
        const bar = await page.waitForSelector('.wf-subtract .bar-button');
        const label = (await bar?.evaluate((el) => el.getAttribute('aria-label'))) ?? '';
        const listed = Number(/List these ([\d,]+)/.exec(label)?.[1]?.replace(/,/g, ''));
        await bar?.click();
        await page.waitForFunction(
          (n) => (document.querySelector('.row-count')?.textContent ?? '').startsWith(`${n} of`),
          {},
          listed.toLocaleString('en-US'),
        );
        t.log(`waterfall bar "${label}" listed ${listed} rows`);
        await e2e.screenshot('3-waterfall-bar');

        const expected = expectedUploadRows(await demoText());
        const rows = await exportUploadCsv(e2e);
        assert.equal(rows.length, expected.length, 'one CSV row per recipient');
        for (const [i, row] of rows.entries()) assert.deepEqual(row, expected[i], `CSV row ${i + 2}`);
        t.log(`upload CSV: ${rows.length} rows, each equal to the core's`);
        assertClean(e2e);
      },
    },
    {
      name: 'import a later snapshot: stored in IndexedDB, reopened, and the diff names the planted leavers',
      timeoutMs: 120_000,
      async run(t) {
        const e2e = await t.startFirefox();
        const { page } = e2e;
        const planted = plantChanges(await demoText());
        await openApp(e2e);
        await openDemo(page);
        await closeReport(page);
        await importFile(page, 'contoso-week-2.json', planted.text);
        await page.locator('[role=tab]::-p-text(Readiness)').wait();
        await closeReport(page);
        await page.waitForFunction(() => document.querySelectorAll('.snapshot').length === 2);
        assert.equal(await storedCount(page), 2);

        // The stored Blob read back from IndexedDB: the report opens from it.
        await page.locator('.snapshot:nth-of-type(2) ::-p-aria([name="Open"][role="button"])').click();
        await page.locator('::-p-text(Stored snapshot)').wait();
        await closeReport(page);

        // The diff runs in the worker.
        for (const box of await page.$$('::-p-aria([name="Compare"][role="checkbox"])')) await box.click();
        await click(page, role('Compare the two chosen', 'button'));
        const leave = await page.waitForSelector(
          '::-p-aria([name="Leave the audience"][role="region"]) tbody tr',
        );
        assert.ok(leave !== null);
        const leavers = await page.$$eval(
          '::-p-aria([name="Leave the audience"][role="region"]) tbody tr',
          (rows) => rows.length,
        );
        assert.equal(leavers, planted.diff.audience.left.length);
        await e2e.screenshot('diff');

        // A broken file is refused with its JSON path, and nothing is stored.
        const broken = JSON.parse(planted.text) as { capturedAt: unknown };
        broken.capturedAt = 42;
        await closeDiff(page);
        await importFile(page, 'broken.json', JSON.stringify(broken));
        const alert = await page.waitForSelector('[role=alert]::-p-text(broken.json)');
        const said = (await alert?.evaluate((el) => el.closest('[role=alert]')?.textContent)) ?? '';
        assert.match(said, /\$\.capturedAt/);
        assert.equal(await storedCount(page), 2);
        t.log(`import: stored 2, diff: ${leavers} leave; a broken file refused`);
        assertClean(e2e);
      },
    },
    {
      name: 'offline after one visit: a reload opens the app from the service worker, the demo and its CSV work',
      timeoutMs: 120_000,
      async run(t) {
        const e2e = await t.startFirefox();
        const { page } = e2e;
        await openApp(e2e);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          if (navigator.serviceWorker.controller === null)
            await new Promise((done) =>
              navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }),
            );
        });
        await openDemo(page);
        await closeReport(page);
        await e2e.stopServer();
        const served = e2e.serverLog.length;
        await page.reload();
        await page.locator(role('Stored snapshots', 'heading')).wait();
        await page.locator('.snapshot').wait();
        await openDemo(page);
        const rows = await exportUploadCsv(e2e);
        assert.deepEqual(rows, expectedUploadRows(await demoText()));
        assert.equal(e2e.serverLog.length, served, 'nothing reached the (stopped) server');
        await e2e.screenshot('offline-export');
        t.log(`offline: ${rows.length} CSV rows from the cached app`);
        assertClean(e2e);
      },
    },
    {
      name: 'Connect a tenant: sign-in in this tab through the fake IdP, a group read from the fake Graph, the CLI’s count',
      timeoutMs: 120_000,
      async run(t) {
        const snapshot = generateTenant(DEMO);
        const graph = createFakeGraph(snapshot, { baseUrl: 'https://graph.microsoft.com' });
        const e2e = await t.startFirefox({ graph });
        const { page } = e2e;
        await openApp(e2e);
        await click(page, role('Connect a tenant', 'button'));
        await page.locator('#tool-client-id').fill('5e5e5e5e-0000-4000-8000-00000000000c');
        await click(page, role('Save', 'button'));
        await page.locator('[data-testid=tool-client-id]').wait();
        await page.locator('#sync-client-id').fill(snapshot.app?.clientId ?? '');
        await click(page, role('Continue to sign-in', 'button'));
        // Pop-ups cannot be routed (see support/firefox.ts): sign in the way the page offers to
        // admins whose browser blocks pop-ups.
        await page.locator(role('Sign in in this tab', 'button')).click();
        await page.locator('::-p-text(groups match)').wait();
        assert.ok(
          e2e.requests.some((url) => url.split('#')[0] === e2e.redirectUri),
          `came back through redirect.html: ${e2e.requests.filter((u) => !u.includes('/assets/')).join(' ')}`,
        );

        const group = snapshot.selection.groupIds.find((id) => {
          const found = snapshot.groups.find((g) => g.id === id);
          return found !== undefined && !classifyGroup(found).hiddenMembership;
        });
        assert.ok(group !== undefined);
        await page.locator(`[id="pick-${group}"]`).click();
        await page.waitForSelector(`[id="pick-${group}"]:checked:enabled`);
        await click(page, role('Read the tenant', 'button'));
        const count = await page.waitForSelector('[data-testid=recipient-count]');
        const shown = Number((await count?.evaluate((el) => el.textContent ?? ''))?.replace(/\D/g, ''));

        const alone = { ...snapshot, selection: { ...snapshot.selection, groupIds: [group] } };
        const io = createMemoryIo({ 'snapshot.json': JSON.stringify(alone) });
        assert.equal(await runCli(['preview', 'snapshot.json', '--json'], io), 0, io.err());
        const expected = (JSON.parse(io.out()) as { audience: { recipients: number } }).audience.recipients;
        assert.equal(shown, expected, 'the live read gives the CLI preview’s recipients');
        await e2e.screenshot('connect-report');
        t.log(`connect: signed in by redirect, read 1 group, ${shown} recipients as the CLI says`);
        assert.deepEqual(e2e.blocked, []);
        const errors = e2e.consoleErrors.filter((entry) => !/status of (400|401)/.test(entry.text));
        assert.deepEqual(errors, []);
      },
    },
  ],
});
