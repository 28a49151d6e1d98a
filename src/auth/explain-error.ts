// Sign-in failures in plain words, each with the fix. Entra's answers carry an AADSTS number in
// the description (AADSTS65001 …) and an OAuth code (consent_required, invalid_grant …); MSAL's
// own failures carry a code (popup_window_error …). Rules match on any of these, first rule wins,
// and the original code stays in `detail` so support can search for it.
import type { Cloud } from '../core/snapshot-schema.ts';
import { CLOUD_LABELS, LOGIN_HOSTS, otherCloud } from './clouds.ts';

export type AuthProblemCode =
  | 'consent_required'
  | 'insufficient_role'
  | 'wrong_cloud'
  | 'app_not_found'
  | 'client_id'
  | 'redirect_uri'
  | 'popup_blocked'
  | 'interaction_in_progress'
  | 'user_cancelled'
  | 'timed_out'
  | 'network'
  | 'signed_out'
  | 'unknown';

export type AuthProblemAction =
  | { readonly kind: 'link'; readonly label: string; readonly href: string }
  | { readonly kind: 'switch-cloud'; readonly label: string; readonly cloud: Cloud }
  /** Try again in this tab (full-page redirect), for when pop-ups stay blocked. */
  | { readonly kind: 'sign-in-redirect'; readonly label: string };

export interface AuthProblem {
  readonly code: AuthProblemCode;
  readonly title: string;
  readonly message: string;
  readonly action?: AuthProblemAction;
  /** The original error code and AADSTS numbers, for support. */
  readonly detail: string;
}

export interface ExplainContext {
  /** The signed-in tenant, when known: the admin-consent link then opens on it. */
  readonly tenantId?: string;
  /** This app's redirect URI, for the registration hint and the consent link's return. */
  readonly redirectUri?: string;
}

export const GLOBAL_READER_DOCS =
  'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#global-reader';

interface Facts {
  readonly codes: ReadonlySet<string>;
  readonly aadsts: ReadonlySet<string>;
  readonly text: string;
}

function field(value: unknown, key: string): string {
  if (typeof value !== 'object' || value === null) return '';
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : '';
}

function factsOf(error: unknown): Facts {
  const text = [field(error, 'errorMessage'), field(error, 'message'), typeof error === 'string' ? error : '']
    .join(' ')
    .trim();
  const codes = new Set(
    [field(error, 'errorCode'), field(error, 'subError'), field(error, 'code')].filter((c) => c !== ''),
  );
  const aadsts = new Set(Array.from(text.matchAll(/AADSTS(\d+)/g), (m) => m[1] ?? ''));
  return { codes, aadsts, text };
}

/** The admin-consent link on the cloud's sign-in host. */
export function adminConsentUrl(cloud: Cloud, clientId: string, context: ExplainContext = {}): string {
  const tenant = context.tenantId ?? 'organizations';
  const url = new URL(`https://${LOGIN_HOSTS[cloud]}/${encodeURIComponent(tenant)}/adminconsent`);
  url.searchParams.set('client_id', clientId);
  if (context.redirectUri !== undefined) url.searchParams.set('redirect_uri', context.redirectUri);
  return url.href;
}

type Rule = {
  readonly code: AuthProblemCode;
  readonly matches: (facts: Facts) => boolean;
  readonly explain: (cloud: Cloud, clientId: string, context: ExplainContext) => Omit<AuthProblem, 'detail'>;
};

const anyOf =
  (codes: readonly string[], aadsts: readonly string[] = [], text?: RegExp) =>
  (facts: Facts): boolean =>
    codes.some((c) => facts.codes.has(c)) ||
    aadsts.some((n) => facts.aadsts.has(n)) ||
    text?.test(facts.text) === true;

const RULES: readonly Rule[] = [
  {
    code: 'interaction_in_progress',
    matches: anyOf(['interaction_in_progress']),
    explain: () => ({
      code: 'interaction_in_progress',
      title: 'A sign-in is already under way',
      message:
        'Another sign-in window for this app is still open. Finish or close it, then try again. ' +
        'If no window is open, reload this page.',
    }),
  },
  {
    code: 'popup_blocked',
    matches: anyOf(['popup_window_error', 'empty_window_error']),
    explain: () => ({
      code: 'popup_blocked',
      title: 'The browser blocked the sign-in window',
      message: 'Allow pop-ups for this site and try again, or sign in in this tab instead.',
      action: { kind: 'sign-in-redirect', label: 'Sign in in this tab' },
    }),
  },
  {
    // AADSTS65004: the user declined consent on the consent screen.
    code: 'user_cancelled',
    matches: anyOf(['user_cancelled'], ['65004']),
    explain: () => ({
      code: 'user_cancelled',
      title: 'Sign-in was cancelled',
      message:
        'The sign-in window was closed or consent was declined. Nothing was read. Sign in again to continue.',
    }),
  },
  {
    // AADSTS65001: no consent yet; AADSTS90094: the grant needs an administrator.
    code: 'consent_required',
    matches: anyOf(['consent_required'], ['65001', '90094']),
    explain: (cloud, clientId, context) => ({
      code: 'consent_required',
      title: 'An administrator must grant consent first',
      message:
        'This app reads the directory with delegated permissions that need admin consent. A Global ' +
        'Administrator or Privileged Role Administrator opens the consent link once for the tenant; ' +
        'then sign in again.',
      action: {
        kind: 'link',
        label: 'Open the admin-consent page',
        href: adminConsentUrl(cloud, clientId, context),
      },
    }),
  },
  {
    // AADSTS50105: the account is not assigned a role the app requires.
    code: 'insufficient_role',
    matches: anyOf(['Authorization_RequestDenied'], ['50105'], /insufficient privileges/i),
    explain: () => ({
      code: 'insufficient_role',
      title: 'Your account does not have a directory role that allows this',
      message:
        'Sign in with an account that holds the Global Reader role: it can read everything this app ' +
        'checks and change nothing. Ask a Global Administrator to assign it if needed.',
      action: { kind: 'link', label: 'About the Global Reader role', href: GLOBAL_READER_DOCS },
    }),
  },
  {
    // AADSTS90002: tenant not found (its message says "…signing into the correct cloud");
    // AADSTS50049: unknown or invalid instance; AADSTS900439: a US Government client on the public endpoint.
    code: 'wrong_cloud',
    matches: anyOf([], ['90002', '50049', '900439']),
    explain: (cloud) => ({
      code: 'wrong_cloud',
      title: 'This tenant is not in the cloud you picked',
      message:
        `Sign-in went to ${CLOUD_LABELS[cloud]} (${LOGIN_HOSTS[cloud]}), which does not know this ` +
        `tenant or account. If the tenant is in ${CLOUD_LABELS[otherCloud(cloud)]}, switch cloud.`,
      action: {
        kind: 'switch-cloud',
        label: `Use ${CLOUD_LABELS[otherCloud(cloud)]}`,
        cloud: otherCloud(cloud),
      },
    }),
  },
  {
    // AADSTS700016: no application with this client id in the directory (wrong id or wrong cloud).
    code: 'app_not_found',
    matches: anyOf([], ['700016']),
    explain: (cloud, clientId) => ({
      code: 'app_not_found',
      title: 'This app is not registered where you signed in',
      message:
        `No app registration with client id ${clientId} exists in ${CLOUD_LABELS[cloud]}. Check the ` +
        'client id in the settings, or switch cloud: a registration lives in one cloud only.',
      action: {
        kind: 'switch-cloud',
        label: `Use ${CLOUD_LABELS[otherCloud(cloud)]}`,
        cloud: otherCloud(cloud),
      },
    }),
  },
  {
    code: 'client_id',
    matches: anyOf(['invalid_client_id', 'empty_client_id', 'invalid_client_id_format']),
    explain: () => ({
      code: 'client_id',
      title: 'The app client id is missing or malformed',
      message: "Enter this app's client id (a GUID from its App Registration overview page) in the settings.",
    }),
  },
  {
    // AADSTS50011: redirect URI not registered; AADSTS9002326: registered, but not as a single-page app.
    code: 'redirect_uri',
    matches: anyOf(['redirect_uri_mismatch'], ['50011', '9002326', '9002327']),
    explain: (_cloud, _clientId, context) => ({
      code: 'redirect_uri',
      title: "The app registration's redirect URI does not match",
      message:
        `In the App Registration, under Authentication, add ${context.redirectUri ?? 'this site’s /redirect.html'} ` +
        'as a redirect URI of the "Single-page application" platform (not "Web").',
    }),
  },
  {
    code: 'timed_out',
    matches: anyOf(['timed_out', 'monitor_window_timeout', 'redirect_bridge_empty_response']),
    explain: () => ({
      code: 'timed_out',
      title: 'The sign-in window did not report back',
      message:
        'Sign-in finishes on /redirect.html next to this page. Check that it is deployed and served ' +
        'without a Cross-Origin-Opener-Policy header, then try again.',
    }),
  },
  {
    code: 'network',
    matches: anyOf([
      'no_network_connectivity',
      'post_request_failed',
      'get_request_failed',
      'endpoints_resolution_error',
    ]),
    explain: (cloud) => ({
      code: 'network',
      title: 'The sign-in service could not be reached',
      message: `Could not reach ${LOGIN_HOSTS[cloud]}. Check the network connection or proxy, then try again.`,
    }),
  },
  {
    code: 'signed_out',
    matches: anyOf(['no_account_error', 'no_account_in_silent_request', 'no_account']),
    explain: () => ({
      code: 'signed_out',
      title: 'Nobody is signed in',
      message: 'Sign in first; the session ends when this tab closes.',
    }),
  },
];

function detailOf(facts: Facts): string {
  const parts = [...facts.codes, ...Array.from(facts.aadsts, (n) => `AADSTS${n}`)];
  return parts.length === 0 ? facts.text : parts.join(', ');
}

/** A sign-in failure as words for the admin, with the fix when there is one. */
export function explainAuthError(
  error: unknown,
  cloud: Cloud,
  clientId: string,
  context: ExplainContext = {},
): AuthProblem {
  const facts = factsOf(error);
  const detail = detailOf(facts);
  for (const rule of RULES) {
    if (rule.matches(facts)) return { ...rule.explain(cloud, clientId, context), detail };
  }
  return {
    code: 'unknown',
    title: 'Sign-in failed',
    message: facts.text === '' ? 'Sign-in failed for an unknown reason. Try again.' : facts.text,
    detail,
  };
}
