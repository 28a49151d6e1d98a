// Hostile names in a real browser (issue 10, items 3 and 6): a 256 KB tenant name, a 1 MB group
// name and right-to-left overrides in a name and an address. The report opens; every place that
// shows them shows at most 256 characters with the full length said; the override cannot reorder
// the page around it (isolated in <bdi>), and in an address it is shown as an escape.
import assert from 'node:assert/strict';
import { toSnapshotV1, toSnapshotV2 } from '../../src/core/snapshot-v2.ts';
import { assertClean, demoText, importFile, openApp, parsed } from './support/app-page.ts';
import { defineSpec } from './support/spec.ts';

const TENANT_NAME = 'T'.repeat(256 * 1024);
const GROUP_NAME = `G${'g'.repeat(1024 * 1024 - 1)}`;
const SPOOFED_NAME = '\u202emoc.live@nimda';

function hostileSnapshot(text: string): string {
  const snapshot = toSnapshotV1(parsed(text));
  snapshot.tenant.displayName = TENANT_NAME;
  const selected = snapshot.selection.groupIds[0];
  const group = snapshot.groups.find((g) => g.id === selected);
  assert.ok(group, 'the demo selects a group');
  group.displayName = GROUP_NAME;
  const first = snapshot.members[group.id]?.find((m) => m['@odata.type'] === '#microsoft.graph.user');
  assert.ok(first, 'the first selected group has a user');
  first.displayName = SPOOFED_NAME;
  first.mail = 'admin\u202e@contoso.example';
  return JSON.stringify(toSnapshotV2(snapshot));
}

export default defineSpec({
  name: 'hostile',
  tests: [
    {
      name: 'huge and bidi-spoofing names: capped with their length, isolated, escaped in addresses',
      async run(t) {
        const e2e = await t.start({ serviceWorkers: 'block' });
        const { page } = e2e;
        await openApp(e2e);
        await importFile(page, 'hostile.json', hostileSnapshot(await demoText()));
        await page.getByRole('tab', { name: /Readiness/ }).waitFor();

        const heading = (await page.locator('h1').first().textContent()) ?? '';
        assert.ok(heading.length < 400, `the heading holds ${heading.length} characters`);
        assert.match(heading, /^T{256}… \(262,144 characters\)$/);
        await e2e.screenshot('1-report');

        await page.getByRole('tab', { name: /^Recipients/ }).click();
        const row = page.locator('.vt-body .vt-row').filter({ hasText: 'nimda' }).first();
        await row.waitFor();
        const via = (await row.locator('td').last().textContent()) ?? '';
        assert.match(
          via,
          /^Gg{255}… \(1,048,576 characters\) › /,
          `the path names the group capped: ${via.slice(0, 300)}…${via.slice(-80)} (${via.length})`,
        );
        const name = row.locator('.c-name bdi');
        assert.equal(await name.textContent(), SPOOFED_NAME, 'the name is shown as it is, isolated');
        assert.equal(
          await row.locator('.c-email').textContent(),
          'admin\\u202e@contoso.example',
          'an address shows its override as an escape',
        );
        const longest = await page.evaluate(() =>
          Math.max(...[...document.querySelectorAll('body *')].map((el) => el.textContent?.length ?? 0)),
        );
        assert.ok(longest < 200_000, `no element holds the whole of a huge name (${longest} characters)`);
        await e2e.screenshot('2-recipients');
        assertClean(e2e);
      },
    },
  ],
});
