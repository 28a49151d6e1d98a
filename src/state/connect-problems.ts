// The Connect path's problems in plain words, and its draft (cloud, sync app, options, picked
// groups) kept in sessionStorage so a redirect sign-in comes back to the same form. Sign-in errors
// go through explainAuthError (with its fix: consent link, switch cloud, sign in in this tab); a
// failed tenant read is a GraphReadError, whose cause may itself be a sign-in error.
import type { AuthProblem, AuthProblemAction } from '../auth/explain-error.ts';
import { explainAuthError } from '../auth/explain-error.ts';
import { isGuid } from '../core/ids.ts';
import type { Cloud } from '../core/snapshot-schema.ts';
import { GraphReadError } from '../graph/index.ts';

export interface ConnectProblem {
  readonly title: string;
  readonly message: string;
  readonly action?: AuthProblemAction;
  /** The original code, for support. */
  readonly detail?: string;
  /** AuthProblem's code, or the GraphReadError's. */
  readonly code: string;
}

export interface ExplainFacts {
  readonly cloud: Cloud;
  readonly clientId: string;
  readonly tenantId?: string;
  readonly redirectUri: string;
}

export function fromAuthProblem(problem: AuthProblem): ConnectProblem {
  return {
    code: problem.code,
    title: problem.title,
    message: problem.message,
    detail: problem.detail,
    ...(problem.action === undefined ? {} : { action: problem.action }),
  };
}

export function signInProblem(error: unknown, facts: ExplainFacts): ConnectProblem {
  const context = {
    redirectUri: facts.redirectUri,
    ...(facts.tenantId === undefined ? {} : { tenantId: facts.tenantId }),
  };
  return fromAuthProblem(explainAuthError(error, facts.cloud, facts.clientId, context));
}

/**
 * Why the sync app's client id is not usable, or null. The same GUID as this tool's own client id
 * is refused: the two registrations look alike and are easily swapped.
 */
export function syncClientIdProblem(typed: string, toolClientId: string | null): string | null {
  const value = typed.trim();
  if (value === '') return 'Enter the sync app’s Application (client) ID.';
  if (!isGuid(value)) return 'A client id is a GUID like 00000000-0000-0000-0000-000000000000.';
  if (toolClientId !== null && value.toLowerCase() === toolClientId.toLowerCase()) {
    return 'This is this tool’s own client id. Enter the sync app’s: Entra admin center → App registrations → the directory sync app → Overview → Application (client) ID.';
  }
  return null;
}

/** A tenant read (or the group list) that failed as a whole. */
export function readProblem(error: unknown, facts: ExplainFacts): ConnectProblem {
  if (!(error instanceof GraphReadError)) {
    return {
      code: 'unknown',
      title: 'The tenant could not be read',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  switch (error.code) {
    case 'token_unavailable':
      return signInProblem(error.cause ?? error, facts);
    case 'token_refused':
      return {
        code: error.code,
        title: 'Microsoft Graph refused the sign-in',
        message: 'Graph did not accept the session (it may have expired or been revoked). Sign in again.',
        detail: error.message,
      };
    case 'organization_unreadable':
      return {
        code: error.code,
        title: 'The tenant could not be read',
        message:
          error.httpStatus === 403
            ? 'Graph refused to show the organization: the account lacks a directory role. Sign in with a Global Reader.'
            : 'Microsoft Graph did not answer for the organization even after retries. Check the network and try again.',
        detail: error.message,
      };
    case 'invalid_request':
      return {
        code: error.code,
        title: 'The read could not start',
        message: error.message,
        detail: error.code,
      };
  }
}

/** Sign-in and the tenant read need the network; the rest of the app does not. */
export function offlineProblem(): ConnectProblem {
  return {
    code: 'offline',
    title: 'Connecting a tenant needs the network',
    message:
      'This browser is offline. Sign-in and Microsoft Graph are online services; the demo and saved snapshots still work offline.',
  };
}

export const CONNECT_DRAFT_KEY = 'dirsync-preflight.connect.draft';

/** What the form holds; no token, no account. */
export interface ConnectDraft {
  readonly cloud: Cloud;
  readonly syncClientId: string;
  readonly contacts: boolean;
  readonly usernameFallback: boolean;
  readonly permissionGrants: boolean;
  readonly selected: readonly string[];
}

export function writeDraft(storage: Pick<Storage, 'setItem'>, draft: ConnectDraft): void {
  try {
    storage.setItem(CONNECT_DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Without it a redirect sign-in comes back to an empty form; nothing else breaks.
  }
}

export function readDraft(storage: Pick<Storage, 'getItem'>): ConnectDraft | null {
  try {
    const raw = storage.getItem(CONNECT_DRAFT_KEY);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Record<string, unknown>;
    const flag = (key: string) => value[key] === true;
    const cloud = value.cloud === 'usgov' ? 'usgov' : 'global';
    const selected = Array.isArray(value.selected)
      ? value.selected.filter((id): id is string => typeof id === 'string')
      : [];
    return {
      cloud,
      syncClientId: typeof value.syncClientId === 'string' ? value.syncClientId : '',
      contacts: flag('contacts'),
      usernameFallback: flag('usernameFallback'),
      permissionGrants: flag('permissionGrants'),
      selected,
    };
  } catch {
    return null;
  }
}
