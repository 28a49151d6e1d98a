// `capture` in-process: a memory CliIo whose fetch is the fake Graph. Exit codes as command-line.md
// says (0 complete, 1 a failed read or a refused token, 2 usage), the snapshot written only when
// the organization could be read, progress and waits on stderr, the report on stdout.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCapture } from '../../../src/cli/capture.ts';
import { UsageError } from '../../../src/cli/io.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { createFakeGraph, type FakeGraphOptions } from '../../support/fake-graph.ts';
import { expectedRead } from '../../support/graph-expectations.ts';
import { RAW_HIDDEN } from '../../support/hostile-strings.ts';
import { createMemoryIo } from '../../support/memory-io.ts';

const groups = [IDS.A, IDS.C, IDS.D].join(',');
const baseArgs = ['--client-id', IDS.clientId, '--groups', groups, '--contacts', '--out', 'snap.json'];

function setup(
  options: FakeGraphOptions = {},
  env: Record<string, string> = { GRAPH_TOKEN: 'secret-token' },
) {
  const fake = createFakeGraph(graphTenant(), options);
  const io = createMemoryIo({}, env);
  io.fetch = fake.fetch;
  return { fake, io };
}

describe('capture', () => {
  it('writes a complete snapshot and exits 0', async () => {
    const { fake, io } = setup();
    expect(await runCapture(baseArgs, io)).toBe(0);
    const written = io.textOf('snap.json');
    // Written as version 2, the conversion of what the reader read.
    expect(JSON.parse(written).version).toBe(2);
    const parsed = parseSnapshotText(written);
    expect(parsed.errors).toEqual([]);
    const expected = expectedRead(graphTenant(), { contacts: true });
    expect(parsed.data?.groups).toEqual(expected.groups.map((group) => group.id));
    expect(parsed.data?.members).toEqual(
      Object.fromEntries(Object.entries(expected.members).map(([id, list]) => [id, list.map((m) => m.id)])),
    );
    // Each object once, as the reader read it last (Graph's copies agree).
    const objects = new Map(parsed.data?.objects.map((object) => [object.id, object]));
    for (const member of Object.values(expected.members).flat())
      expect(objects.get(member.id as string)).toEqual(member);
    expect(parsed.data).toMatchObject({
      cloud: 'global',
      capturedAt: '2026-11-26T00:00:00.000Z',
      selection: { groupIds: [IDS.A, IDS.C, IDS.D], syncContacts: true, usernameFallback: false },
      notFound: [IDS.C],
    });
    expect(parsed.data?.app?.oauth2PermissionGrants).toBeNull();
    expect(io.out()).toBe(
      'snap.json: complete: 4 groups, 1212 direct member entries, 1 selected id not found\n',
    );
    expect(io.err()).toMatch(/^capture: reading https:\/\/graph\.microsoft\.com for 3 groups…\n/);
    expect(io.err()).toContain('capture: done: 2 requests');
    expect(fake.stats.tokens).toEqual(['secret-token']);
  });

  it('writes gzip when --out ends in .gz, and the snapshot reads back the same', async () => {
    const plain = setup();
    expect(await runCapture(baseArgs, plain.io)).toBe(0);
    const { io } = setup();
    const args = baseArgs.map((arg) => (arg === 'snap.json' ? 'snap.json.GZ' : arg));
    expect(await runCapture(args, io)).toBe(0);
    const file = io.files.get('snap.json.GZ');
    expect(file).toBeInstanceOf(Uint8Array);
    const bytes = file as Uint8Array;
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain.io.textOf('snap.json'));
    expect(bytes.byteLength).toBeLessThan(plain.io.textOf('snap.json').length / 3);
    expect(io.out()).toMatch(/^snap\.json\.GZ: complete: /);
  });

  it('takes a token given with its Bearer prefix', async () => {
    const { fake, io } = setup({}, { GRAPH_TOKEN: 'Bearer secret-token\n' });
    expect(await runCapture(baseArgs, io)).toBe(0);
    expect(fake.stats.tokens).toEqual(['secret-token']);
  });

  it('still writes the snapshot when a read fails, marks it, and exits 1', async () => {
    const { io } = setup({
      faults: [
        {
          path: `/groups/${IDS.B}/members`,
          times: Number.POSITIVE_INFINITY,
          effect: { kind: 'status', status: 403 },
        },
      ],
    });
    expect(await runCapture(baseArgs, io)).toBe(1);
    const snapshot = parseSnapshotText(io.textOf('snap.json')).data;
    expect(snapshot?.reads.find((read) => read.path === `/groups/${IDS.B}/members`)?.status).toBe('failed');
    expect(io.err()).toContain(`warning: /groups/${IDS.B}/members: failed: Authorization_RequestDenied`);
    expect(io.out()).toMatch(/^snap\.json: INCOMPLETE \(1 read failed\)/);
  });

  it('prints a hostile error text from Graph on one capped line, hidden characters escaped', async () => {
    const message = `denied\x1b[2J\u202e${'x'.repeat(5_000)}\nApplication (client) ID: 0`;
    const { io } = setup({
      faults: [
        {
          path: `/groups/${IDS.B}/members`,
          times: Number.POSITIVE_INFINITY,
          effect: { kind: 'status', status: 403, code: `Denied\x1b]52;c;eA==\x07`, message },
        },
      ],
    });
    expect(await runCapture(baseArgs, io)).toBe(1);
    const warning = io
      .err()
      .split('\n')
      .find((line) => line.startsWith(`warning: /groups/${IDS.B}/members: failed: `));
    expect(warning).toBeDefined();
    expect(warning).toContain('\\x1b]52;c;eA==\\x07');
    expect(warning).not.toMatch(RAW_HIDDEN);
    expect(warning?.length).toBeLessThan(400);
    expect(io.err()).not.toMatch(/^Application \(client\) ID/m);
  });

  it('says on stderr when Graph asks it to wait', async () => {
    const { io } = setup({
      faults: [{ path: '/organization', effect: { kind: 'status', status: 429, retryAfter: '0.01' } }],
    });
    expect(await runCapture(baseArgs, io)).toBe(0);
    expect(io.err()).toContain('capture: Graph answered 429; waiting 0.0 s before retrying\n');
  });

  it.each([
    {
      description: 'a refused token',
      options: { refuseTokens: true },
      expected:
        /^error: Graph refused the token \(InvalidAuthenticationToken: .*\) \(is GRAPH_TOKEN expired/m,
    },
    {
      description: 'an organization it may not read',
      options: {
        faults: [
          {
            path: '/organization',
            times: Number.POSITIVE_INFINITY,
            effect: { kind: 'status' as const, status: 403 },
          },
        ],
      },
      expected:
        /^error: could not read the organization \(Authorization_RequestDenied: .*Global Reader.*no snapshot was written$/m,
    },
  ])('exits 1 without writing on $description', async ({ options, expected }) => {
    const { io } = setup(options);
    expect(await runCapture(baseArgs, io)).toBe(1);
    expect(io.files.has('snap.json')).toBe(false);
    expect(io.err()).toMatch(expected);
    expect(io.err()).not.toContain('secret-token');
  });

  it('reads US Government from graph.microsoft.us, or from --graph-url', async () => {
    const us = setup({ baseUrl: 'https://graph.microsoft.us' });
    expect(await runCapture([...baseArgs, '--cloud', 'usgov'], us.io)).toBe(0);
    expect(parseSnapshotText(us.io.textOf('snap.json')).data?.cloud).toBe('usgov');
    expect(us.fake.stats.foreignRequests).toEqual([]);
    const local = setup({ baseUrl: 'http://127.0.0.1:8080' });
    expect(
      await runCapture([...baseArgs, '--cloud', 'usgov', '--graph-url', 'http://127.0.0.1:8080'], local.io),
    ).toBe(0);
    expect(local.fake.stats.foreignRequests).toEqual([]);
  });

  it.each([
    {
      description: 'no GRAPH_TOKEN',
      args: baseArgs,
      env: {},
      expected: /^GRAPH_TOKEN is not set: .*az account get-access-token/,
    },
    {
      description: 'a blank GRAPH_TOKEN',
      args: baseArgs,
      env: { GRAPH_TOKEN: '  ' },
      expected: /^GRAPH_TOKEN is not set/,
    },
    { description: 'no --client-id', args: baseArgs.slice(2), expected: /^--client-id is required/ },
    {
      description: 'a client id that is no GUID',
      args: ['--client-id', 'sync-app', ...baseArgs.slice(2)],
      expected: /is not a GUID/,
    },
    {
      description: 'no --groups',
      args: ['--client-id', IDS.clientId, '--out', 'x.json'],
      expected: /^--groups is required/,
    },
    {
      description: 'empty --groups',
      args: [...baseArgs, '--groups', ' , '],
      expected: /^--groups lists no group id/,
    },
    {
      description: 'a group id that is no GUID',
      args: [...baseArgs, '--groups', 'All Staff'],
      expected: /"All Staff" is not a group object id/,
    },
    {
      description: 'an unknown cloud',
      args: [...baseArgs, '--cloud', 'china'],
      expected: /^--cloud is "china"; use global or usgov/,
    },
    {
      description: 'a --graph-url with /v1.0',
      args: [...baseArgs, '--graph-url', 'https://graph.microsoft.com/v1.0'],
      expected: /^--graph-url: .*ends in \/v1\.0/,
    },
    { description: 'no --out', args: baseArgs.slice(0, -2), expected: /^--out is required/ },
    {
      description: 'an unknown option',
      args: [...baseArgs, '--all-groups'],
      expected: /^unknown option --all-groups/,
    },
    { description: 'a stray file argument', args: [...baseArgs, 'extra.json'], expected: /file argument/ },
  ])('is a usage error (exit 2): $description', async ({ args, env, expected }) => {
    const { fake, io } = setup({}, env ?? { GRAPH_TOKEN: 'secret-token' });
    const outcome = runCapture(args, io);
    await expect(outcome).rejects.toBeInstanceOf(UsageError);
    await expect(outcome).rejects.toThrow(expected);
    expect(fake.stats.requests).toBe(0);
    expect(io.files.size).toBe(0);
  });

  it('warns about more than 15 groups but reads them', async () => {
    const many = Array.from(
      { length: 16 },
      (_, i) => `40000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const { io } = setup();
    expect(await runCapture([...baseArgs, '--groups', many.join(',')], io)).toBe(0);
    expect(io.err()).toContain('warning: 16 groups selected; the sync accepts at most 15\n');
    expect(parseSnapshotText(io.textOf('snap.json')).data?.notFound).toEqual(many);
  });
});
