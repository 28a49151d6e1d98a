// Secrets, tokens and the content policy over one full session (issue 7, items 3 and 4): the demo
// with every tab and every download, a client secret typed into the submission form, then sign-in,
// a Graph call and sign-out through the auth harness (the app has no Connect screen yet). Then it
// scans IndexedDB, localStorage, sessionStorage, every downloaded file but the submission document,
// the console and every requested URL for the secret and for every token the fake IdP issued.
// The harness reports its outcomes (tokens included) to the console by design: those lines are
// the test's own channel and are left out of the console scan.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { createFakeGraph } from '../support/fake-graph.ts';
import { snapshotOf, user } from '../support/snapshot-builder.ts';
import { HARNESS_REPORT_PREFIX } from './fixtures/auth-harness/protocol.ts';
import { driveHarness, harnessMounts } from './support/auth-harness.ts';
import { defineSpec } from './support/spec.ts';

const SECRET = 'S3cr3t~Value.For.Test_1234567890ab';
const CLIENT_ID = '3c3c3c3c-0000-4000-8000-00000000000a';
const ALLOWED_HOSTS = new Set([
  '127.0.0.1',
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'graph.microsoft.com',
  'graph.microsoft.us',
]);

/**
 * Everything the origin keeps: every IndexedDB database's stores (Blobs and bytes read as text),
 * localStorage and sessionStorage. A string, not a function: tsx wraps named inner functions in a
 * `__name` helper the page does not have.
 */
const DUMP_STORAGE = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const dump = {};
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await request(indexedDB.open(info.name));
    const stores = {};
    for (const name of Array.from(db.objectStoreNames)) stores[name] = await request(db.transaction(name).objectStore(name).getAll());
    db.close();
    dump[info.name] = stores;
  }
  const blobs = [];
  const walk = async (value) => {
    if (value instanceof Blob) blobs.push(await value.text());
    else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) blobs.push(new TextDecoder().decode(value));
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) await walk(item);
  };
  await walk(dump);
  return {
    indexedDb: JSON.stringify(dump) + blobs.join('\\n'),
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  };
})()`;

function dumpStorage(page: Page): Promise<{ indexedDb: string; local: string; session: string }> {
  return page.evaluate(DUMP_STORAGE);
}

/** Clicks and returns the file the click saved. */
async function downloadFrom(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const download: Promise<Download> = page.waitForEvent('download', { timeout: 15_000 });
  await click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

function assertAbsent(haystack: string, needles: readonly string[], where: string): void {
  for (const needle of needles)
    assert.ok(!haystack.includes(needle), `${where} holds ${needle.slice(0, 12)}…`);
}

export default defineSpec({
  name: 'security',
  tests: [
    {
      name: 'a full session leaks no secret or token, breaks no CSP rule and talks to allowed hosts only',
      timeoutMs: 40_000,
      async run(t) {
        const graph = createFakeGraph(snapshotOf({ members: { g1: [user('u1')] }, selected: ['g1'] }));
        const e2e = await t.start({ mounts: await harnessMounts(), graph, serviceWorkers: 'block' });
        const { page, context } = e2e;
        const tokens = new Set<string>();
        context.on('response', async (response) => {
          if (!/\/oauth2\/v2\.0\/token$/.test(new URL(response.url()).pathname)) return;
          const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
          for (const key of ['access_token', 'refresh_token', 'id_token']) {
            if (typeof body[key] === 'string') tokens.add(body[key] as string);
          }
        });
        const consoleTexts: string[] = [];
        context.on('console', (message) => {
          if (!message.text().startsWith(HARNESS_REPORT_PREFIX)) consoleTexts.push(message.text());
        });

        // The demo, every tab, every download.
        await page.goto(`${e2e.baseUrl}/`);
        await page.getByRole('button', { name: 'Open the demo tenant' }).click();
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        const tabs = await page.getByRole('tab').all();
        assert.ok(tabs.length >= 5, `${tabs.length} tabs`);
        for (const tab of tabs) {
          await tab.click();
          await page.locator('[role=tabpanel]').waitFor();
        }
        const files: Array<{ name: string; text: string }> = [];
        await page.getByRole('tab', { name: /Readiness/ }).click();
        files.push(
          await downloadFrom(page, () =>
            page.getByRole('button', { name: 'Download calendar reminder (.ics)' }).click(),
          ),
        );
        await page.getByRole('tab', { name: /Export/ }).click();
        for (const name of [
          'Download upload CSV',
          'Download exclusions CSV',
          'Download snapshot (.json)',
          'Download for support (pseudonymised)',
        ]) {
          files.push(await downloadFrom(page, () => page.getByRole('button', { name, exact: true }).click()));
        }
        const form = page.getByRole('tabpanel');
        await form.getByLabel('Axios HQ organization name(s)').fill('Contoso Comms');
        await form.getByLabel('Setup owner name').fill('Avery Admin');
        await form.getByLabel('Setup owner email').fill('avery@contoso.example');
        await form.getByLabel('Client secret value (optional)').fill(SECRET);
        const submission = await downloadFrom(page, () =>
          form.getByRole('button', { name: 'Download the submission document' }).click(),
        );
        assert.ok(submission.text.includes(SECRET), 'the typed secret reaches its one file');
        assert.equal(await form.getByLabel('Client secret value (optional)').inputValue(), '');
        assert.deepEqual(
          files.map((file) => file.name.replace(/.*\./, '')),
          ['ics', 'csv', 'csv', 'json', 'json'],
        );
        t.log(`downloads: ${[...files, submission].map((file) => file.name).join(', ')}`);

        // Sign-in, a Graph call and sign-out, on a second page of the same origin.
        const harnessPage = await context.newPage();
        const appPage = e2e.page;
        Object.assign(e2e, { page: harnessPage });
        const harness = driveHarness(e2e);
        const ready = await harness.open('global', CLIENT_ID);
        assert.ok(ready.ok, JSON.stringify(ready));
        const popup = context.waitForEvent('page');
        const signedIn = harness.click({ op: 'signIn' });
        await (await popup).waitForEvent('close');
        assert.ok((await signedIn).ok, 'signed in');
        const called = await harness.call({ op: 'graph', path: '/organization' });
        assert.ok(called.ok && (called.value as { status: number }).status === 200, JSON.stringify(called));
        const signedOut = await harness.call({ op: 'signOut' });
        assert.ok(signedOut.ok, JSON.stringify(signedOut));
        Object.assign(e2e, { page: appPage });
        assert.ok(tokens.size >= 3, `the fake IdP issued ${tokens.size} tokens`);

        // The scans.
        const secrets = [SECRET, ...tokens];
        for (const target of [appPage, harnessPage]) {
          const stored = await dumpStorage(target);
          assertAbsent(stored.indexedDb, secrets, 'IndexedDB');
          assertAbsent(stored.local, secrets, 'localStorage');
          assertAbsent(stored.session, secrets, 'sessionStorage after sign-out');
          assert.ok(stored.indexedDb.length > 1_000, 'the stored snapshot was read');
        }
        for (const file of files) assertAbsent(file.text, secrets, file.name);
        assertAbsent(consoleTexts.join('\n'), secrets, 'the console');
        assertAbsent(e2e.requests.join('\n'), secrets, 'a requested URL');
        assertAbsent(submission.text, [...tokens], submission.name);

        assert.deepEqual(e2e.cspViolations, [], 'CSP violations');
        assert.deepEqual(e2e.blocked, [], 'requests to unknown hosts');
        const hosts = e2e.externalHosts();
        assert.deepEqual(
          hosts.filter((host) => !ALLOWED_HOSTS.has(host)),
          [],
          `hosts: ${hosts.join(', ')}`,
        );
        assert.deepEqual(e2e.consoleErrors, [], 'console errors');
        t.log(
          `scanned ${files.length} files, ${consoleTexts.length} console lines, ${e2e.requests.length} requests ` +
            `for the secret and ${tokens.size} tokens; hosts: ${hosts.join(', ') || 'none'}`,
        );
      },
    },
  ],
});
