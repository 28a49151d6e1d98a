// The "Connect a tenant" path: cloud and client ids, sign-in, the group picker, and the live read
// whose snapshot opens as the report; composed from connect-auth (the sign-in session), connect-read
// (Graph reads), connect-picker and connect-problems. Surprises: a sign-in pop-up opens only inside
// the click, so signIn/pickGroup call Auth with no await first; Member.Read.Hidden is asked for only
// when a hidden-membership group is picked; and a redirect sign-in leaves the page, so the form is
// kept in sessionStorage and resumed on the next load.
import { computed, signal } from '@preact/signals';
import { resolveClientIds, saveClientIdOverride } from '../auth/app-client-ids.ts';
import { scopesFor } from '../auth/clouds.ts';
import { readPendingRedirect } from '../auth/pending-redirect.ts';
import type { SignInOutcome } from '../auth/types.ts';
import { classifyGroup, GROUP_LIMIT } from '../core/audit/classify-groups.ts';
import type { Cloud } from '../core/snapshot-schema.ts';
import { createConnectAuth } from './connect-auth.ts';
import { createPicker } from './connect-picker.ts';
import { createPopupWatch } from './connect-popup.ts';
import {
  type ConnectProblem,
  offlineProblem,
  readDraft,
  readProblem,
  signInProblem,
  syncClientIdProblem,
  writeDraft,
} from './connect-problems.ts';
import { createConnectRead } from './connect-read.ts';

export type { PickerItem } from './connect-picker.ts';
export type { ConnectProblem } from './connect-problems.ts';

import type { ConnectDeps, ConnectOption, ConnectState, ConnectStep } from './connect-types.ts';

export type { ConnectDeps, ConnectOption, ConnectState, ConnectStep } from './connect-types.ts';

const noProblem = null as ConnectProblem | null;

export function createConnectState(deps: ConnectDeps): ConnectState {
  const draft = readDraft(deps.sessionStorage);
  const visible = signal(false);
  const step = signal<ConnectStep>('setup');
  const online = signal(deps.isOnline());
  const cloud = signal<Cloud>(draft?.cloud ?? 'global');
  const clientIds = signal(resolveClientIds(deps.env, deps.localStorage));
  const syncClientId = signal(draft?.syncClientId ?? '');
  const options = signal<Record<ConnectOption, boolean>>({
    contacts: draft?.contacts ?? false,
    usernameFallback: draft?.usernameFallback ?? false,
    permissionGrants: draft?.permissionGrants ?? false,
  });
  const signingIn = signal(false);
  const popup = createPopupWatch(deps.watchReturn);
  const problem = signal(noProblem);
  const session = createConnectAuth(deps.loadAuth, (error) => {
    problem.value = signInProblem(error, facts());
  });
  const { auth, account } = session;
  const picker = createPicker((group) => classifyGroup(group, { memberReadHidden: null, premiumP1: null }));
  const read = createConnectRead(deps, {
    step,
    visible,
    problem,
    picker,
    explain: (error) => readProblem(error, facts()),
  });

  const toolClientId = () => clientIds.value[cloud.value].clientId;
  const syncClientIdError = computed(() => syncClientIdProblem(syncClientId.value, toolClientId()));
  const hiddenSelected = () => picker.selected.value.some((item) => item.traits.hiddenMembership);
  const scopes = (hidden = hiddenSelected()) =>
    scopesFor(cloud.value, {
      contacts: options.value.contacts,
      permissionGrants: options.value.permissionGrants,
      hiddenMembership: hidden,
    });
  const facts = () => ({
    cloud: cloud.value,
    clientId: toolClientId() ?? '',
    redirectUri: deps.redirectUri,
    ...(account.value === null ? {} : { tenantId: account.value.tenantId }),
  });
  const keepDraft = () =>
    writeDraft(deps.sessionStorage, {
      cloud: cloud.value,
      syncClientId: syncClientId.value.trim(),
      ...options.value,
      selected: picker.selected.value.map((item) => item.id),
    });

  /** `resumed`: back from a redirect whose scopes covered the kept selection's hidden groups. */
  const loadGroups = async (keep: readonly string[], resumed: boolean): Promise<void> => {
    const ready = auth.value;
    if (ready === null) return;
    await read.loadGroups(ready, {
      cloud: cloud.value,
      scopes: () => scopes(false),
      keep,
      onListed() {
        if (resumed && hiddenSelected()) session.setHiddenGranted(true);
      },
    });
  };

  const afterSignIn = (outcome: SignInOutcome, keep: readonly string[], resumed: boolean): boolean => {
    if (outcome.kind === 'redirecting') return false;
    account.value = outcome.account;
    step.value = 'groups';
    void loadGroups(keep, resumed);
    return true;
  };

  return {
    visible,
    step,
    online,
    cloud,
    clientIds,
    syncClientId,
    syncClientIdError,
    options,
    authReady: computed(() => auth.value !== null),
    account,
    signingIn,
    signInReturned: popup.returned,
    problem,
    picker,
    progress: read.progress,
    elapsedMs: read.elapsedMs,
    readLog: read.readLog,
    downloadReadLog: () => read.downloadReadLog(),
    open() {
      visible.value = true;
      online.value = deps.isOnline();
    },
    close() {
      read.abort();
      visible.value = false;
    },
    setOnline(next) {
      online.value = next;
    },
    chooseCloud(next) {
      if (next === cloud.value) return;
      cloud.value = next;
      session.forget();
      picker.setGroups([], null, []);
      step.value = 'setup';
    },
    saveClientId(target, value) {
      const saved = saveClientIdOverride(deps.localStorage, target, value);
      if (saved.ok) {
        clientIds.value = resolveClientIds(deps.env, deps.localStorage);
        if (target === cloud.value) session.forget();
      }
      return saved;
    },
    setSyncClientId(value) {
      syncClientId.value = value;
    },
    setOption(option, on) {
      options.value = { ...options.value, [option]: on };
    },
    async continueToSignIn() {
      problem.value = null;
      const clientId = toolClientId();
      if (clientId === null) {
        problem.value = {
          code: 'client_id',
          title: 'This tool has no client id for this cloud',
          message:
            'Register this tool in the tenant (the steps are under “This tool’s app registration”) and enter its Application (client) ID there.',
        };
        return false;
      }
      if (syncClientIdError.value !== null) {
        problem.value = {
          code: 'sync_client_id',
          title: 'Check the sync app',
          message: syncClientIdError.value,
        };
        return false;
      }
      keepDraft();
      step.value = 'sign-in';
      return (
        (await session.prepare({ cloud: cloud.value, clientId, redirectUri: deps.redirectUri })) !== null
      );
    },
    signIn(interaction = 'popup') {
      const ready = auth.value;
      if (ready === null) return Promise.resolve(false);
      if (!online.value) {
        problem.value = offlineProblem();
        return Promise.resolve(false);
      }
      problem.value = null;
      signingIn.value = true;
      const keep = picker.selected.value.map((item) => item.id);
      const hidden = hiddenSelected();
      keepDraft(); // a blocked pop-up falls back to a redirect, which leaves this page
      const attempt = popup.begin();
      // No await before this call: the pop-up must open inside the click.
      return ready.signIn(scopes(), { interaction }).then(
        (outcome) => {
          if (!attempt.end()) return false;
          signingIn.value = outcome.kind === 'redirecting';
          if (outcome.kind === 'signed-in' && hidden) session.setHiddenGranted(true);
          return afterSignIn(outcome, keep, false);
        },
        (error: unknown) => {
          if (!attempt.end()) return false;
          signingIn.value = false;
          problem.value = attempt.explain(signInProblem(error, facts()));
          return false;
        },
      );
    },
    cancelSignIn() {
      popup.cancel();
      signingIn.value = false;
    },
    async signOut() {
      const ready = auth.value;
      read.abort();
      if (ready !== null) await ready.signOut();
      account.value = null;
      session.setHiddenGranted(false);
      picker.setGroups([], null, []);
      step.value = ready === null ? 'setup' : 'sign-in';
    },
    backToSetup() {
      step.value = 'setup';
    },
    search(query) {
      picker.query.value = query;
    },
    pickGroup(id, picked) {
      if (!picked) {
        picker.unpick(id);
        return Promise.resolve(true);
      }
      const item = picker.find(id);
      if (item === null || picker.full.value) return Promise.resolve(false);
      picker.pick(item);
      const ready = auth.value;
      if (!item.traits.hiddenMembership || session.hiddenGranted() || ready === null)
        return Promise.resolve(true);
      // Incremental consent, from the click: Member.Read.Hidden is asked for now, not at sign-in.
      keepDraft();
      signingIn.value = true;
      // No silent redirect mid-pick: a blocked pop-up is explained, with "sign in in this tab".
      return ready.signIn(scopes(true), { fallbackToRedirect: false }).then(
        (outcome) => {
          signingIn.value = outcome.kind === 'redirecting';
          session.setHiddenGranted(outcome.kind === 'signed-in');
          return session.hiddenGranted();
        },
        (error: unknown) => {
          signingIn.value = false;
          const explained = signInProblem(error, facts());
          // Kept when the fix is signing in in this tab, so that sign-in asks for Member.Read.Hidden.
          if (explained.code !== 'popup_blocked') picker.unpick(id);
          problem.value = explained;
          return false;
        },
      );
    },
    async startRead() {
      const ready = auth.value;
      const ids = picker.selected.value.map((item) => item.id);
      if (ready === null || ids.length === 0) return false;
      if (!online.value) {
        problem.value = offlineProblem();
        return false;
      }
      return read.readTenant(
        ready,
        {
          clientId: syncClientId.value.trim(),
          groupIds: ids,
          syncContacts: options.value.contacts,
          usernameFallback: options.value.usernameFallback,
          cloud: cloud.value,
          readPermissionGrants: options.value.permissionGrants,
        },
        scopes(),
      );
    },
    cancelRead() {
      read.abort();
      step.value = 'groups';
    },
    dismissProblem() {
      problem.value = null;
    },
    async resumeRedirect() {
      const pending = readPendingRedirect(deps.sessionStorage);
      if (pending === null) return false;
      visible.value = true;
      cloud.value = pending.cloud;
      step.value = 'sign-in';
      const ready = await session.prepare({ ...pending, redirectUri: deps.redirectUri });
      if (ready === null) return false;
      const outcome = ready.redirectOutcome;
      if (outcome.kind === 'failed') {
        problem.value = signInProblem(outcome.error, facts());
        return false;
      }
      if (outcome.kind === 'none') return false;
      return afterSignIn(outcome, readDraft(deps.sessionStorage)?.selected ?? [], true);
    },
  };
}

export { GROUP_LIMIT };
