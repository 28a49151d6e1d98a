// Connect state with fakes only (no MSAL, no network): step 1 validation, the 15-group limit,
// Member.Read.Hidden asked only when a hidden group is picked, cancel, error mapping, and the
// redirect round trip through sessionStorage.
import { describe, expect, it, vi } from 'vitest';
import { PENDING_REDIRECT_KEY } from '../../../src/auth/pending-redirect.ts';
import { SignInError } from '../../../src/auth/sign-in-error.ts';
import type { Auth, AuthAccount, RedirectOutcome } from '../../../src/auth/types.ts';
import { snapshotFileText, toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { GraphReadError, type GroupSummary } from '../../../src/graph/index.ts';
import { type ConnectDeps, createConnectState } from '../../../src/state/connect-state.ts';
import { snapshotV1Of, user } from '../../support/snapshot-builder.ts';

const TOOL_ID = '11111111-1111-4111-8111-111111111111';
const SYNC_ID = '22222222-2222-4222-8222-222222222222';
const ACCOUNT: AuthAccount = {
  homeAccountId: 'h',
  tenantId: 'tenant-1',
  username: 'admin@x.example',
  name: null,
};

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

const group = (id: string, extra: Partial<GroupSummary> = {}): GroupSummary => ({
  id,
  displayName: `Group ${id}`,
  securityEnabled: true,
  mailEnabled: false,
  groupTypes: [],
  ...extra,
});

interface FakeAuth extends Auth {
  signInCalls: string[][];
  tokenCalls: Array<{ scopes: readonly string[]; forceRefresh?: boolean; interactive?: boolean }>;
}

function fakeAuth(options: { signInError?: unknown; redirectOutcome?: RedirectOutcome } = {}): FakeAuth {
  const signInCalls: string[][] = [];
  const tokenCalls: FakeAuth['tokenCalls'] = [];
  let account: AuthAccount | null = null;
  return {
    cloud: 'global',
    clientId: TOOL_ID,
    redirectOutcome: options.redirectOutcome ?? { kind: 'none' },
    signInCalls,
    tokenCalls,
    account: () => account,
    signIn(scopes) {
      signInCalls.push([...scopes]);
      if (options.signInError !== undefined) return Promise.reject(options.signInError);
      account = ACCOUNT;
      return Promise.resolve({ kind: 'signed-in', account: ACCOUNT });
    },
    getToken(request) {
      tokenCalls.push(request);
      return Promise.resolve('token');
    },
    signOut: async () => {
      account = null;
    },
  };
}

/** What the fake Graph read gives: a version 1 snapshot, as the reader builds it. */
const READ = snapshotV1Of({ members: { g1: [user('u1')] }, selected: ['g1'] });

function setUp(overrides: Partial<ConnectDeps> = {}, auth = fakeAuth(), groups = [group('g1'), group('g2')]) {
  const opened: string[] = [];
  const session = memoryStorage();
  const local = memoryStorage();
  const deps: ConnectDeps = {
    loadAuth: async () => ({ createAuth: async () => auth }),
    readTenantSnapshot: vi.fn(async () => READ),
    listGroups: vi.fn(async () => ({
      groups,
      read: {
        path: '/groups',
        status: 'complete' as const,
        pages: 1,
        items: groups.length,
        httpStatus: null,
        error: null,
      },
    })),
    fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch,
    now: () => new Date('2026-11-26T06:00:00Z'),
    sessionStorage: session,
    localStorage: local,
    env: { VITE_CLIENT_ID_GLOBAL: TOOL_ID },
    redirectUri: 'https://app.example/redirect.html',
    isOnline: () => true,
    openSnapshot: async (text) => {
      opened.push(text);
      return true;
    },
    every: () => () => undefined,
    ...overrides,
  };
  return { state: createConnectState(deps), deps, auth, opened, session, local };
}

async function signedIn(setup: ReturnType<typeof setUp>) {
  setup.state.setSyncClientId(SYNC_ID);
  expect(await setup.state.continueToSignIn()).toBe(true);
  expect(await setup.state.signIn()).toBe(true);
  await vi.waitFor(() => expect(setup.state.picker.total.value).toBeGreaterThan(0));
}

const readCallingToken: ConnectDeps['readTenantSnapshot'] = async (_request, readDeps) => {
  await readDeps.getToken({ forceRefresh: false });
  return READ;
};

describe('step 1', () => {
  it.each([
    { description: 'empty sync client id', input: '', expected: 'sync_client_id' },
    { description: 'not a GUID', input: 'contoso-sync', expected: 'sync_client_id' },
    { description: 'a GUID', input: ` ${SYNC_ID} `, expected: null },
  ])('$description', async ({ input, expected }) => {
    const { state } = setUp();
    state.setSyncClientId(input);
    expect(await state.continueToSignIn()).toBe(expected === null);
    expect(state.problem.value?.code ?? null).toBe(expected);
    expect(state.step.value).toBe(expected === null ? 'sign-in' : 'setup');
  });

  it('without any client id for the cloud says what to register; an override in localStorage fixes it', async () => {
    const { state, local } = setUp({ env: {} });
    state.setSyncClientId(SYNC_ID);
    expect(await state.continueToSignIn()).toBe(false);
    expect(state.problem.value?.code).toBe('client_id');
    expect(state.saveClientId('global', 'nope').ok).toBe(false);
    expect(state.saveClientId('global', TOOL_ID.toUpperCase()).ok).toBe(true);
    expect(local.getItem('dirsync-preflight.client-id.global')).toBe(TOOL_ID);
    expect(state.clientIds.value.global).toMatchObject({ clientId: TOOL_ID, source: 'override' });
    expect(await state.continueToSignIn()).toBe(true);
  });
});

describe('sign-in and scopes', () => {
  it('signs in from the call with the base scopes (+ options), never Member.Read.Hidden up front', async () => {
    const setup = setUp();
    setup.state.setOption('contacts', true);
    setup.state.setOption('permissionGrants', true);
    await signedIn(setup);
    const scopes = setup.auth.signInCalls[0] ?? [];
    expect(scopes.map((s) => s.replace('https://graph.microsoft.com/', ''))).toEqual([
      'User.Read',
      'Application.Read.All',
      'GroupMember.Read.All',
      'User.Read.All',
      'LicenseAssignment.Read.All',
      'OrgContact.Read.All',
      'Directory.Read.All',
    ]);
    expect(setup.state.step.value).toBe('groups');
  });

  it('signIn calls Auth synchronously (the pop-up must open inside the click)', async () => {
    const setup = setUp();
    setup.state.setSyncClientId(SYNC_ID);
    await setup.state.continueToSignIn();
    void setup.state.signIn();
    expect(setup.auth.signInCalls).toHaveLength(1);
  });

  it('picking a hidden-membership group asks for Member.Read.Hidden once, at that click', async () => {
    const setup = setUp({ readTenantSnapshot: readCallingToken }, fakeAuth(), [
      group('g1'),
      group('h1', { visibility: 'HiddenMembership' }),
      group('h2', { visibility: 'HiddenMembership' }),
    ]);
    await signedIn(setup);
    expect(await setup.state.pickGroup('g1', true)).toBe(true);
    expect(setup.auth.signInCalls).toHaveLength(1);
    const picking = setup.state.pickGroup('h1', true);
    expect(setup.auth.signInCalls).toHaveLength(2);
    expect(setup.auth.signInCalls[1]).toContain('https://graph.microsoft.com/Member.Read.Hidden');
    expect(await picking).toBe(true);
    await setup.state.pickGroup('h2', true);
    expect(setup.auth.signInCalls).toHaveLength(2);
    await setup.state.startRead();
    expect(setup.auth.tokenCalls.at(-1)?.scopes).toContain('https://graph.microsoft.com/Member.Read.Hidden');
    expect(setup.auth.tokenCalls.at(-1)?.interactive).toBe(false);
  });

  it('a refused Member.Read.Hidden unpicks the group and explains; a blocked pop-up keeps it for "sign in in this tab"', async () => {
    const auth = fakeAuth();
    const setup = setUp({}, auth, [group('h1', { visibility: 'HiddenMembership' })]);
    await signedIn(setup);
    auth.signIn = () => Promise.reject(new SignInError('consent_required', 'AADSTS65001: no consent'));
    expect(await setup.state.pickGroup('h1', true)).toBe(false);
    expect(setup.state.picker.selected.value).toEqual([]);
    expect(setup.state.problem.value?.action).toMatchObject({
      kind: 'link',
      href: expect.stringContaining('/tenant-1/adminconsent'),
    });
    auth.signIn = () => Promise.reject(new SignInError('popup_window_error', 'blocked'));
    await setup.state.pickGroup('h1', true);
    expect(setup.state.picker.selected.value.map((item) => item.id)).toEqual(['h1']);
    expect(setup.state.problem.value).toMatchObject({
      code: 'popup_blocked',
      action: { kind: 'sign-in-redirect' },
    });
  });
});

describe('group picker', () => {
  it('takes at most 15 groups; the 16th is refused', async () => {
    const groups = Array.from({ length: 20 }, (_, i) => group(`g${String(i).padStart(2, '0')}`));
    const setup = setUp({}, fakeAuth(), groups);
    await signedIn(setup);
    for (const g of groups.slice(0, 15)) expect(await setup.state.pickGroup(g.id, true)).toBe(true);
    expect(setup.state.picker.full.value).toBe(true);
    expect(await setup.state.pickGroup('g15', true)).toBe(false);
    expect(setup.state.picker.selected.value).toHaveLength(15);
    await setup.state.pickGroup('g00', false);
    expect(setup.state.picker.full.value).toBe(false);
  });

  it('searches name, mail and id; each group carries its kind and needs', async () => {
    const setup = setUp({}, fakeAuth(), [
      group('a1', { displayName: 'All Staff' }),
      group('d1', {
        displayName: 'Sales',
        mail: 'sales@x.example',
        mailEnabled: true,
        securityEnabled: false,
      }),
      group('y1', { displayName: 'Dyn', groupTypes: ['DynamicMembership'] }),
    ]);
    await signedIn(setup);
    setup.state.search('sales@');
    expect(setup.state.picker.matches.value.map((item) => [item.id, item.traits.kindLabel])).toEqual([
      ['d1', 'Distribution list'],
    ]);
    setup.state.search('dyn');
    expect(setup.state.picker.matches.value[0]?.traits.needs).toEqual(['Entra ID P1']);
  });
});

describe('the read', () => {
  it('hands the snapshot text to the report and closes', async () => {
    const setup = setUp();
    await signedIn(setup);
    await setup.state.pickGroup('g2', true);
    setup.state.open();
    expect(await setup.state.startRead()).toBe(true);
    // Opened as writers write it: version 2.
    expect(setup.opened).toEqual([snapshotFileText(toSnapshotV2(READ))]);
    expect(setup.deps.readTenantSnapshot).toHaveBeenCalledWith(
      expect.objectContaining({
        clientId: SYNC_ID,
        groupIds: ['g2'],
        cloud: 'global',
        readPermissionGrants: false,
      }),
      expect.anything(),
    );
    expect(setup.state.visible.value).toBe(false);
  });

  it('cancel aborts the signal at once and opens nothing', async () => {
    let seen: AbortSignal | null = null;
    const setup = setUp({
      readTenantSnapshot: (_request, readDeps) =>
        new Promise((_resolve, reject) => {
          seen = readDeps.signal;
          readDeps.signal.addEventListener('abort', () =>
            reject(new DOMException('cancelled', 'AbortError')),
          );
        }),
    });
    await signedIn(setup);
    await setup.state.pickGroup('g1', true);
    const read = setup.state.startRead();
    expect(setup.state.step.value).toBe('reading');
    setup.state.cancelRead();
    expect((seen as AbortSignal | null)?.aborted).toBe(true);
    expect(await read).toBe(false);
    expect(setup.opened).toEqual([]);
    expect(setup.state.problem.value).toBeNull();
    expect(setup.state.step.value).toBe('groups');
  });

  it.each([
    {
      description: 'no token: the sign-in error explained',
      input: new GraphReadError(
        'token_unavailable',
        'x',
        null,
        new SignInError('interaction_in_progress', ''),
      ),
      expected: 'interaction_in_progress',
    },
    {
      description: 'Graph refused the token',
      input: new GraphReadError('token_refused', 'x', 401),
      expected: 'token_refused',
    },
    {
      description: 'organization 403: suggest Global Reader',
      input: new GraphReadError('organization_unreadable', 'x', 403),
      expected: 'organization_unreadable',
    },
  ])('$description', async ({ input, expected }) => {
    const setup = setUp({ readTenantSnapshot: () => Promise.reject(input) });
    await signedIn(setup);
    await setup.state.pickGroup('g1', true);
    expect(await setup.state.startRead()).toBe(false);
    expect(setup.state.problem.value?.code).toBe(expected);
    if (expected === 'organization_unreadable')
      expect(setup.state.problem.value?.message).toMatch(/Global Reader/);
  });

  it('offline: neither sign-in nor the read starts, and the problem says the network is needed', async () => {
    const setup = setUp();
    await signedIn(setup);
    await setup.state.pickGroup('g1', true);
    setup.state.setOnline(false);
    expect(await setup.state.startRead()).toBe(false);
    expect(setup.state.problem.value?.title).toMatch(/needs the network/);
    expect(setup.deps.readTenantSnapshot).not.toHaveBeenCalled();
  });
});

describe('redirect round trip', () => {
  it('on load, a pending redirect resumes: cloud, form and picked groups come back', async () => {
    const first = setUp();
    first.state.setSyncClientId(SYNC_ID);
    await first.state.continueToSignIn();
    const auth = fakeAuth({ redirectOutcome: { kind: 'signed-in', account: ACCOUNT } });
    first.session.setItem(PENDING_REDIRECT_KEY, JSON.stringify({ cloud: 'global', clientId: TOOL_ID }));
    const second = setUp({ sessionStorage: first.session }, auth);
    expect(second.state.syncClientId.value).toBe(SYNC_ID);
    expect(await second.state.resumeRedirect()).toBe(true);
    expect(second.state.visible.value).toBe(true);
    expect(second.state.step.value).toBe('groups');
    await vi.waitFor(() => expect(second.state.picker.total.value).toBe(2));
  });

  it('a failed redirect sign-in is explained', async () => {
    const auth = fakeAuth({
      redirectOutcome: { kind: 'failed', error: new SignInError('invalid_grant', 'AADSTS50011: redirect') },
    });
    const setup = setUp({}, auth);
    setup.session.setItem(PENDING_REDIRECT_KEY, JSON.stringify({ cloud: 'global', clientId: TOOL_ID }));
    expect(await setup.state.resumeRedirect()).toBe(false);
    expect(setup.state.problem.value?.code).toBe('redirect_uri');
  });
});

describe('read log', () => {
  const GUID_A = '0b3c9e2a-5555-4000-8000-000000000a01';
  const GUID_B = '0b3c9e2a-5555-4000-8000-000000000a02';
  it('keeps the log of a finished read and saves it as .jsonl; before any read there is none', async () => {
    const saved: Array<{ name: string; blob: Blob }> = [];
    const setup = setUp({
      saveFile: (name, blob) => {
        saved.push({ name, blob });
      },
      readTenantSnapshot: async (_request, readDeps) => {
        readDeps.onLog?.({
          time: '2026-11-26T06:00:00.000Z',
          method: 'GET',
          path: '/organization',
          status: 200,
          durationMs: 5,
          bytes: 10,
          retry: 0,
          retryAfter: null,
          requestId: GUID_A,
          clientRequestId: GUID_B,
        });
        return READ;
      },
    });
    expect(setup.state.readLog.value).toBeNull();
    expect(setup.state.downloadReadLog()).toBe(false);
    await signedIn(setup);
    await setup.state.pickGroup('g2', true);
    setup.state.open();
    expect(await setup.state.startRead()).toBe(true);
    expect(setup.state.readLog.value).toEqual({ lines: 1, startedAt: '2026-11-26T06:00:00.000Z' });
    expect(setup.state.downloadReadLog()).toBe(true);
    expect(saved.map((file) => file.name)).toEqual(['graph-read-log-2026-11-26T06-00-00Z.jsonl']);
    const text = await saved[0]?.blob.text();
    expect(JSON.parse(text ?? '')).toMatchObject({ path: '/organization', status: 200, requestId: GUID_A });
  });

  it('keeps the log of a failed read too, for the support case', async () => {
    const setup = setUp({
      readTenantSnapshot: async (_request, readDeps) => {
        readDeps.onLog?.({
          time: '2026-11-26T06:00:00.000Z',
          method: 'GET',
          path: '/organization',
          status: 403,
          durationMs: 5,
          bytes: 10,
          retry: 0,
          retryAfter: null,
          requestId: GUID_A,
          clientRequestId: GUID_B,
        });
        throw new Error('Graph said no');
      },
    });
    await signedIn(setup);
    await setup.state.pickGroup('g2', true);
    setup.state.open();
    expect(await setup.state.startRead()).toBe(false);
    expect(setup.state.problem.value).not.toBeNull();
    expect(setup.state.readLog.value?.lines).toBe(1);
  });
});
