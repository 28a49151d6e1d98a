// Issue 15, "the admin's first ten minutes", in Chromium on the production build served as
// `npm start` serves it (the same server and headers): no blank page while scripts load, the demo
// opens with no reload.
import assert from 'node:assert/strict';
import { assertClean, openDemo } from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

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
        let navigations = 0;
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame()) navigations++;
        });
        await page.goto(`${e2e.baseUrl}/`, { waitUntil: 'commit' });
        await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
        assert.match((await page.locator('.app-name').textContent()) ?? '', /dirsync-preflight/);
        await e2e.screenshot('loading');
        release();
        await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
        assert.equal(await page.getByText('Loading…').count(), 0, 'the placeholder is gone');
        await openDemo(page);
        await page.getByRole('tabpanel').waitFor();
        assert.equal(navigations, 1, 'one page load: nothing reloaded the page');
        assertClean(e2e);
      },
    },
  ],
});
