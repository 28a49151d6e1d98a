// Worker faults in Chromium (issue 7, item 6): the preview worker is closed from inside, as a
// browser that kills it would leave it, with no error event. The page hears of it through the
// worker's lifeline port, and the next action runs in a fresh worker that re-opens the snapshot.
import assert from 'node:assert/strict';
import { assertClean, openApp, openDemo } from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

export default defineSpec({
  name: 'worker-fault',
  tests: [
    {
      name: 'a worker that dies is replaced: the next change of options runs again with the right counts',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await openDemo(page);
        const count = () => page.getByTestId('recipient-count').textContent();
        assert.equal(await count(), '1,701');
        const [first] = page.workers();
        assert.ok(first, 'the preview worker is running');
        const closed = new Promise((resolve) => first.once('close', resolve));
        await first.evaluate(() => (self as unknown as { close(): void }).close());
        await closed;

        await page.getByRole('checkbox', { name: 'Use the username when the email is empty' }).check();
        await page.getByTestId('recipient-count').filter({ hasText: '1,728' }).waitFor();
        assert.equal(page.workers().length, 1, 'one fresh worker');
        assert.notEqual(page.workers()[0], first);
        await e2e.screenshot('after-worker-replaced');
        assertClean(e2e);
      },
    },
  ],
});
