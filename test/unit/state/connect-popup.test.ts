// A closed sign-in pop-up (issue 15, item 4), with fakes: MSAL keeps the first pop-up's promise
// pending (it cannot see the window close); coming back to the page offers Cancel and Try again
// at once; Try again starts a new sign-in that succeeds while the old one is ignored; Cancel ends
// "Signing in…"; a bridge time-out after the admin came back is not blamed on the hosting.
import { describe, expect, it } from 'vitest';
import { SignInError } from '../../../src/auth/sign-in-error.ts';
import type { Auth, AuthAccount, SignInOutcome } from '../../../src/auth/types.ts';
import { type ConnectDeps, createConnectState } from '../../../src/state/connect-state.ts';

const TOOL_ID = '11111111-1111-4111-8111-111111111111';
const SYNC_ID = '22222222-2222-4222-8222-222222222222';
const ACCOUNT: AuthAccount = { homeAccountId: 'h', tenantId: 't', username: 'admin@x.example', name: null };

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** An Auth whose pop-ups settle only when the test says so. */
function pendingAuth() {
  const attempts: Array<{ resolve(outcome: SignInOutcome): void; reject(error: unknown): void }> = [];
  const auth: Auth = {
    cloud: 'global',
    clientId: TOOL_ID,
    redirectOutcome: { kind: 'none' },
    account: () => null,
    signIn: () => new Promise((resolve, reject) => attempts.push({ resolve, reject })),
    getToken: async () => 'token',
    signOut: async () => {},
  };
  return { auth, attempts };
}

async function atSignIn() {
  const { auth, attempts } = pendingAuth();
  let back: (() => void) | null = null;
  const deps: ConnectDeps = {
    loadAuth: async () => ({ createAuth: async () => auth }),
    readTenantSnapshot: async () => {
      throw new Error('not in this test');
    },
    listGroups: async () => ({
      groups: [],
      read: { path: '/groups', status: 'complete', pages: 1, items: 0, httpStatus: null, error: null },
    }),
    fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch,
    now: () => new Date('2026-11-26T06:00:00Z'),
    sessionStorage: storage(),
    localStorage: storage(),
    env: { VITE_CLIENT_ID_GLOBAL: TOOL_ID },
    redirectUri: 'https://app.example/redirect.html',
    isOnline: () => true,
    openSnapshot: async () => true,
    every: () => () => undefined,
    watchReturn(listener) {
      back = listener;
      return () => {
        back = null;
      };
    },
  };
  const state = createConnectState(deps);
  state.setSyncClientId(SYNC_ID);
  expect(await state.continueToSignIn()).toBe(true);
  return { state, attempts, comeBack: () => back?.() };
}

const timedOut = () => new SignInError('timed_out', 'redirect_bridge_timeout');

describe('a sign-in pop-up the admin closed', () => {
  it('coming back offers Cancel and Try again at once; Try again signs in, the old attempt is ignored', async () => {
    const { state, attempts, comeBack } = await atSignIn();
    const first = state.signIn();
    expect(state.signingIn.value).toBe(true);
    expect(state.signInReturned.value).toBe(false);
    comeBack();
    expect(state.signInReturned.value).toBe(true);

    const second = state.signIn();
    expect(attempts).toHaveLength(2);
    expect(state.signInReturned.value).toBe(false);
    // MSAL rejects the replaced pop-up's promise; that says nothing about the new one.
    attempts[0]?.reject(new SignInError('interaction_in_progress_cancelled', ''));
    expect(await first).toBe(false);
    expect(state.problem.value).toBeNull();
    expect(state.signingIn.value).toBe(true);
    attempts[1]?.resolve({ kind: 'signed-in', account: ACCOUNT });
    expect(await second).toBe(true);
    expect(state.signingIn.value).toBe(false);
    expect(state.step.value).toBe('groups');
  });

  it('Cancel ends "Signing in…" at once and the late time-out shows nothing', async () => {
    const { state, attempts, comeBack } = await atSignIn();
    const first = state.signIn();
    comeBack();
    state.cancelSignIn();
    expect(state.signingIn.value).toBe(false);
    expect(state.signInReturned.value).toBe(false);
    attempts[0]?.reject(timedOut());
    expect(await first).toBe(false);
    expect(state.problem.value).toBeNull();
  });

  it('a time-out after the admin came back says the window was closed, not to check the hosting', async () => {
    const { state, attempts, comeBack } = await atSignIn();
    const first = state.signIn();
    comeBack();
    attempts[0]?.reject(timedOut());
    expect(await first).toBe(false);
    expect(state.problem.value?.code).toBe('popup_closed');
    expect(state.problem.value?.message).not.toMatch(/redirect\.html/);
  });

  it('a time-out while the admin stayed in the pop-up is the hosting message', async () => {
    const { state, attempts } = await atSignIn();
    const first = state.signIn();
    attempts[0]?.reject(timedOut());
    expect(await first).toBe(false);
    expect(state.problem.value?.code).toBe('timed_out');
    expect(state.problem.value?.message).toMatch(/redirect\.html/);
  });
});
