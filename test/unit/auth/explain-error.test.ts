import { describe, expect, it } from 'vitest';
import { type AuthProblem, explainAuthError, GLOBAL_READER_DOCS } from '../../../src/auth/explain-error.ts';
import { SignInError } from '../../../src/auth/sign-in-error.ts';
import type { Cloud } from '../../../src/core/snapshot-schema.ts';

const CLIENT = '3c3c3c3c-0000-4000-8000-00000000000a';

/** An error as MSAL throws it: errorCode, errorMessage, subError. */
const msal = (errorCode: string, errorMessage = '', subError = '') => ({
  name: 'AuthError',
  errorCode,
  errorMessage,
  subError,
  message: `${errorCode}: ${errorMessage}`,
});

interface Case {
  description: string;
  input: { error: unknown; cloud: Cloud; tenantId?: string };
  expected: { code: AuthProblem['code']; action?: AuthProblem['action']; detail?: string };
  notes?: string;
}

const cases: Case[] = [
  {
    description: 'AADSTS65001 in a server error → consent link on the global host, for any tenant',
    input: {
      error: msal(
        'invalid_grant',
        'AADSTS65001: The user or administrator has not consented…',
        'consent_required',
      ),
      cloud: 'global',
    },
    expected: {
      code: 'consent_required',
      action: {
        kind: 'link',
        label: 'Open the admin-consent page',
        href: `https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT}`,
      },
      detail: 'invalid_grant, consent_required, AADSTS65001',
    },
    notes:
      'a refresh for a permission not consented yet answers invalid_grant with suberror consent_required',
  },
  {
    description:
      'consent_required from the authorize page, US Government, known tenant → .us link on that tenant',
    input: {
      error: msal('consent_required', 'AADSTS65001: …'),
      cloud: 'usgov',
      tenantId: '8f8f8f8f-2222-4222-8222-000000000002',
    },
    expected: {
      code: 'consent_required',
      action: {
        kind: 'link',
        label: 'Open the admin-consent page',
        href: `https://login.microsoftonline.us/8f8f8f8f-2222-4222-8222-000000000002/adminconsent?client_id=${CLIENT}`,
      },
    },
  },
  {
    description: 'AADSTS90094 (the grant needs an administrator) → consent link',
    input: {
      error: msal('access_denied', 'AADSTS90094: The grant requires admin permission.'),
      cloud: 'global',
    },
    expected: {
      code: 'consent_required',
      action: {
        kind: 'link',
        label: 'Open the admin-consent page',
        href: `https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT}`,
      },
    },
  },
  {
    description: 'AADSTS50105 → Global Reader',
    input: {
      error: msal('access_denied', 'AADSTS50105: Your administrator has configured the application…'),
      cloud: 'global',
    },
    expected: {
      code: 'insufficient_role',
      action: { kind: 'link', label: 'About the Global Reader role', href: GLOBAL_READER_DOCS },
    },
  },
  {
    description: 'Graph’s Authorization_RequestDenied → Global Reader',
    input: {
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
      cloud: 'global',
    },
    expected: {
      code: 'insufficient_role',
      action: { kind: 'link', label: 'About the Global Reader role', href: GLOBAL_READER_DOCS },
    },
  },
  {
    description: 'AADSTS90002 on global → offer US Government',
    input: {
      error: msal('invalid_request', 'AADSTS90002: Tenant not found. … signing into the correct cloud.'),
      cloud: 'global',
    },
    expected: {
      code: 'wrong_cloud',
      action: { kind: 'switch-cloud', label: 'Use Azure Government L4 (GCC High)', cloud: 'usgov' },
    },
  },
  {
    description: 'AADSTS900439 on global → offer US Government',
    input: {
      error: msal('invalid_request', 'AADSTS900439: USGClientNotSupportedOnPublicEndpoint'),
      cloud: 'global',
    },
    expected: {
      code: 'wrong_cloud',
      action: { kind: 'switch-cloud', label: 'Use Azure Government L4 (GCC High)', cloud: 'usgov' },
    },
  },
  {
    description: 'AADSTS50049 on US Government → offer Azure Global',
    input: { error: msal('invalid_instance', 'AADSTS50049: Unknown or invalid instance.'), cloud: 'usgov' },
    expected: {
      code: 'wrong_cloud',
      action: {
        kind: 'switch-cloud',
        label: 'Use Azure Global (commercial and GCC Moderate)',
        cloud: 'global',
      },
    },
  },
  {
    description: 'AADSTS700016 → the app id is not registered in this cloud',
    input: {
      error: msal('unauthorized_client', "AADSTS700016: Application with identifier '…' was not found"),
      cloud: 'global',
    },
    expected: {
      code: 'app_not_found',
      action: { kind: 'switch-cloud', label: 'Use Azure Government L4 (GCC High)', cloud: 'usgov' },
    },
  },
  {
    description: 'AADSTS9002326 → register the redirect URI as a single-page application',
    input: {
      error: msal('invalid_request', 'AADSTS9002326: Cross-origin token redemption is permitted only for…'),
      cloud: 'global',
    },
    expected: { code: 'redirect_uri' },
  },
  {
    description: 'popup_window_error → pop-up blocked, sign in in this tab',
    input: { error: msal('popup_window_error'), cloud: 'global' },
    expected: { code: 'popup_blocked', action: { kind: 'sign-in-redirect', label: 'Sign in in this tab' } },
  },
  {
    description: 'empty_window_error → pop-up blocked',
    input: { error: msal('empty_window_error'), cloud: 'usgov' },
    expected: { code: 'popup_blocked', action: { kind: 'sign-in-redirect', label: 'Sign in in this tab' } },
  },
  {
    description: 'interaction_in_progress → finish the other window',
    input: { error: msal('interaction_in_progress'), cloud: 'global' },
    expected: { code: 'interaction_in_progress' },
  },
  {
    description: 'user_cancelled → cancelled',
    input: { error: msal('user_cancelled'), cloud: 'global' },
    expected: { code: 'user_cancelled' },
  },
  {
    description: 'AADSTS65004 (consent declined) → cancelled, not consent required',
    input: {
      error: msal('access_denied', 'AADSTS65004: User declined to consent to access the app.'),
      cloud: 'global',
    },
    expected: { code: 'user_cancelled' },
  },
  {
    description: 'timed_out → the redirect page did not report back',
    input: { error: msal('timed_out'), cloud: 'global' },
    expected: { code: 'timed_out' },
  },
  {
    description: 'no_network_connectivity → network',
    input: { error: msal('no_network_connectivity'), cloud: 'usgov' },
    expected: { code: 'network' },
  },
  {
    description: 'our own no_account_error → signed out',
    input: { error: new SignInError('no_account_error', 'Nobody is signed in.'), cloud: 'global' },
    expected: { code: 'signed_out' },
  },
  {
    description: 'a malformed client id → the client id',
    input: {
      error: new SignInError('invalid_client_id', '"x" is not a client id (a GUID).'),
      cloud: 'global',
    },
    expected: { code: 'client_id' },
  },
  {
    description: 'anything else → unknown, keeping the message',
    input: { error: new Error('Something odd'), cloud: 'global' },
    expected: { code: 'unknown', detail: 'Something odd' },
  },
  {
    description: 'not even an error object → unknown',
    input: { error: undefined, cloud: 'global' },
    expected: { code: 'unknown' },
  },
];

describe('explainAuthError', () => {
  it.each(cases)('$description', ({ input, expected }) => {
    const problem = explainAuthError(input.error, input.cloud, CLIENT, {
      ...(input.tenantId === undefined ? {} : { tenantId: input.tenantId }),
    });
    expect(problem.code).toBe(expected.code);
    expect(problem.action).toEqual(expected.action);
    if (expected.detail !== undefined) expect(problem.detail).toBe(expected.detail);
    expect(problem.title).not.toBe('');
    expect(problem.message).not.toBe('');
  });

  it('adds the redirect URI to the consent link and names it in the registration hint', () => {
    const redirectUri = 'https://preflight.example/redirect.html';
    const consent = explainAuthError(msal('consent_required', 'AADSTS65001'), 'global', CLIENT, {
      redirectUri,
    });
    expect(consent.action).toMatchObject({
      href: expect.stringContaining('redirect_uri=https%3A%2F%2Fpreflight.example%2Fredirect.html'),
    });
    const mismatch = explainAuthError(msal('invalid_request', 'AADSTS50011: …'), 'global', CLIENT, {
      redirectUri,
    });
    expect(mismatch.message).toContain(redirectUri);
    expect(mismatch.message).toContain('Single-page application');
  });

  it('names the sign-in host of the cloud when it cannot be reached', () => {
    expect(explainAuthError(msal('no_network_connectivity'), 'usgov', CLIENT).message).toContain(
      'login.microsoftonline.us',
    );
  });
});
