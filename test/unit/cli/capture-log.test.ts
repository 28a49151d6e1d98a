// `capture --log`: one JSON line per HTTP request and per $batch item, with what Microsoft support
// asks for, and nothing else — a planted token and every person's name and address in the fake
// (also spelled inside the fake's $skiptokens, as Graph's directory tokens can) must not appear.
import { describe, expect, it } from 'vitest';
import { runCapture } from '../../../src/cli/capture.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { createFakeGraph } from '../../support/fake-graph.ts';
import { createMemoryIo } from '../../support/memory-io.ts';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6InBsYW50ZWQifQ.planted-token.c2lnbmF0dXJl';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIELDS = [
  'time',
  'method',
  'path',
  'status',
  'durationMs',
  'bytes',
  'retry',
  'retryAfter',
  'requestId',
  'clientRequestId',
];

describe('capture --log', () => {
  it('writes one line per request and $batch item, with no token and no personal data', async () => {
    const tenant = graphTenant();
    const fake = createFakeGraph(tenant, {
      namesInSkipTokens: true,
      faults: [
        {
          path: `/groups/${IDS.D}/members`,
          inBatch: true,
          effect: { kind: 'status', status: 429, retryAfter: '2.5' },
        },
      ],
    });
    const io = createMemoryIo({}, { GRAPH_TOKEN: TOKEN });
    io.fetch = fake.fetch;
    const args = [
      '--client-id',
      IDS.clientId,
      '--groups',
      `${IDS.A},${IDS.D}`,
      '--out',
      's.json',
      '--log',
      'read.jsonl',
    ];
    expect(await runCapture(args, io)).toBe(0);
    const text = io.textOf('read.jsonl');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const http = lines.filter((line) => line.batch === undefined);
    const items = lines.filter((line) => line.batch !== undefined);
    expect(http).toHaveLength(fake.stats.requests);
    expect(items).toHaveLength(fake.stats.subRequests - (fake.stats.requests - fake.stats.batches));
    for (const line of lines) {
      expect(Object.keys(line).filter((key) => key !== 'batch')).toEqual(FIELDS);
      expect(line.clientRequestId).toMatch(GUID);
    }
    for (const line of http) expect(line.requestId).toMatch(GUID);
    expect(new Set(http.map((line) => line.clientRequestId)).size).toBe(http.length);
    const throttled = items.find((line) => line.status === 429);
    expect(throttled).toMatchObject({
      retryAfter: '2.5',
      retry: 0,
      path: expect.stringContaining(`/groups/${IDS.D}/members?`),
    });
    expect(lines.find((line) => line.path === throttled?.path && line.retry === 1)).toMatchObject({
      status: 200,
    });
    expect(lines.some((line) => String(line.path).includes('$skiptoken=…'))).toBe(true);

    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('planted-token');
    const personal = new Set<string>();
    for (const list of Object.values(tenant.members)) {
      for (const member of list) {
        for (const key of ['displayName', 'mail', 'userPrincipalName', 'givenName', 'surname'] as const) {
          const value = member[key];
          if (typeof value === 'string' && /[a-z]/i.test(value) && value.length > 3) personal.add(value);
        }
      }
    }
    for (const value of personal) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value).toString('base64url'));
    }
    expect(rawControls(text)).toEqual([]);
  });

  it('writes the log also when the read fails, and never to the snapshot file', async () => {
    const fake = createFakeGraph(graphTenant(), { refuseTokens: true });
    const io = createMemoryIo({}, { GRAPH_TOKEN: TOKEN });
    io.fetch = fake.fetch;
    const args = ['--client-id', IDS.clientId, '--groups', IDS.A, '--out', 's.json', '--log', 'read.jsonl'];
    expect(await runCapture(args, io)).toBe(1);
    expect(io.files.has('s.json')).toBe(false);
    const lines = io.textOf('read.jsonl').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => JSON.parse(line).status === 401)).toBe(true);
    expect(io.textOf('read.jsonl')).not.toContain(TOKEN);
    await expect(runCapture([...args.slice(0, -1), 's.json'], io)).rejects.toThrow(/same file/);
  });
});

/** Characters no log line may carry raw: C0 controls but the line break, DEL and C1, U+2028/9, bidi and zero-width marks. */
function rawControls(text: string): string[] {
  return [...text].filter((char) => {
    const code = char.codePointAt(0) as number;
    return (
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202e ||
      code === 0x200b ||
      code === 0xfeff
    );
  });
}
