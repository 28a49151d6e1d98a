// Sign-in in real Chromium against the fake identity provider, on the production build's
// redirect.html and CSP. Until the app has its "Connect tenant" screen, sign-in is driven through
// the auth harness page (a test fixture compiled from src/auth, served beside dist/).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFakeGraph } from '../support/fake-graph.ts';
import { decodeJwt, FAILURES, type FakeIdpOptions } from '../support/fake-idp.ts';
import { snapshotV1Of, user } from '../support/snapshot-builder.ts';
import type { HarnessOutcome } from './fixtures/auth-harness/protocol.ts';
import { driveHarness, type HarnessDriver, harnessMounts } from './support/auth-harness.ts';
import type { GraphSource } from './support/routes.ts';
import { defineSpec, type E2ETestContext } from './support/spec.ts';
import { DEFAULT_DIST, type E2E } from './support/start-e2e.ts';

type Cloud = 'global' | 'usgov';

const CLIENT_IDS: Readonly<Record<Cloud, string>> = {
  global: '3c3c3c3c-0000-4000-8000-00000000000a',
  usgov: '4d4d4d4d-0000-4000-8000-00000000000b',
};

const BASE_PERMISSIONS = [
  'User.Read',
  'Application.Read.All',
  'GroupMember.Read.All',
  'User.Read.All',
  'LicenseAssignment.Read.All',
];

/** In MSAL's code, not in ours: a start-page script that contains it carries MSAL. */
const MSAL_MARKER = 'uninitialized_public_client_application';

interface Setup {
  readonly e2e: E2E;
  readonly harness: HarnessDriver;
}

async function setUp(
  t: E2ETestContext,
  options: { idp?: FakeIdpOptions; graph?: GraphSource } = {},
): Promise<Setup> {
  const e2e = await t.start({ mounts: await harnessMounts(), ...options });
  return { e2e, harness: driveHarness(e2e) };
}

function value(outcome: HarnessOutcome, what: string): any {
  assert.ok(outcome.ok, `${what}: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function problem(outcome: HarnessOutcome, what: string) {
  assert.ok(!outcome.ok, `${what} should fail: ${JSON.stringify(outcome)}`);
  return outcome.problem;
}

/** Opens the harness and signs in through the pop-up, from a click. */
async function signInWithPopup({ e2e, harness }: Setup, cloud: Cloud): Promise<void> {
  value(await harness.open(cloud, CLIENT_IDS[cloud]), 'ready');
  const popup = e2e.context.waitForEvent('page');
  const signedIn = harness.click({ op: 'signIn' });
  await (await popup).waitForEvent('close');
  assert.equal(value(await signedIn, 'signIn').kind, 'signed-in');
}

/**
 * Waits until tokens issued with a 301 s lifetime are stale for MSAL, which renews 300 s before
 * expiry and counts whole seconds: two seconds are always enough, one is not.
 */
const untilStale = () => new Promise((done) => setTimeout(done, 2_100));

const claimsOf = (token: unknown) => decodeJwt(String(token)) ?? {};

const eventsOf = (e2e: E2E, from = 0) =>
  e2e.idp.events.slice(from).map((e) => `${e.kind} ${e.mode} ${e.outcome}`);

/** Chromium logs a fetch answered 400 (a refused refresh) as a failed load; that one is expected. */
function withoutRefusedLoads(e2e: E2E): void {
  const kept = e2e.consoleErrors.filter((entry) => !/status of 400/.test(entry.text));
  e2e.consoleErrors.splice(0, e2e.consoleErrors.length, ...kept);
}

function assertClean(e2e: E2E): void {
  assert.deepEqual(e2e.cspViolations, [], 'no CSP violations');
  assert.deepEqual(e2e.consoleErrors, [], 'no console errors');
  assert.deepEqual(e2e.blocked, [], 'no request went to an unknown host');
}

export default defineSpec({
  name: 'sign-in',
  tests: [
    {
      name: 'redirect.html and the start page load under the CSP, and the start page carries no MSAL',
      async run(t) {
        // The offline service worker precaches every chunk (MSAL's too) after the first load; that
        // is not the page loading them, so it is kept out of this count.
        const e2e = await t.start({ serviceWorkers: 'block' });
        const status = () => e2e.page.locator('#status').textContent();
        await e2e.page.goto(`${e2e.baseUrl}/redirect.html`);
        await e2e.page.waitForFunction(() =>
          document.getElementById('status')?.textContent?.includes('close this tab'),
        );
        await e2e.page.goto(
          `${e2e.baseUrl}/redirect.html?admin_consent=True&tenant=7e7e7e7e-2222-4222-8222-000000000001`,
        );
        await e2e.page.waitForFunction(() =>
          document.getElementById('status')?.textContent?.includes('Admin consent'),
        );
        assert.match(String(await status()), /Admin consent is granted/);
        await e2e.screenshot('redirect-page-after-admin-consent');
        // Only what the start page itself loads: redirect.html's bridge shares a chunk with MSAL.
        const before = e2e.requests.length;
        await e2e.page.goto(`${e2e.baseUrl}/`);
        await e2e.page.waitForLoadState('networkidle');
        await e2e.screenshot('start-page');
        const scripts = e2e.requests
          .slice(before)
          .filter((url) => url.startsWith(`${e2e.baseUrl}/assets/`) && url.endsWith('.js'));
        assert.ok(scripts.length >= 1, `scripts loaded: ${scripts.join(', ')}`);
        for (const url of scripts.filter((u) => !u.includes('/assets/redirect-'))) {
          const code = await readFile(join(DEFAULT_DIST, new URL(url).pathname), 'utf8');
          assert.ok(!code.includes(MSAL_MARKER), `${url} carries MSAL`);
        }
        assert.deepEqual(e2e.externalHosts(), [], 'no request to a Microsoft host');
        assertClean(e2e);
      },
    },
    {
      name: 'the recorders catch a CSP violation and a request to an unknown host (self-check)',
      async run(t) {
        const e2e = await t.start();
        await e2e.page.goto(`${e2e.baseUrl}/redirect.html`);
        await e2e.page.evaluate(() => {
          const inline = document.createElement('script');
          inline.textContent = 'document.title = "inline ran"';
          document.body.append(inline);
          const image = new Image();
          image.src = 'https://example.invalid/pixel.png';
          document.body.append(image);
        });
        await e2e.page.waitForLoadState('networkidle');
        assert.notEqual(await e2e.page.title(), 'inline ran');
        assert.ok(
          e2e.cspViolations.some((v) => v.directive.startsWith('script-src') && v.source === 'event'),
          JSON.stringify(e2e.cspViolations),
        );
        assert.ok(
          e2e.cspViolations.some((v) => v.directive.startsWith('img-src')),
          JSON.stringify(e2e.cspViolations),
        );
        assert.ok(e2e.consoleErrors.length > 0, 'Chromium logs CSP refusals as console errors');
        // img-src refused it before any request: the catch-all route sees only what CSP lets through.
        assert.deepEqual(e2e.blocked, []);
        await e2e.page.evaluate(() => fetch('https://example.invalid/').catch(() => undefined));
        assert.ok(e2e.cspViolations.some((v) => v.directive.startsWith('connect-src')));
        await assert.rejects(e2e.page.goto('https://example.invalid/'), /ERR_BLOCKED_BY_CLIENT/);
        assert.deepEqual(e2e.blocked, ['https://example.invalid/']);
      },
    },
    {
      name: 'pop-up sign-in on Azure Global; tokens then come from the cache and reach Graph',
      async run(t) {
        const setup = await setUp(t, {
          graph: async (request) =>
            Response.json({ path: new URL(request.url).pathname, displayName: 'Contoso' }),
        });
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'global');
        const token = value(await harness.call({ op: 'getToken' }), 'getToken');
        assert.deepEqual(eventsOf(e2e), ['authorize select_account code', 'token authorization_code tokens']);
        assert.equal(claimsOf(token).aud, 'https://graph.microsoft.com');
        assert.deepEqual(value(await harness.call({ op: 'graph', path: '/organization' }), 'graph'), {
          status: 200,
          body: { path: '/v1.0/organization', displayName: 'Contoso' },
        });
        const storage = value(await harness.call({ op: 'storage' }), 'storage');
        assert.ok(
          storage.session.some((key: string) => key.includes('accesstoken')),
          'tokens in sessionStorage',
        );
        assert.ok(!storage.local.some((key: string) => /token/i.test(key)), 'no token key in localStorage');
        assert.ok(!storage.localValues.includes(String(token).split('.')[1]), 'no token in localStorage');
        await e2e.screenshot('signed-in');
        assertClean(e2e);
      },
    },
    {
      name: 'a blocked pop-up falls back to a redirect sign-in that comes back signed in',
      async run(t) {
        const { e2e, harness } = await setUp(t);
        // Runs on load, with no user gesture: the pop-up blocker refuses the window.
        value(await harness.open('global', CLIENT_IDS.global, { op: 'signIn' }), 'ready');
        const back = value(await harness.next(), 'ready after the redirect');
        assert.equal(back.redirect, 'signed-in');
        assert.equal(back.account.username, 'avery.admin@contoso.example');
        assert.deepEqual(eventsOf(e2e), ['authorize select_account code', 'token authorization_code tokens']);
        // A request's URL has no fragment: the code rode on redirect.html's #fragment, unseen here.
        assert.ok(e2e.requests.includes(e2e.redirectUri), 'came back through redirect.html');
        assert.equal(e2e.context.pages().length, 1, 'no pop-up opened');
        await e2e.screenshot('back-from-redirect');
        assertClean(e2e);
      },
    },
    {
      name: 'silent renewal: a stale access token is refreshed, an expired refresh token renews in the hidden iframe',
      async run(t) {
        const setup = await setUp(t, { idp: { accessTokenLifetimeSeconds: 301 } });
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'global');
        const first = value(await harness.call({ op: 'getToken' }), 'cached token');
        await untilStale();
        const refreshed = value(await harness.call({ op: 'getToken' }), 'refreshed token');
        assert.notEqual(refreshed, first);
        e2e.idp.configure({ refreshFailure: FAILURES.refreshTokenExpired });
        await untilStale();
        const renewed = value(await harness.call({ op: 'getToken' }), 'renewed token');
        assert.notEqual(renewed, refreshed);
        assert.deepEqual(eventsOf(e2e, 2), [
          'token refresh_token tokens',
          'token refresh_token invalid_grant',
          'authorize none code',
          'token authorization_code tokens',
        ]);
        assert.equal(e2e.context.pages().length, 1, 'no pop-up opened');
        withoutRefusedLoads(e2e);
        assertClean(e2e);
      },
    },
    {
      name: 'consent required: the error offers the admin-consent link of the cloud',
      async run(t) {
        const { e2e, harness } = await setUp(t, {
          idp: { granted: ['User.Read'], onMissingConsent: 'refuse' },
        });
        value(await harness.open('global', CLIENT_IDS.global), 'ready');
        const refused = problem(await harness.click({ op: 'signIn' }), 'signIn');
        assert.equal(refused.code, 'consent_required');
        const consentUrl = new URL('https://login.microsoftonline.com/organizations/adminconsent');
        consentUrl.searchParams.set('client_id', CLIENT_IDS.global);
        consentUrl.searchParams.set('redirect_uri', e2e.redirectUri);
        assert.deepEqual(refused.action, {
          kind: 'link',
          label: 'Open the admin-consent page',
          href: consentUrl.href,
        });
        await e2e.screenshot('consent-required');
        assertClean(e2e);
      },
    },
    {
      name: 'incremental consent: a new permission asks once through a pop-up, then comes silently',
      async run(t) {
        const setup = await setUp(t, { idp: { granted: BASE_PERMISSIONS } });
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'global');
        const extra = { op: 'getToken', permissions: ['OrgContact.Read.All'] } as const;
        const popup = e2e.context.waitForEvent('page');
        const asked = harness.click(extra);
        await (await popup).waitForEvent('close');
        const token = value(await asked, 'token with the new permission');
        assert.match(String(claimsOf(token).scp), /\bOrgContact\.Read\.All\b/);
        assert.equal(value(await harness.call(extra), 'the same again'), token, 'served from the cache');
        assert.deepEqual(eventsOf(e2e, 2), [
          'token refresh_token invalid_grant',
          'authorize interactive code',
          'token authorization_code tokens',
        ]);
        withoutRefusedLoads(e2e);
        assertClean(e2e);
      },
    },
    {
      name: 'a pop-up blocked while asking for more consent is explained with the fix',
      async run(t) {
        const setup = await setUp(t, { idp: { granted: BASE_PERMISSIONS } });
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'global');
        // A fresh load (no user gesture) asks for a permission not consented yet.
        const ready = value(
          await harness.open('global', CLIENT_IDS.global, {
            op: 'getToken',
            permissions: ['Member.Read.Hidden'],
          }),
          'ready',
        );
        assert.equal(
          ready.account.username,
          'avery.admin@contoso.example',
          'the session survived the reload',
        );
        const blocked = problem(await harness.next(), 'getToken');
        assert.equal(blocked.code, 'popup_blocked');
        assert.equal(blocked.action?.kind, 'sign-in-redirect');
        await e2e.screenshot('popup-blocked');
        withoutRefusedLoads(e2e);
        assertClean(e2e);
      },
    },
    {
      name: 'US Government: sign-in, renewal and Graph stay on .us hosts',
      async run(t) {
        const fakeGraph = createFakeGraph(snapshotV1Of({ members: { g1: [user('u1')] }, selected: ['g1'] }), {
          baseUrl: 'https://graph.microsoft.us',
        });
        const setup = await setUp(t, { idp: { accessTokenLifetimeSeconds: 301 }, graph: fakeGraph });
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'usgov');
        const token = value(await harness.call({ op: 'getToken' }), 'token');
        assert.equal(claimsOf(token).aud, 'https://graph.microsoft.us');
        await untilStale();
        const graph = value(
          await harness.call({ op: 'graph', path: '/organization?$select=id,displayName' }),
          'graph',
        );
        assert.deepEqual(
          [graph.status, graph.body.value],
          [200, [{ id: 'tenant-1', displayName: 'Contoso' }]],
        );
        assert.equal(fakeGraph.stats.requests, 1);
        assert.deepEqual(fakeGraph.stats.foreignRequests, []);
        assert.deepEqual(eventsOf(e2e), [
          'authorize select_account code',
          'token authorization_code tokens',
          'token refresh_token tokens',
        ]);
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
      name: 'sign-out forgets the session in this tab',
      async run(t) {
        const setup = await setUp(t);
        const { e2e, harness } = setup;
        await signInWithPopup(setup, 'global');
        assert.equal(value(await harness.call({ op: 'signOut' }), 'signOut').account, null);
        const storage = value(await harness.call({ op: 'storage' }), 'storage');
        const left = storage.session.filter((key: string) => /token|account/i.test(key));
        assert.deepEqual(left, [], 'no token or account left in sessionStorage');
        assert.equal(problem(await harness.call({ op: 'getToken' }), 'getToken').code, 'signed_out');
        assertClean(e2e);
      },
    },
  ],
});
