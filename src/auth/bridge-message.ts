// What redirect.html says when it was not reached by one of MSAL's sign-ins: most often the
// admin-consent page sending the admin back (?admin_consent=True&tenant=… or ?error=…), or someone
// opening the page by hand. Pure, so the words are tested without a browser. Anyone can craft that
// URL, so nothing from it is ever shown: a known `error` code picks fixed words, anything else gets
// the general ones, and `error_description` is never read (issue #10, item 9).

function paramsOf(search: string, hash: string): URLSearchParams {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const fragment = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  for (const [key, value] of fragment) if (!params.has(key)) params.set(key, value);
  return params;
}

/**
 * The authorization endpoint's error codes (RFC 6749 section 4.1.2.1 and OpenID Connect Core
 * section 3.1.2.6), each with words of ours. The code is only a key into this table.
 */
const ERROR_WORDS: Readonly<Record<string, string>> = {
  access_denied: 'The permission request was declined or cancelled.',
  consent_required: 'Consent is needed first: an administrator must grant it.',
  interaction_required: 'Microsoft needs you to sign in again interactively.',
  login_required: 'You are not signed in to Microsoft in this browser.',
  invalid_request: 'Microsoft refused the sign-in request.',
  invalid_client: 'Microsoft did not accept the app’s client ID.',
  unauthorized_client: 'This app registration may not sign in this way.',
  invalid_scope: 'Microsoft refused the permissions asked for.',
  unsupported_response_type: 'Microsoft refused the sign-in request.',
  server_error: 'Microsoft had an error.',
  temporarily_unavailable: 'Microsoft is busy or unavailable at the moment.',
};

export function bridgeMessage(search: string, hash: string): string {
  const params = paramsOf(search, hash);
  const consent = params.get('admin_consent');
  if (consent !== null && consent.toLowerCase() === 'true') {
    return 'Admin consent is granted. Close this tab and sign in again in dirsync-preflight.';
  }
  const error = params.get('error');
  if (error !== null) {
    const why = Object.hasOwn(ERROR_WORDS, error) ? ` ${ERROR_WORDS[error]}` : '';
    return `Sign-in did not complete.${why} Close this tab and try again in dirsync-preflight.`;
  }
  return 'This page finishes sign-in for dirsync-preflight. There is nothing to do here: close this tab.';
}
