// Helpers for the app's end-to-end specs: the demo snapshot and a later copy of it with three
// planted changes, the upload rows the core expects, downloads read back, axe-core run in the
// page, and the check every test ends with (no CSP violation, no console error).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { diffSnapshots, type SnapshotDiff } from '../../../src/core/diff.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { audienceRecipients } from '../../../src/core/preview-rows.ts';
import type { Snapshot, SnapshotObject } from '../../../src/core/snapshot-schema.ts';
import { parseCsv, restoreCell } from '../../../src/export/csv.ts';
import { type E2E, REPO_ROOT } from './start-e2e.ts';

export const DEMO_PATH = join(REPO_ROOT, 'public/demo/demo-tenant.json');

export async function demoText(): Promise<string> {
  return readFile(DEMO_PATH, 'utf8');
}

export function parsed(text: string): Snapshot {
  const result = parseSnapshotText(text);
  assert.ok(result.ok, JSON.stringify(result.errors));
  return result.data;
}

/** The audience's upload rows [Name, Email] as the core computes them, in walk order. */
export function expectedUploadRows(text: string): string[][] {
  return audienceRecipients(computePreview(parsed(text))).map((row) => [row.name, row.email]);
}

/** A downloaded upload CSV read back: header checked, formula guard undone. */
export async function uploadRowsOf(download: Download): Promise<string[][]> {
  const path = await download.path();
  const rows = parseCsv(await readFile(path, 'utf8'));
  assert.deepEqual(rows[0], ['Name', 'Email']);
  return rows.slice(1).map((row) => row.map(restoreCell));
}

export interface PlantedChanges {
  text: string;
  disabled: string;
  lostMail: string;
  leftNested: string;
  diff: SnapshotDiff;
}

/**
 * A week-later copy of the demo: one recipient disabled, one without mail, and one removed from a
 * nested group (chosen so it reaches the audience by no other path). Each attribute is changed on
 * object itself (a version 2 snapshot holds each object once).
 */
export function plantChanges(original: string): PlantedChanges {
  const older = parsed(original);
  const recipients = audienceRecipients(computePreview(older));
  const patch = (snapshot: Snapshot, id: string, change: Partial<SnapshotObject>): Snapshot => ({
    ...snapshot,
    objects: snapshot.objects.map((object) =>
      object.id === id ? ({ ...object, ...change } as SnapshotObject) : object,
    ),
  });
  const later = (snapshot: Snapshot): Snapshot => ({ ...snapshot, capturedAt: '2026-12-03T06:00:00Z' });
  const diffOf = (newer: Snapshot) => {
    const result = diffSnapshots(older, newer);
    assert.ok(result.ok);
    return result.data;
  };
  const disabled = recipients[0]?.id as string;
  const lostMail = recipients[1]?.id as string;
  let newer = patch(patch(later(older), disabled, { accountEnabled: false }), lostMail, { mail: null });
  const selected = new Set(older.selection.groupIds.map((id) => id.toLowerCase()));
  // A member of a nested (not itself selected) group who leaves the audience when taken out of it.
  for (const [group, members] of Object.entries(older.members)) {
    if (selected.has(group.toLowerCase())) continue;
    for (const member of members) {
      if (member === disabled || member === lostMail) continue;
      if (!recipients.some((row) => row.id === member)) continue;
      const candidate: Snapshot = {
        ...newer,
        members: { ...newer.members, [group]: members.filter((other) => other !== member) },
      };
      const diff = diffOf(candidate);
      if (diff.audience.left.some((person) => person.id === member && person.why === 'left-group')) {
        newer = candidate;
        return { text: JSON.stringify(newer), disabled, lostMail, leftNested: member, diff };
      }
    }
  }
  throw new Error('the demo has no nested-group member who reaches the audience by that group alone');
}

/** Opens the app and waits for the start page; with `controlled`, until the service worker controls it. */
export async function openApp(e2e: E2E, options: { controlled?: boolean } = {}): Promise<void> {
  await e2e.page.goto(`${e2e.baseUrl}/`);
  await e2e.page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
  if (options.controlled) {
    await e2e.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller === null)
        await new Promise((done) =>
          navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }),
        );
    });
  }
}

export async function openDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo tenant' }).click();
  await page.getByRole('tab', { name: /Readiness/ }).waitFor();
}

export async function closeReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close snapshot' }).click();
  await page.getByRole('heading', { name: 'Stored snapshots' }).waitFor();
}

/** Picks a file: text as it is, or bytes (a gzip-compressed snapshot). */
export async function importFile(page: Page, name: string, content: string | Uint8Array): Promise<void> {
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
}

/** Names of the stored snapshots as listed (newest first). */
export async function storedNames(page: Page): Promise<string[]> {
  return page.locator('.snapshot-name').allTextContents();
}

export async function downloadUploadCsv(page: Page): Promise<Download> {
  await page.getByRole('tab', { name: /Export/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download upload CSV' }).click();
  return download;
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core in the page (evaluated through the debugger). axe builds some messages with doT
 * templates (`new Function`), which the app's CSP refuses as 'eval': those reports, made while
 * axe runs, are axe's and are dropped; any other CSP violation stays for assertClean.
 */
export async function seriousViolations(e2e: E2E, page: Page = e2e.page): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const before = e2e.cspViolations.length;
  await page.evaluate(source);
  const { rulesPassed, violations } = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    const violations = result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n: any) => String(n.target)),
      }));
    return { rulesPassed: result.passes.length as number, violations };
  });
  // A run that checked nothing (axe missing, empty page) must not pass as clean.
  assert.ok(rulesPassed > 10, `axe ran only ${rulesPassed} rules`);
  // The reports of violations made while axe ran were queued before this task: once a line logged
  // from it has come through the console, so have they.
  const marker = `[e2e-axe-done] ${Date.now()}-${Math.random()}`;
  const logged = page.waitForEvent('console', (message) => message.text() === marker);
  await page.evaluate(
    (text) => new Promise((done) => setTimeout(() => done(console.debug(text)), 0)),
    marker,
  );
  await logged;
  const during = e2e.cspViolations.splice(before);
  e2e.cspViolations.push(...during.filter((v) => !(v.directive === 'script-src' && v.blocked === 'eval')));
  return violations;
}

/** Every test ends here: the app ran under its CSP without a violation or a console error. */
export function assertClean(e2e: E2E, allowed: RegExp[] = []): void {
  assert.deepEqual(e2e.cspViolations, [], 'CSP violations');
  const errors = e2e.consoleErrors.filter((entry) => !allowed.some((pattern) => pattern.test(entry.text)));
  assert.deepEqual(errors, [], 'console errors');
}
