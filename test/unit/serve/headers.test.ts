// The headers a host must send (src/serve/headers.ts) are the README's, per path, and index.html
// shows the product name and "Loading…" before any script runs (issue 15, item 1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, REDIRECT_PAGE_CONTENT_SECURITY_POLICY } from '../../../src/serve/csp.ts';
import { FORBIDDEN_HEADERS, HEADER_RULES, headersFor } from '../../../src/serve/headers.ts';

const root = new URL('../../../', import.meta.url);

describe('headersFor', () => {
  it.each([
    { path: '/', csp: CONTENT_SECURITY_POLICY, cache: 'no-cache' },
    { path: '/index.html', csp: CONTENT_SECURITY_POLICY, cache: 'no-cache' },
    { path: '/sw.js', csp: CONTENT_SECURITY_POLICY, cache: 'no-cache' },
    { path: '/precache.json', csp: CONTENT_SECURITY_POLICY, cache: 'no-cache' },
    {
      path: '/assets/main-abc123.js',
      csp: CONTENT_SECURITY_POLICY,
      cache: 'public, max-age=31536000, immutable',
    },
    { path: '/redirect.html', csp: REDIRECT_PAGE_CONTENT_SECURITY_POLICY, cache: 'no-cache' },
  ])('$path', ({ path, csp, cache }) => {
    const headers = headersFor(path);
    expect(headers['Content-Security-Policy']).toBe(csp);
    expect(headers['Cache-Control']).toBe(cache);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('matches paths under the sub-path the app is served from', () => {
    expect(headersFor('/tools/preflight/redirect.html', '/tools/preflight/')['Content-Security-Policy']).toBe(
      REDIRECT_PAGE_CONTENT_SECURITY_POLICY,
    );
  });

  it('frames the redirect page only from the app itself, and every other page from nowhere', () => {
    expect(headersFor('/redirect.html')['Content-Security-Policy']).toMatch(/frame-ancestors 'self'$/);
    expect(headersFor('/')['Content-Security-Policy']).toMatch(/frame-ancestors 'none'$/);
  });

  it('no rule sends a forbidden header (Cross-Origin-Opener-Policy would break the sign-in pop-up)', () => {
    const forbidden = Object.keys(FORBIDDEN_HEADERS).map((name) => name.toLowerCase());
    expect(forbidden).toContain('cross-origin-opener-policy');
    for (const rule of HEADER_RULES) {
      for (const name of Object.keys(rule.headers)) expect(forbidden).not.toContain(name.toLowerCase());
    }
  });

  it('the README quotes the header policy a host must send', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`add_header Content-Security-Policy "${CONTENT_SECURITY_POLICY}" always;`);
  });
});

describe('index.html before any script runs', () => {
  it('shows the product name and a Loading… line inside the element the app renders into', () => {
    const html = readFileSync(new URL('index.html', root), 'utf8');
    const app = /<div id="app">([\s\S]*?)<\/div>\s*<script/.exec(html)?.[1] ?? '';
    expect(app).toContain('dirsync-preflight');
    expect(app).toMatch(/role="status">Loading…</);
  });
});
