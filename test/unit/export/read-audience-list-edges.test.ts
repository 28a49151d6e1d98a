// The audience-list reader's edges that the mutation run found unpinned: a header row with quoted
// cells (a delimiter, a doubled quote or a line break inside, a quote mid-cell that opens
// nothing), CR-only line ends, blank lines before the header, a byte-order mark only at the very
// start, line numbers after line breaks inside quoted cells (CRLF, LF and CR alone), and the exact
// words of each refusal. Every case is also read in chunks of 1, 2, 3 and 5 characters, which must
// change nothing: the header scan keeps its state across chunk boundaries.
import { describe, expect, it } from 'vitest';
import { createAudienceListReader, readAudienceListText } from '../../../src/export/read-audience-list.ts';

interface Case {
  description: string;
  input: string;
  /** [line, address, name] of each distinct address, in list order. */
  entries?: Array<[number, string, string]>;
  invalid?: Array<[number, string]>;
  delimiter?: string;
  headers?: [string, string | null];
  /** `path: message` of the refusal, exactly. */
  error?: string;
}

const LONG = 'x'.repeat(70);
const MANY = Array.from({ length: 22 }, (_, i) => `c${i + 1}`);

const cases: Case[] = [
  {
    description: 'a quoted header cell holding the delimiter, a doubled quote and a line break',
    input: '"Full, ""legal""\nname",Email\r\n"Ada",ada@example.com\r\n',
    entries: [[3, 'ada@example.com', '']],
    delimiter: ',',
    headers: ['Email', null],
  },
  {
    description: 'a quote inside a header cell opens nothing; the line still ends the header',
    input: 'Na"me;Email\nAda;ada@example.com\n',
    entries: [[2, 'ada@example.com', '']],
    delimiter: ';',
  },
  {
    description: 'CR alone ends lines (an old Mac export), blank lines before the header counted',
    input: '\r  \rName,Email\rAda,ada@example.com\rAlan,alan@example.com',
    entries: [
      [4, 'ada@example.com', 'Ada'],
      [5, 'alan@example.com', 'Alan'],
    ],
    headers: ['Email', 'Name'],
  },
  {
    description: 'a byte-order mark later in the file is trimmed like a space, not taken for the file’s',
    input: '\uFEFFEmail,Name\n\uFEFFada@example.com,Ada\nalan@example.com,\uFEFFAlan\n',
    entries: [
      [2, 'ada@example.com', 'Ada'],
      [3, 'alan@example.com', 'Alan'],
    ],
  },
  {
    description: 'line numbers count breaks inside quoted cells: CRLF, LF and CR alone',
    input:
      'Name,Email\r\n"A\r\nB",a@example.com\r\n"C\nD",c@example.com\r\n"E\rF",e@example.com\r\n"G",g@example.com\r\n',
    entries: [
      [2, 'a@example.com', 'A\r\nB'],
      [4, 'c@example.com', 'C\nD'],
      [6, 'e@example.com', 'E\rF'],
      [8, 'g@example.com', 'G'],
    ],
  },
  {
    description: 'LF-separated rows whose last cell is quoted with a CR before the line end',
    input: 'Email,Name\na@example.com,"X\rY"\nb@example.com,Z\n',
    entries: [
      [2, 'a@example.com', 'X\rY'],
      [4, 'b@example.com', 'Z'],
    ],
  },
  {
    description: 'only blank lines: refused as empty, at the line after them',
    input: '\n  \n\t\n',
    error: 'line 4: the file is empty: expected a header row with an Email column',
  },
  {
    description: 'no address column among many long headers: the first 20 shown, cut at 60 characters',
    input: `${LONG},${MANY.join(',')}\nx\n`,
    error: `line 1: no address column: the header row has "${'x'.repeat(60)}…", ${MANY.slice(0, 19)
      .map((c) => `"${c}"`)
      .join(', ')} and 3 more; one column must be headed Email, E-mail, Email address or Mail`,
  },
  {
    description: 'a header of exactly 20 cells is shown whole, with no "more"',
    input: `${MANY.slice(0, 20).join(',')}\n`,
    error: `line 1: no address column: the header row has ${MANY.slice(0, 20)
      .map((c) => `"${c}"`)
      .join(', ')}; one column must be headed Email, E-mail, Email address or Mail`,
  },
  {
    description: 'a cell of exactly 60 characters is not cut',
    input: `${'y'.repeat(60)}\n`,
    error: `line 1: no address column: the header row has "${'y'.repeat(60)}"; one column must be headed Email, E-mail, Email address or Mail`,
  },
  {
    description: 'a quoted cell that goes on after its closing quote',
    input: 'Email,Name\nada@example.com,"Ada" Lovelace\n',
    error:
      'line 2, column 2 (Name): a quoted cell goes on after its closing quote (like "Ada" Lovelace); quote the whole cell and double the quotes inside it',
  },
];

type Outcome = ReturnType<typeof readAudienceListText>;

function summary(result: Outcome) {
  if (!result.ok) return { errors: result.errors.map((e) => `${e.path}: ${e.message}`) };
  const { list } = result.data;
  return {
    entries: list.entries.map((e) => [e.row, e.email, e.name]),
    invalid: list.invalid.map((r) => [r.row, r.value]),
    rows: list.rows,
    duplicates: list.duplicates,
    delimiter: result.data.delimiter,
    headers: [result.data.addressHeader, result.data.nameHeader],
  };
}

function inChunks(text: string, size: number): Outcome {
  const reader = createAudienceListReader();
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  return reader.finish();
}

describe('audience list edges', () => {
  it.each(cases)('$description', (c) => {
    const whole = summary(readAudienceListText(c.input));
    if (c.error !== undefined) expect(whole).toEqual({ errors: [c.error] });
    else {
      expect(whole.entries).toEqual(c.entries);
      expect(whole.invalid).toEqual(c.invalid ?? []);
      if (c.delimiter) expect(whole.delimiter).toBe(c.delimiter);
      if (c.headers) expect(whole.headers).toEqual(c.headers);
    }
    for (const size of [1, 2, 3, 5]) expect(summary(inChunks(c.input, size))).toEqual(whole);
  });

  it('ignores empty chunks and anything pushed after a refusal', () => {
    const reader = createAudienceListReader();
    reader.push('');
    reader.push('Phone\n');
    reader.push('');
    reader.push('Email\nada@example.com\n');
    const result = reader.finish();
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.errors[0]?.path).toBe('line 1');
  });
});
