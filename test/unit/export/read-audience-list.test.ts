import { describe, expect, it } from 'vitest';
import {
  createAudienceListReader,
  readAudienceListChunks,
  readAudienceListText,
} from '../../../src/export/read-audience-list.ts';

interface Case {
  description: string;
  input: string;
  /** [line, address, name] of each distinct address, in list order. */
  entries?: Array<[number, string, string]>;
  invalid?: Array<[number, string]>;
  rows?: number;
  duplicates?: number;
  delimiter?: string;
  error?: RegExp;
  notes?: string;
}

const cases: Case[] = [
  {
    description: 'the product export: comma, CRLF, Name and Email',
    input: 'Name,Email\r\nAda Lovelace,ada@example.com\r\nAlan Turing,alan@example.com\r\n',
    entries: [
      [2, 'ada@example.com', 'Ada Lovelace'],
      [3, 'alan@example.com', 'Alan Turing'],
    ],
    delimiter: ',',
  },
  {
    description: 'a UTF-8 byte-order mark before the header',
    input: '\uFEFFEmail,Name\nada@example.com,Ada\n',
    entries: [[2, 'ada@example.com', 'Ada']],
  },
  {
    description: 'semicolon-separated, with a comma inside a name',
    input: 'Full name;E-mail\nLovelace, Ada;ada@example.com\n',
    entries: [[2, 'ada@example.com', 'Lovelace, Ada']],
    delimiter: ';',
    notes: 'Excel in many European locales writes semicolons',
  },
  {
    description: 'tab-separated',
    input: 'Mail\tName\nada@example.com\tAda\n',
    entries: [[2, 'ada@example.com', 'Ada']],
    delimiter: '\t',
  },
  {
    description: 'LF line ends, no final line end',
    input: 'Email\nada@example.com\nalan@example.com',
    entries: [
      [2, 'ada@example.com', ''],
      [3, 'alan@example.com', ''],
    ],
  },
  {
    description: 'RFC 4180 quoting: delimiters, doubled quotes and a line break inside cells',
    input:
      'Name,Email\r\n"Ada ""the Countess"", L",ada@example.com\r\n"Alan\r\nTuring","alan@example.com"\r\nGrace,grace@example.com\r\n',
    entries: [
      [2, 'ada@example.com', 'Ada "the Countess", L'],
      [3, 'alan@example.com', 'Alan\r\nTuring'],
      [5, 'grace@example.com', 'Grace'],
    ],
    notes: 'the third person is on line 5: the quoted name spans lines 3 and 4',
  },
  {
    description: 'header names ignore case and surrounding spaces; the first address header wins',
    input: ' EMAIL ADDRESS , mail ,  full NAME\nada@example.com,other@example.com,Ada\n',
    entries: [[2, 'ada@example.com', 'Ada']],
  },
  {
    description: 'other columns are ignored',
    input: 'Id,First,Email,Team\n1,Ada,ada@example.com,R&D\n',
    entries: [[2, 'ada@example.com', '']],
  },
  {
    description: 'an apostrophe before a formula trigger is dropped (a neutralised export came back)',
    input: "Name,Email\n'=Ada,ada@example.com\n'+x,'-bad@example.com\n'Bob,'bob@example.com\n",
    entries: [
      [2, 'ada@example.com', '=Ada'],
      [4, "'bob@example.com", "'Bob"],
    ],
    invalid: [[3, '-bad@example.com']],
    notes: 'an apostrophe before anything else is part of the cell',
  },
  {
    description: 'blank lines are skipped but still counted as lines',
    input: '\r\n\r\nEmail\r\n\r\nada@example.com\r\n   \r\nalan@example.com\r\n\r\n',
    entries: [
      [5, 'ada@example.com', ''],
      [7, 'alan@example.com', ''],
    ],
    rows: 2,
  },
  {
    description: 'empty and implausible addresses are invalid; repeated ones are duplicates',
    input: 'Name,Email\nA,\nB,not an address\nC,ada@example.com\nD, ADA@example.com \nE\n',
    entries: [[4, 'ada@example.com', 'C']],
    invalid: [
      [2, ''],
      [3, 'not an address'],
      [6, ''],
    ],
    rows: 5,
    duplicates: 1,
  },
  {
    description: 'mixed LF and CRLF line ends',
    input: 'Email,Name\r\nada@example.com,Ada\nalan@example.com,Alan\r\n',
    entries: [
      [2, 'ada@example.com', 'Ada'],
      [3, 'alan@example.com', 'Alan'],
    ],
  },
  {
    description: 'a header only is an empty list',
    input: 'Name,Email\r\n',
    entries: [],
    rows: 0,
  },
  {
    description: 'no address column: refused, naming the headers found',
    input: 'First name,Last name,Address\nAda,Lovelace,x\n',
    error: /line 1: no address column: the header row has "First name", "Last name", "Address"/,
  },
  {
    description: 'an empty file is refused',
    input: '',
    error: /the file is empty/,
  },
  {
    description: 'an unterminated quote is refused with its line and column',
    input: 'Email,Name\nada@example.com,"Ada\nalan@example.com,Alan\n',
    error: /line 2, column 2 \(Name\): a quoted cell opens in this row and never closes/,
  },
];

describe('readAudienceListText (table)', () => {
  for (const c of cases) {
    it(c.description, () => {
      const result = readAudienceListText(c.input);
      if (c.error) {
        expect(result.ok).toBe(false);
        expect(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(c.error);
        return;
      }
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const { list } = result.data;
      if (c.entries) expect(list.entries.map((e) => [e.row, e.email, e.name])).toEqual(c.entries);
      expect(list.invalid.map((r) => [r.row, r.value])).toEqual(c.invalid ?? []);
      if (c.rows !== undefined) expect(list.rows).toBe(c.rows);
      expect(list.duplicates).toBe(c.duplicates ?? 0);
      if (c.delimiter) expect(result.data.delimiter).toBe(c.delimiter);
    });
  }
});

describe('reading in chunks', () => {
  const text =
    '\uFEFFName;Email\r\n"Lovelace; Ada";ada@example.com\r\n"Alan\r\n""T""";alan@example.com\r\n\r\nGrace;GRACE@example.com\r\n';
  const whole = readAudienceListText(text);

  it('gives the same list whatever the chunk boundaries, one character at a time included', () => {
    if (!whole.ok) throw new Error('whole text refused');
    for (const size of [1, 2, 3, 7, 16]) {
      const reader = createAudienceListReader();
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      const chunked = reader.finish();
      if (!chunked.ok) throw new Error(`chunks of ${size} refused`);
      expect(chunked.data.list.entries).toEqual(whole.data.list.entries);
      expect(chunked.data.delimiter).toBe(';');
    }
  });

  it('reads an async stream of chunks, and stops when aborted', async () => {
    async function* chunks() {
      yield text.slice(0, 10);
      yield text.slice(10);
    }
    const result = await readAudienceListChunks(chunks());
    expect(result.ok && result.data.list.entries.map((e) => e.email)).toEqual([
      'ada@example.com',
      'alan@example.com',
      'GRACE@example.com',
    ]);
    const controller = new AbortController();
    controller.abort();
    await expect(readAudienceListChunks(chunks(), controller.signal)).rejects.toThrow();
  });

  it('refuses a cell that goes on after its closing quote, with its line and column', () => {
    const result = readAudienceListText(
      'Email,Name\nada@example.com,"Ada" Lovelace\n"alan@example.com",Alan\n',
    );
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.path).toBe('line 2, column 2 (Name)');
  });
});
