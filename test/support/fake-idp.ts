// A fake Microsoft identity platform for both clouds, as a request → response function: unit
// tests call it from a stubbed fetch, the e2e tests route Chromium to it (test/e2e/support/
// routes.ts). It answers what MSAL 5 calls: GET …/oauth2/v2.0/authorize (302 to the redirect URI
// with #code or #error, `state` as received) and POST …/oauth2/v2.0/token (authorization_code with
// PKCE S256 checked, refresh_token). Tokens are unsigned JWTs (`alg: none`): MSAL checks the
// id_token's nonce, not its signature; the fake Graph checks the access token's audience and expiry
// through `verifyAccessToken`. Consent, sessions and failures can be changed mid-test (`configure`).
import { createHash, randomUUID } from 'node:crypto';
import {
  base64url,
  cloudOf,
  DEFAULT_USERS,
  decodeJwt,
  errorPage,
  FAILURES,
  type FakeUser,
  IDP_HOSTS,
  type IdpCloud,
  type IdpFailure,
  type IdpRequest,
  type IdpResponse,
  json,
  splitScope,
  tokenError,
  unsignedJwt,
  withResponse,
} from './fake-idp-wire.ts';

export * from './fake-idp-wire.ts';

export interface FakeIdpOptions {
  readonly users?: Partial<Record<IdpCloud, FakeUser>>;
  /** Accepted client ids per cloud; default any. An unknown id gets Entra's AADSTS700016 error page. */
  readonly clientIds?: Partial<Record<IdpCloud, string>>;
  /** Accepted redirect URIs (exact); default any. A mismatch gets the AADSTS50011 error page. */
  readonly redirectUris?: readonly string[];
  /** Permissions (e.g. "User.Read") the tenant has consented to, or 'all' (the default). */
  readonly granted?: readonly string[] | 'all';
  /** What an interactive sign-in does about missing consent: grant it (an admin clicks Accept) or
   * answer consent_required (AADSTS65001). Default 'grant'. */
  readonly onMissingConsent?: 'grant' | 'refuse';
  /** Every interactive authorize answers this error (after the account is picked). */
  readonly authorizeFailure?: IdpFailure | null;
  /** Every refresh_token grant answers this error (invalid_grant makes MSAL try the hidden iframe). */
  readonly refreshFailure?: IdpFailure | null;
  /** Access token lifetime; MSAL renews 300 s before expiry, so 301 means "stale after 1 s". */
  readonly accessTokenLifetimeSeconds?: number;
  /** Added to every answer. */
  readonly latencyMs?: number;
  /** The clock, in milliseconds. */
  readonly now?: () => number;
}

export interface IdpEvent {
  readonly cloud: IdpCloud;
  readonly kind: 'authorize' | 'token' | 'metadata' | 'logout' | 'unknown';
  /** For authorize: the prompt ('none' is MSAL's hidden-iframe renewal); for token: the grant type. */
  readonly mode: string;
  readonly scopes: readonly string[];
  /** 'code', 'tokens', or the error code answered. */
  readonly outcome: string;
}

export interface AccessTokenClaims {
  readonly aud: string;
  readonly scp: string;
  readonly tid: string;
  readonly oid: string;
  readonly appid: string;
  readonly exp: number;
}

export interface FakeIdp {
  handle(request: IdpRequest): Promise<IdpResponse>;
  readonly events: IdpEvent[];
  /** Changes behaviour from now on (consent, failures, lifetime …). */
  configure(options: Partial<FakeIdpOptions>): void;
  /** Whether a bearer token is one this IdP issued for `audience` (a Graph origin) and still valid. */
  verifyAccessToken(
    token: string,
    audience: string,
  ): { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

interface Grant {
  readonly cloud: IdpCloud;
  readonly clientId: string;
  readonly user: FakeUser;
}

interface PendingCode extends Grant {
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly nonce: string | null;
  readonly codeChallenge: string;
}

export function createFakeIdp(initial: FakeIdpOptions = {}): FakeIdp {
  let options: FakeIdpOptions = { ...initial };
  const events: IdpEvent[] = [];
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, Grant>();
  /** Clouds where someone signed in interactively (what Entra's session cookie stands for). */
  const sessions = new Set<IdpCloud>();
  const consented = new Set<string>(
    options.granted === 'all' || options.granted === undefined ? [] : options.granted,
  );

  const now = (): number => (options.now ?? Date.now)();
  const allGranted = (): boolean => options.granted === 'all' || options.granted === undefined;
  const userOf = (cloud: IdpCloud): FakeUser => options.users?.[cloud] ?? DEFAULT_USERS[cloud];
  const resourceScopes = (scopes: readonly string[]): string[] => scopes.filter((s) => !OIDC_SCOPES.has(s));
  const missingConsent = (scopes: readonly string[]): string[] =>
    allGranted() ? [] : resourceScopes(scopes).filter((s) => !consented.has(splitScope(s)[1]));

  const issueTokens = (grant: Grant, scopes: readonly string[], nonce: string | null): IdpResponse => {
    const issuedAt = Math.floor(now() / 1000);
    const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
    const requested = resourceScopes(scopes);
    const resource =
      requested.length === 0 ? 'https://graph.microsoft.com' : splitScope(requested[0] ?? '')[0];
    // Entra answers with every permission consented on the resource, not only those asked for.
    const permissions = allGranted()
      ? requested.map((s) => splitScope(s)[1])
      : [...new Set([...consented, ...requested.map((s) => splitScope(s)[1])])];
    const { user, clientId, cloud } = grant;
    const refreshToken = `rt-${randomUUID()}`;
    refreshTokens.set(refreshToken, grant);
    const clientInfo = base64url(JSON.stringify({ uid: user.oid, utid: user.tid }));
    const idToken = unsignedJwt({
      ver: '2.0',
      iss: `https://${IDP_HOSTS[cloud]}/${user.tid}/v2.0`,
      aud: clientId,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + 3600,
      name: user.name,
      preferred_username: user.username,
      oid: user.oid,
      sub: `sub-${user.oid}`,
      tid: user.tid,
      ...(nonce === null ? {} : { nonce }),
    });
    const accessToken = unsignedJwt({
      aud: resource,
      iss: `https://sts.windows.net/${user.tid}/`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + lifetime,
      appid: clientId,
      oid: user.oid,
      tid: user.tid,
      upn: user.username,
      scp: permissions.join(' '),
      jti: randomUUID(),
    });
    return json(200, {
      token_type: 'Bearer',
      scope: permissions.map((p) => `${resource}/${p}`).join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      refresh_token_expires_in: 86_400,
      id_token: idToken,
      client_info: clientInfo,
    });
  };

  const authorize = (cloud: IdpCloud, url: URL): IdpResponse => {
    const p = url.searchParams;
    const clientId = p.get('client_id') ?? '';
    const redirectUri = p.get('redirect_uri') ?? '';
    const state = p.get('state');
    const prompt = p.get('prompt') ?? 'interactive';
    const scopes = (p.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const record = (outcome: string) =>
      events.push({ cloud, kind: 'authorize', mode: prompt, scopes, outcome });
    const expectedClient = options.clientIds?.[cloud];
    if (expectedClient !== undefined && expectedClient !== clientId) {
      record('AADSTS700016');
      return errorPage(400, {
        error: 'unauthorized_client',
        description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      });
    }
    if (options.redirectUris !== undefined && !options.redirectUris.includes(redirectUri)) {
      record('AADSTS50011');
      return errorPage(400, {
        error: 'invalid_request',
        description: `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application.`,
      });
    }
    if (state === null || p.get('code_challenge_method') !== 'S256' || p.get('code_challenge') === null) {
      record('invalid_request');
      return errorPage(400, {
        error: 'invalid_request',
        description: 'AADSTS900144: state and PKCE (S256) are required.',
      });
    }
    const responseMode = p.get('response_mode') ?? 'fragment';
    const fail = (failure: IdpFailure): IdpResponse => {
      record(failure.error);
      return {
        status: 302,
        headers: {
          Location: withResponse(redirectUri, responseMode, {
            error: failure.error,
            error_description: failure.description,
            ...(failure.suberror === undefined ? {} : { error_subcode: failure.suberror }),
            state,
          }),
        },
        body: '',
      };
    };
    const missing = missingConsent(scopes);
    if (prompt === 'none') {
      if (!sessions.has(cloud)) {
        return fail({
          error: 'login_required',
          description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
        });
      }
      if (missing.length > 0) return fail(FAILURES.consentRequired);
    } else {
      if (options.authorizeFailure) return fail(options.authorizeFailure);
      if (missing.length > 0) {
        if (options.onMissingConsent === 'refuse') return fail(FAILURES.consentRequired);
        for (const scope of missing) consented.add(splitScope(scope)[1]);
      }
      sessions.add(cloud);
    }
    const user = userOf(cloud);
    const code = `code-${randomUUID()}`;
    codes.set(code, {
      cloud,
      clientId,
      user,
      redirectUri,
      scopes,
      nonce: p.get('nonce'),
      codeChallenge: p.get('code_challenge') ?? '',
    });
    record('code');
    return {
      status: 302,
      headers: {
        Location: withResponse(redirectUri, responseMode, {
          code,
          client_info: base64url(JSON.stringify({ uid: user.oid, utid: user.tid })),
          state,
          session_state: randomUUID(),
        }),
      },
      body: '',
    };
  };

  const token = (cloud: IdpCloud, body: string | null): IdpResponse => {
    const form = new URLSearchParams(body ?? '');
    const grantType = form.get('grant_type') ?? '';
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const record = (outcome: string) =>
      events.push({ cloud, kind: 'token', mode: grantType, scopes, outcome });
    const fail = (failure: IdpFailure): IdpResponse => {
      record(failure.error);
      return tokenError(failure, now());
    };
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (code === undefined || code.cloud !== cloud) {
        return fail({
          error: 'invalid_grant',
          description: 'AADSTS70008: The provided authorization code is invalid or expired.',
        });
      }
      if (form.get('client_id') !== code.clientId || form.get('redirect_uri') !== code.redirectUri) {
        return fail({
          error: 'invalid_grant',
          description: 'AADSTS50148: The code was issued to another client or redirect URI.',
        });
      }
      const verifier = form.get('code_verifier') ?? '';
      if (base64url(createHash('sha256').update(verifier).digest()) !== code.codeChallenge) {
        return fail({
          error: 'invalid_grant',
          description: 'AADSTS501481: The Code_Verifier does not match the code_challenge.',
        });
      }
      record('tokens');
      return issueTokens(code, scopes.length > 0 ? scopes : code.scopes, code.nonce);
    }
    if (grantType === 'refresh_token') {
      const grant = refreshTokens.get(form.get('refresh_token') ?? '');
      if (grant === undefined || grant.cloud !== cloud || grant.clientId !== form.get('client_id')) {
        return fail({
          error: 'invalid_grant',
          description: 'AADSTS9002313: Invalid request. The refresh token is malformed.',
        });
      }
      if (options.refreshFailure) return fail(options.refreshFailure);
      if (missingConsent(scopes).length > 0)
        return fail({ ...FAILURES.consentRequired, error: 'invalid_grant', suberror: 'consent_required' });
      record('tokens');
      return issueTokens(grant, scopes, null);
    }
    return fail({
      error: 'unsupported_grant_type',
      description: `AADSTS70003: grant_type ${grantType} is not supported.`,
    });
  };

  const metadata = (cloud: IdpCloud, tenant: string): IdpResponse => {
    const base = `https://${IDP_HOSTS[cloud]}/${tenant}`;
    return json(200, {
      issuer: `https://${IDP_HOSTS[cloud]}/{tenantid}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `https://${IDP_HOSTS[cloud]}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    });
  };

  const route = (request: IdpRequest): IdpResponse => {
    const url = new URL(request.url);
    const cloud = cloudOf(url.hostname);
    if (cloud === null) return json(404, { error: 'not_found' });
    const [, tenant = 'organizations', ...rest] = url.pathname.split('/');
    const path = rest.join('/');
    if (request.method === 'GET' && path === 'oauth2/v2.0/authorize') return authorize(cloud, url);
    if (request.method === 'POST' && path === 'oauth2/v2.0/token') return token(cloud, request.body);
    if (request.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      events.push({ cloud, kind: 'metadata', mode: path, scopes: [], outcome: 'metadata' });
      return metadata(cloud, tenant);
    }
    if (request.method === 'GET' && path === 'oauth2/v2.0/logout') {
      sessions.delete(cloud);
      events.push({ cloud, kind: 'logout', mode: 'logout', scopes: [], outcome: 'signed-out' });
      const back = url.searchParams.get('post_logout_redirect_uri');
      return back === null
        ? {
            status: 200,
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
            body: '<!doctype html><p>Signed out.</p>',
          }
        : { status: 302, headers: { Location: back }, body: '' };
    }
    events.push({
      cloud,
      kind: 'unknown',
      mode: `${request.method} ${url.pathname}`,
      scopes: [],
      outcome: '404',
    });
    return json(404, {
      error: 'not_found',
      error_description: `The fake IdP does not serve ${url.pathname}`,
    });
  };

  return {
    events,
    configure(changes) {
      options = { ...options, ...changes };
      if (changes.granted !== undefined && changes.granted !== 'all') {
        consented.clear();
        for (const permission of changes.granted) consented.add(permission);
      }
    },
    async handle(request) {
      if ((options.latencyMs ?? 0) > 0) await new Promise((done) => setTimeout(done, options.latencyMs));
      return route(request);
    },
    verifyAccessToken(accessToken, audience) {
      const claims = decodeJwt(accessToken);
      if (claims === null) return { ok: false, reason: 'not a JWT' };
      if (claims.aud !== audience)
        return { ok: false, reason: `issued for ${String(claims.aud)}, not ${audience}` };
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now())
        return { ok: false, reason: 'expired' };
      return { ok: true, claims: claims as unknown as AccessTokenClaims };
    },
  };
}
