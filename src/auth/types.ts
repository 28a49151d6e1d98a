// The sign-in interface the rest of the app sees. No MSAL type appears here: accounts, options
// and outcomes are plain data, errors are SignInError, so state/ and app/ never import MSAL.
import type { Cloud } from '../core/snapshot-schema.ts';
import type { SignInError } from './sign-in-error.ts';

export interface AuthConfig {
  readonly cloud: Cloud;
  /** This app's client id in that cloud (see app-client-ids.ts). */
  readonly clientId: string;
  /** `<where the app is served>/redirect.html`, registered as a single-page-application redirect URI. */
  readonly redirectUri: string;
}

export interface AuthAccount {
  readonly homeAccountId: string;
  readonly tenantId: string;
  readonly username: string;
  readonly name: string | null;
}

export interface SignInOptions {
  /** 'popup' (the default) keeps the page and its state; 'redirect' leaves the page and comes back. */
  readonly interaction?: 'popup' | 'redirect';
  /** When the browser blocks the pop-up, sign in in this tab instead. Default true. */
  readonly fallbackToRedirect?: boolean;
}

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly account: AuthAccount }
  /** The page is navigating to the sign-in page; createAuth on the way back finishes the sign-in. */
  | { readonly kind: 'redirecting' };

export interface GetTokenOptions {
  readonly scopes: readonly string[];
  /** Skip cached access tokens (after Graph answered 401). */
  readonly forceRefresh?: boolean;
  /** Open a pop-up when no token can be had silently (new scopes, expired session). Default true. */
  readonly interactive?: boolean;
}

/** What createAuth found when the page loaded after a redirect sign-in. */
export type RedirectOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'signed-in'; readonly account: AuthAccount }
  | { readonly kind: 'failed'; readonly error: SignInError };

export interface Auth {
  readonly cloud: Cloud;
  readonly clientId: string;
  readonly redirectOutcome: RedirectOutcome;
  account(): AuthAccount | null;
  /**
   * Interactive sign-in (or consent to more scopes when already signed in). Call it straight from
   * a click handler, with no await before it: browsers allow a pop-up only during the click.
   */
  signIn(scopes: readonly string[], options?: SignInOptions): Promise<SignInOutcome>;
  /** An access token for these scopes: from the cache, else refreshed silently, else via a pop-up. */
  getToken(options: GetTokenOptions): Promise<string>;
  /** Forgets the session in this tab (tokens and accounts); the Microsoft session stays. */
  signOut(): Promise<void>;
}

/** Replaces MSAL's page navigation (tests record the URL instead of leaving the page). */
export interface NavigationHooks {
  navigateInternal(url: string, options: unknown): Promise<boolean>;
  navigateExternal(url: string, options: unknown): Promise<boolean>;
}

export type AuthLogLevel = 'error' | 'warning' | 'info' | 'verbose' | 'trace';

export interface AuthDeps {
  readonly navigation?: NavigationHooks;
  /** Where MSAL's log lines go. Lines that contain personal data never get here. */
  readonly log?: (level: AuthLogLevel, message: string) => void;
  /** The least severe level logged. Default 'warning'. */
  readonly logLevel?: AuthLogLevel;
  /** Where the cloud and client id of a redirect in flight are kept. Default sessionStorage. */
  readonly sessionStorage?: Storage;
}
