import { describe, expect, it } from 'vitest';
import { runDiff } from '../../../src/cli/diff.ts';
import { type CliIo, UsageError } from '../../../src/cli/io.ts';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import { createMemoryIo } from '../../support/memory-io.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const older: Snapshot = {
  ...snapshotOf({
    members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
    selected: ['g1'],
  }),
  capturedAt: '2026-11-19T06:00:00Z',
};
const newer: Snapshot = {
  ...snapshotOf({
    members: {
      g1: [
        user('a', { accountEnabled: false }),
        user('b'),
        groupRef('g2'),
        user('d', { displayName: 'Dee' }),
      ],
      g2: [],
    },
    selected: ['g1'],
  }),
  capturedAt: '2026-11-26T06:00:00Z',
};
const files = { 'old.json': JSON.stringify(older), 'new.json': JSON.stringify(newer) };

/** As run.ts does: a UsageError becomes exit 2 and one `error:` line. */
async function run(args: string[], io: CliIo): Promise<number> {
  try {
    return await runDiff(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return 2;
  }
}

describe('cli diff', () => {
  it('prints exactly the JSON of command-line.md', async () => {
    const io = createMemoryIo(files);
    expect(await run(['old.json', 'new.json', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      older: '2026-11-19T06:00:00Z',
      newer: '2026-11-26T06:00:00Z',
      audience: {
        joined: [{ id: 'd', name: 'Dee', email: 'd@contoso.example' }],
        left: [
          { id: 'a', name: 'User a', email: 'a@contoso.example', why: 'disabled' },
          { id: 'c', name: 'User c', email: 'c@contoso.example', why: 'left-group' },
        ],
      },
      groups: [{ id: 'g1', displayName: 'Group g1', joined: 1, left: 2 }],
    });
    expect(io.err()).toBe('');
  });

  it('prints an aligned summary without --json', async () => {
    const io = createMemoryIo(files);
    expect(await run(['old.json', 'new.json'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('Tenant Contoso (tenant-1): 2026-11-19T06:00:00Z → 2026-11-26T06:00:00Z');
    expect(out).toContain('Audience: 3 → 2 recipients (1 joined, 2 left)');
    expect(out).toMatch(/^Group\s+Before\s+After\s+Joined\s+Left$/m);
    expect(out.split('\n')).toContain('Group g1               3      2       1     2');
    expect(out).toMatch(/^User a\s+a@contoso\.example\s+disabled\s+a$/m);
    expect(out).toMatch(/^Dee\s+d@contoso\.example\s+d$/m);
  });

  it('refuses two different tenants with exit 2 and one error line', async () => {
    const other = { ...newer, tenant: { ...newer.tenant, id: 'tenant-2', displayName: 'Fabrikam' } };
    const io = createMemoryIo({ ...files, 'other.json': JSON.stringify(other) });
    expect(await run(['old.json', 'other.json', '--json'], io)).toBe(2);
    expect(io.err()).toMatch(/^error: old\.json and other\.json: .*two different tenants.*\n$/);
    expect(io.err().split('\n')).toHaveLength(2);
    expect(io.out()).toBe('');
  });

  it.each([
    {
      description: 'a missing file',
      args: ['old.json', 'nope.json'],
      message: /^error: nope\.json: no such file\n$/,
    },
    {
      description: 'a file that is not a snapshot',
      args: ['bad.json', 'new.json'],
      message: /^error: bad\.json: \$\.format: .*\n$/,
    },
    { description: 'one file only', args: ['old.json'], message: /^error: expected 2 file argument/ },
    {
      description: 'an unknown option',
      args: ['old.json', 'new.json', '--csv'],
      message: /unknown option --csv/,
    },
  ])('exits 2 on $description', async ({ args, message }) => {
    const io = createMemoryIo({ ...files, 'bad.json': '{"format":"other"}' });
    expect(await run(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('warns about an incomplete snapshot and files given in reverse order', async () => {
    const broken = {
      ...newer,
      reads: [
        { path: '/groups/g2/members', status: 'failed', pages: 0, items: 0, httpStatus: 503, error: 'busy' },
      ],
    };
    const io = createMemoryIo({ ...files, 'broken.json': JSON.stringify(broken) });
    expect(await run(['broken.json', 'old.json', '--json'], io)).toBe(0);
    expect(io.err()).toContain('warning: old.json was captured before broken.json');
    expect(io.err()).toContain('warning: broken.json is incomplete');
  });
});
