// Edges the mutation run found untested in src/export (README, "Mutation testing"): UTF-8 lengths
// around surrogates, held against TextEncoder; the exact words and numbers of the "too large"
// and "not a well-formed CSV" errors; which ".csv" a base name loses; and that a read CSV keeps
// every cell as text.
import { describe, expect, it } from 'vitest';
import { CsvRowTooLargeError, parseCsv, utf8ByteLength, writeUploadCsv } from '../../../src/export/csv.ts';
import { writeDifferencesCsv } from '../../../src/export/differences-csv.ts';
import { partFileName, splitIntoParts } from '../../../src/export/split-parts.ts';

const encoded = (text: string) => new TextEncoder().encode(text).length;

describe('utf8ByteLength around surrogates, as TextEncoder counts them', () => {
  it.each([
    { description: 'a pair', input: 'a\ud83d\ude00b' },
    { description: 'the last pair (U+10FFFF)', input: '\udbff\udfff' },
    { description: 'a high surrogate before the last low one', input: '\ud800\udfff' },
    { description: 'a lone high surrogate before ASCII', input: '\ud800a' },
    { description: 'a lone high surrogate before a BMP letter', input: '\ud800€' },
    { description: 'a lone high surrogate at the end', input: 'ab\ud800' },
    { description: 'a lone low surrogate after a BMP letter', input: '€\udc00' },
    { description: 'a high surrogate before U+E000', input: '\ud800\ue000' },
  ])('$description', ({ input }) => {
    expect(utf8ByteLength(input)).toBe(encoded(input));
  });
});

describe('errors say which row and how large', () => {
  it('the first row too large is "Row 1", not the header', () => {
    const error = (() => {
      try {
        splitIntoParts('Name\r\n', ['x'.repeat(40)], (row) => `${row}\r\n`, { baseName: 'a', maxBytes: 30 });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvRowTooLargeError);
    expect((error as Error).name).toBe('CsvRowTooLargeError');
    expect((error as Error).message).toBe(
      'Row 1 needs a part of 48 bytes with the header; a part must stay under 30 bytes.',
    );
    expect(new CsvRowTooLargeError(-1, 40, 30).message).toBe(
      'The CSV header alone is 40 bytes; a part must stay under 30 bytes.',
    );
  });

  it('a malformed CSV names the record, counted from 1', () => {
    expect(() => parseCsv('a,b\r\nc,"d')).toThrow(/^Not a well-formed CSV: .* at record 2\.$/);
  });
});

describe('names and cells', () => {
  it('numbers the parts from 1 after the base name', () => {
    expect(partFileName('contoso-upload', 0, 1)).toBe('contoso-upload.csv');
    expect(partFileName('contoso-upload', 1, 3)).toBe('contoso-upload-2.csv');
  });

  it('drops only a trailing .csv from the base name', () => {
    const [part] = writeUploadCsv([], { baseName: 'report.csv-2026' });
    expect(part?.fileName).toBe('report.csv-2026.csv');
    const [plain] = writeUploadCsv([], { baseName: 'report.CSV' });
    expect(plain?.fileName).toBe('report.csv');
  });

  it('reads every cell as text; only a final line break ends the file, a last empty cell stays', () => {
    expect(parseCsv('Name,Count\r\n007,1e3\r\n')).toEqual([
      ['Name', 'Count'],
      ['007', '1e3'],
    ]);
    expect(parseCsv('a\r\n')).toEqual([['a']]);
    expect(parseCsv('a\r\n""')).toEqual([['a'], ['']]);
  });
});

describe('the differences CSV of a reconciliation', () => {
  it('writes Email,Name,Class,Reason,Groups with the groups joined and every cell guarded', () => {
    expect(
      writeDifferencesCsv([
        {
          email: 'ada@example.com',
          name: 'Ada',
          class: 'missing-from-list',
          reason: '',
          groups: ['Sales', 'R&D'],
        },
        {
          email: 'x@example.com',
          name: '=cmd',
          class: 'excluded-but-listed',
          reason: 'disabled',
          groups: [],
        },
        { email: 'not an address', name: '', class: 'invalid-in-list', reason: 'row 7', groups: [] },
      ]),
    ).toBe(
      'Email,Name,Class,Reason,Groups\r\n' +
        'ada@example.com,Ada,missing-from-list,,Sales; R&D\r\n' +
        `x@example.com,"'=cmd",excluded-but-listed,disabled,\r\n` +
        'not an address,,invalid-in-list,row 7,\r\n',
    );
  });
});
