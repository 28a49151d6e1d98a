// The response headers a host must send with the built app (dist/), as data. `npm start` and the
// end-to-end tests' server send exactly these (through headersFor), and a host's configuration
// (Azure Static Web Apps, Netlify, nginx) can be generated from HEADER_RULES. Each rule is complete
// for its paths and the first match wins, because nginx's add_header is not inherited into a
// location that sets its own. No rule sends Cross-Origin-Opener-Policy: on /redirect.html it would
// cut the sign-in pop-up off from the page that opened it (MSAL's redirect bridge).
import { CONTENT_SECURITY_POLICY, REDIRECT_PAGE_CONTENT_SECURITY_POLICY } from './csp.ts';

export interface HeaderRule {
  /** An exact path (`/redirect.html`), a prefix (`/assets/*`), or `/*` for everything else. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Headers no path may carry, with the reason (for generated configs and their tests). */
export const FORBIDDEN_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy':
    'the sign-in pop-up ends on /redirect.html and must reach the page that opened it',
};

const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' } as const;

export const HEADER_RULES: readonly HeaderRule[] = [
  {
    // Framed by the app itself during silent token renewal; never answered from a cache.
    path: '/redirect.html',
    headers: {
      'Content-Security-Policy': REDIRECT_PAGE_CONTENT_SECURITY_POLICY,
      ...NOSNIFF,
      'Cache-Control': 'no-cache',
    },
  },
  {
    // Vite's hashed file names: a changed file gets a new name, so these never need revalidating.
    path: '/assets/*',
    headers: {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      ...NOSNIFF,
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  },
  {
    // index.html, sw.js, precache.json and the demo: revalidated, so a new version is picked up.
    path: '/*',
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...NOSNIFF, 'Cache-Control': 'no-cache' },
  },
];

function matches(rule: HeaderRule, pathname: string): boolean {
  if (rule.path === '/*') return true;
  if (rule.path.endsWith('/*')) return pathname.startsWith(rule.path.slice(0, -1));
  return pathname === rule.path;
}

/**
 * The headers for a path of the app relative to where it is served (`/redirect.html`, `/assets/x.js`).
 * `base` is the sub-path the app lives under, e.g. `/tools/preflight/` (default `/`).
 */
export function headersFor(pathname: string, base = '/'): Record<string, string> {
  const relative = pathname.startsWith(base) ? `/${pathname.slice(base.length)}` : pathname;
  const rule = HEADER_RULES.find((candidate) => matches(candidate, relative));
  return { ...(rule?.headers ?? {}) };
}
