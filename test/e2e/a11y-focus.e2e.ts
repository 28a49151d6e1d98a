// Accessibility where the first pass found it broke: at narrow widths and zoom, and after actions.
// The recipients table's cells keep their headers in Chromium's accessibility tree at 1280 px,
// 320 px and 200 % zoom, every column stays sortable and a cut-off address shows in full on focus
// and in the row's detail; a keyboard walk of the main path checks where focus lands after each
// action (never on <body>); the tab strip, the tables' key numbers and the pages fit at 320 px and
// 200 % zoom with WCAG 1.4.12's text spacing.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { OUTCOME_WORDS, TYPE_WORDS } from '../../src/app/outcomes.ts';
import { COLUMNS, GUARDED } from '../../src/app/RecipientTable.tsx';
import { computePreview } from '../../src/core/preview.ts';
import { createRowTable, type TableRow } from '../../src/core/row-query.ts';
import { startsWithFormulaTrigger } from '../../src/export/formula-guard.ts';
import {
  assertClean,
  closeReport,
  demoText,
  importFile,
  openApp,
  openDemo,
  parsed,
  plantChanges,
} from './support/app-page.ts';
import {
  accessibleRows,
  applyTextSpacing,
  clippedTexts,
  focused,
  setView,
  sidewaysScroll,
  VIEWS,
  type View,
  viewShot,
  watchFocusLoss,
} from './support/layout.ts';
import { defineSpec } from './support/spec.ts';
import { E2E_PATIENCE_MS } from './support/start-e2e.ts';

const HEADERS = COLUMNS.map((column) => column.label);

/** What each column's cell must say for a row, as the core computes it. */
function expectedCells(row: TableRow): string[] {
  return [
    String(row.order),
    // A name the upload CSV's formula guard changes carries its warning, for screen readers too.
    (row.name || '(no name)') +
      (row.outcome === 'recipient' && startsWithFormulaTrigger(row.name) ? ` (${GUARDED})` : ''),
    row.email || '(no address)',
    TYPE_WORDS[row.type],
    OUTCOME_WORDS[row.outcome].short,
    row.via.join(' › '),
  ];
}

async function showRecipients(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Recipients/ }).click();
  await page.locator('.vt-body .vt-row:not(.vt-loading)').first().waitFor();
}

export default defineSpec({
  name: 'a11y-focus',
  tests: [
    {
      name: "recipients: each row's accessible cells match its headers at 1280 px, 320 px and 200 % zoom; every sort is reachable",
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const table = createRowTable(computePreview(parsed(await demoText())));
        table.select({ scope: 'audience', sort: { key: 'walk' } });
        const core = table.page(0, 60);
        await openApp(e2e);
        await openDemo(page);
        for (const view of VIEWS) {
          await setView(page, view);
          await showRecipients(page);
          const rows = await accessibleRows(page, 'table.vt-table');
          const [header, ...body] = rows;
          assert.deepEqual(header?.names, HEADERS, `${view.name}: column headers`);
          assert.ok(
            header?.roles.every((role) => role === 'columnheader'),
            `${view.name}: header roles`,
          );
          const loaded = body.filter((row) => row.names[1] !== 'Loading…');
          assert.ok(loaded.length >= 10, `${view.name}: only ${loaded.length} rows rendered`);
          for (const row of loaded) {
            const order = Number(row.names[0]?.replace(/\D/g, ''));
            const expected = core[order - 1];
            assert.ok(expected, `${view.name}: row #${row.names[0]} is not in the core's first rows`);
            assert.deepEqual(
              Object.fromEntries(
                HEADERS.map((h, i) => [
                  h,
                  row.names[i]?.replace(/^#?[\d,.\s]+$/, (n) => n.replace(/\D/g, '')),
                ]),
              ),
              Object.fromEntries(HEADERS.map((h, i) => [h, expectedCells(expected)[i]])),
              `${view.name}: row #${order}, each cell under its header`,
            );
          }
          // Every sortable column has its sort button on screen, and it sorts.
          for (const column of COLUMNS.filter((c) => c.key !== null)) {
            const button = page.locator('thead .sort-button').filter({ hasText: column.label }).first();
            const box = await button.boundingBox();
            assert.ok(box !== null && box.width > 0, `${view.name}: the ${column.label} sort is hidden`);
            assert.ok(
              box.x >= 0 && box.x + box.width <= view.width + 0.5,
              `${view.name}: ${column.label} sort off screen`,
            );
          }
          await page.locator('thead .sort-button').filter({ hasText: 'Type' }).click();
          await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'Type' }).waitFor();
          await page.locator('thead .sort-button').filter({ hasText: '#' }).click();
          await page.locator('th[aria-sort="ascending"]').filter({ hasText: '#' }).waitFor();
          await viewShot(e2e, `recipients-${view.width}`);
        }
        assertClean(e2e);
      },
    },
    {
      name: 'text spacing: a cut-off address shows in full on focus and in the row detail; nothing cut or sideways at 320 px',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await applyTextSpacing(page);
        await openDemo(page);
        await setView(page, VIEWS[0] as (typeof VIEWS)[number]);
        await showRecipients(page);
        const cut = page.locator('.vt-body .c-email').filter({
          has: page.locator('xpath=self::*[not(*)]'),
        });
        // Find rows whose address the cell cuts short.
        const truncated = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.vt-body .vt-row')]
            .filter((row) => {
              const cell = row.querySelector<HTMLElement>('.c-email');
              return cell !== null && cell.scrollWidth > cell.clientWidth + 1;
            })
            .map((row) => row.getAttribute('aria-rowindex')),
        );
        void cut;
        assert.ok(truncated.length > 0, 'with text spacing at 1280 px, some address is cut short');
        const row = page.locator(`.vt-body .vt-row[aria-rowindex="${truncated[0]}"]`);
        // The title is the address isolated (FSI … PDI), as every snapshot text in a plain attribute.
        const email = ((await row.locator('.c-email').getAttribute('title')) ?? '').replace(
          /[\u2068\u2069]/g,
          '',
        );
        await row.locator('.row-open').focus();
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        const shown = await row
          .locator('.c-email')
          .evaluate(
            (cell) => cell.scrollWidth <= cell.clientWidth + 1 && cell.getBoundingClientRect().height > 0,
          );
        assert.ok(shown, `focused, the row shows ${email} in full`);
        await viewShot(e2e, 'focused-row-1280');
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        assert.match((await dialog.textContent()) ?? '', new RegExp(email.replace(/[.+]/g, '\\$&')));
        await viewShot(e2e, 'row-detail-1280');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        assert.equal((await focused(page)).className, 'row-open', 'focus returns to the row');

        await setView(page, VIEWS[1] as (typeof VIEWS)[number]);
        for (const tab of ['Overview', 'Readiness', 'Recipients', 'Count explanation', 'Export']) {
          await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
          await page.locator('.tab-panel').waitFor();
          if (tab === 'Recipients') await page.locator('.vt-body .vt-row').first().waitFor();
          assert.equal(await sidewaysScroll(page), 0, `${tab} at 320 px scrolls sideways`);
          const clipped = (await clippedTexts(page, 'main')).filter((text) => !text.startsWith('td.'));
          assert.deepEqual(clipped, [], `${tab} at 320 px with text spacing: cut text`);
        }
        await viewShot(e2e, 'recipients-320-text-spacing');
        await closeReport(page);
        await page.getByRole('button', { name: 'Connect a tenant' }).click();
        await page.getByRole('button', { name: 'Continue' }).first().waitFor();
        assert.equal(await sidewaysScroll(page), 0, 'Connect at 320 px scrolls sideways');
        await viewShot(e2e, 'connect-320-text-spacing');
        assertClean(e2e);
      },
    },
    {
      name: 'keyboard walk: focus lands on the next step after each action and never on the page itself',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await setView(page, VIEWS[2] as View);
        const expectFocus = async (what: string, test: (f: Focused) => boolean) => {
          const deadline = Date.now() + E2E_PATIENCE_MS;
          while (Date.now() < deadline) {
            if (test(await focused(page))) return;
            // Look again after the page's next frame (the app moves focus in requestAnimationFrame).
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
          }
          assert.fail(`after ${what}, focus is on ${JSON.stringify(await focused(page))}`);
        };

        // Open the demo: the button keeps focus while the file is checked, then the report's name.
        await tabTo(page, 'Open the demo tenant');
        let lost = await watchFocusLoss(page);
        await page.keyboard.press('Enter');
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        await expectFocus('Open the demo tenant', (f) => f.tag === 'h1' && f.text === 'Contoso');
        assert.equal(await lost(), 0, 'frames with focus on <body> while the demo opened');

        // A waterfall bar: focus on the listed people's table, visibly.
        await page.getByRole('tab', { name: /^Count explanation/ }).click();
        const bar = page.locator('table.waterfall button').nth(2);
        await bar.focus();
        await page.keyboard.press('Enter');
        await expectFocus('a waterfall bar', (f) => f.id === 'recipient-table');
        const outline = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement as Element);
          return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
        });
        assert.ok(
          outline.style !== 'none' && outline.width >= 2,
          `focus is visible: ${JSON.stringify(outline)}`,
        );
        await viewShot(e2e, 'focus-after-bar');

        // Download upload CSV: focus moves to the result's "Save again", never to <body>.
        await page.getByRole('tab', { name: /^Export/ }).click();
        await page.getByRole('button', { name: 'Download upload CSV' }).focus();
        lost = await watchFocusLoss(page);
        const download = page.waitForEvent('download');
        await page.keyboard.press('Enter');
        await download;
        await expectFocus(
          'Download upload CSV',
          (f) => f.tag === 'button' && f.text.startsWith('Save again'),
        );
        assert.equal(await lost(), 0, 'frames with focus on <body> while the CSV was written');
        await viewShot(e2e, 'focus-after-download');

        // Close snapshot: the start page's heading.
        await page.getByRole('button', { name: 'Close snapshot' }).focus();
        await page.keyboard.press('Enter');
        await expectFocus(
          'Close snapshot',
          (f) => f.tag === 'h1' && f.text.startsWith('Check a directory sync'),
        );

        // At 320 px, a file that is not a snapshot: the message is in the Import card, in view, focused.
        await setView(page, VIEWS[1] as View);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await importFile(page, 'not-a-snapshot.json', '{"format": "something else"}');
        const alert = page.getByRole('alert');
        await alert.waitFor();
        await expectFocus('a bad import', (f) => f.className.includes('banner'));
        assert.ok(
          await alert.evaluate((el) => el.closest('.drop-zone') !== null),
          'the message is in the Import card',
        );
        const box = await alert.boundingBox();
        assert.ok(
          box !== null && box.y < 900 && box.y + Math.min(box.height, 100) > 0,
          'the message is in view',
        );
        await viewShot(e2e, 'bad-import-320');
        assertClean(e2e);
      },
    },
    {
      name: '320 px: each table shows its key number without sideways scrolling (overview, evidence, diff)',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const original = await demoText();
        await openApp(e2e);
        await setView(page, VIEWS[1] as View);
        for (const [name, text] of [
          ['contoso-week-1.json', original],
          ['contoso-week-2.json', plantChanges(original).text],
        ] as const) {
          await importFile(page, name, text);
          await page.getByRole('tab', { name: /Readiness/ }).waitFor();
          await closeReport(page);
        }
        await page.locator('.snapshot').nth(1).waitFor();
        /** Elements matching `selector` that lie (partly) outside the viewport's width. */
        const outside = (selector: string) =>
          page.evaluate(
            (sel) =>
              [...document.querySelectorAll<HTMLElement>(sel)]
                .filter((el) => {
                  const box = el.getBoundingClientRect();
                  return box.left < -0.5 || box.right > window.innerWidth + 0.5;
                })
                .map((el) => (el.textContent ?? '').trim()),
            selector,
          );
        /** Scroll boxes matching `selector` whose content is wider than they are. */
        const cutOff = (selector: string) =>
          page.evaluate(
            (sel) =>
              [...document.querySelectorAll<HTMLElement>(sel)]
                .filter((el) => el.scrollWidth > el.clientWidth + 1)
                .map((el) => el.getAttribute('aria-label') ?? el.className),
            selector,
          );

        await page.getByRole('button', { name: 'Open' }).first().click();
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        // The tab strip: every tab on screen, in at most two rows at 320 px and one or two at 640.
        for (const view of [VIEWS[1], VIEWS[2]] as View[]) {
          await setView(page, view);
          const tabs = await page.getByRole('tab').evaluateAll((els) =>
            els.map((el) => {
              const box = el.getBoundingClientRect();
              const inside = box.left >= -0.5 && box.right <= window.innerWidth + 0.5;
              return { top: Math.round(box.top), inside, text: el.textContent ?? '' };
            }),
          );
          assert.deepEqual(
            tabs.filter((tab) => !tab.inside).map((tab) => tab.text),
            [],
            `${view.name}: tabs cut off`,
          );
          assert.ok(
            new Set(tabs.map((tab) => tab.top)).size <= 2,
            `${view.name}: tabs in more than two rows`,
          );
        }
        await setView(page, VIEWS[1] as View);
        const counts = page.locator('table.numbers').first();
        await counts.waitFor();
        assert.deepEqual(
          await outside('table.numbers tbody td:last-child, table.numbers tfoot td:last-child'),
          [],
          'Overview: every Recipients number is in view',
        );
        await viewShot(e2e, 'overview-320');

        await page.getByRole('tab', { name: /^Readiness/ }).click();
        await page.locator('.check').first().waitFor();
        await page.evaluate(() => {
          for (const details of document.querySelectorAll('details')) details.open = true;
        });
        assert.ok((await page.locator('.evidence-table-wrap').count()) > 0, 'the demo has evidence tables');
        assert.deepEqual(await cutOff('.evidence-table-wrap'), [], 'Readiness: evidence tables fit');
        assert.equal(await sidewaysScroll(page), 0, 'Readiness scrolls sideways');
        await closeReport(page);

        for (const box of await page.getByRole('checkbox', { name: 'Compare' }).all()) await box.check();
        await page.getByRole('button', { name: 'Compare the two chosen' }).click();
        await page.getByRole('region', { name: /What changes at the next sync/ }).waitFor();
        await page.evaluate(() => {
          for (const details of document.querySelectorAll('details')) details.open = true;
        });
        assert.deepEqual(
          await outside('.diff table.numbers:not(.diff-people) tr > :last-child'),
          [],
          "Diff: every group's count after the change is in view",
        );
        assert.deepEqual(await cutOff('.diff .table-wrap:has(.diff-people)'), [], 'Diff: people tables fit');
        assert.equal(await sidewaysScroll(page), 0, 'the diff scrolls sideways');
        await e2e.screenshot('diff-320');
        assertClean(e2e);
      },
    },
  ],
});

type Focused = Awaited<ReturnType<typeof focused>>;

/** Tabs forward until the focused element is the button named `name` (keyboard only). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).text === name) return;
  }
  throw new Error(`no "${name}" reached by Tab`);
}
