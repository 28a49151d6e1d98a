// @vitest-environment happy-dom
// createAuth against real MSAL in happy-dom. Navigation is recorded instead of performed, the
// token endpoint is the fake IdP behind a stubbed fetch, and the production redirect bridge
// (broadcastResponseToMainFrame) runs on a simulated redirect.html, so a whole redirect sign-in
// round trip happens in-process.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scopesFor } from '../../../src/auth/clouds.ts';
import { createAuth, redirectUriFor } from '../../../src/auth/create-auth.ts';
import { explainAuthError } from '../../../src/auth/explain-error.ts';
import { readPendingRedirect } from '../../../src/auth/pending-redirect.ts';
import { SignInError } from '../../../src/auth/sign-in-error.ts';
import type { AuthDeps, NavigationHooks } from '../../../src/auth/types.ts';
import type { Cloud } from '../../../src/core/snapshot-schema.ts';
import { createFakeIdp, decodeJwt, type FakeIdp, type FakeIdpOptions } from '../../support/fake-idp.ts';

const APP_URL = 'http://localhost:3000/';
const REDIRECT_URI = 'http://localhost:3000/redirect.html';
const CLIENT_IDS: Record<Cloud, string> = {
  global: '3c3c3c3c-0000-4000-8000-00000000000a',
  usgov: '4d4d4d4d-0000-4000-8000-00000000000b',
};

interface Recorder extends NavigationHooks {
  readonly external: string[];
  readonly internal: string[];
}

function recorder(): Recorder {
  const external: string[] = [];
  const internal: string[] = [];
  return {
    external,
    internal,
    navigateExternal: async (url) => {
      external.push(url);
      return true;
    },
    navigateInternal: async (url) => {
      internal.push(url);
      return true;
    },
  };
}

function setUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

/** Answers MSAL's network requests from the fake IdP; returns them as "POST https://host/path". */
function stubTokenEndpoint(idp: FakeIdp): string[] {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const { origin, pathname } = new URL(url);
    calls.push(`${init?.method ?? 'GET'} ${origin}${pathname}`);
    const answer = await idp.handle({
      method: init?.method ?? 'GET',
      url,
      body: init?.body ? String(init.body) : null,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
  return calls;
}

/** What the IdP and then redirect.html do with the authorize URL MSAL navigated to. */
async function completeRedirect(idp: FakeIdp, authorizeUrl: string, nav: Recorder): Promise<void> {
  const answer = await idp.handle({ method: 'GET', url: authorizeUrl, body: null });
  expect(answer.status).toBe(302);
  setUrl(answer.headers.Location ?? '');
  await broadcastResponseToMainFrame(nav as never);
  setUrl(nav.internal.at(-1) ?? '');
}

const quiet: Pick<AuthDeps, 'log'> = { log: () => undefined };

beforeEach(() => {
  window.sessionStorage.clear();
  window.localStorage.clear();
  setUrl(APP_URL);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createAuth', () => {
  it.each([
    { cloud: 'global' as const, host: 'login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
    { cloud: 'usgov' as const, host: 'login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  ])('sends the $cloud sign-in to $host with the cloud’s Graph scopes', async ({ cloud, host, graph }) => {
    const navigation = recorder();
    const auth = await createAuth(
      { cloud, clientId: CLIENT_IDS[cloud], redirectUri: REDIRECT_URI },
      { navigation, ...quiet },
    );
    const scopes = scopesFor(cloud, { contacts: true });
    await expect(auth.signIn(scopes, { interaction: 'redirect' })).resolves.toEqual({ kind: 'redirecting' });

    expect(navigation.external).toHaveLength(1);
    const url = new URL(navigation.external[0] ?? '');
    expect(url.host).toBe(host);
    expect(url.pathname).toBe('/organizations/oauth2/v2.0/authorize');
    const params = url.searchParams;
    expect(params.get('client_id')).toBe(CLIENT_IDS[cloud]);
    expect(params.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(params.get('response_mode')).toBe('fragment');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('prompt')).toBe('select_account');
    const requested = (params.get('scope') ?? '').split(' ');
    expect(requested).toEqual(expect.arrayContaining([...scopes, 'openid', 'profile', 'offline_access']));
    expect(requested.filter((s) => s.startsWith('https://')).every((s) => s.startsWith(`${graph}/`))).toBe(
      true,
    );
    expect(readPendingRedirect(window.sessionStorage)).toEqual({ cloud, clientId: CLIENT_IDS[cloud] });
    expect(window.localStorage.length).toBe(0);
  });

  it('finishes a redirect sign-in on the next load, then serves tokens from the cache', async () => {
    const idp = createFakeIdp();
    const calls = stubTokenEndpoint(idp);
    const config = { cloud: 'global' as const, clientId: CLIENT_IDS.global, redirectUri: REDIRECT_URI };
    const nav = recorder();
    const first = await createAuth(config, { navigation: nav, ...quiet });
    await first.signIn(scopesFor('global'), { interaction: 'redirect' });
    await completeRedirect(idp, nav.external[0] ?? '', nav);

    const auth = await createAuth(config, { navigation: nav, ...quiet });
    expect(auth.redirectOutcome).toMatchObject({
      kind: 'signed-in',
      account: { username: 'avery.admin@contoso.example' },
    });
    expect(auth.account()).toEqual({
      homeAccountId: '0a0a0a0a-1111-4111-8111-000000000001.7e7e7e7e-2222-4222-8222-000000000001',
      tenantId: '7e7e7e7e-2222-4222-8222-000000000001',
      username: 'avery.admin@contoso.example',
      name: 'Avery Admin',
    });
    expect(readPendingRedirect(window.sessionStorage)).toBeNull();
    expect(calls).toEqual(['POST https://login.microsoftonline.com/organizations/oauth2/v2.0/token']);

    const token = await auth.getToken({ scopes: scopesFor('global') });
    expect(decodeJwt(token)?.aud).toBe('https://graph.microsoft.com');
    expect(calls).toHaveLength(1);
    expect(window.localStorage.length).toBe(0);

    await auth.getToken({ scopes: scopesFor('global'), forceRefresh: true });
    expect(idp.events.at(-1)).toMatchObject({ kind: 'token', mode: 'refresh_token', outcome: 'tokens' });

    await auth.signOut();
    expect(auth.account()).toBeNull();
    const left = Object.keys(window.sessionStorage).filter((key) => /token|account/i.test(key));
    expect(left).toEqual([]);
    await expect(auth.getToken({ scopes: scopesFor('global') })).rejects.toMatchObject({
      errorCode: 'no_account_error',
    });
  });

  it('reports a refused consent from the redirect as a failed outcome with the consent link', async () => {
    const options: FakeIdpOptions = { granted: ['User.Read'], onMissingConsent: 'refuse' };
    const idp = createFakeIdp(options);
    stubTokenEndpoint(idp);
    const config = { cloud: 'usgov' as const, clientId: CLIENT_IDS.usgov, redirectUri: REDIRECT_URI };
    const nav = recorder();
    const first = await createAuth(config, { navigation: nav, ...quiet });
    await first.signIn(scopesFor('usgov'), { interaction: 'redirect' });
    await completeRedirect(idp, nav.external[0] ?? '', nav);

    const auth = await createAuth(config, { navigation: nav, ...quiet });
    expect(auth.redirectOutcome.kind).toBe('failed');
    expect(auth.account()).toBeNull();
    const outcome = auth.redirectOutcome as { kind: 'failed'; error: SignInError };
    expect(outcome.error).toBeInstanceOf(SignInError);
    const problem = explainAuthError(outcome.error, 'usgov', CLIENT_IDS.usgov);
    expect(problem.code).toBe('consent_required');
    expect(problem.action).toMatchObject({
      href: expect.stringMatching(/^https:\/\/login\.microsoftonline\.us\//),
    });
  });

  it('refuses a client id that is not a GUID before loading MSAL', async () => {
    const failure = createAuth({ cloud: 'global', clientId: 'my-app', redirectUri: REDIRECT_URI });
    await expect(failure).rejects.toBeInstanceOf(SignInError);
    await expect(failure).rejects.toMatchObject({ errorCode: 'invalid_client_id' });
  });

  it('asks for a sign-in when nobody is signed in, without opening anything', async () => {
    const navigation = recorder();
    const auth = await createAuth(
      { cloud: 'global', clientId: CLIENT_IDS.global, redirectUri: REDIRECT_URI },
      { navigation, ...quiet },
    );
    expect(auth.account()).toBeNull();
    expect(auth.redirectOutcome).toEqual({ kind: 'none' });
    await expect(auth.getToken({ scopes: scopesFor('global') })).rejects.toMatchObject({
      errorCode: 'no_account_error',
    });
    expect(navigation.external).toEqual([]);
  });

  it('places redirect.html beside the page the app is served from', () => {
    expect(redirectUriFor('https://preflight.example/')).toBe('https://preflight.example/redirect.html');
    expect(redirectUriFor('https://tools.example/preflight/index.html?x=1#y')).toBe(
      'https://tools.example/preflight/redirect.html',
    );
  });
});
