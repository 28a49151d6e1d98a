// The app registration itself (guide sections 2 and 6): that it exists under the client id, is
// single-tenant, has no redirect URIs, and holds a client secret that has not run out. Certificates
// are reported but do not count: the vendor signs in with a secret.

import { plural } from '../plural.ts';
import type { SnapshotApplication } from '../snapshot-schema.ts';
import { type AuditContext, describeRead, failedRead, SUGGESTED_APP_NAME } from './context.ts';
import { rotationSteps, type SecretInfo } from './secrets.ts';
import { type CheckResult, result, skip } from './types.ts';

const NOT_READ = 'the app registration was not read (no Application (client) ID was given for this snapshot)';

/** The application under audit, or the skip result that says why there is none to judge. */
function applicationOr(context: AuditContext, id: CheckResult['id']): SnapshotApplication | CheckResult {
  const app = context.snapshot.app;
  if (app === null) return skip(id, NOT_READ);
  if (app.application === null)
    return skip(id, `there is no app registration with client id ${app.clientId} (see app-registration)`);
  return app.application;
}

const isResult = (value: SnapshotApplication | CheckResult): value is CheckResult => 'status' in value;

export function checkAppRegistration(context: AuditContext): CheckResult {
  const { snapshot, portal, tenantName } = context;
  const app = snapshot.app;
  if (app === null) return skip('app-registration', NOT_READ);
  const read = failedRead(snapshot, (path) => path === '/applications');
  if (read !== undefined && app.application === null)
    return skip('app-registration', describeRead(read), { clientId: app.clientId });
  const application = app.application;
  if (application === null) {
    return result('app-registration', 'fail', {
      evidence: { clientId: app.clientId, tenantId: snapshot.tenant.id, tenantName },
      fix: [
        `No app registration in ${tenantName} has the Application (client) ID ${app.clientId}.`,
        `Check the ID: ${portal.appPlace('All applications')} → open the app → Overview → Application (client) ID, and read the tenant again with that ID.`,
        `If the app does not exist yet, register it: App registrations → + New registration → Name: ${SUGGESTED_APP_NAME}, Supported account types: Accounts in this organizational directory only, Redirect URI: skip this section → Register.`,
      ].join('\n'),
      portalLink: portal.appRegistrationsLink(),
    });
  }
  const name = application.displayName ?? null;
  const evidence = {
    clientId: app.clientId,
    objectId: application.id ?? null,
    displayName: name,
    createdDateTime: application.createdDateTime ?? null,
    suggestedName: SUGGESTED_APP_NAME,
  };
  if ((name ?? '').trim().toLowerCase() === SUGGESTED_APP_NAME.toLowerCase())
    return result('app-registration', 'pass', {
      evidence,
      portalLink: portal.appLink(app.clientId, 'Overview'),
    });
  return result('app-registration', 'warn', {
    evidence,
    severity: 'low',
    fix: `The app is named "${name ?? ''}", not the suggested "${SUGGESTED_APP_NAME}", which makes it harder for the next admin and Axios HQ support to find. Rename it: ${portal.appPlace(name ?? app.clientId, 'Branding & properties')} → Name: ${SUGGESTED_APP_NAME} → Save.`,
    portalLink: portal.appLink(app.clientId, 'Branding'),
  });
}

const AUDIENCE_LABELS: Record<string, string> = {
  AzureADMyOrg: 'Accounts in this organizational directory only (single tenant)',
  AzureADMultipleOrgs: 'Accounts in any organizational directory (multitenant)',
  AzureADandPersonalMicrosoftAccount:
    'Accounts in any organizational directory and personal Microsoft accounts',
  PersonalMicrosoftAccount: 'Personal Microsoft accounts only',
};

export function checkSignInAudience(context: AuditContext): CheckResult {
  const application = applicationOr(context, 'sign-in-audience');
  if (isResult(application)) return application;
  const audience = application.signInAudience;
  if (audience === undefined)
    return skip('sign-in-audience', 'the snapshot did not read the registration’s signInAudience');
  const appId = context.clientId ?? '';
  const evidence = {
    signInAudience: audience,
    meaning: audience === null ? null : (AUDIENCE_LABELS[audience] ?? audience),
    expected: 'AzureADMyOrg',
  };
  if (audience === 'AzureADMyOrg') return result('sign-in-audience', 'pass', { evidence });
  return result('sign-in-audience', 'fail', {
    evidence,
    fix: [
      `The app accepts "${evidence.meaning ?? 'unknown'}"; the guide registers it for "Accounts in this organizational directory only", so only ${context.tenantName} can use it.`,
      `${context.portal.appPlace(context.appName, 'Authentication')} → Supported account types → Accounts in this organizational directory only → Save.`,
      'If that choice is greyed out (apps that allow personal Microsoft accounts), set "signInAudience": "AzureADMyOrg" under Manifest instead, or register a new app as the guide says.',
    ].join('\n'),
    portalLink: context.portal.appLink(appId, 'Authentication'),
  });
}

export function checkRedirectUris(context: AuditContext): CheckResult {
  const application = applicationOr(context, 'redirect-uris');
  if (isResult(application)) return application;
  const uris = {
    web: application.web?.redirectUris ?? [],
    spa: application.spa?.redirectUris ?? [],
    publicClient: application.publicClient?.redirectUris ?? [],
  };
  const total = uris.web.length + uris.spa.length + uris.publicClient.length;
  const evidence = { ...uris, count: total };
  if (total === 0) return result('redirect-uris', 'pass', { evidence });
  const platforms = [
    uris.web.length > 0 ? 'Web' : '',
    uris.spa.length > 0 ? 'Single-page application' : '',
    uris.publicClient.length > 0 ? 'Mobile and desktop applications' : '',
  ].filter((p) => p !== '');
  return result('redirect-uris', 'warn', {
    evidence,
    fix: `The guide says to skip the Redirect URI: the sync signs in as the app itself and never sends anyone to a redirect URI, so ${plural(total, 'redirect URI only widens', 'redirect URIs only widen')} what the app can be used for. ${context.portal.appPlace(context.appName, 'Authentication')} → under ${platforms.join(', ')} delete each redirect URI (or remove the platform) → Save.`,
    portalLink: context.portal.appLink(context.clientId ?? '', 'Authentication'),
  });
}

const secretEvidence = (secret: SecretInfo) => ({
  keyId: secret.keyId,
  displayName: secret.displayName,
  hint: secret.hint,
  startDateTime: secret.startDateTime,
  endDateTime: secret.endDateTime,
  daysLeft: secret.daysLeft,
  state: secret.state,
});

export function checkClientSecret(context: AuditContext): CheckResult {
  const application = applicationOr(context, 'client-secret');
  if (isResult(application)) return application;
  const { secrets, certificates, latest, read } = context.secrets;
  if (!read) return skip('client-secret', 'the snapshot did not read the registration’s credentials');
  const place = context.portal.appPlace(context.appName, 'Certificates & secrets', 'Client secrets');
  const portalLink = context.portal.appLink(context.clientId ?? '', 'Credentials');
  const evidence = {
    secrets: secrets.map(secretEvidence),
    certificates: certificates.map((c) => ({
      keyId: c.keyId,
      displayName: c.displayName,
      endDateTime: c.endDateTime,
      daysLeft: c.daysLeft,
      state: c.state,
    })),
    latestKeyId: latest?.keyId ?? null,
    asOf: context.now.toISOString(),
  };
  const newSecret = `${place} → + New client secret: give it a description and choose the longest expiry offered → Add. Copy the Value right away (it is shown only once) and the Secret ID, and provide both to Axios HQ.`;
  if (latest === null) {
    const validCertificate = certificates.some((c) => c.state !== 'expired');
    if (validCertificate)
      return result('client-secret', 'warn', {
        evidence,
        severity: 'medium',
        fix: `The app has a certificate but no client secret, and Axios HQ signs in with a secret. ${newSecret}`,
        portalLink,
      });
    return result('client-secret', 'fail', {
      evidence,
      fix: `The app has no client secret${certificates.length > 0 ? ' (certificates do not count: Axios HQ uses a secret)' : ''}, so Axios HQ cannot sign in as it. ${newSecret}`,
      portalLink,
    });
  }
  const ends = (s: SecretInfo) =>
    `Secret ID ${s.keyId ?? '(none)'}${s.hint ? ` (value starts with ${s.hint})` : ''}, ends ${s.endDateTime ?? 'never'}`;
  if (latest.state === 'expired')
    return result('client-secret', 'fail', {
      evidence,
      fix: `Every client secret has expired (the latest: ${ends(latest)}), so the sync can no longer read your directory ("My directory is not up-to-date"). Replace it:\n${rotationSteps(place)}`,
      portalLink,
    });
  if (latest.state === 'expiring')
    return result('client-secret', 'warn', {
      evidence,
      severity: 'medium',
      fix: `The client secret with the latest end date expires in ${plural(latest.daysLeft ?? 0, 'day', 'days')} (${ends(latest)}); when it does, the sync stops. Replace it before then:\n${rotationSteps(place)}`,
      portalLink,
    });
  return result('client-secret', 'pass', { evidence, portalLink });
}
