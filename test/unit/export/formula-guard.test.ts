import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  FORMULA_TRIGGER,
  neutraliseCell,
  restoreCell,
  startsWithFormulaTrigger,
} from '../../../src/export/formula-guard.ts';

interface Case {
  description: string;
  input: string;
  expected: string;
  notes?: string;
}

const triggers: Case[] = [
  { description: 'equals', input: '=SUM(A1:A9)', expected: "'=SUM(A1:A9)" },
  { description: 'plus', input: '+31 20 123', expected: "'+31 20 123" },
  { description: 'minus', input: '-2+3', expected: "'-2+3" },
  { description: 'at', input: '@SUM(1)', expected: "'@SUM(1)" },
  { description: 'tab', input: '\t=1', expected: "'\t=1" },
  { description: 'carriage return', input: '\r=1', expected: "'\r=1" },
  {
    description: 'line feed',
    input: '\n=1',
    expected: "'\n=1",
    notes: "papaparse's default pattern misses it",
  },
  { description: 'full-width equals U+FF1D', input: '＝1+1', expected: "'＝1+1" },
  { description: 'full-width plus U+FF0B', input: '＋1', expected: "'＋1" },
  { description: 'full-width minus U+FF0D', input: '－1', expected: "'－1" },
  { description: 'full-width at U+FF20', input: '＠x', expected: "'＠x" },
  { description: 'a trigger alone', input: '=', expected: "'=" },
  {
    description: 'a trigger then a line break',
    input: '=1\n+2',
    expected: "'=1\n+2",
    notes: "papaparse's /^[=+\\-@\\t\\r].*$/ misses it: `.` stops at the break and `$` is not multiline",
  },
  {
    description: 'leading space then equals',
    input: ' =1',
    expected: "' =1",
    notes: 'issue #10 item 5: spreadsheets skip the space; more in formula-guard-bytes.test.ts',
  },
];

const negatives: Case[] = [
  { description: 'empty', input: '', expected: '' },
  { description: 'plain name', input: 'Ada Lovelace', expected: 'Ada Lovelace' },
  { description: 'trigger inside', input: 'a=b', expected: 'a=b' },
  { description: 'address', input: 'ada@contoso.example', expected: 'ada@contoso.example' },
  {
    description: 'already an apostrophe',
    input: "'=1",
    expected: "'=1",
    notes: 'starts with an apostrophe, not a trigger: left alone (so restoreCell cannot tell it apart)',
  },
  { description: 'minus sign U+2212', input: '−1', expected: '−1', notes: 'not in the spec list' },
  { description: 'small equals U+FE66', input: '﹦1', expected: '﹦1', notes: 'not in the spec list' },
];

describe('neutraliseCell', () => {
  it.each([...triggers, ...negatives])('$description', ({ input, expected }) => {
    expect(neutraliseCell(input)).toBe(expected);
    expect(startsWithFormulaTrigger(input)).toBe(expected !== input);
  });

  it('flags exactly the spec list among all first UTF-16 code units', () => {
    const spec = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0xff1d, 0xff0b, 0xff0d, 0xff20]);
    const flagged: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (startsWithFormulaTrigger(`${String.fromCharCode(code)}x`)) flagged.push(code);
    }
    expect(new Set(flagged)).toEqual(spec);
  });

  it('gives the same answer on repeated calls (the pattern keeps no lastIndex)', () => {
    expect(FORMULA_TRIGGER.global || FORMULA_TRIGGER.sticky).toBe(false);
    expect([1, 2, 3].map(() => startsWithFormulaTrigger('=1'))).toEqual([true, true, true]);
  });
});

describe('restoreCell', () => {
  it.each(triggers)('undoes $description', ({ input, expected }) => {
    expect(restoreCell(expected)).toBe(input);
  });

  it.each(negatives.filter((c) => !c.input.startsWith("'")))('leaves $description alone', ({ input }) => {
    expect(restoreCell(input)).toBe(input);
  });

  it('reads an original apostrophe-then-trigger value as the trigger value (documented ambiguity)', () => {
    expect(restoreCell(neutraliseCell("'=1"))).toBe('=1');
  });
});

describe('papaparse escapeFormulae', () => {
  const unparseOne = (value: string, escapeFormulae: boolean | RegExp) =>
    Papa.unparse([[value]], { escapeFormulae, newline: '\r\n' });

  it.each(['\nx', '＝1', '＋1', '－1', '＠1', '=1\n2', '\r\n=1'])(
    'its default misses %j, which is why we pass our own pattern',
    (value) => {
      expect(unparseOne(value, true).replace(/^"/, '').startsWith("'")).toBe(false);
      expect(unparseOne(value, FORMULA_TRIGGER)).toBe(`"${neutraliseCell(value)}"`);
    },
  );

  it('quotes every cell it neutralises, even with nothing else to quote', () => {
    expect(unparseOne('=1', FORMULA_TRIGGER)).toBe(`"'=1"`);
  });
});
