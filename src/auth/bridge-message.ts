// What redirect.html says when it was not reached by one of MSAL's sign-ins: most often the
// admin-consent page sending the admin back (?admin_consent=True&tenant=… or ?error=…), or someone
// opening the page by hand. Pure, so the words are tested without a browser.

function paramsOf(search: string, hash: string): URLSearchParams {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const fragment = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  for (const [key, value] of fragment) if (!params.has(key)) params.set(key, value);
  return params;
}

export function bridgeMessage(search: string, hash: string): string {
  const params = paramsOf(search, hash);
  const consent = params.get('admin_consent');
  if (consent !== null && consent.toLowerCase() === 'true') {
    return 'Admin consent is granted. Close this tab and sign in again in dirsync-preflight.';
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    const detail = description === null ? error : `${error}: ${description}`;
    return `Sign-in did not complete (${detail}). Close this tab and try again in dirsync-preflight.`;
  }
  return 'This page finishes sign-in for dirsync-preflight. There is nothing to do here: close this tab.';
}
