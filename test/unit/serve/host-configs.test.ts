// Every host configuration generated from src/serve/headers.ts sends, for every path of the build,
// exactly the headers `npm start` and the e2e server send (headersFor), resolved the way each host
// matches its rules (test/support/host-resolvers.ts); the pages' <meta> policy is the header policy
// minus frame-ancestors; no config anywhere sends Cross-Origin-Opener-Policy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, REDIRECT_PAGE_CONTENT_SECURITY_POLICY } from '../../../src/serve/csp.ts';
import { FORBIDDEN_HEADERS, headersFor } from '../../../src/serve/headers.ts';
import {
  headersFile,
  metaPolicyOf,
  metaTagFor,
  nginxSnippet,
  staticWebAppConfig,
} from '../../../src/serve/host-configs.ts';
import {
  headersFileHeaders,
  nginxHeaders,
  parseHeadersFile,
  parseNginx,
  staticWebAppHeaders,
} from '../../support/host-resolvers.ts';

const BUILT = [
  'index.html',
  'redirect.html',
  'sw.js',
  'precache.json',
  'manifest.webmanifest',
  'icons/icon-192.png',
  'demo/demo-tenant.json',
  'assets/main-AbC123.js',
  'assets/preview.worker-XyZ.js',
  'assets/main-Q1.css',
];
const PATHS = ['/', ...BUILT.map((file) => `/${file}`)];

describe('host configurations from one source', () => {
  const swa = staticWebAppConfig();
  const blocks = parseHeadersFile(headersFile(BUILT));
  const nginx = parseNginx(nginxSnippet());

  it.each(PATHS)('%s: Static Web Apps, _headers and nginx send what the server sends', (path) => {
    const expected = headersFor(path);
    expect(expected['Content-Security-Policy']).toMatch(/frame-ancestors/);
    expect(staticWebAppHeaders(swa, path)).toEqual(expected);
    const fromFile = headersFileHeaders(blocks, path);
    expect(fromFile.matched, 'one _headers block per path: two would add up').toBe(1);
    expect(fromFile.headers).toEqual(expected);
    expect(nginxHeaders(nginx, path)).toEqual(expected);
  });

  it('frames redirect.html only from the app itself, and nothing else at all', () => {
    expect(headersFor('/redirect.html')['Content-Security-Policy']).toBe(
      REDIRECT_PAGE_CONTENT_SECURITY_POLICY,
    );
    expect(REDIRECT_PAGE_CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'self'$/);
    for (const path of PATHS.filter((p) => p !== '/redirect.html'))
      expect(headersFor(path)['Content-Security-Policy'], path).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'$/);
  });

  it('never sends a forbidden header (COOP would cut the sign-in pop-up off)', () => {
    const everything = [
      JSON.stringify(swa),
      headersFile(BUILT),
      nginxSnippet()
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n'),
    ];
    for (const name of Object.keys(FORBIDDEN_HEADERS)) {
      for (const text of everything) expect(text.toLowerCase()).not.toContain(name.toLowerCase());
      for (const path of PATHS) expect(Object.keys(headersFor(path))).not.toContain(name);
    }
  });

  it('gives both pages the header policy minus frame-ancestors as <meta>', () => {
    expect(metaPolicyOf(CONTENT_SECURITY_POLICY)).toBe(
      CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''),
    );
    for (const page of ['/index.html', '/redirect.html']) {
      const tag = metaTagFor(page);
      const content = /content="([^"]*)"/
        .exec(tag)?.[1]
        ?.replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(content).toBe(metaPolicyOf(headersFor(page)['Content-Security-Policy'] ?? ''));
      expect(content).not.toMatch(/frame-ancestors/);
    }
  });
});

describe('the README', () => {
  it('quotes the nginx snippet exactly as generated', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const quoted = /```nginx\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(quoted, `README's nginx block must read:\n${nginxSnippet()}`).toBe(nginxSnippet());
  });
});
