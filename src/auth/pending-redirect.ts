// A redirect sign-in leaves the page. MSAL keeps its own state in sessionStorage, but the app must
// also know, on the way back, which cloud and client id to build the Auth with so MSAL can finish:
// that pair (never a token) is kept here until createAuth has handled the redirect.
import type { Cloud } from '../core/snapshot-schema.ts';

export const PENDING_REDIRECT_KEY = 'dirsync-preflight.auth.pending-redirect';

export interface PendingRedirect {
  readonly cloud: Cloud;
  readonly clientId: string;
}

/** The cloud and client id of a redirect sign-in in flight, or null. */
export function readPendingRedirect(storage: Pick<Storage, 'getItem'>): PendingRedirect | null {
  try {
    const raw = storage.getItem(PENDING_REDIRECT_KEY);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { cloud, clientId } = value as Record<string, unknown>;
    if ((cloud !== 'global' && cloud !== 'usgov') || typeof clientId !== 'string') return null;
    return { cloud, clientId };
  } catch {
    return null;
  }
}

export function writePendingRedirect(storage: Pick<Storage, 'setItem'>, pending: PendingRedirect): void {
  try {
    storage.setItem(
      PENDING_REDIRECT_KEY,
      JSON.stringify({ cloud: pending.cloud, clientId: pending.clientId }),
    );
  } catch {
    // Without it the app cannot rebuild the Auth after the redirect; the admin signs in again.
  }
}

export function clearPendingRedirect(storage: Pick<Storage, 'removeItem'>): void {
  try {
    storage.removeItem(PENDING_REDIRECT_KEY);
  } catch {
    // Nothing to clear when storage is blocked.
  }
}
