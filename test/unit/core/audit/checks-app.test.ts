import { describe } from 'vitest';
import { applicationOf, CLIENT_ID, SECRET_KEY_ID } from '../../../support/app-builder.ts';
import { runCases } from '../../../support/audit-cases.ts';

const secret = (keyId: string, endDateTime: string) => ({
  keyId,
  displayName: keyId,
  hint: 'abc',
  startDateTime: '2026-01-01T00:00:00Z',
  endDateTime,
});
const certificate = (endDateTime: string) => ({
  keyId: 'cert-1',
  displayName: 'CN=sync',
  type: 'AsymmetricX509Cert',
  usage: 'Verify',
  startDateTime: '2026-01-01T00:00:00Z',
  endDateTime,
});

describe('app-registration', () => {
  runCases('app-registration', [
    {
      description: 'the guide’s setup passes',
      input: () => {},
      expected: { status: 'pass', evidence: { clientId: CLIENT_ID } },
    },
    {
      description: 'app not read at all → skip',
      input: (s) => {
        s.app = null;
      },
      expected: { status: 'skip', reason: /not read/ },
    },
    {
      description: 'no application with the client id → fail with the registration steps',
      input: (s) => {
        if (s.app) s.app.application = null;
      },
      expected: {
        status: 'fail',
        fix: [
          CLIENT_ID,
          '+ New registration',
          'Accounts in this organizational directory only',
          'Redirect URI: skip',
        ],
        link: 'ApplicationsListBlade',
      },
    },
    {
      description: 'the application read failed → skip, not fail',
      input: (s) => {
        if (s.app) s.app.application = null;
        s.reads.push({
          path: '/applications',
          status: 'failed',
          pages: 0,
          items: 0,
          httpStatus: 403,
          error: 'Forbidden',
        });
      },
      expected: { status: 'skip', reason: /HTTP 403/ },
    },
    {
      description: 'another name → warn, rename under Branding & properties',
      input: (s) => {
        applicationOf(s).displayName = 'HQ sync';
      },
      expected: {
        status: 'warn',
        severity: 'low',
        fix: ['Branding & properties', 'Axios HQ Directory Sync'],
        link: `/Branding/appId/${CLIENT_ID}`,
      },
    },
    {
      description: 'the same name in other case passes',
      input: (s) => {
        applicationOf(s).displayName = ' axios hq directory sync ';
      },
      expected: { status: 'pass' },
    },
  ]);
});

describe('sign-in-audience', () => {
  runCases('sign-in-audience', [
    {
      description: 'multitenant → fail, Authentication → Supported account types',
      input: (s) => {
        applicationOf(s).signInAudience = 'AzureADMultipleOrgs';
      },
      expected: {
        status: 'fail',
        fix: ['Authentication', 'Supported account types', 'Accounts in this organizational directory only'],
        link: `/Authentication/appId/${CLIENT_ID}`,
        evidence: { signInAudience: 'AzureADMultipleOrgs' },
      },
    },
    {
      description: 'personal accounts too → fail, mentions the manifest',
      input: (s) => {
        applicationOf(s).signInAudience = 'AzureADandPersonalMicrosoftAccount';
      },
      expected: { status: 'fail', fix: ['Manifest', 'AzureADMyOrg'] },
    },
    {
      description: 'no application → skip',
      input: (s) => {
        if (s.app) s.app.application = null;
      },
      expected: { status: 'skip', reason: /no app registration/ },
    },
  ]);
});

describe('redirect-uris', () => {
  runCases('redirect-uris', [
    {
      description: 'a web redirect URI → warn',
      input: (s) => {
        applicationOf(s).web = { redirectUris: ['https://localhost'] };
      },
      expected: {
        status: 'warn',
        fix: ['Web', 'Authentication'],
        evidence: { count: 1, web: ['https://localhost'] },
      },
    },
    {
      description: 'a spa and a public-client URI → warn naming both platforms',
      input: (s) => {
        applicationOf(s).spa = { redirectUris: ['https://app.example'] };
        applicationOf(s).publicClient = { redirectUris: ['http://localhost'] };
      },
      expected: {
        status: 'warn',
        fix: ['Single-page application', 'Mobile and desktop applications'],
        evidence: { count: 2 },
      },
    },
    {
      description: 'platforms absent altogether → pass',
      input: (s) => {
        const app = applicationOf(s);
        delete app.web;
        delete app.spa;
        delete app.publicClient;
      },
      expected: { status: 'pass' },
    },
  ]);
});

describe('client-secret', () => {
  runCases('client-secret', [
    {
      description: 'a secret valid for two years passes',
      input: () => {},
      expected: { status: 'pass', evidence: { latestKeyId: SECRET_KEY_ID } },
    },
    {
      description: 'every secret expired → fail with rotation steps and "send it again"',
      input: (s) => {
        applicationOf(s).passwordCredentials = [secret('old', '2026-10-01T00:00:00Z')];
      },
      expected: {
        status: 'fail',
        fix: [
          'My directory is not up-to-date',
          '+ New client secret',
          'Send the new Value and Secret ID',
          'Secret ID old',
        ],
        link: `/Credentials/appId/${CLIENT_ID}`,
      },
      notes: 'FAQ "My directory is not up-to-date"',
    },
    {
      description: 'latest secret expires within 30 days → warn naming its Secret ID, hint and end date',
      input: (s) => {
        applicationOf(s).passwordCredentials = [
          secret('soon', '2026-12-03T06:00:00Z'),
          secret('older', '2026-11-30T00:00:00Z'),
        ];
      },
      expected: {
        status: 'warn',
        severity: 'medium',
        fix: ['Secret ID soon', 'abc', '2026-12-03T06:00:00Z', 'in 10 days'],
        evidence: { latestKeyId: 'soon' },
      },
    },
    {
      description: 'a later "now" turns a fine secret into an expiring one',
      input: () => {},
      now: '2028-10-20T00:00:00Z',
      expected: { status: 'warn', fix: [SECRET_KEY_ID] },
    },
    {
      description: 'one expired and one valid secret → pass on the latest',
      input: (s) => {
        applicationOf(s).passwordCredentials = [
          secret('old', '2025-01-01T00:00:00Z'),
          secret('new', '2028-01-01T00:00:00Z'),
        ];
      },
      expected: { status: 'pass', evidence: { latestKeyId: 'new' } },
    },
    {
      description: 'no secret and no certificate → fail',
      input: (s) => {
        applicationOf(s).passwordCredentials = [];
      },
      expected: { status: 'fail', fix: ['no client secret', '+ New client secret', 'Copy the Value'] },
    },
    {
      description: 'only a valid certificate → warn (the vendor asks for a secret)',
      input: (s) => {
        applicationOf(s).passwordCredentials = [];
        applicationOf(s).keyCredentials = [certificate('2028-01-01T00:00:00Z')];
      },
      expected: { status: 'warn', fix: ['certificate but no client secret'] },
    },
    {
      description: 'only an expired certificate → fail',
      input: (s) => {
        applicationOf(s).passwordCredentials = [];
        applicationOf(s).keyCredentials = [certificate('2025-01-01T00:00:00Z')];
      },
      expected: { status: 'fail', fix: ['certificates do not count'] },
    },
    {
      description: 'a valid certificate does not rescue expired secrets',
      input: (s) => {
        applicationOf(s).passwordCredentials = [secret('old', '2026-01-01T00:00:00Z')];
        applicationOf(s).keyCredentials = [certificate('2028-01-01T00:00:00Z')];
      },
      expected: { status: 'fail' },
    },
    {
      description: 'credentials not read → skip',
      input: (s) => {
        const app = applicationOf(s);
        delete app.passwordCredentials;
        delete app.keyCredentials;
      },
      expected: { status: 'skip', reason: /credentials/ },
    },
  ]);
});
