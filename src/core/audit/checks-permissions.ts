// Graph permissions (guide section 4 and the FAQ "My groups have no users"): the three needed ones
// requested as Application permissions, delegated User.Read removed, admin consent granted (and not
// so recently that tokens still carry the old set), and OrgContact.Read.All when contacts sync.

import { plural } from '../plural.ts';
import { type AuditContext, describeRead, failedRead, listWords } from './context.ts';
import { type ExtraPermission, isGranted, NEEDED_PERMISSIONS } from './permissions.ts';
import { CHECK_TITLES, type CheckResult, result, skip } from './types.ts';

const NOT_READ = 'the app registration was not read (no Application (client) ID was given for this snapshot)';

function apiPermissions(context: AuditContext): { place: string; link: string } {
  return {
    place: context.portal.appPlace(context.appName, 'API permissions'),
    link: context.portal.appLink(context.clientId ?? '', 'CallAnAPI'),
  };
}

const grantConsent = (context: AuditContext) =>
  `Grant admin consent for ${context.tenantName} → Yes (a Global Administrator or Privileged Role Administrator can); each line's Status must read "Granted for ${context.tenantName}".`;

const addApplicationPermissions = (names: readonly string[]) =>
  `+ Add a permission → Microsoft Graph → Application permissions → tick ${listWords(names)} → Add permissions.`;

export function checkApplicationPermissions(context: AuditContext): CheckResult {
  const app = context.snapshot.app;
  if (app === null) return skip('application-permissions', NOT_READ);
  if (app.application === null)
    return skip('application-permissions', `there is no app registration with client id ${app.clientId}`);
  const p = context.permissions;
  const { place, link } = apiPermissions(context);
  const describeExtra = (extra: ExtraPermission) =>
    `${extra.name}${extra.concern === 'write' ? ' (can change your directory)' : extra.concern === 'broad' ? ' (reads far more than the sync uses)' : ''}`;
  const evidence = {
    requestedApplication: p.requestedRoles.map((r) => r.name),
    requestedDelegated: p.requestedScopes.map((r) => r.name),
    missing: p.notRequested,
    addedAsDelegated: p.requestedAsDelegated,
    moreThanNeeded: p.extraRequested.map((e) => ({ name: e.name, id: e.id, concern: e.concern })),
    grantedBeyondNeeded: p.extraGranted.map((e) => ({ name: e.name, id: e.id, concern: e.concern })),
    otherApis: p.otherResources,
  };
  if (p.notRequested.length > 0) {
    const lines: string[] = [];
    if (p.requestedAsDelegated.length > 0)
      lines.push(
        `${listWords(p.requestedAsDelegated)} ${p.requestedAsDelegated.length > 1 ? 'are' : 'is'} added as Type: Delegated, but the sync runs without a signed-in user and needs Type: Application. This is the most common cause of "My groups have no users".`,
        `${place} → on each Delegated line (${listWords(p.requestedAsDelegated)}) … (more actions) → Remove permission → Yes, remove.`,
      );
    else
      lines.push(`${listWords(p.notRequested)} ${p.notRequested.length > 1 ? 'are' : 'is'} not requested.`);
    lines.push(
      `${p.requestedAsDelegated.length > 0 ? 'Then ' : `${place} → `}${addApplicationPermissions(p.notRequested)}`,
    );
    lines.push(`Then ${grantConsent(context)}`);
    return result('application-permissions', 'fail', { evidence, fix: lines.join('\n'), portalLink: link });
  }
  const extras = [
    ...p.extraRequested,
    ...p.extraGranted.filter((g) => !p.extraRequested.some((r) => r.name === g.name)),
  ];
  if (extras.length > 0) {
    const unlistedGrants = p.extraGranted.filter((g) => !p.extraRequested.some((r) => r.name === g.name));
    return result('application-permissions', 'warn', {
      evidence,
      severity: extras.some((e) => e.concern !== 'unneeded') ? 'medium' : 'low',
      fix: [
        `The app holds more than the sync needs (${listWords(NEEDED_PERMISSIONS)}, plus OrgContact.Read.All for contacts and Member.Read.Hidden for hidden memberships): ${listWords(extras.map(describeExtra))}. Whoever holds the client secret gets all of it.`,
        `${place} → on each of these lines … (more actions) → Remove permission → Yes, remove.`,
        ...(unlistedGrants.length > 0
          ? [
              `${listWords(unlistedGrants.map((g) => g.name))} ${unlistedGrants.length > 1 ? 'are' : 'is'} still granted without being listed: under "Other permissions granted for ${context.tenantName}" → … (more actions) → Revoke admin consent.`,
            ]
          : []),
      ].join('\n'),
      portalLink: link,
    });
  }
  return result('application-permissions', 'pass', { evidence, portalLink: link });
}

export function checkDelegatedUserRead(context: AuditContext): CheckResult {
  const app = context.snapshot.app;
  if (app === null) return skip('delegated-user-read', NOT_READ);
  const p = context.permissions;
  const grants = p.userReadGrants ?? [];
  const evidence = {
    requested: p.userReadRequested,
    consentedGrants: p.userReadGrants,
    grantsRead: p.userReadGrants !== null,
  };
  if (app.application === null && grants.length === 0)
    return skip('delegated-user-read', `there is no app registration with client id ${app.clientId}`);
  if (!p.userReadRequested && grants.length === 0) return result('delegated-user-read', 'pass', { evidence });
  const { place, link } = apiPermissions(context);
  const lines = [
    'User.Read (Type: Delegated) is still enabled on the app. The guide says to remove it ("Ensure that the User.Read permission is not enabled").',
  ];
  if (p.userReadRequested)
    lines.push(`${place} → User.Read … (more actions) → Remove permission → Yes, remove.`);
  if (grants.length > 0)
    lines.push(
      `It was also consented (${plural(grants.length, 'grant', 'grants')}): under "Other permissions granted for ${context.tenantName}" → User.Read … (more actions) → Revoke admin consent.`,
    );
  return result('delegated-user-read', 'fail', { evidence, fix: lines.join('\n'), portalLink: link });
}

export function checkAdminConsent(context: AuditContext): CheckResult {
  const { snapshot } = context;
  const app = snapshot.app;
  if (app === null) return skip('admin-consent', NOT_READ);
  const read = failedRead(
    snapshot,
    (path) => path.startsWith('/serviceprincipals/') && path.endsWith('/approleassignments'),
  );
  if (read !== undefined) return skip('admin-consent', describeRead(read));
  const p = context.permissions;
  const { place, link } = apiPermissions(context);
  const sp = app.servicePrincipal;
  const evidence = {
    servicePrincipalId: sp?.id ?? null,
    graphServicePrincipalId: app.graphServicePrincipalId ?? null,
    granted: p.granted.map((g) => ({
      name: g.name,
      appRoleId: g.appRoleId,
      createdDateTime: g.createdDateTime,
    })),
    notGranted: p.notGranted,
    capturedAt: snapshot.capturedAt,
  };
  if (sp === null)
    return result('admin-consent', 'fail', {
      evidence,
      fix: `The app has no service principal (enterprise application) in ${context.tenantName}, so no permission can be granted to it. ${place} → ${grantConsent(context)} Consenting creates it.`,
      portalLink: link,
    });
  if (p.notGranted.length > 0) {
    const unrequested = p.notGranted.filter((name) => p.notRequested.includes(name));
    const consentable = p.notGranted.filter((name) => !p.notRequested.includes(name));
    const byCount = (names: readonly string[], one: string, many: string) => (names.length > 1 ? many : one);
    return result('admin-consent', 'fail', {
      evidence,
      fix: [
        `${listWords(p.notGranted)} ${byCount(p.notGranted, 'is', 'are')} not granted as ${byCount(p.notGranted, 'an Application permission', 'Application permissions')}, so Graph answers the sync with no members ("My groups have no users").`,
        ...(unrequested.length > 0
          ? [
              `${listWords(unrequested)} must first be added as ${byCount(unrequested, 'an Application permission', 'Application permissions')} (see the check “${CHECK_TITLES['application-permissions']}”).`,
            ]
          : []),
        ...(consentable.length > 0
          ? [
              `"Grant admin consent" was not clicked after ${listWords(consentable)} ${byCount(consentable, 'was', 'were')} added.`,
            ]
          : []),
        `${place} → ${grantConsent(context)}`,
      ].join('\n'),
      portalLink: link,
    });
  }
  if (p.freshGrants.length > 0) {
    const newest = Math.min(...p.freshGrants.map((g) => g.minutesBeforeCapture));
    return result('admin-consent', 'warn', {
      evidence: {
        ...evidence,
        recentGrants: p.freshGrants.map((g) => ({
          name: g.name,
          createdDateTime: g.createdDateTime,
          minutesBeforeCapture: g.minutesBeforeCapture,
        })),
      },
      severity: 'medium',
      fix: `Consent for ${listWords(p.freshGrants.map((g) => g.name))} was granted ${plural(newest, 'minute', 'minutes')} before this snapshot. Tokens issued earlier keep the old permissions until they expire (about an hour), so a sync right now may still see no members. Wait an hour, then re-sync the group in Axios HQ (Audience → Manage recipients → Manage from directory: deselect the group → Update audience, select it again → Update audience).`,
      portalLink: link,
    });
  }
  return result('admin-consent', 'pass', { evidence, portalLink: link });
}

export function checkContactsPermission(context: AuditContext): CheckResult {
  const { preview } = context;
  if (!preview.selection.syncContacts)
    return skip('contacts-permission', 'contacts sync is off', { syncContacts: false });
  const app = context.snapshot.app;
  if (app === null) return skip('contacts-permission', NOT_READ);
  const p = context.permissions;
  const evidence = {
    syncContacts: true,
    requested: p.requestedRoles.some((r) => r.name === 'OrgContact.Read.All'),
    granted: isGranted(p, 'OrgContact.Read.All'),
    contactsInAudience: preview.audience.reach.items.reduce(
      (n, item) => n + (preview.index.kinds[item] === 2 ? 1 : 0),
      0,
    ),
  };
  if (evidence.granted) return result('contacts-permission', 'pass', { evidence });
  const { place, link } = apiPermissions(context);
  return result('contacts-permission', 'fail', {
    evidence,
    fix: [
      'Contacts sync is on, but the app may not read organizational contacts: Graph returns them with no name or address, and none is synced.',
      `${place} → ${evidence.requested ? '' : `${addApplicationPermissions(['OrgContact.Read.All'])} Then `}${grantConsent(context)}`,
      'Or, if your organization does not use contacts, answer "No, our organization does not leverage Contacts" in the optional fields.',
    ].join('\n'),
    portalLink: link,
  });
}
