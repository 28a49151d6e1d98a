// Accessibility in Chromium: axe-core finds no serious or critical violation on the start page
// (with stored snapshots, and with a rename open), each report tab, a recipient's detail, the
// diff view and Connect, at 1280 px, 320 px and 200 % zoom (640 px at device scale 2); and the
// stored snapshots are renamed and deleted from the keyboard alone.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  type AxeViolation,
  assertClean,
  closeReport,
  demoText,
  importFile,
  openApp,
  plantChanges,
  seriousViolations,
  storedNames,
} from './support/app-page.ts';
import { setView, VIEWS, viewShot } from './support/layout.ts';
import { defineSpec, type E2ETestContext } from './support/spec.ts';
import { E2E_PATIENCE_MS } from './support/start-e2e.ts';

const TABS = [
  'Overview',
  'Readiness',
  'Recipients',
  'Count explanation',
  'Compare with HQ',
  'Export',
] as const;

export default defineSpec({
  name: 'a11y',
  tests: [
    // One test per view: each runs axe on ten pages, which takes a while on a busy machine.
    ...VIEWS.map((view) => ({
      name: `axe: no serious or critical violations on every view, at ${view.name}`,
      async run(t: E2ETestContext) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const original = await demoText();
        await openApp(e2e);
        for (const [name, text] of [
          ['contoso-week-1.json', original],
          ['contoso-week-2.json', plantChanges(original).text],
        ] as const) {
          await importFile(page, name, text);
          await page.getByRole('tab', { name: /Readiness/ }).waitFor();
          await closeReport(page);
        }
        await page.locator('.snapshot').nth(1).waitFor();

        const found: Array<AxeViolation & { where: string }> = [];
        const check = async (where: string) => {
          for (const violation of await seriousViolations(e2e)) found.push({ ...violation, where });
        };
        {
          const width = view.width;
          await setView(page, view);
          await check(`${width} start`);
          await page.getByRole('button', { name: 'Rename' }).first().click();
          await check(`${width} start, renaming`);
          await page.keyboard.press('Escape');
          await e2e.screenshot(`${width}-start`);

          await page.getByRole('button', { name: 'Open' }).first().click();
          for (const tab of TABS) {
            await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
            await page.locator('.tab-panel').waitFor();
            if (tab === 'Recipients') {
              await page.locator('.vt-body .row-open').first().waitFor();
              await check(`${width} ${tab}`);
              await page.locator('.vt-body .row-open').first().click();
              await page.getByRole('dialog').waitFor();
              await check(`${width} recipient detail`);
              await viewShot(e2e, `${width}-recipient-detail`);
              await page.keyboard.press('Escape');
              await page.getByRole('dialog').waitFor({ state: 'hidden' });
            } else if (tab === 'Compare with HQ') {
              await check(`${width} ${tab}, no list yet`);
              // A list with a person of each kind the comparison names: matched, missing, invalid.
              await page.locator('.reconcile-drop input[type=file]').setInputFiles({
                name: 'hq.csv',
                mimeType: 'text/csv',
                buffer: Buffer.from(
                  'Name,Email\r\nNobody,nobody@elsewhere.example\r\nBad,not-an-address\r\n',
                ),
              });
              await page.getByText('hq.csv against the audience').waitFor();
              await check(`${width} ${tab}, compared`);
            } else await check(`${width} ${tab}`);
            await viewShot(e2e, `${width}-${tab}`);
          }
          await e2e.screenshot(`${width}-export-tab`);
          await closeReport(page);

          const boxes = page.getByRole('checkbox', { name: 'Compare' });
          await boxes.nth(0).check();
          await boxes.nth(1).check();
          await page.getByRole('button', { name: 'Compare the two chosen' }).click();
          await page.getByRole('region', { name: /What changes at the next sync/ }).waitFor();
          await page.locator('details.diff-group summary').first().click();
          await check(`${width} diff`);
          await e2e.screenshot(`${width}-diff`);
          await page.getByRole('button', { name: 'Close comparison' }).click();

          await page.getByRole('button', { name: 'Connect a tenant' }).click();
          await page.getByRole('button', { name: 'Continue' }).first().waitFor();
          await check(`${width} connect`);
          await e2e.screenshot(`${width}-connect`);
          await page
            .getByRole('button', { name: /Back to the start page/ })
            .first()
            .click();
          await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
        }
        assert.deepEqual(found, [], 'serious or critical axe violations');
        assertClean(e2e);
      },
    })),
    {
      name: 'stored snapshots are renamed and deleted from the keyboard, with a confirmation',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await page.getByRole('button', { name: 'Open the demo tenant' }).click();
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        await closeReport(page);
        await page.locator('.snapshot').first().waitFor();

        await focus(page, 'Rename');
        await page.keyboard.press('Enter');
        const input = page.getByRole('textbox', { name: 'New name' });
        await input.waitFor();
        await expectFocus(page, 'New name', () => input.evaluate((el) => el === document.activeElement));
        await page.keyboard.type('Before the clean-up');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Before the clean-up' }).waitFor();
        await expectFocus(page, 'Rename');

        await focus(page, 'Delete');
        await page.keyboard.press('Enter');
        await page.getByText('Delete "Before the clean-up" from this browser?').waitFor();
        await e2e.screenshot('confirm-delete');
        await expectFocus(page, 'Keep it');
        await page.keyboard.press('Enter');
        assert.deepEqual(await storedNames(page), ['Before the clean-up'], 'kept');
        await expectFocus(page, 'Delete');
        await page.keyboard.press('Enter');
        await expectFocus(page, 'Keep it');
        await page.keyboard.press('Shift+Tab');
        await expectFocus(page, 'Delete for good');
        await page.keyboard.press('Enter');
        await page.getByText('No snapshots stored yet').waitFor();
        await page.reload();
        await page.getByText('No snapshots stored yet').waitFor();
        assertClean(e2e);
      },
    },
  ],
});

/** Tabs forward until the focused element is the button named `name` (keyboard only). */
async function focus(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await activeLabel(page)) === name) return;
  }
  throw new Error(`no "${name}" reached by Tab`);
}

/** Focus moves after a render: wait until it is on `label`. */
async function expectFocus(
  page: Page,
  label: string,
  isThere = async () => (await activeLabel(page)) === label,
) {
  const deadline = Date.now() + E2E_PATIENCE_MS;
  while (Date.now() < deadline) {
    if (await isThere()) return;
    // Look again after the page's next frame (the app moves focus in requestAnimationFrame).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  }
  assert.fail(`focus is on "${await activeLabel(page)}", not on "${label}"`);
}

function activeLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.childNodes[0]?.textContent ?? el?.textContent ?? '').trim();
  });
}
