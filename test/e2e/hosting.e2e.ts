// A static host serving dist/ with its own generated config file sends, for every file of the
// build, the same headers as the server `npm start` and these tests use; and the pages' <meta>
// policy, written by the build, is that header policy minus frame-ancestors. No browser needed: the
// built files, the server's answers and each host's matching rules (test/support/host-resolvers.ts).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { StaticWebAppConfig } from '../../src/serve/host-configs.ts';
import { metaPolicyOf } from '../../src/serve/host-configs.ts';
import { startStaticServer } from '../../src/serve/static-server.ts';
import { headersFileHeaders, parseHeadersFile, staticWebAppHeaders } from '../support/host-resolvers.ts';
import { defineSpec } from './support/spec.ts';
import { DEFAULT_DIST } from './support/start-e2e.ts';

const CONFIG_FILES = new Set(['_headers', 'staticwebapp.config.json']);

async function builtFiles(): Promise<string[]> {
  const entries = await readdir(DEFAULT_DIST, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(DEFAULT_DIST, join(entry.parentPath, entry.name)))
    .filter((file) => !CONFIG_FILES.has(file));
}

export default defineSpec({
  name: 'hosting',
  tests: [
    {
      name: 'Static Web Apps and _headers hosts send, for every built file, what the e2e server sends',
      async run(t) {
        const swa = JSON.parse(
          await readFile(join(DEFAULT_DIST, 'staticwebapp.config.json'), 'utf8'),
        ) as StaticWebAppConfig;
        const blocks = parseHeadersFile(await readFile(join(DEFAULT_DIST, '_headers'), 'utf8'));
        const server = await startStaticServer({ root: DEFAULT_DIST });
        try {
          const files = await builtFiles();
          assert.ok(files.includes('index.html') && files.includes('redirect.html'));
          for (const path of ['/', ...files.map((file) => `/${file}`)]) {
            const answer = await fetch(`${server.url}${path}`);
            assert.equal(answer.status, 200, path);
            await answer.arrayBuffer();
            const names = Object.keys(swa.globalHeaders);
            const sent = Object.fromEntries(names.map((name) => [name, answer.headers.get(name)]));
            assert.deepEqual(staticWebAppHeaders(swa, path), sent, `Static Web Apps, ${path}`);
            const fromFile = headersFileHeaders(blocks, path);
            assert.equal(fromFile.matched, 1, `one _headers block for ${path}`);
            assert.deepEqual(fromFile.headers, sent, `_headers, ${path}`);
            assert.equal(answer.headers.get('Cross-Origin-Opener-Policy'), null, path);
            if (path.endsWith('.html') || path === '/') {
              const html = await (await fetch(`${server.url}${path}`)).text();
              const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
              assert.equal(
                meta,
                metaPolicyOf(sent['Content-Security-Policy'] ?? ''),
                `meta policy of ${path}`,
              );
            }
          }
          t.log(`${files.length + 1} paths: Static Web Apps, _headers and the server agree`);
        } finally {
          await server.close();
        }
      },
    },
  ],
});
