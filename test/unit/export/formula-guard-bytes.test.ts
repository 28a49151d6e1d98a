// Issue #10, item 5: cells whose formula trigger hides behind whitespace, a control or an invisible
// character, in every column of both CSVs. The expected bytes are written out literally here (as
// UTF-8 hex where a character does not show), never built with the production guard, so a change
// to the guard cannot move the expectation with it.
import { describe, expect, it } from 'vitest';
import { writeExclusionsCsv, writeUploadCsv } from '../../../src/export/csv.ts';

interface Case {
  description: string;
  input: string;
  /** The cell as written, as UTF-8 bytes in hex. */
  expected: string;
  notes?: string;
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

const CASES: Case[] = [
  {
    description: 'space then equals',
    input: ' =1+1',
    expected: '2227203d312b3122',
    notes: 'the Id column was not trimmed',
  },
  { description: 'NBSP then equals', input: '\u00a0=1+1', expected: '2227c2a03d312b3122' },
  { description: 'ideographic space U+3000', input: '\u3000=1', expected: '2227e380803d3122' },
  { description: 'byte-order mark U+FEFF', input: '\ufeff=1', expected: '2227efbbbf3d3122' },
  { description: 'vertical tab', input: '\v=1', expected: '22270b3d3122' },
  { description: 'form feed', input: '\f=1', expected: '22270c3d3122' },
  { description: 'zero-width space U+200B', input: '\u200b=1', expected: '2227e2808b3d3122' },
  { description: 'right-to-left override U+202E', input: '\u202e=1', expected: '2227e280ae3d3122' },
  { description: 'NUL', input: '\u0000=1', expected: '2227003d3122' },
  { description: 'next line U+0085', input: '\u0085=1', expected: '2227c2853d3122' },
  { description: 'several in a row', input: ' \u200b\u00a0\t+1', expected: '222720e2808bc2a0092b3122' },
  { description: 'full-width equals after a space', input: ' ＝1', expected: '222720efbc9d3122' },
  {
    description: 'at after zero-width joiner',
    input: '\u200d@SUM(1)',
    expected: '2227e2808d4053554d28312922',
  },
  { description: 'minus after word joiner U+2060', input: '\u2060-1', expected: '2227e281a02d3122' },
  {
    description: 'a quote inside is doubled',
    input: ' =HYPERLINK("x")',
    expected: '2227203d48595045524c494e4b282222782222292' + '2',
  },
  {
    description: 'tab alone leads',
    input: '\tname',
    expected: '2227096e616d6522',
    notes: 'tab, CR and LF lead on their own',
  },
  {
    description: 'a space before a letter is not a formula',
    input: ' Ada',
    expected: '2220416461' + '22',
    notes: 'quoted for the leading space only',
  },
  { description: 'ZWSP before a letter is not a formula', input: '\u200bAda', expected: 'e2808b416461' },
  { description: 'equals inside', input: 'a =1', expected: '61203d31' },
  { description: 'only spaces', input: '   ', expected: '2220202022' },
];

const HEADER_UPLOAD = hex('Name,Email\r\n');
const HEADER_EXCLUSIONS = hex('Name,Email,Id,Type,Reason,ReachedVia\r\n');
const CRLF = '0d0a';

describe('formula guard: literal bytes', () => {
  for (const { description, input, expected } of CASES) {
    it(`Name column: ${description}`, () => {
      const [part] = writeUploadCsv([{ name: input, email: 'a@contoso.example' }], { baseName: 'u' });
      expect(hex(part?.text ?? '')).toBe(`${HEADER_UPLOAD}${expected}2c${hex('a@contoso.example')}${CRLF}`);
    });

    it(`every exclusions column: ${description}`, () => {
      const row = { name: input, email: input, id: input, type: input, reason: input, reachedVia: [input] };
      const [part] = writeExclusionsCsv([row], { baseName: 'x' });
      const cells = Array.from({ length: 6 }, () => expected).join('2c');
      expect(hex(part?.text ?? '')).toBe(`${HEADER_EXCLUSIONS}${cells}${CRLF}`);
    });
  }
});
