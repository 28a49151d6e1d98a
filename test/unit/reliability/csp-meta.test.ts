// The <meta> Content-Security-Policy of both pages (issue 7, item 4) is the header policy the e2e
// server sends and the README quotes, minus frame-ancestors (ignored, with a console error, in a
// meta tag). Both header variants differ only there, so both pages carry the same meta policy.
// The built pages are checked from a build made here, in memory: `npm test` runs these tests
// before `vite build`, and a test that skipped a missing dist/ would assert nothing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, REDIRECT_PAGE_CONTENT_SECURITY_POLICY } from '../../../src/serve/csp.ts';
import { metaTagFor } from '../../../src/serve/host-configs.ts';

const root = new URL('../../../', import.meta.url);

function metaPolicy(html: string): string | null {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i.exec(html);
  return match?.[1] ?? null;
}

const withoutFrameAncestors = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

describe('the meta Content-Security-Policy', () => {
  it.each([
    { page: 'index.html', header: CONTENT_SECURITY_POLICY },
    { page: 'redirect.html', header: REDIRECT_PAGE_CONTENT_SECURITY_POLICY },
  ])('$page gets the header policy minus frame-ancestors, written in by the build', ({ page, header }) => {
    // The source page holds only the marker the build replaces (vite.config.ts), so the policy is
    // written once, in src/serve: a hand-copied meta policy would drift from the header.
    const source = readFileSync(new URL(page, root), 'utf8');
    expect(metaPolicy(source)).toBeNull();
    expect(source).toContain(
      '<!-- Content-Security-Policy: written by vite.config.ts from src/serve/headers.ts -->',
    );
    expect(metaPolicy(metaTagFor(`/${page}`))).toBe(withoutFrameAncestors(header));
  });

  it('says what the issue asks: own scripts only, the two clouds, no plugins, no base', () => {
    const policy = directives(withoutFrameAncestors(CONTENT_SECURITY_POLICY));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
      'https://graph.microsoft.com',
      'https://graph.microsoft.us',
    ]);
    expect(policy.get('frame-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
    ]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.has('frame-ancestors')).toBe(false);
  });

  it('the README quotes the header policy the e2e server sends (issue #10, item 11)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`);
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(REDIRECT_PAGE_CONTENT_SECURITY_POLICY).get('form-action')).toEqual(["'none'"]);
  });

  it.each(['index.html', 'redirect.html'])(
    'the built %s keeps the meta policy and loads no inline script',
    async (page) => {
      const html = (await builtPages()).get(page);
      expect(html, `the build wrote no ${page}`).toBeDefined();
      expect(metaPolicy(html ?? '')).toBe(withoutFrameAncestors(CONTENT_SECURITY_POLICY));
      const scripts = [...(html ?? '').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes = '', body = ''] of scripts) {
        expect(attributes).toMatch(/\bsrc="/);
        expect(body.trim()).toBe('');
      }
    },
  );
});

let built: Promise<Map<string, string>> | null = null;

/** The HTML pages of a production build with the repo's own config, in memory (nothing written). */
function builtPages(): Promise<Map<string, string>> {
  built ??= (async () => {
    const output = await build({
      root: fileURLToPath(root),
      configFile: fileURLToPath(new URL('vite.config.ts', root)),
      logLevel: 'silent',
      build: { write: false },
    });
    const pages = new Map<string, string>();
    for (const result of Array.isArray(output) ? output : [output]) {
      if (!('output' in result)) continue;
      for (const item of result.output) {
        if (item.type === 'asset' && item.fileName.endsWith('.html'))
          pages.set(item.fileName, String(item.source));
      }
    }
    return pages;
  })();
  return built;
}
