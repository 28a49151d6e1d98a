// A fully ready tenant for audit tests: the app registration exactly as the setup guide leaves it
// (three Graph application permissions granted, a long-lived secret, no redirect URIs), an Entra ID
// P1 licence, and groups carrying every attribute of the guide's "Review attributes" table. Each
// call returns a fresh copy, so a test case breaks one thing by mutating it.
import type { Snapshot, SnapshotApp, SnapshotGroup } from '../../src/core/snapshot-schema.ts';
import { toSnapshotV2 } from '../../src/core/snapshot-v2.ts';
import { groupRef, type SnapshotParts, snapshotV1Of, user } from './snapshot-builder.ts';

export const CLIENT_ID = '5e2c7a10-0000-4000-8000-00000000c11e';
export const GRAPH_SP_ID = '9a000000-0000-4000-8000-00000000a9a9';
export const SYNC_SP_ID = '5b000000-0000-4000-8000-000000005b5b';
export const SECRET_KEY_ID = '7c000000-0000-4000-8000-0000000000c7';
export const CAPTURED_AT = '2026-11-23T06:00:00Z';

/** Graph permission ids from readiness-checks.md, by name and type. */
export const ROLE = {
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'OrgContact.Read.All': 'e1a88a34-94c4-4418-be12-c87b00e26bea',
  'Member.Read.Hidden': '658aa5d8-239f-45c4-aa12-864f4fc7e490',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Group.ReadWrite.All': '62a82d76-70ea-41e2-9197-370581804d09',
} as const;
export const SCOPE = {
  'Group.Read.All': '5f8c59db-677d-491f-a6b8-5f174b11ec1d',
  'GroupMember.Read.All': 'bc024368-1153-4739-b217-4326f2e966d0',
  'User.Read.All': 'a154be20-db9c-4678-8ab7-66f6cc099a59',
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
} as const;

export type RoleName = keyof typeof ROLE;
const NEEDED: RoleName[] = ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'];

/** An appRoleAssignment of a Graph application permission to the sync app, made `daysAgo` before capture. */
export function grant(name: RoleName, createdDateTime = '2026-11-01T09:00:00Z') {
  return {
    id: `assignment-${name}`,
    appRoleId: ROLE[name],
    resourceId: GRAPH_SP_ID,
    principalId: SYNC_SP_ID,
    resourceDisplayName: 'Microsoft Graph',
    createdDateTime,
  };
}

export function readyApp(): SnapshotApp {
  return {
    clientId: CLIENT_ID,
    application: {
      id: 'app-object-1',
      appId: CLIENT_ID,
      displayName: 'Axios HQ Directory Sync',
      signInAudience: 'AzureADMyOrg',
      createdDateTime: '2026-11-01T08:00:00Z',
      requiredResourceAccess: [
        {
          resourceAppId: '00000003-0000-0000-c000-000000000000',
          resourceAccess: NEEDED.map((name) => ({ id: ROLE[name], type: 'Role' })),
        },
      ],
      passwordCredentials: [
        {
          keyId: SECRET_KEY_ID,
          displayName: 'Axios HQ',
          hint: 'Q~x',
          startDateTime: '2026-11-01T08:05:00Z',
          endDateTime: '2028-11-01T08:05:00Z',
        },
      ],
      keyCredentials: [],
      web: { redirectUris: [] },
      spa: { redirectUris: [] },
      publicClient: { redirectUris: [] },
    },
    servicePrincipal: {
      id: SYNC_SP_ID,
      appId: CLIENT_ID,
      displayName: 'Axios HQ Directory Sync',
      accountEnabled: true,
    },
    appRoleAssignments: NEEDED.map((name) => grant(name)),
    oauth2PermissionGrants: [],
    graphServicePrincipalId: GRAPH_SP_ID,
    graphAppRoles: Object.entries(ROLE).map(([value, id]) => ({ id, value })),
  };
}

export const P1_SKU = {
  skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
  skuPartNumber: 'AAD_PREMIUM',
  capabilityStatus: 'Enabled',
  servicePlans: [
    {
      servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
      servicePlanName: 'AAD_PREMIUM',
      provisioningStatus: 'Success',
      appliesTo: 'User',
    },
  ],
};

/** A group with every attribute the guide's table names (a cloud security group unless told otherwise). */
export function fullGroup(id: string, attrs: Record<string, unknown> = {}): SnapshotGroup {
  return {
    '@odata.type': '#microsoft.graph.group',
    id,
    displayName: `Group ${id}`,
    description: null,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    visibility: null,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    ...attrs,
  };
}

/**
 * A ready tenant: `members` (default: all-staff g1 nesting g2) with full group objects and complete
 * reads. `groupAttrs` gives attributes per group id (e.g. dynamic membership).
 */
export function readyTenant(
  parts: Partial<SnapshotParts> & { groupAttrs?: Record<string, Record<string, unknown>> } = {},
): Snapshot {
  const members = parts.members ?? {
    g1: [user('u1'), user('u2'), groupRef('g2')],
    g2: [user('u3')],
  };
  const snapshot = snapshotV1Of({ members, selected: parts.selected ?? ['g1'], ...withoutGroups(parts) });
  snapshot.capturedAt = CAPTURED_AT;
  snapshot.app = readyApp();
  snapshot.subscribedSkus = [structuredClone(P1_SKU)];
  snapshot.groups = Object.keys(members).map((id) => fullGroup(id, parts.groupAttrs?.[id] ?? {}));
  snapshot.reads = [
    { path: '/organization', status: 'complete', pages: 1, items: 1, httpStatus: null, error: null },
    { path: '/applications', status: 'complete', pages: 1, items: 1, httpStatus: null, error: null },
    { path: '/subscribedSkus', status: 'complete', pages: 1, items: 1, httpStatus: null, error: null },
    ...Object.keys(members).map((id) => ({
      path: `/groups/${id}/members`,
      status: 'complete' as const,
      pages: 1,
      items: members[id]?.length ?? 0,
      httpStatus: null,
      error: null,
    })),
  ];
  return structuredClone(toSnapshotV2(snapshot));
}

function withoutGroups(parts: Partial<SnapshotParts>): Omit<SnapshotParts, 'members' | 'selected'> {
  const { members: _m, selected: _s, ...rest } = parts as SnapshotParts;
  return rest;
}

/** The application object of a snapshot built here (it is never null in a ready tenant). */
export function applicationOf(snapshot: Snapshot) {
  const application = snapshot.app?.application;
  if (!application) throw new Error('the snapshot has no application');
  return application;
}

/** Adds a Graph permission request to the registration. */
export function request(snapshot: Snapshot, id: string, type: 'Role' | 'Scope'): void {
  const graph = applicationOf(snapshot).requiredResourceAccess?.[0];
  graph?.resourceAccess.push({ id, type });
}

/** Removes a Graph permission request (by id) from the registration. */
export function unrequest(snapshot: Snapshot, id: string): void {
  const graph = applicationOf(snapshot).requiredResourceAccess?.[0];
  if (graph) graph.resourceAccess = graph.resourceAccess.filter((access) => access.id !== id);
}

/** Removes the grant of an application permission. */
export function ungrant(snapshot: Snapshot, name: RoleName): void {
  if (snapshot.app)
    snapshot.app.appRoleAssignments = snapshot.app.appRoleAssignments.filter(
      (a) => a.appRoleId !== ROLE[name],
    );
}
