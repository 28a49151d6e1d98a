// The identity platform's wire format for the fake IdP (fake-idp.ts): hosts, synthetic users,
// Entra's error answers (AADSTS numbers in the description), unsigned JWTs, and the shapes of
// requests and answers. Split out so the fake's behaviour reads on its own.
import { randomUUID } from 'node:crypto';

export type IdpCloud = 'global' | 'usgov';

export const IDP_HOSTS: Readonly<Record<IdpCloud, string>> = {
  global: 'login.microsoftonline.com',
  usgov: 'login.microsoftonline.us',
};

export interface FakeUser {
  readonly oid: string;
  readonly tid: string;
  readonly name: string;
  readonly username: string;
}

export const DEFAULT_USERS: Readonly<Record<IdpCloud, FakeUser>> = {
  global: {
    oid: '0a0a0a0a-1111-4111-8111-000000000001',
    tid: '7e7e7e7e-2222-4222-8222-000000000001',
    name: 'Avery Admin',
    username: 'avery.admin@contoso.example',
  },
  usgov: {
    oid: '0b0b0b0b-1111-4111-8111-000000000002',
    tid: '8f8f8f8f-2222-4222-8222-000000000002',
    name: 'Gray Admin',
    username: 'gray.admin@agency.example',
  },
};

export interface IdpFailure {
  readonly error: string;
  readonly description: string;
  readonly suberror?: string;
}

export const FAILURES = {
  consentRequired: {
    error: 'consent_required',
    description:
      'AADSTS65001: The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.',
  },
  notAssigned: {
    error: 'access_denied',
    description:
      'AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access.',
  },
  tenantNotFound: {
    error: 'invalid_request',
    description:
      'AADSTS90002: Tenant not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.',
  },
  refreshTokenExpired: {
    error: 'invalid_grant',
    description: 'AADSTS700082: The refresh token has expired due to inactivity.',
  },
} as const satisfies Record<string, IdpFailure>;

export interface IdpRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string | null;
}

export interface IdpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function unsignedJwt(claims: Record<string, unknown>): string {
  // A non-empty third part: MSAL only needs three dot-separated parts and never checks it.
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.unsigned`;
}

export function decodeJwt(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function cloudOf(host: string): IdpCloud | null {
  if (host === IDP_HOSTS.global) return 'global';
  if (host === IDP_HOSTS.usgov) return 'usgov';
  return null;
}

export function json(status: number, body: unknown): IdpResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function errorPage(status: number, failure: IdpFailure): IdpResponse {
  // Entra shows these on its own page instead of redirecting: the pop-up stays open on it.
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!doctype html><title>Sign in</title><h1>Sorry, but we’re having trouble signing you in.</h1><p>${failure.description}</p>`,
  };
}

export function tokenError(failure: IdpFailure, now: number): IdpResponse {
  const codes = Array.from(failure.description.matchAll(/AADSTS(\d+)/g), (m) => Number(m[1]));
  return json(400, {
    error: failure.error,
    error_description: failure.description,
    error_codes: codes,
    timestamp: new Date(now).toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
    ...(failure.suberror === undefined ? {} : { suberror: failure.suberror }),
  });
}

export function withResponse(
  redirectUri: string,
  responseMode: string,
  params: Record<string, string>,
): string {
  const encoded = new URLSearchParams(params).toString();
  return responseMode === 'query' ? `${redirectUri}?${encoded}` : `${redirectUri}#${encoded}`;
}

/** "https://graph.microsoft.com/User.Read" → ["https://graph.microsoft.com", "User.Read"]. */
export function splitScope(scope: string): [string, string] {
  const url = new URL(scope);
  return [url.origin, url.pathname.slice(1)];
}
