// The admin's paths through the production build in Chromium: the demo from readiness to the
// upload CSV (checked row by row against the core), a bad import that names the JSON path and
// leaves the stored snapshots alone, and import → stored → diff of two captures of one tenant.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import {
  assertClean,
  closeReport,
  demoText,
  downloadUploadCsv,
  expectedUploadRows,
  importFile,
  openApp,
  openDemo,
  plantChanges,
  storedNames,
  uploadRowsOf,
} from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

export default defineSpec({
  name: 'app',
  tests: [
    {
      name: 'demo: readiness shows the failing checks, recipients, and the CSV matches the core row by row',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await e2e.screenshot('1-start');
        await openDemo(page);
        await page.getByRole('tab', { name: /Readiness/ }).click();
        const failing = page.locator('.check-fail');
        await failing.first().waitFor();
        const failCount = await failing.count();
        assert.ok(failCount > 0, 'the demo has failing checks');
        const badge = await page.getByRole('tab', { name: /Readiness/ }).textContent();
        assert.match(badge ?? '', new RegExp(`${failCount} failing`));
        // Failing first: the first check in the list fails, and its fix is visible.
        assert.match((await page.locator('.check').first().getAttribute('class')) ?? '', /check-fail/);
        await e2e.screenshot('2-readiness');

        const expected = expectedUploadRows(await demoText());
        await page.getByRole('tab', { name: /Recipients/ }).click();
        await page.locator('.row-count').waitFor();
        await e2e.screenshot('3-recipients');

        const rows = await uploadRowsOf(await downloadUploadCsv(page));
        await e2e.screenshot('4-export');
        assert.equal(rows.length, expected.length, 'one CSV row per recipient');
        for (const [i, row] of rows.entries()) assert.deepEqual(row, expected[i], `CSV row ${i + 2}`);
        t.log(`upload CSV: ${rows.length} rows, each equal to the core's`);
        assertClean(e2e);
      },
    },
    {
      name: 'a bad import names the JSON path and leaves stored snapshots untouched',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await openDemo(page);
        await closeReport(page);
        await page.locator('.snapshot').first().waitFor();
        const before = await storedNames(page);
        assert.equal(before.length, 1);

        const broken = JSON.parse(await demoText());
        const group = Object.keys(broken.members)[0] as string;
        broken.members[group][3] = 42;
        await importFile(page, 'broken-snapshot.json', JSON.stringify(broken));
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const said = (await alert.textContent()) ?? '';
        assert.match(said, /broken-snapshot\.json is not a snapshot/);
        assert.ok(said.includes(`$.members["${group}"][3]`), said);
        assert.match(said, /Nothing was saved or changed/);
        await e2e.screenshot('bad-import');

        await importFile(page, 'truncated.json', '{"format": "dirsync-snapshot", "version": 1,');
        await page.getByRole('alert').filter({ hasText: 'truncated.json' }).waitFor();
        assert.match((await page.getByRole('alert').textContent()) ?? '', /line 1, column \d+/);
        await importFile(page, 'cut-short.json.gz', gzipSync(await demoText()).subarray(0, 4_000));
        await page.getByRole('alert').filter({ hasText: 'cut-short.json.gz' }).waitFor();
        assert.match(
          (await page.getByRole('alert').textContent()) ?? '',
          /is gzip-compressed but cannot be decompressed .*truncated or corrupt/,
        );
        assert.deepEqual(await storedNames(page), before, 'the stored list is unchanged');
        await page.reload();
        await page.locator('.snapshot').first().waitFor();
        assert.deepEqual(await storedNames(page), before, 'and unchanged in IndexedDB after a reload');
        assertClean(e2e);
      },
    },
    {
      name: 'import two captures → stored → diff shows who joins and leaves, and why; two tenants are refused',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        const original = await demoText();
        const planted = plantChanges(original);
        await openApp(e2e);
        await importFile(page, 'contoso-week-1.json', original);
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        await closeReport(page);
        // The later capture as support would get it: gzip-compressed (stored so, and diffed from it).
        await importFile(page, 'contoso-week-2.snapshot.json.gz', gzipSync(planted.text));
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        await closeReport(page);
        await page.locator('.snapshot').nth(1).waitFor();
        assert.equal((await storedNames(page)).length, 2);
        await e2e.screenshot('1-stored');

        for (const box of await page.getByRole('checkbox', { name: 'Compare' }).all()) await box.check();
        await page.getByRole('button', { name: 'Compare the two chosen' }).click();
        const view = page.getByRole('region', { name: /What changes at the next sync/ });
        await view.waitFor();
        const { audience } = planted.diff;
        const totals = await page.locator('.diff-totals dd').allTextContents();
        assert.deepEqual(
          totals.map((text) => text.replace(/\D/g, '')),
          [
            planted.diff.older.recipients,
            audience.joined.length,
            audience.left.length,
            planted.diff.newer.recipients,
          ].map(String),
        );
        const leaving = page.getByRole('region', { name: 'Leave the audience' });
        for (const [id, why] of [
          [planted.disabled, 'Newly disabled'],
          [planted.lostMail, 'Lost their email address'],
          [planted.leftNested, 'Left the group or a nested group (or was deleted)'],
        ] as const) {
          const person = audience.left.find((p) => p.id === id);
          assert.ok(person, `${id} leaves in the core's diff`);
          const row = leaving.getByRole('row').filter({ hasText: person.name });
          assert.match((await row.textContent()) ?? '', new RegExp(why.replace(/[()]/g, '\\$&')));
        }
        // Per group: the table lists every group; a changed group's people open from its summary.
        const changed = planted.diff.groups.filter((g) => g.joined.length + g.left.length > 0);
        assert.equal(await page.locator('details.diff-group').count(), changed.length);
        await page.locator('details.diff-group summary').first().click();
        await e2e.screenshot('2-diff');
        // The changes as a CSV: a header and one row per person who joins or leaves.
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Download the changes (CSV)' }).click();
        const csv = await readFile((await (await download).path()) ?? '', 'utf8');
        const lines = csv.split('\r\n').filter((line) => line !== '');
        assert.equal(lines[0], 'Change,Name,Email,Id,Why,Groups');
        assert.equal(lines.length - 1, audience.joined.length + audience.left.length);
        t.log(
          `diff: ${audience.left.length} leave, ${audience.joined.length} join, ${changed.length} groups change`,
        );

        await page.getByRole('button', { name: 'Close comparison' }).click();
        const other = JSON.parse(original);
        other.tenant = {
          ...other.tenant,
          id: '0f0f0f0f-0000-4000-8000-000000000001',
          displayName: 'Fabrikam',
        };
        await importFile(page, 'fabrikam.json', JSON.stringify(other));
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();
        await closeReport(page);
        await page.locator('.snapshot').nth(2).waitFor();
        await page.getByRole('checkbox', { name: 'Compare' }).nth(0).check();
        await page.getByRole('checkbox', { name: 'Compare' }).nth(1).check();
        await page.getByText('The two chosen snapshots are of different tenants').waitFor();
        await page.getByRole('button', { name: 'Compare the two chosen' }).click();
        const refusal = page.getByRole('alert');
        await refusal.waitFor();
        assert.match((await refusal.textContent()) ?? '', /Fabrikam.*Contoso.*same tenant/s);
        await e2e.screenshot('3-two-tenants-refused');
        assertClean(e2e);
      },
    },
  ],
});
