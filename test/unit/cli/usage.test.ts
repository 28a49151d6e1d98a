// The command line's usage (issue 15, item 10): a bare call is a usage error with the usage on
// stderr, --help lists every command with each of its options, and the exclusion table's rows
// line up with its header.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import { contact, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

describe('cli usage', () => {
  it('a bare call prints the usage to stderr and exits 2', async () => {
    const io = createMemoryIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^usage: npm run --silent cli -- <command>/);
  });

  it('--help prints the usage to stdout and exits 0', async () => {
    const io = createMemoryIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).toMatch(/^usage: /);
  });

  it.each([
    {
      command: 'preview',
      options: [
        '--groups',
        '--upn-fallback',
        '--contacts',
        '--csv',
        '--excluded',
        '--segments',
        '--allow-incomplete',
        '--json',
      ],
    },
    { command: 'audit', options: ['--now', '--json'] },
    {
      command: 'capture',
      options: ['--client-id', '--groups', '--contacts', '--upn-fallback', '--cloud', '--graph-url', '--out'],
    },
    { command: 'diff', options: ['--json'] },
  ])('lists every option of $command under it', async ({ command, options }) => {
    const io = createMemoryIo();
    await runCli(['--help'], io);
    const sections = io.out().split('\n\n');
    const section =
      sections.find((text) => text.split('\n').some((line) => line.startsWith(`  ${command}:`))) ?? '';
    expect(section).not.toBe('');
    for (const option of options) expect(section).toContain(option);
    for (const line of io.out().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('cli preview table', () => {
  it('aligns the exclusion rows with their header', async () => {
    const snapshot = snapshotOf({
      members: {
        g1: [user('a'), user('b', { mail: null }), groupRef('g2'), contact('c')],
        g2: [user('d', { accountEnabled: false })],
      },
      selected: ['g1'],
    });
    const io = createMemoryIo({ 's.json': JSON.stringify(snapshot) });
    expect(await runCli(['preview', 's.json'], io)).toBe(0);
    const lines = io.out().split('\n');
    const start = lines.findIndex((line) => line.startsWith('Reason'));
    expect(start).toBeGreaterThan(0);
    const table = lines.slice(start).filter((line) => line !== '');
    expect(table.length).toBeGreaterThan(2);
    const header = table[0] ?? '';
    // Left column starts where "Reason" starts; the counts end where "Objects" ends.
    for (const row of table.slice(1)) {
      expect(row[0]).not.toBe(' ');
      expect(row.length).toBe(header.length);
    }
  });
});
