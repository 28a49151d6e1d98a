// "Connect a tenant" through the production build in real Chromium: the admin types this tool's
// client id into the settings field (the build carries none), signs in against the fake IdP, picks
// the demo tenant's groups, and the app reads the fake Graph into the report. The recipient count
// must equal the CLI preview of the same snapshot. A blocked pop-up is made by the test replacing
// window.open in the page (what a strict blocker does: it returns null), never by the app.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runCli } from '../../src/cli/run.ts';
import { classifyGroup } from '../../src/core/audit/classify-groups.ts';
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { DEMO } from '../../src/demo/profiles.ts';
import { createFakeGraph, type FakeGraphOptions } from '../support/fake-graph.ts';
import type { FakeIdpOptions } from '../support/fake-idp.ts';
import { createMemoryIo } from '../support/memory-io.ts';
import { defineSpec, type E2ETestContext } from './support/spec.ts';
import type { E2E } from './support/start-e2e.ts';

type Cloud = 'global' | 'usgov';

const TOOL_CLIENT_IDS: Readonly<Record<Cloud, string>> = {
  global: '5e5e5e5e-0000-4000-8000-00000000000c',
  usgov: '6f6f6f6f-0000-4000-8000-00000000000d',
};
const GRAPH_BASES: Readonly<Record<Cloud, string>> = {
  global: 'https://graph.microsoft.com',
  usgov: 'https://graph.microsoft.us',
};

const BLOCK_POPUPS = 'window.open = () => null;';

function demoSnapshot(cloud: Cloud): SnapshotV1 {
  return generateTenant({ ...DEMO, cloud });
}

const syncClientIdOf = (snapshot: SnapshotV1): string => snapshot.app?.clientId ?? '';

const isHidden = (snapshot: SnapshotV1, id: string): boolean => {
  const group = snapshot.groups.find((g) => g.id === id);
  return group !== undefined && classifyGroup(group).hiddenMembership;
};

/** What `cli preview <snapshot> --json` says the audience is. */
async function cliRecipients(snapshot: SnapshotV1): Promise<number> {
  const io = createMemoryIo({ 'snapshot.json': JSON.stringify(snapshot) });
  const code = await runCli(['preview', 'snapshot.json', '--json'], io);
  assert.equal(code, 0, io.err());
  return (JSON.parse(io.out()) as { audience: { recipients: number } }).audience.recipients;
}

interface Setup {
  readonly e2e: E2E;
  readonly snapshot: SnapshotV1;
  readonly graph: ReturnType<typeof createFakeGraph>;
}

async function setUp(
  t: E2ETestContext,
  cloud: Cloud,
  options: { idp?: FakeIdpOptions; graph?: FakeGraphOptions; blockPopups?: boolean } = {},
): Promise<Setup> {
  const snapshot = demoSnapshot(cloud);
  const graph = createFakeGraph(snapshot, { baseUrl: GRAPH_BASES[cloud], ...options.graph });
  const e2e = await t.start({ graph, ...(options.idp === undefined ? {} : { idp: options.idp }) });
  if (options.blockPopups === true) await e2e.context.addInitScript(BLOCK_POPUPS);
  return { e2e, snapshot, graph };
}

/** Start page → Connect → step 1 filled in → the sign-in button ready for a click. */
async function fillSetup({ e2e, snapshot }: Setup, cloud: Cloud): Promise<void> {
  const { page } = e2e;
  await page.goto(`${e2e.baseUrl}/`);
  await page.getByRole('button', { name: 'Connect a tenant' }).click();
  if (cloud === 'usgov') await page.getByLabel(/Azure Government L4/).check();
  await page.locator('#tool-client-id').fill(TOOL_CLIENT_IDS[cloud]);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('[data-testid=tool-client-id]').waitFor();
  await page.locator('#sync-client-id').fill(syncClientIdOf(snapshot));
  await page.getByRole('button', { name: 'Continue to sign-in' }).click();
  await page.locator('button:has-text("Sign in with Microsoft"):enabled').waitFor();
}

async function signInWithPopup({ e2e }: Setup): Promise<void> {
  const popup = e2e.context.waitForEvent('page');
  await e2e.page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await closed(await popup);
  await waitForGroups(e2e);
}

/** A pop-up may close before a listener is attached; then there is nothing to wait for. */
function closed(page: Page): Promise<void> {
  return new Promise((done) => {
    if (page.isClosed()) done();
    else page.once('close', () => done());
  });
}

async function waitForGroups(e2e: E2E): Promise<void> {
  await e2e.page.getByText(/ groups match/).waitFor();
}

/** Picks groups; a hidden-membership one opens a consent pop-up from the click. */
async function pickGroups({ e2e, snapshot }: Setup, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const box = e2e.page.locator(`[id="pick-${id}"]`);
    if (isHidden(snapshot, id)) {
      const popup = e2e.context.waitForEvent('page');
      await box.check();
      await closed(await popup);
    } else {
      await box.check();
    }
    await e2e.page.locator(`[id="pick-${id}"]:checked:enabled`).waitFor();
  }
}

async function readAndCount(e2e: E2E): Promise<number> {
  await e2e.page.getByRole('button', { name: 'Read the tenant' }).click();
  const count = e2e.page.locator('[data-testid=recipient-count]');
  await count.waitFor();
  return Number((await count.textContent())?.replace(/\D/g, ''));
}

function assertClean(e2e: E2E): void {
  const errors = e2e.consoleErrors.filter((entry) => !/status of (400|401)/.test(entry.text));
  assert.deepEqual(e2e.cspViolations, [], 'no CSP violations');
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(e2e.blocked, [], 'no request went to an unknown host');
}

const eventsOf = (e2e: E2E) => e2e.idp.events.map((e) => `${e.kind} ${e.mode} ${e.outcome}`);

export default defineSpec({
  name: 'connect',
  tests: [
    {
      name: 'pop-up sign-in, the demo groups picked, the read gives the CLI preview’s recipient count',
      async run(t) {
        const setup = await setUp(t, 'global');
        const { e2e, snapshot } = setup;
        await fillSetup(setup, 'global');
        assert.ok(
          e2e.requests.some((url) => url.includes('/assets/create-auth-')),
          'sign-in code loaded on entering the sign-in step',
        );
        await e2e.screenshot('sign-in-step');
        await signInWithPopup(setup);
        const ids = snapshot.selection.groupIds;
        assert.ok(
          ids.some((id) => isHidden(snapshot, id)),
          'the demo selects a hidden-membership group',
        );
        await pickGroups(setup, ids);
        const scopes = e2e.idp.events.flatMap((e) => e.scopes);
        assert.ok(
          scopes.some((s) => s.endsWith('/Member.Read.Hidden')),
          'Member.Read.Hidden asked for',
        );
        assert.ok(
          !e2e.idp.events[0]?.scopes.some((s) => s.endsWith('/Member.Read.Hidden')),
          'but not at the first sign-in',
        );
        await e2e.screenshot('groups-picked');
        const shown = await readAndCount(e2e);
        assert.equal(shown, await cliRecipients(snapshot));
        const verdict = await e2e.page.locator('.verdict-title').first().textContent();
        assert.match(String(verdict), /Not ready/, 'the demo app registration has a planted mistake');
        await e2e.screenshot('report-from-live-read');
        assertClean(e2e);
      },
    },
    {
      name: 'a blocked pop-up falls back to signing in in this tab, and the form comes back filled in',
      async run(t) {
        const setup = await setUp(t, 'global', { blockPopups: true });
        const { e2e, snapshot } = setup;
        await fillSetup(setup, 'global');
        await e2e.page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
        await waitForGroups(e2e);
        assert.equal(e2e.context.pages().length, 1, 'no pop-up opened');
        assert.ok(e2e.requests.includes(e2e.redirectUri), 'came back through redirect.html');
        assert.deepEqual(eventsOf(e2e), ['authorize select_account code', 'token authorization_code tokens']);
        const first = snapshot.selection.groupIds.find((id) => !isHidden(snapshot, id)) ?? '';
        await pickGroups(setup, [first]);
        await e2e.page.getByRole('button', { name: 'Read the tenant' }).click();
        await e2e.page.locator('[data-testid=recipient-count]').waitFor();
        assertClean(e2e);
      },
    },
    {
      name: 'a pop-up blocked while asking for Member.Read.Hidden is explained with “Sign in in this tab”',
      async run(t) {
        const setup = await setUp(t, 'global');
        const { e2e, snapshot } = setup;
        await fillSetup(setup, 'global');
        await signInWithPopup(setup);
        await e2e.page.evaluate(BLOCK_POPUPS);
        const hidden = snapshot.selection.groupIds.find((id) => isHidden(snapshot, id)) ?? '';
        await e2e.page.locator(`[id="pick-${hidden}"]`).check();
        const banner = e2e.page.locator('[data-problem=popup_blocked]');
        await banner.waitFor();
        assert.match(String(await banner.textContent()), /blocked the sign-in window/);
        await banner.getByRole('button', { name: 'Sign in in this tab' }).waitFor();
        await e2e.screenshot('popup-blocked');
        assertClean(e2e);
      },
    },
    {
      name: 'consent required: the error offers the admin-consent link',
      async run(t) {
        const setup = await setUp(t, 'global', {
          idp: { granted: ['User.Read'], onMissingConsent: 'refuse' },
        });
        const { e2e } = setup;
        await fillSetup(setup, 'global');
        const popup = e2e.context.waitForEvent('page');
        await e2e.page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
        await closed(await popup);
        const banner = e2e.page.locator('[data-problem=consent_required]');
        await banner.waitFor();
        const link = banner.getByRole('link', { name: 'Open the admin-consent page' });
        const href = new URL(String(await link.getAttribute('href')));
        assert.equal(
          href.origin + href.pathname,
          'https://login.microsoftonline.com/organizations/adminconsent',
        );
        assert.equal(href.searchParams.get('client_id'), TOOL_CLIENT_IDS.global);
        assert.equal(href.searchParams.get('redirect_uri'), e2e.redirectUri);
        await e2e.screenshot('consent-required');
        assertClean(e2e);
      },
    },
    {
      name: 'the access token expires mid-read: renewed silently, the read completes',
      async run(t) {
        const setup = await setUp(t, 'global', { graph: { expireTokensAfterRequests: 4 } });
        const { e2e, snapshot, graph } = setup;
        await fillSetup(setup, 'global');
        await signInWithPopup(setup);
        const ids = snapshot.selection.groupIds.filter((id) => !isHidden(snapshot, id));
        await pickGroups(setup, ids);
        const pages = e2e.context.pages().length;
        const shown = await readAndCount(e2e);
        assert.equal(
          shown,
          await cliRecipients({ ...snapshot, selection: { ...snapshot.selection, groupIds: ids } }),
        );
        assert.ok(graph.stats.tokens.length >= 2, `tokens seen by Graph: ${graph.stats.tokens.length}`);
        assert.ok(eventsOf(e2e).includes('token refresh_token tokens'), eventsOf(e2e).join(', '));
        assert.equal(e2e.context.pages().length, pages, 'no pop-up opened');
        assertClean(e2e);
      },
    },
    {
      name: 'US Government: sign-in, group list and read stay on .us hosts',
      async run(t) {
        const setup = await setUp(t, 'usgov');
        const { e2e, snapshot } = setup;
        await fillSetup(setup, 'usgov');
        await signInWithPopup(setup);
        const ids = snapshot.selection.groupIds.filter((id) => !isHidden(snapshot, id)).slice(0, 3);
        await pickGroups(setup, ids);
        await readAndCount(e2e);
        assert.ok(e2e.idp.events.every((e) => e.cloud === 'usgov'));
        assert.deepEqual(e2e.externalHosts().sort(), ['graph.microsoft.us', 'login.microsoftonline.us']);
        assert.ok(
          !e2e.requests.some((url) => new URL(url).hostname.endsWith('.com')),
          'no request to a .com host',
        );
        assertClean(e2e);
      },
    },
    {
      name: 'cancel stops the read at once; offline, the Connect card says it needs the network',
      async run(t) {
        const setup = await setUp(t, 'global', { graph: { latencyMs: 300 } });
        const { e2e, snapshot, graph } = setup;
        await fillSetup(setup, 'global');
        await signInWithPopup(setup);
        const ids = snapshot.selection.groupIds.filter((id) => !isHidden(snapshot, id));
        await pickGroups(setup, ids);
        await e2e.page.getByRole('button', { name: 'Read the tenant' }).click();
        await e2e.page.locator('[data-counter=requests]:not(:text-is("0"))').waitFor();
        await e2e.screenshot('reading');
        await e2e.page.getByRole('button', { name: 'Cancel' }).click();
        await e2e.page.getByRole('button', { name: 'Read the tenant' }).waitFor();
        const atCancel = graph.stats.requests;
        await new Promise((done) => setTimeout(done, 1_000));
        assert.ok(
          graph.stats.requests <= atCancel + 4,
          `requests after cancel: ${graph.stats.requests - atCancel}`,
        );
        assert.equal(await e2e.page.locator('[data-testid=recipient-count]').count(), 0, 'no report');
        await e2e.page.getByRole('button', { name: '← Back to the start page' }).click();
        await e2e.context.setOffline(true);
        await e2e.page.getByText('Needs the network').waitFor();
        await e2e.page.getByRole('button', { name: 'Connect a tenant' }).click();
        await e2e.page.getByText('You are offline').waitFor();
        await e2e.context.setOffline(false);
        assertClean(e2e);
      },
    },
  ],
});
