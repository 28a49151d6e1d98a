// Secrets, tokens and the content policy over one full session (issue 7, items 3 and 4), all of it
// through the app's own screens: Connect a tenant (this tool's client id typed into the settings
// field, pop-up sign-in against the fake IdP, the demo tenant's groups picked, one a consent pop-up,
// the fake Graph read), then every tab and every download of that report, a client secret typed
// into the submission form, and the Connect screen's Sign out. Then it scans IndexedDB, localStorage,
// sessionStorage, every downloaded file but the submission document, the console and every
// requested URL for the secret and for every token the fake IdP issued. sessionStorage is scanned
// before sign-out too: the MSAL cache must hold the tokens then, or the scan after proves nothing.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Download, Page } from 'playwright-core';
import { classifyGroup } from '../../src/core/audit/classify-groups.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { DEMO } from '../../src/demo/profiles.ts';
import { createFakeGraph } from '../support/fake-graph.ts';
import { defineSpec } from './support/spec.ts';

const SECRET = 'S3cr3t~Value.For.Test_1234567890ab';
const TOOL_CLIENT_ID = '3c3c3c3c-0000-4000-8000-00000000000a';
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
  const download: Promise<Download> = page.waitForEvent('download');
  await click();
  const file = await download;
  const bytes = await readFile(await file.path());
  // The snapshot exports are gzip: scanned as the text they hold.
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return { name: file.suggestedFilename(), text: plain.toString('utf8') };
}

function assertAbsent(haystack: string, needles: readonly string[], where: string): void {
  for (const needle of needles)
    assert.ok(!haystack.includes(needle), `${where} holds ${needle.slice(0, 12)}…`);
}

/** A pop-up may close before a listener is attached; then there is nothing to wait for. */
function closed(page: Page): Promise<void> {
  return new Promise((done) => {
    if (page.isClosed()) done();
    else page.once('close', () => done());
  });
}

/** Clicks and waits for the pop-up the click opened to close. */
async function withPopup(page: Page, click: () => Promise<void>): Promise<void> {
  const popup = page.context().waitForEvent('page');
  await click();
  await closed(await popup);
}

export default defineSpec({
  name: 'security',
  tests: [
    {
      name: 'a full session leaks no secret or token, breaks no CSP rule and talks to allowed hosts only',
      async run(t) {
        const snapshot = generateTenant({ ...DEMO, cloud: 'global' });
        const graph = createFakeGraph(snapshot, { baseUrl: 'https://graph.microsoft.com' });
        const e2e = await t.start({ graph, serviceWorkers: 'block' });
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
        context.on('console', (message) => consoleTexts.push(message.text()));

        // Connect: settings, pop-up sign-in, every group the demo selects (one hidden-membership
        // group asks for Member.Read.Hidden in a second pop-up), the read.
        await page.goto(`${e2e.baseUrl}/`);
        await page.getByRole('button', { name: 'Connect a tenant' }).click();
        await page.locator('#tool-client-id').fill(TOOL_CLIENT_ID);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.locator('[data-testid=tool-client-id]').waitFor();
        await page.locator('#sync-client-id').fill(snapshot.app?.clientId ?? '');
        await page.getByRole('button', { name: 'Continue to sign-in' }).click();
        await withPopup(page, () => page.getByRole('button', { name: 'Sign in with Microsoft' }).click());
        await page.getByText(/ groups match/).waitFor();
        const hidden = (id: string) =>
          snapshot.groups.some((g) => g.id === id && classifyGroup(g).hiddenMembership);
        const ids = snapshot.selection.groupIds;
        assert.ok(ids.some(hidden), 'the demo selects a hidden-membership group');
        for (const id of ids) {
          const box = page.locator(`[id="pick-${id}"]`);
          if (hidden(id)) await withPopup(page, () => box.check());
          else await box.check();
          await page.locator(`[id="pick-${id}"]:checked:enabled`).waitFor();
        }
        await page.getByRole('button', { name: 'Read the tenant' }).click();
        await page.locator('[data-testid=recipient-count]').waitFor();
        assert.ok(graph.stats.requests > 0, 'the report came from the fake Graph');

        // The report of the read: every tab, every download.
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        const tabs = await page.getByRole('tab').all();
        assert.ok(tabs.length >= 5, `${tabs.length} tabs`);
        for (const tab of tabs) {
          await tab.click();
          await page.locator('[role=tabpanel]').waitFor();
        }
        const files: Array<{ name: string; text: string }> = [];
        // The read log of this live read (issue #11): scanned below with the other files.
        const readLog = await downloadFrom(page, () =>
          page.getByRole('button', { name: 'Download read log', exact: true }).click(),
        );
        const logLines = readLog.text.trimEnd().split('\n');
        assert.ok(logLines.length >= graph.stats.requests, `${logLines.length} read log lines`);
        assert.ok(logLines.every((line) => typeof JSON.parse(line).status === 'number'));
        files.push(readLog);
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
          'Download snapshot (.json.gz)',
          'Download for support (pseudonymised)',
        ]) {
          files.push(await downloadFrom(page, () => page.getByRole('button', { name, exact: true }).click()));
        }
        // The submission document's one home is Readiness; Export links there.
        await page.getByRole('button', { name: 'Go to Readiness' }).click();
        await page.getByRole('tab', { name: /Readiness/, selected: true }).waitFor();
        const form = page.getByRole('tabpanel');
        await form.getByLabel('Axios HQ organization names').fill('Contoso Comms');
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
          ['jsonl', 'ics', 'csv', 'csv', 'gz', 'gz'],
        );
        t.log(`downloads: ${[...files, submission].map((file) => file.name).join(', ')}`);

        // Back to the Connect screen, still signed in, and its Sign out.
        assert.ok(tokens.size >= 3, `the fake IdP issued ${tokens.size} tokens`);
        const secrets = [SECRET, ...tokens];
        const signedIn = await dumpStorage(page);
        assert.ok(
          [...tokens].some((token) => signedIn.session.includes(token)),
          'signed in, the MSAL cache in sessionStorage holds the tokens',
        );
        await page.getByRole('button', { name: 'Close snapshot' }).click();
        await page.getByRole('button', { name: 'Connect a tenant' }).click();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('button', { name: 'Sign in with Microsoft' }).waitFor();
        assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'signed out');

        // The scans.
        const stored = await dumpStorage(page);
        assertAbsent(stored.indexedDb, secrets, 'IndexedDB');
        assertAbsent(stored.local, secrets, 'localStorage');
        assertAbsent(stored.session, secrets, 'sessionStorage after sign-out');
        const msalKeys = (dump: string) =>
          Object.keys(JSON.parse(dump) as Record<string, string>).filter((key) => /msal/i.test(key));
        assert.ok(msalKeys(signedIn.session).length > 0, 'signed in, MSAL keeps its cache in sessionStorage');
        assert.deepEqual(msalKeys(stored.session), [], 'MSAL cache keys left after sign-out');
        assert.ok(stored.indexedDb.length > 1_000, 'the stored snapshot was read');
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
