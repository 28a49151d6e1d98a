import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';
import { parseCsv } from '../../../src/export/csv.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import { contact, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const snapshot = snapshotOf({
  members: {
    g1: [user('a'), user('b', { accountEnabled: false }), groupRef('g2'), contact('c')],
    g2: [user('d', { displayName: '=Dana' })],
    g3: [user('x')],
  },
  selected: ['g1'],
});
const files = (csv: string, extra: Record<string, string> = {}) =>
  createMemoryIo({ 's.json': JSON.stringify(snapshot), 'hq.csv': csv, ...extra });

describe('cli reconcile', () => {
  it('exits 0 when every address matched', async () => {
    const io = files('Name,Email\r\nUser a,a@contoso.example\r\n=Dana,d@contoso.example\r\n');
    expect(await runCli(['reconcile', 's.json', 'hq.csv', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json).toMatchObject({
      scope: 'audience',
      complete: true,
      list: { rows: 2, addresses: 2, duplicates: 0, invalid: 0 },
      predicted: 2,
      counts: {
        matched: 2,
        'missing-from-list': 0,
        'excluded-but-listed': 0,
        'outside-scope': 0,
        renamed: 0,
      },
      missingFromList: [],
      excludedButListed: [],
      outsideScope: [],
      invalidInList: [],
    });
  });

  it('exits 1 with every class in the JSON when they differ, and writes the differences CSV', async () => {
    const io = files(
      "Email;Name\nB@contoso.example;User b\nx@contoso.example;X\nnobody@elsewhere.example;'=Nobody\n;Blank\nB@contoso.example;again\n",
    );
    expect(await runCli(['reconcile', 's.json', 'hq.csv', '--json', '--out', 'diff.csv'], io)).toBe(1);
    const json = JSON.parse(io.out());
    expect(json.list).toEqual({ rows: 5, addresses: 3, duplicates: 1, invalid: 1 });
    expect(json.counts).toEqual({
      matched: 0,
      'missing-from-list': 2,
      'excluded-but-listed': 1,
      'outside-scope': 2,
      renamed: 0,
    });
    expect(json.missingFromList).toEqual([
      { id: 'a', name: 'User a', email: 'a@contoso.example', groups: ['g1'] },
      { id: 'd', name: '=Dana', email: 'd@contoso.example', groups: ['g1'] },
    ]);
    expect(json.excludedButListed).toEqual([
      { id: 'b', name: 'User b', email: 'b@contoso.example', reason: 'disabled' },
    ]);
    expect(json.outsideScope).toEqual([
      { email: 'x@contoso.example', listName: 'X', id: 'x' },
      { email: 'nobody@elsewhere.example', listName: '=Nobody', id: null },
    ]);
    expect(json.invalidInList).toEqual([{ row: 5, value: '' }]);

    const text = io.files.get('diff.csv') as string;
    expect(text).toContain(`\r\nd@contoso.example,"'=Dana",missing-from-list,,Group g1\r\n`);
    expect(parseCsv(text)).toEqual([
      ['Email', 'Name', 'Class', 'Reason', 'Groups'],
      ['a@contoso.example', 'User a', 'missing-from-list', '', 'Group g1'],
      ['d@contoso.example', "'=Dana", 'missing-from-list', '', 'Group g1'],
      ['b@contoso.example', 'User b', 'excluded-but-listed', 'disabled', 'Group g1'],
      ['x@contoso.example', 'X', 'outside-scope', '', ''],
      ['nobody@elsewhere.example', "'=Nobody", 'outside-scope', '', ''],
      ['', '', 'invalid-in-list', 'row 5', ''],
    ]);
  });

  it('compares one group as if synced alone with --group', async () => {
    const io = files('Email\nd@contoso.example\na@contoso.example\n');
    expect(await runCli(['reconcile', 's.json', 'hq.csv', '--group', 'G2', '--json'], io)).toBe(1);
    const json = JSON.parse(io.out());
    expect(json.scope).toBe('G2');
    expect(json.predicted).toBe(1);
    expect(json.counts).toMatchObject({ matched: 1, 'outside-scope': 1 });
    expect(json.outsideScope).toEqual([{ email: 'a@contoso.example', listName: '', id: 'a' }]);
    expect(io.err()).toContain('not among the selected groups');
  });

  it('takes the preview options', async () => {
    const io = files('Email\na@contoso.example\nc@partner.example\nd@contoso.example\n');
    expect(await runCli(['reconcile', 's.json', 'hq.csv', '--contacts', '--json'], io)).toBe(0);
  });

  it('prints an aligned summary without --json', async () => {
    const io = files('Email,Name\na@contoso.example,Someone Else\nb@contoso.example,User b\n');
    expect(await runCli(['reconcile', 's.json', 'hq.csv'], io)).toBe(1);
    const out = io.out();
    expect(out).toContain('Scope: the audience of 1 selected group; complete snapshot');
    expect(out).toMatch(/^matched\s+1 {2}nothing to do$/m);
    expect(out).toMatch(/^ {2}renamed\s+1 {2}/m);
    expect(out).toContain('Predicted 2 = matched 1 + missing-from-list 1');
    expect(out).toContain('List 2 = matched 1 + excluded-but-listed 1 + outside-scope 0');
    expect(out).toContain('Excluded but listed (1):');
  });

  const refusals: Array<{
    description: string;
    args: string[];
    io: () => ReturnType<typeof files>;
    error: RegExp;
  }> = [
    {
      description: 'a pseudonymised snapshot',
      args: ['reconcile', 'p.json', 'hq.csv'],
      io: () =>
        files('Email\na@contoso.example\n', {
          'p.json': JSON.stringify({ ...snapshot, pseudonymised: true }),
        }),
      error:
        /^error: p\.json: this snapshot is pseudonymised.*run the comparison where the original snapshot is/,
    },
    {
      description: 'a list without an address column',
      args: ['reconcile', 's.json', 'hq.csv'],
      io: () => files('Name,Phone\nAda,1\n'),
      error: /^error: hq\.csv: line 1: no address column: the header row has "Name", "Phone"/,
    },
    {
      description: 'a missing list file',
      args: ['reconcile', 's.json', 'none.csv'],
      io: () => files(''),
      error: /^error: none\.csv: no such file/,
    },
    {
      description: 'a --group that is no group of the snapshot',
      args: ['reconcile', 's.json', 'hq.csv', '--group', 'nope'],
      io: () => files('Email\n'),
      error: /^error: --group nope is not a group in this snapshot; the selected groups are: g1/,
    },
    {
      description: 'a broken quote in the list',
      args: ['reconcile', 's.json', 'hq.csv', '--out', 'diff.csv'],
      io: () => files('Email,Name\na@contoso.example,"Ada\n'),
      error: /^error: hq\.csv: line 2, column 2 \(Name\): a quoted cell opens/,
    },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.description} with exit 2 and writes nothing`, async () => {
      const io = refusal.io();
      expect(await runCli(refusal.args, io)).toBe(2);
      expect(io.err()).toMatch(refusal.error);
      expect(io.out()).toBe('');
      expect(io.files.has('diff.csv')).toBe(false);
    });
  }
});
