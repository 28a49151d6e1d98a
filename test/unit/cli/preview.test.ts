import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';
import { parseCsv } from '../../../src/export/csv.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import {
  contact,
  groupRef,
  type SnapshotParts,
  snapshotOf,
  snapshotV1Of,
  user,
} from '../../support/snapshot-builder.ts';

const parts: SnapshotParts = {
  members: {
    g1: [user('a', { displayName: '=SUM(1)' }), user('b', { mail: null }), groupRef('g2'), contact('c')],
    g2: [user('d', { accountEnabled: false }), user('e')],
  },
  selected: ['g1', 'missing'],
  memberCounts: { g1: 6 },
};
const snapshot = snapshotOf(parts);
const text = JSON.stringify(snapshot);
/** The same tenant as a version 1 file (each group's members inline). */
const textV1 = JSON.stringify(snapshotV1Of(parts));
const gzipped = (plain: string) => new Uint8Array(gzipSync(plain));

describe('cli preview', () => {
  it('prints counts that add up as JSON', async () => {
    const io = createMemoryIo({ 's.json': text });
    expect(await runCli(['preview', 's.json', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.complete).toBe(true);
    expect(json.audience).toEqual({
      reached: 6,
      recipients: 2,
      nestedGroups: 1,
      excluded: {
        'not-a-person': 0,
        malformed: 0,
        'contacts-off': 1,
        unreadable: 0,
        disabled: 1,
        'no-email': 1,
        'invalid-email': 0,
        'duplicate-email': 0,
      },
    });
    expect(json.groups[0]).toMatchObject({
      id: 'g1',
      found: true,
      displayName: 'Group g1',
      direct: 4,
      memberCount: 6,
    });
    expect(json.groups[1]).toMatchObject({ id: 'missing', found: false, displayName: null, reached: 0 });
    expect(io.err()).toContain('missing is not a group');
  });

  it('options override the selection', async () => {
    const io = createMemoryIo({ 's.json': text });
    await runCli(['preview', 's.json', '--json', '--upn-fallback', '--contacts', '--groups', 'g2'], io);
    const json = JSON.parse(io.out());
    expect(json.groups.map((group: { id: string }) => group.id)).toEqual(['g2']);
    expect(json.selection).toMatchObject({ usernameFallback: true, syncContacts: true });
  });

  it('writes the upload and exclusions CSVs', async () => {
    const io = createMemoryIo({ 's.json': text });
    expect(await runCli(['preview', 's.json', '--csv', 'out/up.csv', '--excluded', 'out/ex.csv'], io)).toBe(
      0,
    );
    expect(parseCsv(io.files.get('out/up.csv') as string)).toEqual([
      ['Name', 'Email'],
      ["'=SUM(1)", 'a@contoso.example'],
      ['User e', 'e@contoso.example'],
    ]);
    const excluded = parseCsv(io.files.get('out/ex.csv') as string);
    expect(excluded[0]).toEqual(['Name', 'Email', 'Id', 'Type', 'Reason', 'ReachedVia']);
    expect(excluded).toContainEqual([
      'User d',
      'd@contoso.example',
      'd',
      'user',
      'disabled',
      'Group g1 > Group g2 > User d',
    ]);
    expect(io.out()).toContain('Audience (union)');
  });

  it('refuses the upload CSV of an incomplete snapshot unless asked', async () => {
    const broken = {
      ...snapshot,
      reads: [
        {
          path: '/groups/g2/members',
          status: 'failed',
          pages: 0,
          items: 0,
          httpStatus: 503,
          error: 'Service unavailable',
        },
      ],
    };
    const io = createMemoryIo({ 's.json': JSON.stringify(broken) });
    expect(await runCli(['preview', 's.json', '--csv', 'up.csv', '--excluded', 'ex.csv', '--json'], io)).toBe(
      1,
    );
    expect(io.files.has('up.csv')).toBe(false);
    expect(io.files.has('ex.csv')).toBe(true);
    expect(JSON.parse(io.out()).complete).toBe(false);
    expect(io.err()).toMatch(/error: .*incomplete.*\/groups\/g2\/members/);
    const again = createMemoryIo({ 's.json': JSON.stringify(broken) });
    expect(await runCli(['preview', 's.json', '--csv', 'up.csv', '--allow-incomplete'], again)).toBe(0);
    expect(again.files.has('up.csv')).toBe(true);
  });

  it.each([
    { description: 'version 2, plain', file: text, notes: 'what writers write' },
    { description: 'version 1, plain', file: textV1 },
    {
      description: 'version 2, gzip',
      file: gzipped(text),
      notes: 'named s.json: gzip is known by its first two bytes, never by the name',
    },
    { description: 'version 1, gzip', file: gzipped(textV1) },
  ])('reads $description with the same answer', async ({ file }) => {
    const reference = createMemoryIo({ 's.json': text });
    expect(await runCli(['preview', 's.json', '--json'], reference)).toBe(0);
    const io = createMemoryIo({ 's.json': file });
    expect(await runCli(['preview', 's.json', '--json', '--csv', 'up.csv'], io)).toBe(0);
    expect(io.out()).toBe(reference.out());
    expect(io.textOf('up.csv')).toContain('"\'=SUM(1)",a@contoso.example');
  });

  it.each([
    {
      description: 'a missing file',
      args: ['preview', 'nope.json'],
      message: /^error: nope\.json: no such file\n$/,
    },
    {
      description: 'a truncated file',
      args: ['preview', 's.json'],
      files: { 's.json': text.slice(0, 50) },
      message: /^error: s\.json: line 1, column \d+: .*truncated/,
    },
    {
      description: 'a member without id (version 1)',
      args: ['preview', 's.json'],
      files: { 's.json': textV1.replace('"id":"e",', '') },
      message: /^error: s\.json: \$\.members\.g2\[1\]\.id: is required/,
    },
    {
      description: 'a member id that names no object (version 2)',
      args: ['preview', 's.json'],
      files: { 's.json': text.replace('"members":{"g1":["a"', '"members":{"g1":["ghost"') },
      message: /^error: s\.json: \$\.members\.g1\[0\]: "ghost" is not the id of any object in \$\.objects/,
    },
    {
      description: 'an empty file',
      args: ['preview', 's.json'],
      files: { 's.json': '' },
      message: /^error: s\.json: line 1, column 1: the file is empty/,
    },
    {
      description: 'a truncated gzip file',
      args: ['preview', 's.json.gz'],
      files: { 's.json.gz': gzipped(text).slice(0, 60) },
      message:
        /^error: s\.json\.gz: is gzip-compressed but cannot be decompressed \(unexpected end of file\): the file is truncated or corrupt/,
    },
    {
      description: 'a corrupt gzip file',
      args: ['preview', 's.json.gz'],
      files: { 's.json.gz': Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]) },
      message:
        /^error: s\.json\.gz: is gzip-compressed but cannot be decompressed \(.+\): the file is truncated or corrupt/,
    },
    {
      description: 'a gzip file holding no snapshot',
      args: ['preview', 's.json.gz'],
      files: { 's.json.gz': gzipped('{"format":"dirsync-snapshot","version":3}') },
      message: /^error: s\.json\.gz: \$\.version: is 3; this reader knows versions 1 and 2/,
    },
    {
      description: 'an unknown option',
      args: ['preview', 's.json', '--fast'],
      message: /^error: unknown option --fast/,
    },
    { description: 'no file', args: ['preview'], message: /^error: expected 1 file argument/ },
  ])(
    'bad input: $description → exit 2, one error line, nothing written',
    async ({ args, files, message }) => {
      const io = createMemoryIo(files ?? { 's.json': text });
      expect(await runCli([...args, '--csv', 'x.csv'], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.err().trim().split('\n')).toHaveLength(1);
      expect(io.files.has('x.csv')).toBe(false);
      expect(io.out()).toBe('');
    },
  );
});
