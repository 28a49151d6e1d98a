// The terminal sink: whatever a snapshot holds, human-readable output shows hidden characters as
// visible escapes and `--json` as \u escapes, through runCli, for every command.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.ts';
import { runCli } from '../../../src/cli/run.ts';
import { formatTable } from '../../../src/cli/table.ts';
import { oneLine, terminalIo } from '../../../src/cli/terminal.ts';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import { applicationOf, readyTenant } from '../../support/app-builder.ts';
import { HOSTILE_STRINGS, RAW_HIDDEN } from '../../support/hostile-strings.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import { addMember, groupRef, groupsOf, user } from '../../support/snapshot-builder.ts';

function hostileSnapshot(): Snapshot {
  const members: Record<string, ReturnType<typeof user>[]> = { g1: [groupRef('g2')], g2: [] };
  HOSTILE_STRINGS.forEach((text, i) => {
    members.g1?.push(user(`p${i}`, { displayName: text, mail: i % 2 ? text : `p${i}@contoso.example` }));
  });
  const snapshot = readyTenant({ members, selected: ['g1', 'g2', 'G1', 'missing\x1b[2J'] });
  snapshot.tenant.displayName = `first\nApplication (client) ID: 0\x1b[2J ${HOSTILE_STRINGS.join(' ')}`;
  applicationOf(snapshot).displayName = `App ${HOSTILE_STRINGS.join(' ')}`;
  for (const group of groupsOf(snapshot)) group.displayName = `${group.id} ${HOSTILE_STRINGS.join(' ')}`;
  snapshot.reads.push({
    path: '/groups/g9/members\x1b]52;c;eA==\x07',
    status: 'failed',
    pages: 0,
    items: 0,
    httpStatus: 403,
    error: 'denied\u202e\x1b[2J',
  });
  return snapshot;
}

function newer(snapshot: Snapshot): Snapshot {
  const next = structuredClone(snapshot);
  next.capturedAt = '2026-11-24T06:00:00Z';
  next.members.g2 = [];
  addMember(next, 'g2', user('late', { displayName: '\u009b31mlate\u202e' }));
  return next;
}

const RUNS: Array<{ description: string; args: string[]; json: boolean }> = [
  { description: 'preview table', args: ['preview', 'a.json'], json: false },
  { description: 'preview --json', args: ['preview', 'a.json', '--json'], json: true },
  {
    description: 'preview incomplete CSV refusal',
    args: ['preview', 'a.json', '--csv', 'x.csv'],
    json: false,
  },
  { description: 'audit text', args: ['audit', 'a.json'], json: false },
  { description: 'audit --json', args: ['audit', 'a.json', '--json'], json: true },
  { description: 'diff text', args: ['diff', 'a.json', 'b.json'], json: false },
  { description: 'diff --json', args: ['diff', 'a.json', 'b.json', '--json'], json: true },
  { description: 'schema error', args: ['preview', 'broken.json'], json: false },
  { description: 'unknown file', args: ['audit', 'nope\x1b[2J.json'], json: false },
];

describe('terminal sink', () => {
  const a = hostileSnapshot();
  const files = {
    'a.json': JSON.stringify(a),
    'b.json': JSON.stringify(newer(a)),
    'broken.json': JSON.stringify({ ...a, groups: [{ id: 7, 'bad\x1b[2Jkey\u202e': 1 }] }),
  };

  for (const run of RUNS) {
    it(`${run.description}: nothing hidden reaches the terminal`, async () => {
      const io = createMemoryIo(files);
      await runCli(run.args, io);
      const printed = io.out() + io.err();
      expect(printed.length).toBeGreaterThan(0);
      expect(printed).not.toMatch(RAW_HIDDEN);
      if (run.json) {
        const value = JSON.parse(io.out());
        expect(value).toBeTruthy();
      }
    });
  }

  it('shows the escapes people can read, and --json keeps the values', async () => {
    const io = createMemoryIo(files);
    await runCli(['preview', 'a.json'], io);
    expect(io.out()).toContain('g1 Sales\\x1b[2J\\x1b[H');
    expect(io.err()).toContain('warning: selected id missing\\x1b[2J is not a group');
    const json = createMemoryIo(files);
    await runCli(['preview', 'a.json', '--json'], json);
    expect(json.out()).toContain('csi\\u009b2Jend');
    expect(json.out()).toContain('\\u202emoc.live@nimda');
    expect(JSON.parse(json.out()).groups[0].displayName).toBe(groupsOf(a)[0]?.displayName);
  });

  it('keeps a name with a line break on its own line in the audit text', async () => {
    const io = createMemoryIo(files);
    await runCli(['audit', 'a.json'], io);
    const fakeLines = io
      .out()
      .split('\n')
      .filter((line) => line.startsWith('Application (client) ID'));
    expect(fakeLines).toEqual([]);
    expect(io.out().split('\n')[0]).toContain('first\\nApplication (client) ID');
  });

  it('covers any command: the io runCli hands out escapes stdout and stderr', () => {
    const seen: string[] = [];
    const raw = {
      ...createMemoryIo(),
      stdout: (t: string) => seen.push(t),
      stderr: (t: string) => seen.push(t),
    };
    const io: CliIo = terminalIo(raw);
    io.stdout('a\x1b[2J\u009b\u202e\u200b\r\nb\n');
    io.stderr('\x1b]52;c;eA==\x07');
    expect(seen).toEqual(['a\\x1b[2J\\u009b\\u202e\\u200b\\r\nb\n', '\\x1b]52;c;eA==\\x07']);
  });

  it('caps a huge name in a table at 256 characters and says how long it was', () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const table = formatTable(['Group', 'Recipients'], [[huge, '3']], [1]);
    expect(table.length).toBeLessThan(1_000);
    expect(table).toContain(`${'x'.repeat(256)}… (2,097,152 characters)`);
    expect(oneLine(`${'é'.repeat(300)}`)).toBe(`${'é'.repeat(256)}… (300 characters)`);
  });

  it('a 4 MiB group name is shown capped in the preview table', async () => {
    // At 300 MiB the table's [...text] aborted Node (issue #10, item 4); test/bench/hostile-inputs.ts
    // runs that size, too slow for a unit test on a shared machine.
    const snapshot = readyTenant();
    const group = groupsOf(snapshot)[0];
    if (group) group.displayName = 'n'.repeat(4 * 1024 * 1024);
    const io = createMemoryIo({ 'big.json': JSON.stringify(snapshot) });
    expect(await runCli(['preview', 'big.json'], io)).toBe(0);
    expect(io.out().length).toBeLessThan(2_000);
    expect(io.out()).toContain('… (4,194,304 characters)');
  });
});
