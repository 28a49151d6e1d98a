// `capture` with Node's own fetch and file writes against the fake Graph behind a real HTTP server
// on a free local port: what `--graph-url` is for ("any server that speaks Graph v1.0").
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCapture } from '../../../src/cli/capture.ts';
import { createNodeIo } from '../../../src/cli/node-io.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { createFakeGraph } from '../../support/fake-graph.ts';

let server: Server | undefined;
let folder: string | undefined;
/** Made once the port is known, since its nextLinks must carry the server's own address. */
let fake = createFakeGraph(graphTenant());

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function serveFakeGraph(): Promise<string> {
  let base = '';
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const answer = await fake.fetch(`${base}${request.url}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body ? { body } : {}),
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = createFakeGraph(graphTenant(), { baseUrl: base });
  return base;
}
describe('capture over real HTTP', () => {
  it('reads the fake Graph through Node fetch and writes the file atomically', async () => {
    const base = await serveFakeGraph();
    folder = await mkdtemp(join(tmpdir(), 'capture-'));
    const out = join(folder, 'snapshot.json');
    const io = { ...createNodeIo(), env: { GRAPH_TOKEN: 'local-token' }, stdout: () => {}, stderr: () => {} };
    const args = [
      '--client-id',
      IDS.clientId,
      '--groups',
      `${IDS.A},${IDS.D}`,
      '--graph-url',
      base,
      '--out',
      out,
    ];
    expect(await runCapture(args, io)).toBe(0);
    const snapshot = parseSnapshotText(await readFile(out, 'utf8'));
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.data?.members[IDS.A]).toHaveLength(1_201);
    expect(await readdir(folder)).toEqual(['snapshot.json']);
    expect(fake.stats).toMatchObject({ requests: 2, foreignRequests: [] });
  });
});
