// "Done when" of issue #11: `capture` against a held-out loopback server that answers with
// Microsoft's published bodies (test/support/published-graph.ts, written from the api-reference
// and concepts pages and dev-proxy, not from the fake Graph) gets a complete snapshot and exit 0 in
// each of five scenarios, and the same snapshot in all of them. Then Ctrl-C: a real process,
// interrupted while a request is open, stops at once with exit 130, one line, and no file.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCapture } from '../../../src/cli/capture.ts';
import { createNodeIo } from '../../../src/cli/node-io.ts';
import { isSnapshotComplete } from '../../../src/core/completeness.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import {
  PUBLISHED,
  type PublishedGraph,
  type PublishedScenario,
  startPublishedGraph,
} from '../../support/published-graph.ts';

let server: PublishedGraph | undefined;
let folder: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

const args = (base: string, out: string) => [
  '--client-id',
  PUBLISHED.clientId,
  '--groups',
  `${PUBLISHED.sales},${PUBLISHED.engineering}`,
  '--graph-url',
  base,
  '--out',
  out,
];

async function capture(scenario: PublishedScenario) {
  server = await startPublishedGraph(scenario);
  folder = await mkdtemp(join(tmpdir(), 'capture-published-'));
  const out = join(folder, 'snapshot.json');
  let err = '';
  const io = {
    ...createNodeIo(),
    env: { GRAPH_TOKEN: 'synthetic-token' },
    stdout: () => {},
    stderr: (text: string) => {
      err += text;
    },
  };
  const code = await runCapture(args(server.base, out), io);
  const parsed = parseSnapshotText(await readFile(out, 'utf8'));
  const statuses = new Map(server.statuses);
  await server.close();
  server = undefined;
  return { code, parsed, err, statuses };
}

describe('capture against Microsoft-shaped answers from a held-out server', () => {
  const scenarios: Array<{
    description: string;
    scenario: PublishedScenario;
    throttled: boolean;
    notes?: string;
  }> = [
    {
      description: 'plain (a $count in a batch is base64, as Graph sends a non-JSON body)',
      scenario: 'plain',
      throttled: false,
    },
    { description: '$count as a JSON string', scenario: 'count-string', throttled: false },
    { description: '$count as base64 of a BOM and the text', scenario: 'count-base64-bom', throttled: false },
    { description: 'a throttled batch answered 200', scenario: 'throttled-200', throttled: true },
    {
      description: 'a throttled batch answered 424',
      scenario: 'throttled-424',
      throttled: true,
      notes:
        'throttling.md "Throttling and batching"; dev-proxy GraphRandomErrorPlugin: the batch fails with 424',
    },
  ];

  it('gets a complete snapshot and exit 0 in every scenario, the same each time', async () => {
    const snapshots: unknown[] = [];
    for (const { scenario, throttled } of scenarios) {
      const { code, parsed, err, statuses } = await capture(scenario);
      expect({ scenario, code, errors: parsed.errors }).toEqual({ scenario, code: 0, errors: [] });
      const snapshot = parsed.data;
      if (!snapshot) throw new Error('no snapshot');
      expect(isSnapshotComplete(snapshot)).toBe(true);
      expect(snapshot.memberCounts).toEqual({ [PUBLISHED.sales]: 1_006, [PUBLISHED.engineering]: 43 });
      expect(snapshot.members[PUBLISHED.sales]).toHaveLength(1_005);
      expect(snapshot.members[PUBLISHED.platform]).toHaveLength(2);
      expect(snapshot.app?.graphAppRoles?.map((role) => role.value)).toEqual([
        'User.Read.All',
        'GroupMember.Read.All',
      ]);
      expect((statuses.get(429) ?? 0) > 0).toBe(throttled);
      if (throttled) expect(err).toMatch(/Graph answered 429; waiting 0\.2 s before retrying/);
      const { capturedAt: _at, ...rest } = snapshot;
      snapshots.push(rest);
    }
    for (const snapshot of snapshots.slice(1)) expect(snapshot).toEqual(snapshots[0]);
    const preview = computePreview(
      parseSnapshotText(JSON.stringify({ ...(snapshots[0] as object), capturedAt: '2026-11-26T06:00:00Z' }))
        .data!,
    );
    expect(preview.audience.excluded['not-a-person']).toBe(1);
    expect(preview.audience.excluded['contacts-off']).toBe(1);
  });
});

describe('Ctrl-C in capture', () => {
  // The generous timeout is for a slow machine starting node and tsx; the test itself waits for
  // conditions (the progress line, the open request), never for a time.
  it('stops at once while a request is open: exit 130, one line, no file', { timeout: 180_000 }, async () => {
    server = await startPublishedGraph('plain', { hold: true });
    folder = await mkdtemp(join(tmpdir(), 'capture-interrupt-'));
    const out = join(folder, 'snapshot.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'capture',
        ...args(server.base, out),
        '--log',
        join(folder, 'read.jsonl'),
      ],
      { env: { ...process.env, GRAPH_TOKEN: 'synthetic-token' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const reading = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('capture: reading')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the progress line and for the held request to be open, never for a time.
    await reading;
    await server.firstRequest;
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('capture: interrupted; nothing was written');
    expect(lines.filter((line) => line.includes('interrupted'))).toHaveLength(1);
    expect(stdout).toBe('');
    expect(await readdir(folder)).toEqual([]);
  });
});
