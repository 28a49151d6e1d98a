// Issue 15, "the admin's first ten minutes", in Chromium on the production build served as
// `npm start` serves it (the same server and headers): no blank page while scripts load, the demo
// opens with no reload, and the place is in the URL (Back/Forward between views, reload reopens).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { DEMO } from '../../src/demo/profiles.ts';
import { createFakeGraph } from '../support/fake-graph.ts';
import { assertClean, openApp, openDemo } from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

/** The query of the page's URL as an object (the place), and a check that it holds ids and words only. */
function placeOf(page: Page): Record<string, string> {
  const url = new URL(page.url());
  const place = Object.fromEntries(url.searchParams);
  for (const [key, value] of Object.entries(place)) {
    assert.match(key, /^[a-z]+$/, `URL key ${key}`);
    assert.match(value, /^[a-z0-9,-]+$/i, `URL value ${key}=${value}: ids and fixed words only`);
  }
  return place;
}

export default defineSpec({
  name: 'first ten minutes',
  tests: [
    {
      name: 'before its scripts run the page names the product and says Loading…; the demo opens with no reload',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        // Hold the app's scripts until the placeholder has been seen (a module script holds back
        // DOMContentLoaded, so the navigation is awaited only until the response commits).
        let release = () => {};
        const held = new Promise<void>((done) => {
          release = done;
        });
        await page.route('**/assets/*.js', async (route) => {
          await held;
          await route.continue();
        });
        // Document loads only: the app's own pushState (its place in the URL) is no reload.
        let loads = 0;
        page.on('load', () => loads++);
        await page.goto(`${e2e.baseUrl}/`, { waitUntil: 'commit' });
        await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
        assert.match((await page.locator('.app-name').textContent()) ?? '', /dirsync-preflight/);
        await e2e.screenshot('loading');
        release();
        await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
        assert.equal(await page.getByText('Loading…').count(), 0, 'the placeholder is gone');
        await page.evaluate(() => {
          (window as unknown as { firstDocument: boolean }).firstDocument = true;
        });
        await openDemo(page);
        await page.getByRole('tabpanel').waitFor();
        assert.equal(loads, 1, 'one page load: nothing reloaded the page');
        assert.equal(
          await page.evaluate(() => (window as unknown as { firstDocument?: boolean }).firstDocument),
          true,
          'still the first document',
        );
        assertClean(e2e);
      },
    },
    {
      name: 'the place is in the URL: Back and Forward move between views, a reload reopens the same one',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        assert.deepEqual(placeOf(page), {});
        await openDemo(page);
        await page.waitForURL(/view=report/);
        const id = placeOf(page).snapshot ?? '';
        assert.ok(id.length > 0, 'the stored id is in the URL');
        assert.deepEqual(placeOf(page), { view: 'report', snapshot: id, tab: 'overview' });

        await page.getByRole('tab', { name: /Readiness/ }).click();
        await page.waitForURL(/tab=readiness/);
        await page.getByRole('tab', { name: /Recipients/ }).click();
        await page.locator('#rcp-outcome').selectOption('disabled');
        await page.waitForURL(/outcome=disabled/);
        const group = await page.locator('#rcp-scope option').nth(2).getAttribute('value');
        await page.locator('#rcp-scope').selectOption(group ?? '');
        await page.waitForURL(/group=/);
        const recipients = placeOf(page);
        assert.equal(recipients.tab, 'recipients');
        assert.equal(recipients.outcome, 'disabled');
        await e2e.screenshot('recipients-filtered');

        // A filter replaces the entry, so Back goes to the previous tab, then to the start page.
        await page.goBack();
        await page.getByRole('tab', { name: /Readiness/, selected: true }).waitFor();
        assert.equal(placeOf(page).tab, 'readiness');
        await page.goBack();
        await page.getByRole('tab', { name: /Overview/, selected: true }).waitFor();
        await page.goBack();
        await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
        assert.ok(page.url().startsWith(e2e.baseUrl), 'Back stays in the app');
        assert.deepEqual(placeOf(page), {});

        // Forward reopens the stored snapshot from IndexedDB, on the tab it was on.
        await page.goForward();
        await page.getByRole('tab', { name: /Overview/, selected: true }).waitFor();
        await page.goForward();
        await page.goForward();
        await page.getByRole('tab', { name: /Recipients/, selected: true }).waitFor();
        assert.deepEqual(placeOf(page), recipients);

        // A reload reopens the same view, tab and filter.
        await page.reload();
        await page.getByRole('tab', { name: /Recipients/, selected: true }).waitFor();
        assert.equal(await page.locator('#rcp-outcome').inputValue(), 'disabled');
        assert.equal(await page.locator('#rcp-scope').inputValue(), group);
        assert.deepEqual(placeOf(page), recipients);
        assert.equal(id, recipients.snapshot);

        // A snapshot that is gone: the start page, with the URL of the start page.
        await page.goto(`${e2e.baseUrl}/?view=report&snapshot=missing&tab=export`);
        await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
        await page.waitForURL((url) => url.search === '');
        assertClean(e2e);
      },
    },
    {
      name: 'a closed sign-in pop-up: back on the page, Try again and Cancel are offered at once, and Try again signs in',
      timeoutMs: 150_000,
      async run(t) {
        const snapshot = generateTenant(DEMO);
        const graph = createFakeGraph(snapshot, { baseUrl: 'https://graph.microsoft.com' });
        const e2e = await t.start({ graph });
        const { page } = e2e;
        // The first pop-up stays on a sign-in page, as when the admin looks at it and closes it.
        const authorize = /^https:\/\/login\.microsoftonline\.com\/[^/]+\/oauth2\/v2\.0\/authorize/;
        const hold = (route: import('playwright-core').Route) =>
          route.fulfill({
            status: 200,
            contentType: 'text/html',
            body: '<title>Sign in</title><p>Pick an account</p>',
          });
        await e2e.context.route(authorize, hold);

        await page.goto(`${e2e.baseUrl}/`);
        await page.getByRole('button', { name: 'Connect a tenant' }).click();
        await page.locator('#tool-client-id').fill('5e5e5e5e-0000-4000-8000-00000000000c');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.locator('#sync-client-id').fill(snapshot.app?.clientId ?? '');
        await page.getByRole('button', { name: 'Continue to sign-in' }).click();
        await page.locator('button:has-text("Sign in with Microsoft"):enabled').waitFor();

        const opened = e2e.context.waitForEvent('page');
        await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
        const popup = await opened;
        await popup.waitForURL(authorize);
        await popup.close();
        await page.getByRole('button', { name: 'Signing in…' }).waitFor();
        // Back on the page: a click anywhere.
        await page.locator('h2, h1').first().click();
        const tryAgain = page.getByRole('button', { name: 'Try again' });
        await tryAgain.waitFor();
        assert.equal(await page.getByRole('button', { name: 'Cancel' }).count(), 1);
        await e2e.screenshot('popup-closed');

        await e2e.context.unroute(authorize, hold);
        const second = e2e.context.waitForEvent('page');
        await tryAgain.click();
        await second;
        await page.getByText(/ groups match/).waitFor();
        assert.equal(await page.getByText(/redirect\.html/).count(), 0, 'no hosting message');
        assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
        assert.deepEqual(e2e.cspViolations, [], 'no CSP violations');
      },
    },
    {
      name: 'connect form: an empty submit marks the field to fix and focuses it; the tool’s own id is refused as the sync app’s',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const toolId = '5e5e5e5e-0000-4000-8000-00000000000c';
        await page.goto(`${e2e.baseUrl}/`);
        await page.getByRole('button', { name: 'Connect a tenant' }).click();
        const submit = page.getByRole('button', { name: 'Continue to sign-in' });
        const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

        await submit.click();
        await page.locator('#tool-client-id[aria-invalid=true]').waitFor();
        await page.waitForFunction(() => document.activeElement?.id === 'tool-client-id');
        assert.match((await page.locator('#tool-client-id-error').textContent()) ?? '', /Enter this tool’s/);
        assert.equal(await page.locator('#sync-client-id').getAttribute('aria-invalid'), 'true');
        await e2e.screenshot('empty-submit');
        assert.equal(await page.getByText('What to register').count(), 0);

        await page.locator('#tool-client-id').fill(toolId);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.locator('[data-testid=tool-client-id]').waitFor();
        await submit.click();
        await page.waitForFunction(() => document.activeElement?.id === 'sync-client-id');
        assert.equal(await focusedId(), 'sync-client-id');

        await page.locator('#sync-client-id').fill(toolId);
        await submit.click();
        await page.locator('#sync-client-id-error').filter({ hasText: 'own client id' }).waitFor();
        assert.equal(
          await page.getByRole('heading', { name: 'Sign in', exact: true }).count(),
          0,
          'not on to sign-in',
        );
        await page.setViewportSize({ width: 320, height: 800 });
        await e2e.screenshot('same-id-320');
        assertClean(e2e);
      },
    },
    {
      name: 'recipients: "Nothing matches" in place of the table; one snapshot: no Compare hint, an empty rename refused at the field',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await openDemo(page);
        await page.getByRole('tab', { name: /Recipients/ }).click();
        await page.locator('.vt-scroll').waitFor();
        await page.locator('#rcp-search').fill('no such person anywhere');
        await page.getByText('Nothing matches.').waitFor();
        assert.equal(await page.locator('.vt-scroll').count(), 0, 'no empty table above the message');
        await e2e.screenshot('nothing-matches');

        // One stored snapshot: no "Compare" hint; an empty rename is refused at the field.
        await page.getByRole('button', { name: 'Close snapshot' }).click();
        await page.locator('.snapshot').first().waitFor();
        assert.equal(await page.locator('.compare-bar').count(), 0, 'no compare hint with one snapshot');
        await page.getByRole('button', { name: 'Rename' }).click();
        await page.getByLabel('New name').fill('  ');
        await page.getByRole('button', { name: 'Save name' }).click();
        await page.getByText('Enter a name, or Cancel').waitFor();
        assert.equal(await page.getByLabel('New name').getAttribute('aria-invalid'), 'true');
        await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
        assertClean(e2e);
      },
    },
  ],
});
