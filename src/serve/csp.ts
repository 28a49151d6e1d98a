// The Content-Security-Policy the app is served with, quoted by the README for whoever hosts it
// (headers.ts puts it with the other response headers; index.html and redirect.html carry it as meta).
// Two variants: redirect.html must be framable by the app itself, because MSAL renews tokens
// silently in a hidden iframe that ends on that page; with `frame-ancestors 'none'` there the
// renewal is refused and times out. Every other page refuses all framing (clickjacking).

const SIGN_IN_HOSTS = 'https://login.microsoftonline.com https://login.microsoftonline.us';
const GRAPH_HOSTS = 'https://graph.microsoft.com https://graph.microsoft.us';

function policy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${SIGN_IN_HOSTS} ${GRAPH_HOSTS}`,
    `frame-src 'self' ${SIGN_IN_HOSTS}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    // No form may submit anywhere: the app handles every form in script (issue #10, item 11).
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** For index.html and every other page and file of the app. */
export const CONTENT_SECURITY_POLICY = policy("'none'");

/** For redirect.html only: the app frames it during silent token renewal. */
export const REDIRECT_PAGE_CONTENT_SECURITY_POLICY = policy("'self'");
