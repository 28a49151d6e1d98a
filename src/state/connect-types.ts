// What the "Connect a tenant" path needs and offers: its dependencies (passed in, never global)
// and the state the Connect views read and call. Apart from connect-state.ts, which builds it,
// so the contract reads in one place.
import type { ReadonlySignal } from '@preact/signals';
import type { ClientIdEnv, ResolvedClientId, SaveClientIdResult } from '../auth/app-client-ids.ts';
import type { Auth, AuthAccount, AuthConfig } from '../auth/types.ts';
import type { Cloud, ReadEntry } from '../core/snapshot-schema.ts';
import type { listGroups, ReadProgress, readTenantSnapshot } from '../graph/index.ts';
import type { PickerItem } from './connect-picker.ts';
import type { WatchReturn } from './connect-popup.ts';
import type { ConnectProblem } from './connect-problems.ts';
import type { SaveFile } from './save-file.ts';

export type ConnectStep = 'setup' | 'sign-in' | 'groups' | 'reading';
export type ConnectOption = 'contacts' | 'usernameFallback' | 'permissionGrants';

export interface ConnectDeps {
  /** `() => import('../auth/create-auth.ts')`: MSAL loads only when someone connects. */
  loadAuth(): Promise<{ createAuth(config: AuthConfig): Promise<Auth> }>;
  readTenantSnapshot: typeof readTenantSnapshot;
  listGroups: typeof listGroups;
  fetch: typeof fetch;
  now(): Date;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  localStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The build's client ids (import.meta.env). */
  env: ClientIdEnv;
  /** `<origin>/redirect.html`, registered as the single-page-application redirect URI. */
  redirectUri: string;
  isOnline(): boolean;
  /** Hands the snapshot's text to the report (report-state's openText with source live). */
  openSnapshot(text: string): Promise<boolean>;
  /** Ticks the elapsed time while reading (default setInterval/clearInterval). */
  every?(ms: number, tick: () => void): () => void;
  /** Saves the read log (default: a temporary <a download>). */
  saveFile?: SaveFile;
  /** Tells when the admin is back on this page (focus, click, key) while a pop-up is open. */
  watchReturn?: WatchReturn;
}

export interface ConnectState {
  visible: ReadonlySignal<boolean>;
  step: ReadonlySignal<ConnectStep>;
  online: ReadonlySignal<boolean>;
  cloud: ReadonlySignal<Cloud>;
  /** This tool's own client id per cloud (build value, override, or none). */
  clientIds: ReadonlySignal<Readonly<Record<Cloud, ResolvedClientId>>>;
  syncClientId: ReadonlySignal<string>;
  /** Why the sync app's client id is not usable yet, or null. */
  syncClientIdError: ReadonlySignal<string | null>;
  options: ReadonlySignal<Readonly<Record<ConnectOption, boolean>>>;
  /** Auth built and ready for a click (sign-in needs it before the click). */
  authReady: ReadonlySignal<boolean>;
  account: ReadonlySignal<AuthAccount | null>;
  /** A pop-up or redirect in flight. */
  signingIn: ReadonlySignal<boolean>;
  problem: ReadonlySignal<ConnectProblem | null>;
  picker: {
    loading: ReadonlySignal<boolean>;
    /** How the group list was read (partial/failed lists say so). */
    listRead: ReadonlySignal<ReadEntry | null>;
    query: ReadonlySignal<string>;
    /** Groups matching the query (at most `shownLimit`), selected ones excluded. */
    matches: ReadonlySignal<PickerItem[]>;
    matchCount: ReadonlySignal<number>;
    total: ReadonlySignal<number>;
    selected: ReadonlySignal<PickerItem[]>;
    full: ReadonlySignal<boolean>;
  };
  /** The latest progress of the read, and milliseconds since it started. */
  progress: ReadonlySignal<ReadProgress | null>;
  elapsedMs: ReadonlySignal<number>;
  /** The last live read's log (lines, start), for "Download read log"; null before any. */
  readLog: ReadonlySignal<{ lines: number; startedAt: string } | null>;
  downloadReadLog(): boolean;
  open(): void;
  close(): void;
  setOnline(online: boolean): void;
  chooseCloud(cloud: Cloud): void;
  saveClientId(cloud: Cloud, value: string): SaveClientIdResult;
  setSyncClientId(value: string): void;
  setOption(option: ConnectOption, on: boolean): void;
  /** Validates step 1 and prepares sign-in (loads MSAL). */
  continueToSignIn(): Promise<boolean>;
  /** Call straight from the click: the pop-up opens before anything is awaited ("Try again" too). */
  signIn(interaction?: 'popup' | 'redirect'): Promise<boolean>;
  /** Back on the page while a pop-up sign-in is pending: offer Cancel and Try again. */
  signInReturned: ReadonlySignal<boolean>;
  cancelSignIn(): void;
  signOut(): Promise<void>;
  backToSetup(): void;
  search(query: string): void;
  /** Also from the click: a hidden-membership group asks for Member.Read.Hidden at once. */
  pickGroup(id: string, picked: boolean): Promise<boolean>;
  startRead(): Promise<boolean>;
  cancelRead(): void;
  dismissProblem(): void;
  /** On page load: finishes a redirect sign-in that left this page, if any. */
  resumeRedirect(): Promise<boolean>;
}
