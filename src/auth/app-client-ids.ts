// This app's own client id per cloud (its App Registration, not the sync app being checked). The
// build sets them (VITE_CLIENT_ID_GLOBAL / VITE_CLIENT_ID_USGOV); an admin may override one in the
// UI, kept in localStorage. Only the client id is kept there: tokens live in sessionStorage.
// Storage can throw (blocked site data), so reads and writes here never let that escape.
import type { ClientId } from '../core/ids.ts';
import { isGuid } from '../core/ids.ts';
import type { Cloud } from '../core/snapshot-schema.ts';

export const CLIENT_ID_STORAGE_KEYS: Readonly<Record<Cloud, string>> = {
  global: 'dirsync-preflight.client-id.global',
  usgov: 'dirsync-preflight.client-id.usgov',
};

/** The build-time settings, as `import.meta.env` has them. */
export interface ClientIdEnv {
  readonly VITE_CLIENT_ID_GLOBAL?: string | undefined;
  readonly VITE_CLIENT_ID_USGOV?: string | undefined;
}

const ENV_KEYS: Readonly<Record<Cloud, keyof ClientIdEnv>> = {
  global: 'VITE_CLIENT_ID_GLOBAL',
  usgov: 'VITE_CLIENT_ID_USGOV',
};

export interface ResolvedClientId {
  /** The id to sign in with, or null when neither the build nor the admin set a valid one. */
  readonly clientId: ClientId | null;
  readonly source: 'override' | 'build' | 'none';
  /** The build's value, for a "reset to default" button. */
  readonly buildValue: ClientId | null;
  /** Values that were set but are not GUIDs, so the UI can say why they were ignored. */
  readonly ignored: ReadonlyArray<{ readonly from: 'override' | 'build'; readonly value: string }>;
}

function readItem(storage: Pick<Storage, 'getItem'>, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function resolveOne(cloud: Cloud, env: ClientIdEnv, storage: Pick<Storage, 'getItem'>): ResolvedClientId {
  const ignored: Array<{ from: 'override' | 'build'; value: string }> = [];
  const build = (env[ENV_KEYS[cloud]] ?? '').trim();
  const override = (readItem(storage, CLIENT_ID_STORAGE_KEYS[cloud]) ?? '').trim();
  const buildValue = isGuid(build) ? (build.toLowerCase() as ClientId) : null;
  if (build !== '' && buildValue === null) ignored.push({ from: 'build', value: build });
  if (override !== '') {
    if (isGuid(override)) {
      return { clientId: override.toLowerCase() as ClientId, source: 'override', buildValue, ignored };
    }
    ignored.push({ from: 'override', value: override });
  }
  return buildValue === null
    ? { clientId: null, source: 'none', buildValue, ignored }
    : { clientId: buildValue, source: 'build', buildValue, ignored };
}

/** Both clouds' client ids: a valid override wins over the build's value. */
export function resolveClientIds(
  env: ClientIdEnv,
  storage: Pick<Storage, 'getItem'>,
): Readonly<Record<Cloud, ResolvedClientId>> {
  return { global: resolveOne('global', env, storage), usgov: resolveOne('usgov', env, storage) };
}

export type SaveClientIdResult =
  | { readonly ok: true; readonly clientId: ClientId | null }
  | { readonly ok: false; readonly reason: string };

/** Keeps the admin's override for one cloud; an empty value removes it (back to the build's id). */
export function saveClientIdOverride(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  cloud: Cloud,
  value: string,
): SaveClientIdResult {
  const trimmed = value.trim();
  try {
    if (trimmed === '') {
      storage.removeItem(CLIENT_ID_STORAGE_KEYS[cloud]);
      return { ok: true, clientId: null };
    }
    if (!isGuid(trimmed)) {
      return { ok: false, reason: 'A client id is a GUID like 00000000-0000-0000-0000-000000000000.' };
    }
    storage.setItem(CLIENT_ID_STORAGE_KEYS[cloud], trimmed.toLowerCase());
    return { ok: true, clientId: trimmed.toLowerCase() as ClientId };
  } catch {
    return { ok: false, reason: 'The browser does not allow this site to store settings.' };
  }
}
