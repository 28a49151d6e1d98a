// "Compare with HQ's list" through the production build in Chromium: a semicolon list with a BOM
// (most of the demo's recipients, one disabled person, a stranger, a row without an address) is
// dropped on the open demo, read in the worker, shown as the two sides meeting in `matched`, and
// its differences CSV downloads byte for byte as the core writes it. Then a person is searched and
// followed to the recipient table, a list without an address column is refused plainly, and
// another list is compared without reopening the snapshot. axe finds nothing serious.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { computePreview } from '../../src/core/preview.ts';
import { audienceExclusions, audienceRecipients } from '../../src/core/preview-rows.ts';
import { reconcile } from '../../src/core/reconcile.ts';
import { differenceRows } from '../../src/core/reconcile-summary.ts';
import { writeDifferencesCsv } from '../../src/export/differences-csv.ts';
import { readAudienceListText } from '../../src/export/read-audience-list.ts';
import { assertClean, demoText, openApp, openDemo, parsed, seriousViolations } from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

function hqList(text: string): { csv: string; missing: { name: string; email: string } } {
  const preview = computePreview(parsed(text));
  const recipients = audienceRecipients(preview);
  const disabled = audienceExclusions(preview).find((row) => row.reason === 'disabled' && row.email !== '');
  assert.ok(disabled, 'the demo has a disabled person with an address');
  const missing = recipients[5] as { name: string; email: string };
  const rows = recipients.filter((_, i) => i !== 5 && i !== 9).map((row) => `${row.name};${row.email}`);
  rows.push(`${disabled.name};${disabled.email}`, 'Someone Else;someone@elsewhere.example', 'No Address;');
  return { csv: `\uFEFFFull name;Email\r\n${rows.join('\r\n')}\r\n`, missing };
}

async function chooseList(page: Page, name: string, csv: string): Promise<void> {
  await page
    .locator('.reconcile-drop input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

export default defineSpec({
  name: 'reconcile',
  tests: [
    {
      name: 'import HQ’s list, read the classes, download the differences CSV, follow a person',
      // Three comparisons, a download, axe and a jump to the recipient table: longer than most.
      timeoutMs: 120_000,
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const text = await demoText();
        const { csv, missing } = hqList(text);
        const read = readAudienceListText(csv);
        assert.ok(read.ok);
        const preview = computePreview(parsed(text));
        const expected = reconcile(preview, read.data.list, { kind: 'audience' });
        const expectedCsv = writeDifferencesCsv(differenceRows(expected, preview));

        await openApp(e2e);
        await openDemo(page);
        await page.getByRole('tab', { name: 'Compare with HQ’s list' }).click();
        await page.getByRole('heading', { name: 'Compare with HQ’s list' }).waitFor();
        await chooseList(page, 'hq-audience.csv', csv);
        const download = page.getByRole('button', { name: 'Download the differences (CSV)' });
        await download.waitFor();

        const chart = page.locator('.reconcile-chart');
        const count = async (step: string) =>
          (await chart.locator(`[data-step="${step}"] .wf-count`).textContent())?.replace(/[^\d]/g, '');
        assert.equal(await count('predicted'), String(expected.predicted));
        assert.equal(await count('matched'), String(expected.counts.matched));
        assert.equal(await count('missing'), '2');
        assert.equal(await count('excluded'), '1');
        assert.equal(await count('outside'), '1');
        assert.equal(await count('list'), String(expected.list.addresses));
        const sentences = (await page.locator('.reconcile-sentences').textContent()) ?? '';
        assert.match(sentences, /join at the next weekly sync \(Monday\)/);
        await e2e.screenshot('1-summary');

        const saved = page.waitForEvent('download');
        await download.click();
        const file = await saved;
        assert.match(file.suggestedFilename(), /^contoso-.*-hq-differences\.csv$/);
        assert.equal(await readFile((await file.path()) as string, 'utf8'), expectedCsv);
        t.log(`differences CSV: ${expectedCsv.split('\r\n').length - 2} rows, byte for byte the core's`);

        // The missing people are listed first; search one by name and follow them to Recipients.
        const people = page.locator('.reconcile-table');
        await page.getByLabel('Search these people by name or address').fill(missing.name);
        await page.getByText(`Showing 1 of 1 matching “${missing.name}”`).waitFor();
        await people.getByRole('cell', { name: missing.email, exact: true }).waitFor();
        await e2e.screenshot('2-people');
        assert.deepEqual(await seriousViolations(e2e), []);
        // At 320 px the page does not scroll sideways (the people table scrolls inside its frame).
        await page.setViewportSize({ width: 320, height: 900 });
        assert.equal(
          await page.evaluate(() => document.documentElement.scrollWidth),
          320,
          'no horizontal page scroll at 320 px',
        );
        await e2e.screenshot('3-320px');
        await page.setViewportSize({ width: 1280, height: 900 });
        // From the keyboard, where a focus outline is due (:focus-visible; a mouse click shows none).
        await people
          .getByRole('row')
          .filter({ hasText: missing.email })
          .getByRole('button', { name: /Show in Recipients/ })
          .focus();
        await page.keyboard.press('Enter');
        await page.getByRole('tab', { name: /Recipients/, selected: true }).waitFor();
        await page.locator('.vt-row').filter({ hasText: missing.email }).waitFor();
        // Focus follows to the list of that person, with a visible outline.
        await page.waitForFunction(() => document.activeElement?.id === 'recipient-table');
        const outline = await page.evaluate(
          () => getComputedStyle(document.activeElement as Element).outlineStyle,
        );
        assert.notEqual(outline, 'none', 'the focused list shows its focus');

        // Another list, without reopening: one without an address column is refused and says why.
        await page.getByRole('tab', { name: 'Compare with HQ’s list' }).click();
        await chooseList(page, 'phones.csv', 'Name,Phone\r\nAda,1\r\n');
        const alert = page.getByRole('alert').filter({ hasText: 'phones.csv could not be compared' });
        await alert.waitFor();
        assert.match(
          (await alert.textContent()) ?? '',
          /no address column: the header row has "Name", "Phone"/,
        );
        await chooseList(page, 'one-group.csv', `Email\n${missing.email}\n`);
        await page.getByText('one-group.csv against the audience').waitFor();
        assert.equal(await count('matched'), '1');
        await e2e.screenshot('4-another-list');
        assertClean(e2e);
      },
    },
  ],
});
