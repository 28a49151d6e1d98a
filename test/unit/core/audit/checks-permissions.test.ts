import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  GRAPH_SP_ID,
  grant,
  ROLE,
  readyTenant,
  request,
  SCOPE,
  ungrant,
  unrequest,
} from '../../../support/app-builder.ts';
import { checkOf, runCases } from '../../../support/audit-cases.ts';

describe('application-permissions', () => {
  runCases('application-permissions', [
    { description: 'the three application permissions pass', input: () => {}, expected: { status: 'pass' } },
    {
      description: 'GroupMember.Read.All added as Delegated instead of Application → fail naming it',
      input: (s) => {
        unrequest(s, ROLE['GroupMember.Read.All']);
        request(s, SCOPE['GroupMember.Read.All'], 'Scope');
      },
      expected: {
        status: 'fail',
        fix: [
          'GroupMember.Read.All is added as Type: Delegated',
          'My groups have no users',
          'Remove permission',
          'Application permissions',
          'Grant admin consent for Contoso',
        ],
        evidence: { addedAsDelegated: ['GroupMember.Read.All'], missing: ['GroupMember.Read.All'] },
        link: `/CallAnAPI/appId/${CLIENT_ID}`,
      },
      notes: 'FAQ "My groups have no users", first bullet',
    },
    {
      description: 'all three Delegated → fail naming all three',
      input: (s) => {
        for (const name of ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'] as const) {
          unrequest(s, ROLE[name]);
          request(s, SCOPE[name], 'Scope');
        }
      },
      expected: {
        status: 'fail',
        fix: ['Group.Read.All, GroupMember.Read.All and User.Read.All are added as Type: Delegated'],
        evidence: {
          requestedApplication: [],
          requestedDelegated: ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'],
        },
      },
    },
    {
      description: 'User.Read.All not requested at all → fail',
      input: (s) => {
        unrequest(s, ROLE['User.Read.All']);
      },
      expected: {
        status: 'fail',
        fix: ['User.Read.All is not requested', 'tick User.Read.All'],
        evidence: { addedAsDelegated: [] },
      },
    },
    {
      description: 'no Graph permissions at all → fail',
      input: (s) => {
        if (s.app?.application) s.app.application.requiredResourceAccess = [];
      },
      expected: {
        status: 'fail',
        evidence: { missing: ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'] },
      },
    },
    {
      description: 'Directory.Read.All too → warn (more than needed)',
      input: (s) => {
        request(s, ROLE['Directory.Read.All'], 'Role');
      },
      expected: {
        status: 'warn',
        severity: 'medium',
        fix: ['Directory.Read.All (reads far more than the sync uses)', 'Remove permission'],
        evidence: { moreThanNeeded: [{ name: 'Directory.Read.All', concern: 'broad' }] },
      },
    },
    {
      description: 'a write permission → warn that it can change the directory',
      input: (s) => {
        request(s, ROLE['Group.ReadWrite.All'], 'Role');
      },
      expected: { status: 'warn', fix: ['Group.ReadWrite.All (can change your directory)'] },
    },
    {
      description: 'granted without being listed → warn with Revoke admin consent',
      input: (s) => {
        s.app?.appRoleAssignments.push(grant('Directory.Read.All'));
      },
      expected: {
        status: 'warn',
        fix: ['Other permissions granted for Contoso', 'Revoke admin consent'],
        evidence: { grantedBeyondNeeded: [{ name: 'Directory.Read.All' }] },
      },
    },
    {
      description: 'OrgContact.Read.All and Member.Read.Hidden are never "more than needed"',
      input: (s) => {
        request(s, ROLE['OrgContact.Read.All'], 'Role');
        request(s, ROLE['Member.Read.Hidden'], 'Role');
      },
      expected: { status: 'pass' },
    },
    {
      description: 'an unknown role without Graph’s appRoles is shown by its GUID',
      input: (s) => {
        if (s.app) s.app.graphAppRoles = null;
        request(s, '0e263e50-5827-48a4-b97c-d940288653c7', 'Role');
      },
      expected: { status: 'warn', fix: ['0e263e50-5827-48a4-b97c-d940288653c7'] },
    },
    {
      description: 'a role named by Graph’s appRoles in the snapshot',
      input: (s) => {
        s.app?.graphAppRoles?.push({ id: '0e263e50-5827-48a4-b97c-d940288653c7', value: 'Mail.Send' });
        request(s, '0e263e50-5827-48a4-b97c-d940288653c7', 'Role');
      },
      expected: { status: 'warn', fix: ['Mail.Send (can change your directory)'] },
    },
    {
      description: 'app not read → skip',
      input: (s) => {
        s.app = null;
      },
      expected: { status: 'skip' },
    },
  ]);
});

describe('delegated-user-read', () => {
  runCases('delegated-user-read', [
    {
      description: 'not requested, grants read and empty → pass',
      input: () => {},
      expected: { status: 'pass', evidence: { grantsRead: true } },
    },
    {
      description: 'User.Read (Delegated) left on the registration → fail',
      input: (s) => {
        request(s, SCOPE['User.Read'], 'Scope');
      },
      expected: {
        status: 'fail',
        fix: ['User.Read (Type: Delegated)', 'Remove permission'],
        evidence: { requested: true },
      },
      notes: 'FAQ "My groups have no users", second bullet; Azure adds User.Read to every new registration',
    },
    {
      description: 'a consented User.Read grant without the request → fail naming the grant',
      input: (s) => {
        if (s.app)
          s.app.oauth2PermissionGrants = [
            {
              id: 'grant-1',
              clientId: 'sp',
              consentType: 'AllPrincipals',
              principalId: null,
              resourceId: GRAPH_SP_ID,
              scope: 'openid User.Read',
            },
          ];
      },
      expected: {
        status: 'fail',
        fix: ['Revoke admin consent'],
        evidence: { consentedGrants: [{ id: 'grant-1', consentType: 'AllPrincipals' }] },
      },
    },
    {
      description: 'User.ReadBasic.All is not User.Read',
      input: (s) => {
        if (s.app)
          s.app.oauth2PermissionGrants = [
            {
              id: 'g',
              clientId: 'sp',
              consentType: 'AllPrincipals',
              principalId: null,
              resourceId: GRAPH_SP_ID,
              scope: 'User.ReadBasic.All',
            },
          ];
      },
      expected: { status: 'pass' },
    },
    {
      description: 'grants not read (null) → pass on the registration alone',
      input: (s) => {
        if (s.app) s.app.oauth2PermissionGrants = null;
      },
      expected: { status: 'pass', evidence: { grantsRead: false, consentedGrants: null } },
    },
  ]);
});

describe('admin-consent', () => {
  runCases('admin-consent', [
    { description: 'three grants weeks old → pass', input: () => {}, expected: { status: 'pass' } },
    {
      description: '"Grant admin consent" not clicked → fail naming all three',
      input: (s) => {
        if (s.app) s.app.appRoleAssignments = [];
      },
      expected: {
        status: 'fail',
        fix: [
          'Group.Read.All, GroupMember.Read.All and User.Read.All are not granted',
          'Grant admin consent for Contoso',
        ],
        evidence: { notGranted: ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'] },
        link: `/CallAnAPI/appId/${CLIENT_ID}`,
      },
    },
    {
      description: 'one role not granted → fail',
      input: (s) => {
        ungrant(s, 'User.Read.All');
      },
      expected: { status: 'fail', evidence: { notGranted: ['User.Read.All'] } },
    },
    {
      description: 'a grant on another resource does not count',
      input: (s) => {
        for (const assignment of s.app?.appRoleAssignments ?? []) assignment.resourceId = 'another-api';
      },
      expected: { status: 'fail' },
    },
    {
      description: 'no service principal → fail',
      input: (s) => {
        if (s.app) {
          s.app.servicePrincipal = null;
          s.app.appRoleAssignments = [];
        }
      },
      expected: { status: 'fail', fix: ['no service principal'] },
    },
    {
      description: 'consent 30 minutes before capture → warn about tokens issued earlier',
      input: (s) => {
        ungrant(s, 'GroupMember.Read.All');
        s.app?.appRoleAssignments.push(grant('GroupMember.Read.All', '2026-11-23T05:30:00Z'));
      },
      expected: {
        status: 'warn',
        fix: [
          'GroupMember.Read.All was granted 30 minutes before',
          'Tokens issued earlier keep the old permissions',
        ],
        evidence: { recentGrants: [{ name: 'GroupMember.Read.All', minutesBeforeCapture: 30 }] },
      },
    },
    {
      description: 'consent exactly 60 minutes before capture → pass',
      input: (s) => {
        ungrant(s, 'GroupMember.Read.All');
        s.app?.appRoleAssignments.push(grant('GroupMember.Read.All', '2026-11-23T05:00:00Z'));
      },
      expected: { status: 'pass' },
      notes: 'the spec says "less than 60 minutes": the edge itself is not fresh',
    },
    {
      description: 'consent a millisecond under 60 minutes before capture → warn, as 59 minutes',
      input: (s) => {
        ungrant(s, 'GroupMember.Read.All');
        s.app?.appRoleAssignments.push(grant('GroupMember.Read.All', '2026-11-23T05:00:00.001Z'));
      },
      expected: {
        status: 'warn',
        evidence: { recentGrants: [{ name: 'GroupMember.Read.All', minutesBeforeCapture: 59 }] },
      },
    },
    {
      description: 'consent 61 minutes before capture → pass',
      input: (s) => {
        ungrant(s, 'GroupMember.Read.All');
        s.app?.appRoleAssignments.push(grant('GroupMember.Read.All', '2026-11-23T04:59:00Z'));
      },
      expected: { status: 'pass' },
    },
    {
      description: 'the assignments read failed → skip',
      input: (s) => {
        s.reads.push({
          path: '/servicePrincipals/x/appRoleAssignments',
          status: 'failed',
          pages: 0,
          items: 0,
          httpStatus: 403,
          error: null,
        });
      },
      expected: { status: 'skip', reason: /could not be read/ },
    },
  ]);
});

describe('contacts-permission', () => {
  runCases('contacts-permission', [
    {
      description: 'contacts off → skip',
      input: () => {},
      expected: { status: 'skip', reason: /contacts sync is off/ },
    },
    {
      description: 'contacts on without OrgContact.Read.All → fail',
      input: (s) => {
        s.selection.syncContacts = true;
      },
      expected: {
        status: 'fail',
        fix: ['Application permissions → tick OrgContact.Read.All', 'Grant admin consent'],
        evidence: { requested: false, granted: false },
      },
    },
    {
      description: 'requested but not granted → fail asking only for consent',
      input: (s) => {
        s.selection.syncContacts = true;
        request(s, ROLE['OrgContact.Read.All'], 'Role');
      },
      expected: { status: 'fail', evidence: { requested: true, granted: false } },
    },
    {
      description: 'contacts on with OrgContact.Read.All granted → pass',
      input: (s) => {
        s.selection.syncContacts = true;
        request(s, ROLE['OrgContact.Read.All'], 'Role');
        s.app?.appRoleAssignments.push(grant('OrgContact.Read.All'));
      },
      expected: { status: 'pass' },
    },
  ]);

  it('asks only for consent when OrgContact.Read.All is already requested', () => {
    const snapshot = readyTenant();
    snapshot.selection.syncContacts = true;
    request(snapshot, ROLE['OrgContact.Read.All'], 'Role');
    expect(checkOf(snapshot, 'contacts-permission').fix).not.toContain('+ Add a permission');
  });
});
