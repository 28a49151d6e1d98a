// Hostile strings in every string field of a snapshot, through every sink (issue #10): controls,
// bidi overrides and isolates, invisible format characters, line breaks and huge values, generated
// by fast-check and put into each name, address, description, path, error and app field in turn.
// Sinks: the command line (preview, audit, diff; text and --json), both CSVs, the submission
// document and the page's plain-text sink. None may pass a raw hidden character to a person, lose
// a formula guard, add a document line or stall (each output stays linear in its input).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/app/SnapshotText.tsx';
import { runCli } from '../../../src/cli/run.ts';
import { submissionDocument } from '../../../src/core/audit/submission-document.ts';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import { parseCsv } from '../../../src/export/csv.ts';
import { applicationOf, readyTenant } from '../../support/app-builder.ts';
import { RAW_HIDDEN } from '../../support/hostile-strings.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import { contact, device, groupRef, user } from '../../support/snapshot-builder.ts';

const figures = { snapshots: 0, fields: 0, cliRuns: 0, csvCells: 0, documents: 0, maxOutputRatio: 0 };
afterAll(() => {
  console.info(`[reliability] hostile sinks: ${JSON.stringify(figures)}`);
});

const CONTROL = fc.constantFrom(
  '\x1b[2J',
  '\x1b]52;c;eA==\x07',
  '\x1b]8;;https://evil.example/\x1b\\',
  '\u009b31m',
  '\r',
  '\x00',
  '\x7f',
  '\u0085',
);
const BIDI = fc.constantFrom(
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
);
const INVISIBLE = fc.constantFrom(
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u2028',
  '\u2029',
  '\u{E0041}',
  '\u115f',
);
const NEWLINE = fc.constantFrom('\n', '\r\n', '\nApplication (client) ID: 0', '\nSetup Owner\n  Name: x');
const FORMULA = fc.constantFrom(
  '=1+1',
  '+1',
  '-1',
  '@x',
  '\uff1d1',
  ' =1',
  '\u00a0=1',
  '\u200b=1',
  '\u202e=1',
  '\v=1',
);
const HUGE = fc.integer({ min: 300, max: 20_000 }).map((n) => 'H'.repeat(n));
const PLAIN = fc.string({ minLength: 0, maxLength: 12 });

/** One hostile value: plain text around hostile pieces of every kind. */
const hostileString = fc
  .array(fc.oneof(CONTROL, BIDI, INVISIBLE, NEWLINE, FORMULA, HUGE, PLAIN), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));

// Strings that must stay as they are for the file to be a snapshot at all (or to keep its shape).
const STRUCTURAL = new Set([
  '@odata.type',
  'format',
  'cloud',
  'status',
  'capturedAt',
  'id',
  'appId',
  'clientId',
]);

const ID_LISTS = new Set(['groups', 'members', 'users', 'contacts']);

function template(): Snapshot {
  const snapshot = readyTenant({
    members: {
      g1: [user('u1'), user('u2', { accountEnabled: false }), groupRef('g2'), contact('c1'), device('d1')],
      g2: [user('u3'), user('u4', { mail: null })],
    },
    selected: ['g1', 'g2'],
  });
  applicationOf(snapshot).displayName = 'Sync app';
  snapshot.reads.push({
    path: '/groups/g3/members',
    status: 'failed',
    pages: 0,
    items: 0,
    httpStatus: 403,
    error: 'denied',
  });
  return snapshot;
}

/** Paths of every replaceable string field of the template. */
function stringFields(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') {
    const key = String(path[path.length - 1]);
    // Version 2's id lists (groups, members, users, contacts) are references, not names.
    const idList = typeof path[path.length - 1] === 'number' && ID_LISTS.has(String(path[0]));
    return STRUCTURAL.has(key) || key.endsWith('DateTime') || path.includes('selection') || idList
      ? []
      : [path];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => stringFields(item, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => stringFields(item, [...path, key]));
  return [];
}

function setAt(target: unknown, path: ReadonlyArray<string | number>, value: string): void {
  let node = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

const FIELDS = stringFields(template());

/** How often each line label (the text before its first colon) occurs in a document. */
function labelCounts(document: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of document.split('\n')) {
    const label = line.split(':')[0] as string;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}
const PLAIN_LABELS = labelCounts(
  submissionDocument(template(), {
    organizationNames: ['Org'],
    ownerName: 'Owner',
    ownerEmail: 'o@contoso.example',
  }),
);

describe('hostile strings in every string field', () => {
  it('knows the fields it fills', () => {
    expect(FIELDS.length).toBeGreaterThan(30);
  });

  it('reach no person raw, through any sink', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileString, { minLength: FIELDS.length, maxLength: FIELDS.length }),
        async (values) => {
          const snapshot = template();
          FIELDS.forEach((path, i) => {
            setAt(snapshot, path, values[i] as string);
          });
          figures.snapshots++;
          figures.fields += FIELDS.length;
          const newer = structuredClone(snapshot);
          newer.capturedAt = '2026-11-24T06:00:00Z';
          newer.members.g2 = [];
          const text = JSON.stringify(snapshot);
          const files = { 'a.json': text, 'b.json': JSON.stringify(newer) };
          for (const args of [
            [
              'preview',
              'a.json',
              '--csv',
              'up.csv',
              '--excluded',
              'ex.csv',
              '--allow-incomplete',
              '--segments',
            ],
            ['preview', 'a.json', '--json'],
            ['audit', 'a.json'],
            ['audit', 'a.json', '--json'],
            ['diff', 'a.json', 'b.json'],
            ['diff', 'a.json', 'b.json', '--json'],
          ]) {
            const io = createMemoryIo(files);
            await runCli(args, io);
            figures.cliRuns++;
            const printed = io.out() + io.err();
            expect(printed).not.toMatch(RAW_HIDDEN);
            if (args.includes('--json')) expect(() => JSON.parse(io.out())).not.toThrow();
            figures.maxOutputRatio = Math.max(figures.maxOutputRatio, printed.length / text.length);
            for (const [name, body] of io.files) {
              if (!name.endsWith('.csv')) continue;
              for (const cell of parseCsv(
                typeof body === 'string' ? body : new TextDecoder().decode(body),
              ).flat()) {
                figures.csvCells++;
                const first = /[^\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u.exec(
                  cell,
                )?.[0];
                if (first !== undefined && '=+-@\uff1d\uff0b\uff0d\uff20'.includes(first))
                  expect(cell.startsWith("'"), JSON.stringify(cell.slice(0, 40))).toBe(true);
              }
            }
          }
          const document = submissionDocument(snapshot, {
            organizationNames: [values[0] as string],
            ownerName: values[1] as string,
            ownerEmail: 'owner@contoso.example',
          });
          figures.documents++;
          // Every line is one the document writes, at most as often as a plain document has it.
          const counts = labelCounts(document);
          for (const [label, count] of counts)
            expect(count, label).toBeLessThanOrEqual(PLAIN_LABELS.get(label) ?? 0);
          expect(document).not.toMatch(RAW_HIDDEN);
          for (const value of values) {
            const shown = plainText(value).slice(1, -1);
            expect(shown).not.toMatch(RAW_HIDDEN);
            expect(shown.length).toBeLessThan(256 * 12 + 40);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
