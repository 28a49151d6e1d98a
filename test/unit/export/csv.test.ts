import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CsvRowTooLargeError,
  csvCell,
  type ExclusionRow,
  parseCsv,
  restoreCell,
  type UploadRow,
  writeExclusionsCsv,
  writeUploadCsv,
} from '../../../src/export/csv.ts';

const encoder = new TextEncoder();

describe('csvCell', () => {
  it.each([
    { description: 'plain', input: 'Ada Lovelace', expected: 'Ada Lovelace' },
    { description: 'empty', input: '', expected: '' },
    { description: 'comma', input: 'Lovelace, Ada', expected: '"Lovelace, Ada"' },
    { description: 'double quote', input: 'Ada "the Countess"', expected: '"Ada ""the Countess"""' },
    { description: 'CRLF', input: 'a\r\nb', expected: '"a\r\nb"' },
    { description: 'LF', input: 'a\nb', expected: '"a\nb"' },
    { description: 'CR', input: 'a\rb', expected: '"a\rb"' },
    { description: 'leading space', input: ' Ada', expected: '" Ada"', notes: 'as Papa.unparse does' },
    { description: 'trailing space', input: 'Ada ', expected: '"Ada "', notes: 'as Papa.unparse does' },
    {
      description: 'byte-order mark inside',
      input: 'a\uFEFFb',
      expected: '"a\uFEFFb"',
      notes: 'as Papa.unparse does',
    },
    { description: 'apostrophe inside', input: "O'Neil", expected: "O'Neil" },
    {
      description: 'formula',
      input: '=1+2',
      expected: `"'=1+2"`,
      notes: 'neutralised cells are always quoted',
    },
    { description: 'formula with a quote', input: '=HYPERLINK("x")', expected: `"'=HYPERLINK(""x"")"` },
    { description: 'formula with a comma', input: '-1,2', expected: `"'-1,2"` },
    { description: 'starts with LF', input: '\nx', expected: `"'\nx"` },
  ])('$description', ({ input, expected }) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('writeUploadCsv', () => {
  const rows: UploadRow[] = [
    { name: 'Ada Lovelace', email: 'ada@contoso.example', segments: ['All staff', 'London, UK'] },
    { name: '=cmd|calc', email: 'eve@contoso.example' },
    { name: 'Zoë "Z" Ñúñez', email: 'zoe@contoso.example', segments: [] },
  ];

  it('writes Name,Email with CRLF after every row, the last one too', () => {
    const [part, ...rest] = writeUploadCsv(rows, { baseName: 'recipients' });
    expect(rest).toEqual([]);
    expect(part).toEqual({
      fileName: 'recipients.csv',
      text:
        'Name,Email\r\n' +
        'Ada Lovelace,ada@contoso.example\r\n' +
        `"'=cmd|calc",eve@contoso.example\r\n` +
        '"Zoë ""Z"" Ñúñez",zoe@contoso.example\r\n',
      bytes: 123, // 12 + 34 + 34 + 43 (ë, Ñ, ú, ñ take two bytes each)
      rows: 3,
    });
  });

  it('encodes to UTF-8 with no byte-order mark and no bare CR or LF', () => {
    const [part] = writeUploadCsv(rows, { baseName: 'r' });
    const bytes = encoder.encode(part?.text);
    expect(bytes.length).toBe(part?.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0x4e, 0x61, 0x6d]); // "Nam", not EF BB BF
    expect([...bytes.subarray(-2)]).toEqual([0x0d, 0x0a]);
    bytes.forEach((byte, i) => {
      if (byte === 0x0a) expect(bytes[i - 1]).toBe(0x0d);
      if (byte === 0x0d) expect(bytes[i + 1]).toBe(0x0a);
    });
  });

  it('adds Segments joined by "; " only when asked', () => {
    const [part] = writeUploadCsv(rows, { baseName: 'r', segments: true });
    expect(parseCsv(part?.text ?? '')).toEqual([
      ['Name', 'Email', 'Segments'],
      ['Ada Lovelace', 'ada@contoso.example', 'All staff; London, UK'],
      ["'=cmd|calc", 'eve@contoso.example', ''],
      ['Zoë "Z" Ñúñez', 'zoe@contoso.example', ''],
    ]);
    expect(writeUploadCsv(rows, { baseName: 'r', segments: false })).toEqual(
      writeUploadCsv(rows, { baseName: 'r' }),
    );
  });

  it('names parts name-1.csv, name-2.csv, … with the header in each', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `P${i}`, email: `p${i}@x.example` }));
    // Header 12 bytes + two rows of 17 bytes = 46: a third row would make 63.
    const parts = writeUploadCsv(many, { baseName: 'recipients.csv', maxBytes: 47 });
    expect(parts.map((p) => [p.fileName, p.rows, p.bytes])).toEqual([
      ['recipients-1.csv', 2, 46],
      ['recipients-2.csv', 2, 46],
      ['recipients-3.csv', 1, 29],
    ]);
    for (const part of parts) expect(part.text.startsWith('Name,Email\r\n')).toBe(true);
  });

  it('keeps each part under 10,000,000 bytes by default', () => {
    // 50-byte rows: 199,999 fit with the 12-byte header (9,999,962 bytes); one more would make 10,000,012.
    const many = Array.from({ length: 250_000 }, (_, i) => ({
      name: `Person ${String(i).padStart(6, '0')} Test`,
      email: `person.${String(i).padStart(6, '0')}@contoso.example`,
    }));
    const parts = writeUploadCsv(many, { baseName: 'all' });
    expect(parts.map((p) => [p.fileName, p.rows, p.bytes])).toEqual([
      ['all-1.csv', 199_999, 12 + 199_999 * 50],
      ['all-2.csv', 50_001, 12 + 50_001 * 50],
    ]);
  });

  it('refuses a row that no part could hold', () => {
    expect(() =>
      writeUploadCsv([{ name: 'x'.repeat(100), email: 'a@b.example' }], { baseName: 'r', maxBytes: 100 }),
    ).toThrow(CsvRowTooLargeError);
  });
});

describe('writeExclusionsCsv', () => {
  it('writes the six columns with ReachedVia joined by " > ", guarded like the upload', () => {
    const rows: ExclusionRow[] = [
      {
        name: 'Printer 3',
        email: '',
        id: 'd0000000-0000-4000-8000-000000000001',
        type: 'device',
        reason: 'not-a-person',
        reachedVia: ['All staff', 'Floor 3', 'Printer 3'],
      },
      {
        name: '@admin',
        email: '+1@contoso.example',
        id: 'u1',
        type: 'user',
        reason: 'invalid-email',
        reachedVia: ['-Ops, EU', '@admin'],
      },
    ];
    const [part, ...rest] = writeExclusionsCsv(rows, { baseName: 'excluded' });
    expect(rest).toEqual([]);
    expect(part?.fileName).toBe('excluded.csv');
    expect(part?.text).toBe(
      'Name,Email,Id,Type,Reason,ReachedVia\r\n' +
        'Printer 3,,d0000000-0000-4000-8000-000000000001,device,not-a-person,All staff > Floor 3 > Printer 3\r\n' +
        `"'@admin","'+1@contoso.example",u1,user,invalid-email,"'-Ops, EU > @admin"\r\n`,
    );
  });

  it('splits like the upload file', () => {
    const row: ExclusionRow = {
      name: 'n',
      email: '',
      id: 'i',
      type: 'user',
      reason: 'disabled',
      reachedVia: ['g'],
    };
    const parts = writeExclusionsCsv([row, row, row], { baseName: 'x', maxBytes: 38 + 2 * 20 });
    expect(parts.map((p) => [p.fileName, p.rows])).toEqual([
      ['x-1.csv', 1],
      ['x-2.csv', 1],
      ['x-3.csv', 1],
    ]);
  });
});

describe('parseCsv', () => {
  it('reads records back, the final CRLF ending the last record', () => {
    expect(parseCsv('a,b\r\n"c,""d""","e\r\nf"\r\n,\r\n')).toEqual([
      ['a', 'b'],
      ['c,"d"', 'e\r\nf'],
      ['', ''],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('throws on an unterminated quote', () => {
    expect(() => parseCsv('a,b\r\n"c,d\r\n')).toThrow(/Not a well-formed CSV/);
  });
});

// Cells rich in what CSV and the guard care about, plus arbitrary Unicode.
const tricky = fc.constantFrom(
  ',',
  '"',
  '\r',
  '\n',
  '\r\n',
  ' ',
  "'",
  '=',
  '+',
  '-',
  '@',
  '\t',
  '＝',
  '＋',
  '－',
  '＠',
  'a',
  'é',
  '😀',
  '\uFEFF',
  '>',
  ';',
);
const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: tricky, maxLength: 8 }),
);
const uploadRow = fc.record({ name: cell, email: cell, segments: fc.array(cell, { maxLength: 3 }) });

/**
 * recipient-rules.md's formula triggers, spelled out here rather than taken from the guard under
 * test: expectations built with the production guard would follow any change to it and stay green.
 */
const SPEC_TRIGGERS = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
const LEADING_BREAKS = ['\t', '\r', '\n'];
// Issue #10, item 5: a trigger also counts behind whitespace, controls and invisible characters.
const UNSEEN = /^[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]*/u;
const specTriggerPattern =
  /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]*[=+\-@＝＋－＠])/u;
const leadsWithFormula = (value: string) =>
  LEADING_BREAKS.some((t) => value.startsWith(t)) ||
  SPEC_TRIGGERS.some((t) => value.replace(UNSEEN, '').startsWith(t));
const asWritten = (value: string) => (leadsWithFormula(value) ? `'${value}` : value);

describe('round trip', () => {
  it('parses the parts, repeated headers dropped, back to exactly the neutralised cells', () => {
    fc.assert(
      fc.property(
        fc.array(uploadRow, { maxLength: 30 }),
        fc.integer({ min: 400, max: 2000 }),
        fc.boolean(),
        (rows, maxBytes, segments) => {
          const parts = writeUploadCsv(rows, { baseName: 'r', maxBytes, segments });
          const header = segments ? 'Name,Email,Segments\r\n' : 'Name,Email\r\n';
          const joined = parts.map((p, i) => (i === 0 ? p.text : p.text.slice(header.length))).join('');
          const written = rows.map((r) =>
            segments
              ? [r.name, r.email, r.segments.join('; ')].map(asWritten)
              : [r.name, r.email].map(asWritten),
          );
          const [head, ...records] = parseCsv(joined);
          expect(head).toEqual(segments ? ['Name', 'Email', 'Segments'] : ['Name', 'Email']);
          expect(records).toEqual(written);
          for (const part of parts) {
            expect(part.text.startsWith(header)).toBe(true);
            expect(part.bytes).toBeLessThan(maxBytes);
            expect(parseCsv(part.text).length).toBe(part.rows + 1);
          }
          // Un-neutralising gives the originals back, except values that begin with an apostrophe
          // and then a trigger (see restoreCell).
          records.forEach((record, i) => {
            const original = rows[i] as (typeof rows)[number];
            for (const [got, want] of [
              [record[0], original.name],
              [record[1], original.email],
            ] as const) {
              if (!(want.startsWith("'") && specTriggerPattern.test(want.slice(1))))
                expect(restoreCell(got ?? '')).toBe(want);
            }
          });
        },
      ),
    );
  });

  it('writes the same bytes as Papa.unparse given the spec’s formula triggers', () => {
    fc.assert(
      fc.property(fc.array(uploadRow, { minLength: 1, maxLength: 20 }), (rows) => {
        const [part] = writeUploadCsv(rows, { baseName: 'r', segments: true });
        const papa = Papa.unparse(
          {
            fields: ['Name', 'Email', 'Segments'],
            data: rows.map((r) => [r.name, r.email, r.segments.join('; ')]),
          },
          { escapeFormulae: specTriggerPattern, newline: '\r\n' },
        );
        expect(part?.text).toBe(`${papa}\r\n`);
      }),
    );
  });

  it('round-trips the exclusions file', () => {
    const exclusionRow = fc.record({
      name: cell,
      email: cell,
      id: cell,
      type: cell,
      reason: cell,
      reachedVia: fc.array(cell, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(exclusionRow, { maxLength: 20 }), (rows) => {
        const [part] = writeExclusionsCsv(rows, { baseName: 'x' });
        expect(parseCsv(part?.text ?? '').slice(1)).toEqual(
          rows.map((r) => [r.name, r.email, r.id, r.type, r.reason, r.reachedVia.join(' > ')].map(asWritten)),
        );
      }),
    );
  });
});
