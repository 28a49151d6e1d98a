import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvRowTooLargeError,
  MAX_PART_BYTES,
  partFileName,
  splitIntoParts,
  utf8ByteLength,
} from '../../../src/export/split-parts.ts';

const encoder = new TextEncoder();
const HEADER = 'H,H\r\n'; // 5 bytes
const line = (text: string) => `${text}\r\n`;

describe('utf8ByteLength', () => {
  it.each([
    { description: 'empty', input: '', expected: 0 },
    { description: 'ASCII', input: 'Name,Email\r\n', expected: 12 },
    { description: 'two-byte', input: 'é', expected: 2 },
    { description: 'three-byte', input: '李＝', expected: 6 },
    { description: 'surrogate pair', input: '😀', expected: 4 },
    { description: 'lone high surrogate', input: '\ud83d', expected: 3, notes: 'encoded as U+FFFD' },
    { description: 'lone low surrogate', input: 'a\ude00b', expected: 5 },
    { description: 'high surrogate at the end', input: 'é\ud83d', expected: 5 },
  ])('$description', ({ input, expected }) => {
    expect(utf8ByteLength(input)).toBe(expected);
    expect(encoder.encode(input).length).toBe(expected);
  });

  it('agrees with TextEncoder on any UTF-16 string, lone surrogates included', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: codeUnit })), (text) => {
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
    );
  });
});

describe('partFileName', () => {
  it.each([
    { description: 'a single part keeps the plain name', input: [0, 1], expected: 'recipients.csv' },
    { description: 'the first of several', input: [0, 3], expected: 'recipients-1.csv' },
    { description: 'the last of several', input: [2, 3], expected: 'recipients-3.csv' },
  ])('$description', ({ input: [index, count], expected }) => {
    expect(partFileName('recipients', index as number, count as number)).toBe(expected);
  });
});

describe('splitIntoParts', () => {
  const rowsOf = (count: number, text: string) => Array.from({ length: count }, () => text);
  const split = (rows: string[], maxBytes: number) =>
    splitIntoParts(HEADER, rows, line, { baseName: 'out', maxBytes });
  const shape = (rows: string[], maxBytes: number) => split(rows, maxBytes).map((p) => [p.rows, p.bytes]);

  // Each row 'abc\r\n' is 5 bytes; with the 5-byte header, 3 rows make 20 bytes.
  it.each([
    {
      description: 'one byte more than 3 rows need',
      input: 21,
      expected: [
        [3, 20],
        [3, 20],
        [1, 10],
      ],
    },
    {
      description: 'exactly what 3 rows need: a part never reaches the limit',
      input: 20,
      expected: [
        [2, 15],
        [2, 15],
        [2, 15],
        [1, 10],
      ],
    },
    { description: 'room for a single row', input: 11, expected: rowsOf(7, '').map(() => [1, 10]) },
    { description: 'room for everything', input: 41, expected: [[7, 40]] },
  ])('$description (maxBytes $input)', ({ input, expected }) => {
    expect(shape(rowsOf(7, 'abc'), input)).toEqual(expected);
  });

  it('counts bytes, not characters', () => {
    // 'é😀\r\n' is 2 + 4 + 2 = 8 bytes but 5 UTF-16 units.
    expect(shape(rowsOf(4, 'é😀'), 5 + 16 + 1)).toEqual([
      [2, 21],
      [2, 21],
    ]);
    expect(shape(rowsOf(4, 'é😀'), 5 + 16)).toEqual([
      [1, 13],
      [1, 13],
      [1, 13],
      [1, 13],
    ]);
  });

  it('puts the header first in every part and keeps rows in order', () => {
    const rows = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const parts = split(rows, 5 + 8 + 1);
    expect(parts.map((p) => p.text)).toEqual(['H,H\r\nr1\r\nr2\r\n', 'H,H\r\nr3\r\nr4\r\n', 'H,H\r\nr5\r\n']);
    expect(parts.map((p) => p.fileName)).toEqual(['out-1.csv', 'out-2.csv', 'out-3.csv']);
  });

  it('gives one header-only part for no rows', () => {
    expect(split([], 100)).toEqual([{ fileName: 'out.csv', text: HEADER, bytes: 5, rows: 0 }]);
  });

  it('throws CsvRowTooLargeError for a row that cannot fit with the header, naming it', () => {
    const attempt = () => split(['ok', 'x'.repeat(20), 'ok'], 5 + 22);
    expect(attempt).toThrow(CsvRowTooLargeError);
    expect(attempt).toThrow(
      'Row 2 needs a part of 27 bytes with the header; a part must stay under 27 bytes.',
    );
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ rowIndex: 1, partBytes: 27, maxBytes: 27 });
    }
    expect(split(['ok', 'x'.repeat(20), 'ok'], 5 + 23).map((p) => p.rows)).toEqual([1, 1, 1]);
  });

  it('throws when the header alone reaches the limit, even with no rows', () => {
    expect(() => split([], 5)).toThrow(CsvRowTooLargeError);
    expect(() => split([], 5)).toThrow('header alone is 5 bytes');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses maxBytes %s', (maxBytes) => {
    expect(() => split(['a'], maxBytes)).toThrow(RangeError);
  });

  it('keeps every part under the limit, loses no row and packs greedily', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 12 })),
        fc.integer({ min: 5 + 2 + 48 + 1, max: 400 }),
        (rows, maxBytes) => {
          const parts = split(rows, maxBytes);
          for (const part of parts) {
            expect(part.bytes).toBe(encoder.encode(part.text).length);
            expect(part.bytes).toBeLessThan(maxBytes);
            expect(part.text.startsWith(HEADER)).toBe(true);
          }
          expect(parts.map((p) => p.text.slice(HEADER.length)).join('')).toBe(rows.map(line).join(''));
          expect(parts.reduce((sum, p) => sum + p.rows, 0)).toBe(rows.length);
          // Greedy: the next part's first row would not have fit in the previous part.
          let seen = 0;
          for (const [i, part] of parts.entries()) {
            seen += part.rows;
            const next = rows[seen];
            if (i < parts.length - 1 && next !== undefined) {
              expect(part.bytes + utf8ByteLength(line(next))).toBeGreaterThanOrEqual(maxBytes);
            }
          }
        },
      ),
    );
  });

  it('defaults to the upload limit of 10,000,000 bytes', () => {
    expect(MAX_PART_BYTES).toBe(10_000_000);
  });
});
