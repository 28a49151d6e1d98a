// The <meta> Content-Security-Policy of both pages (issue 7, item 4) is the header policy the e2e
// server sends and the README quotes, minus frame-ancestors (ignored, with a console error, in a
// meta tag). Both header variants differ only there, so both pages carry the same meta policy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, REDIRECT_PAGE_CONTENT_SECURITY_POLICY } from '../../e2e/support/csp.ts';

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
  ])('$page carries the header policy minus frame-ancestors', ({ page, header }) => {
    const meta = metaPolicy(readFileSync(new URL(page, root), 'utf8'));
    expect(meta).toBe(withoutFrameAncestors(header));
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
    expect(policy.has('frame-ancestors')).toBe(false);
  });

  it('the built pages, when present, keep the meta policy and load no inline script', () => {
    for (const page of ['index.html', 'redirect.html']) {
      let html: string;
      try {
        html = readFileSync(new URL(`dist/${page}`, root), 'utf8');
      } catch {
        continue;
      }
      expect(metaPolicy(html)).toBe(withoutFrameAncestors(CONTENT_SECURITY_POLICY));
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attributes = '', body = ''] of scripts) {
        expect(attributes).toMatch(/\bsrc="/);
        expect(body.trim()).toBe('');
      }
    }
  });
});
