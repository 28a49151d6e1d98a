// The Connect path's sign-in session: the Auth built for the chosen cloud and tool client id, the
// signed-in account, and whether Member.Read.Hidden was granted. Surprises: Auth is built ahead of
// the click (a sign-in pop-up opens only inside it), from MSAL loaded by `loadAuth` (a dynamic
// import); a preparation overtaken by a newer one or by `forget` resolves to null and reports nothing.
import { type Signal, signal } from '@preact/signals';
import type { Auth, AuthAccount, AuthConfig } from '../auth/types.ts';

/** `() => import('../auth/create-auth.ts')`: MSAL loads only when someone connects. */
export type LoadAuth = () => Promise<{ createAuth(config: AuthConfig): Promise<Auth> }>;

export interface ConnectAuth {
  readonly auth: Signal<Auth | null>;
  readonly account: Signal<AuthAccount | null>;
  /** Builds Auth for `config`, or gives back the one already built for its cloud and client id. */
  prepare(config: AuthConfig): Promise<Auth | null>;
  /** Drops Auth, account and consent: the cloud or the tool's client id changed. */
  forget(): void;
  /** Member.Read.Hidden was granted to the current sign-in. */
  hiddenGranted(): boolean;
  setHiddenGranted(granted: boolean): void;
}

/** `onFailed`: building Auth failed (MSAL did not load, or refused the configuration). */
export function createConnectAuth(loadAuth: LoadAuth, onFailed: (error: unknown) => void): ConnectAuth {
  const auth = signal<Auth | null>(null);
  const account = signal<AuthAccount | null>(null);
  let hiddenGranted = false;
  let preparing: Promise<Auth | null> | null = null;

  const forget = () => {
    auth.value = null;
    account.value = null;
    preparing = null;
    hiddenGranted = false;
  };

  const prepare = (config: AuthConfig): Promise<Auth | null> => {
    const current = auth.value;
    if (current !== null && current.cloud === config.cloud && current.clientId === config.clientId) {
      return Promise.resolve(current);
    }
    forget();
    const attempt = loadAuth()
      .then((module) => module.createAuth(config))
      .then(
        (built) => {
          if (preparing !== attempt) return null;
          auth.value = built;
          account.value = built.account();
          return built;
        },
        (error: unknown) => {
          if (preparing === attempt) onFailed(error);
          return null;
        },
      );
    preparing = attempt;
    return attempt;
  };

  return {
    auth,
    account,
    prepare,
    forget,
    hiddenGranted: () => hiddenGranted,
    setHiddenGranted(granted) {
      hiddenGranted = granted;
    },
  };
}
