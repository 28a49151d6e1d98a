// Sign-in with MSAL for one cloud and one client id. The only file that loads MSAL's code, and it
// does so inside createAuth (dynamic import) so the start page's bundle does not carry it.
// Surprises: a pop-up must open synchronously inside the click, so signIn calls MSAL before any
// await; MSAL allows one interaction at a time, so concurrent getToken calls wait for the pop-up in
// flight instead of opening a second; a redirect sign-in finishes in the next page load's createAuth.
import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';
import { isGuid } from '../core/ids.ts';
import { ACCOUNT_ENVIRONMENTS } from './clouds.ts';
import { buildMsalConfiguration } from './msal-config.ts';
import { clearPendingRedirect, writePendingRedirect } from './pending-redirect.ts';
import { SignInError, toSignInError } from './sign-in-error.ts';
import type { Auth, AuthAccount, AuthConfig, AuthDeps, RedirectOutcome, SignInOutcome } from './types.ts';

/** The redirect URI for an app served at `pageUrl`: redirect.html beside index.html. */
export function redirectUriFor(pageUrl: string): string {
  return new URL('redirect.html', pageUrl).href;
}

const POPUP_BLOCKED = new Set(['popup_window_error', 'empty_window_error']);

/** Silent failures that a pop-up can resolve (besides MSAL's InteractionRequiredAuthError). */
const SOLVED_BY_INTERACTION = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'no_tokens_found',
  'refresh_token_expired',
  'timed_out',
  'monitor_window_timeout',
]);

function codeOf(error: unknown): string {
  return toSignInError(error).errorCode;
}

function toAccount(account: AccountInfo): AuthAccount {
  return {
    homeAccountId: account.homeAccountId,
    tenantId: account.tenantId,
    username: account.username,
    name: account.name ?? null,
  };
}

export async function createAuth(config: AuthConfig, deps: AuthDeps = {}): Promise<Auth> {
  if (!isGuid(config.clientId)) {
    throw new SignInError('invalid_client_id', `"${config.clientId}" is not a client id (a GUID).`);
  }
  const msal = await import('@azure/msal-browser');
  const pca = new msal.PublicClientApplication(buildMsalConfiguration(config, deps));
  await pca.initialize();
  const storage = deps.sessionStorage ?? globalThis.sessionStorage;
  const environments = new Set(ACCOUNT_ENVIRONMENTS[config.cloud]);

  // The same tab may hold a session of the other cloud: keep to accounts this cloud issued.
  const current = (): AccountInfo | null => {
    const active = pca.getActiveAccount();
    if (active !== null && environments.has(active.environment)) return active;
    const mine = pca.getAllAccounts().filter((a) => environments.has(a.environment));
    return mine.length === 1 ? (mine[0] ?? null) : null;
  };

  let redirectOutcome: RedirectOutcome = { kind: 'none' };
  try {
    const result = await pca.handleRedirectPromise();
    if (result !== null) {
      pca.setActiveAccount(result.account);
      redirectOutcome = { kind: 'signed-in', account: toAccount(result.account) };
    }
  } catch (error) {
    redirectOutcome = { kind: 'failed', error: toSignInError(error) };
  } finally {
    clearPendingRedirect(storage);
  }

  let interaction: Promise<unknown> | null = null;
  const track = <T>(flow: Promise<T>): Promise<T> => {
    interaction = flow;
    flow
      .finally(() => {
        if (interaction === flow) interaction = null;
      })
      .catch(() => undefined);
    return flow;
  };

  const accepted = (result: AuthenticationResult): AuthAccount => {
    pca.setActiveAccount(result.account);
    return toAccount(result.account);
  };

  const redirect = async (scopes: string[], account: AccountInfo | null): Promise<SignInOutcome> => {
    writePendingRedirect(storage, { cloud: config.cloud, clientId: config.clientId });
    try {
      if (account === null) await pca.loginRedirect({ scopes, prompt: 'select_account' });
      else await pca.acquireTokenRedirect({ scopes, account });
    } catch (error) {
      clearPendingRedirect(storage);
      throw toSignInError(error);
    }
    return { kind: 'redirecting' };
  };

  const needsInteraction = (error: unknown): boolean =>
    error instanceof msal.InteractionRequiredAuthError || SOLVED_BY_INTERACTION.has(codeOf(error));

  const silent = async (scopes: string[], account: AccountInfo, forceRefresh: boolean): Promise<string> =>
    (await pca.acquireTokenSilent({ scopes, account, forceRefresh })).accessToken;

  return {
    cloud: config.cloud,
    clientId: config.clientId,
    redirectOutcome,
    account: () => {
      const account = current();
      return account === null ? null : toAccount(account);
    },
    signIn(requested, options = {}) {
      const scopes = [...requested];
      const account = current();
      if (options.interaction === 'redirect') return redirect(scopes, account);
      // A pop-up of ours still pending (closed by the admin, say: MSAL 5 waits for its bridge until
      // popupBridgeTimeout and cannot tell) is replaced: MSAL cancels its wait, and its promise
      // rejects with interaction_in_progress_cancelled.
      const overrideInteractionInProgress = interaction !== null;
      // Not async, no await before this line: the pop-up opens while the click is still being handled.
      const popup =
        account === null
          ? pca.loginPopup({ scopes, prompt: 'select_account', overrideInteractionInProgress })
          : pca.acquireTokenPopup({ scopes, account, overrideInteractionInProgress });
      return track(popup).then(
        (result): SignInOutcome => ({ kind: 'signed-in', account: accepted(result) }),
        (error: unknown) => {
          if (POPUP_BLOCKED.has(codeOf(error)) && options.fallbackToRedirect !== false) {
            return redirect(scopes, account);
          }
          throw toSignInError(error);
        },
      );
    },
    async getToken(options) {
      const scopes = [...options.scopes];
      const forceRefresh = options.forceRefresh ?? false;
      const account = current();
      if (account === null) throw new SignInError('no_account_error', 'Nobody is signed in.');
      try {
        return await silent(scopes, account, forceRefresh);
      } catch (error) {
        if (options.interactive === false || !needsInteraction(error)) throw toSignInError(error);
      }
      if (interaction !== null) {
        // Another call's pop-up may grant exactly what this one needs.
        await interaction.catch(() => undefined);
        try {
          return await silent(scopes, account, false);
        } catch (error) {
          if (!needsInteraction(error)) throw toSignInError(error);
        }
      }
      try {
        const result = await track(pca.acquireTokenPopup({ scopes, account }));
        accepted(result);
        return result.accessToken;
      } catch (error) {
        throw toSignInError(error);
      }
    },
    async signOut() {
      // clearCache forgets this client's accounts and tokens in this tab without a trip to the
      // sign-in page: signing the admin out of Microsoft everywhere is not this app's business.
      await pca.clearCache();
      pca.setActiveAccount(null);
      clearPendingRedirect(storage);
    },
  };
}
