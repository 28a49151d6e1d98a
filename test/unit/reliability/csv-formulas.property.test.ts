// Names that are spreadsheet formulas are neutralised in every CSV the app writes (issue 7, item
// 2): the upload file (names, addresses, segment names) and the exclusions file (names, reasons,
// the group path). Goes through the worker's export jobs, so it covers the rows the app builds,
// not only the cell writer; restoreCell gives every original value back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { FORMULA_TRIGGER, parseCsv, restoreCell } from '../../../src/export/csv.ts';
import { createWorkerHandlers, type FileOut } from '../../../src/worker/handlers.ts';
import { contact, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const decode = (file: FileOut) => new TextDecoder().decode(file.data);

/** A tenant whose people and groups carry `names`: recipients, exclusions and nested groups. */
function tenantText(names: readonly string[]): string {
  const at = (i: number) => names[i % names.length] as string;
  const people: SnapshotMember[] = names.flatMap((name, i) => [
    user(`r${i}`, { displayName: name, mail: `r${i}@contoso.example` }),
    user(`d${i}`, { displayName: name, accountEnabled: false }),
    contact(`c${i}`, { displayName: name }),
  ]);
  const snapshot = snapshotOf({
    members: {
      top: [...people, groupRef('inner', { displayName: at(1) })],
      inner: [user('x', { displayName: at(2) })],
    },
    selected: ['top', 'inner'],
  });
  const groupIds = snapshot.groups.map((id) => id.toLowerCase());
  snapshot.objects = snapshot.objects.map((object) => {
    const i = groupIds.indexOf(object.id.toLowerCase());
    return i < 0 ? object : { ...object, displayName: at(i) };
  });
  return JSON.stringify(snapshot);
}

async function exportAll(names: readonly string[]): Promise<string[]> {
  const handlers = createWorkerHandlers();
  const opened = await handlers.open({ text: tenantText(names) }, { progress() {} });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  const files = [
    ...handlers.exportUpload({ baseName: 'upload', segments: true, allowIncomplete: false }),
    ...handlers.exportUpload({ baseName: 'plain', segments: false, allowIncomplete: false }),
    ...handlers.exportExclusions({ baseName: 'excluded' }),
  ];
  expect(files.length).toBeGreaterThanOrEqual(3);
  return files.flatMap((file) => parseCsv(decode(file)).flat());
}

describe('formulas in every CSV', () => {
  it('no cell of the upload or exclusions files starts with a formula trigger', async () => {
    const names = ['=HYPERLINK("https://evil.example","click")', '+1+1', '-2', '@SUM(A1:A9)', '\t=1', '＝1'];
    const cells = await exportAll(names);
    for (const cell of cells) expect(cell).not.toMatch(FORMULA_TRIGGER);
    // The rules trim names (a leading tab goes), so the trimmed name is what comes back.
    for (const name of names) expect(cells.map(restoreCell)).toContain(name.trim());
  });

  it('holds for any name that starts with a trigger', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.constantFrom(...TRIGGERS), fc.string({ maxLength: 30 })).map(([t, rest]) => t + rest),
          { minLength: 3, maxLength: 6 },
        ),
        async (names) => {
          const cells = await exportAll(names);
          for (const cell of cells) expect(cell).not.toMatch(FORMULA_TRIGGER);
        },
      ),
      { numRuns: 150, seed: 3 },
    );
  });
});
