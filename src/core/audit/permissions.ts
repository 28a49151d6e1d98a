// What the sync app asks Microsoft Graph for and what it was given, which the portal shows on two
// different pages. "Requested" = the application's requiredResourceAccess for Graph; "granted" = an
// appRoleAssignment on the app's service principal whose resourceId is Graph's service principal.
// Only application permissions (Role) count for a daemon: a Delegated (Scope) entry with the same
// name is the classic mistake behind "My groups have no users".
import { GRAPH_APP_ID, idKey } from '../ids.ts';
import type { Snapshot } from '../snapshot-schema.ts';

export { GRAPH_APP_ID };

export interface GraphPermission {
  name: string;
  /** Application permission (appRole) id, or null when Graph has none. */
  roleId: string | null;
  /** Delegated permission (oauth2PermissionScope) id, or null when Graph has none. */
  scopeId: string | null;
}

/** readiness-checks.md's GUID table. */
export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  {
    name: 'Group.Read.All',
    roleId: '5b567255-7703-4780-807c-7be8301ae99b',
    scopeId: '5f8c59db-677d-491f-a6b8-5f174b11ec1d',
  },
  {
    name: 'GroupMember.Read.All',
    roleId: '98830695-27a2-44f7-8c18-0c3ebc9698f6',
    scopeId: 'bc024368-1153-4739-b217-4326f2e966d0',
  },
  {
    name: 'User.Read.All',
    roleId: 'df021288-bdef-4463-88db-98f22de89214',
    scopeId: 'a154be20-db9c-4678-8ab7-66f6cc099a59',
  },
  {
    name: 'OrgContact.Read.All',
    roleId: 'e1a88a34-94c4-4418-be12-c87b00e26bea',
    scopeId: '08432d1b-5911-483c-86df-7980af5cdee0',
  },
  {
    name: 'Member.Read.Hidden',
    roleId: '658aa5d8-239f-45c4-aa12-864f4fc7e490',
    scopeId: 'f6a3db3e-f7e8-4ed2-a414-557c8c9830be',
  },
  { name: 'User.Read', roleId: null, scopeId: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d' },
];

/** The three application permissions the guide's section 4 adds. */
export const NEEDED_PERMISSIONS = ['Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'] as const;
/** Application permissions that are welcome when a feature needs them, never "more than needed". */
export const OPTIONAL_PERMISSIONS = ['OrgContact.Read.All', 'Member.Read.Hidden'] as const;
export const USER_READ_SCOPE_ID = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';

/** A consent (appRoleAssignment) younger than this before the capture may not be in tokens yet. */
export const FRESH_GRANT_MINUTES = 60;

export type PermissionType = 'Role' | 'Scope';

export interface RequestedPermission {
  id: string;
  name: string;
  type: PermissionType | string;
}

export interface GrantedRole {
  appRoleId: string;
  name: string;
  assignmentId: string | null;
  createdDateTime: string | null;
}

export interface ExtraPermission extends RequestedPermission {
  /** Why it is more than needed: it can change the directory, or it reads far more than the sync uses. */
  concern: 'write' | 'broad' | 'unneeded';
}

export interface PermissionAnalysis {
  /** Requested application permissions for Graph. */
  requestedRoles: RequestedPermission[];
  /** Requested delegated permissions for Graph. */
  requestedScopes: RequestedPermission[];
  /** Other APIs the registration asks for (by appId), with how many permissions. */
  otherResources: Array<{ resourceAppId: string; permissions: number }>;
  /** Application permissions granted on Graph. */
  granted: GrantedRole[];
  /** Needed permissions not requested as Application permissions. */
  notRequested: string[];
  /** Needed permissions requested as Delegated instead (a subset of notRequested). */
  requestedAsDelegated: string[];
  /** Needed permissions without an appRoleAssignment. */
  notGranted: string[];
  /** Requested application permissions beyond the needed and optional ones. */
  extraRequested: ExtraPermission[];
  /** Granted application permissions beyond the needed and optional ones (they work even when unlisted). */
  extraGranted: ExtraPermission[];
  userReadRequested: boolean;
  /** Consented delegated User.Read grants; null when oauth2PermissionGrants was not read. */
  userReadGrants: Array<{ id: string | null; consentType: string | null; principalId: string | null }> | null;
  /** Needed or optional grants created less than FRESH_GRANT_MINUTES before the capture. */
  freshGrants: Array<GrantedRole & { minutesBeforeCapture: number }>;
}

const ROLE_BY_ID = new Map(GRAPH_PERMISSIONS.filter((p) => p.roleId).map((p) => [idKey(p.roleId ?? ''), p]));
const SCOPE_BY_ID = new Map(
  GRAPH_PERMISSIONS.filter((p) => p.scopeId).map((p) => [idKey(p.scopeId ?? ''), p]),
);

/** A permission's name: from Graph's own appRoles in the snapshot, else the spec's table, else the GUID. */
export function permissionName(snapshot: Snapshot, id: string, type: string = 'Role'): string {
  const key = idKey(id);
  if (type === 'Role') {
    const role = snapshot.app?.graphAppRoles?.find((r) => idKey(r.id) === key);
    if (role?.value) return role.value;
    return ROLE_BY_ID.get(key)?.name ?? id;
  }
  return SCOPE_BY_ID.get(key)?.name ?? ROLE_BY_ID.get(key)?.name ?? id;
}

const WRITE_PATTERN = /ReadWrite|\.Write|\.Send|\.Manage|\.Create|\.Delete|\.Invite|FullControl|\.Import/i;
const BROAD_NAMES = new Set(['directory.read.all', 'directory.accessasuser.all']);

function concernOf(name: string): ExtraPermission['concern'] {
  if (WRITE_PATTERN.test(name)) return 'write';
  if (BROAD_NAMES.has(name.toLowerCase())) return 'broad';
  return 'unneeded';
}

const isAllowed = (name: string): boolean =>
  (NEEDED_PERMISSIONS as readonly string[]).includes(name) ||
  (OPTIONAL_PERMISSIONS as readonly string[]).includes(name);

export function analyzePermissions(snapshot: Snapshot): PermissionAnalysis {
  const app = snapshot.app;
  const requestedRoles: RequestedPermission[] = [];
  const requestedScopes: RequestedPermission[] = [];
  const otherResources: PermissionAnalysis['otherResources'] = [];
  for (const resource of app?.application?.requiredResourceAccess ?? []) {
    if (idKey(resource.resourceAppId) !== GRAPH_APP_ID) {
      otherResources.push({
        resourceAppId: resource.resourceAppId,
        permissions: resource.resourceAccess.length,
      });
      continue;
    }
    for (const access of resource.resourceAccess) {
      const entry = {
        id: access.id,
        name: permissionName(snapshot, access.id, access.type),
        type: access.type,
      };
      if (access.type === 'Role') requestedRoles.push(entry);
      else requestedScopes.push(entry);
    }
  }
  const graphSp = app?.graphServicePrincipalId ? idKey(app.graphServicePrincipalId) : null;
  const granted: GrantedRole[] = (app?.appRoleAssignments ?? [])
    .filter((assignment) => graphSp !== null && idKey(assignment.resourceId) === graphSp)
    .map((assignment) => ({
      appRoleId: assignment.appRoleId,
      name: permissionName(snapshot, assignment.appRoleId, 'Role'),
      assignmentId: assignment.id ?? null,
      createdDateTime: assignment.createdDateTime ?? null,
    }));

  const roleNames = new Set(requestedRoles.map((p) => p.name));
  const scopeNames = new Set(requestedScopes.map((p) => p.name));
  const grantedNames = new Set(granted.map((g) => g.name));
  const notRequested = NEEDED_PERMISSIONS.filter((name) => !roleNames.has(name));
  const requestedAsDelegated = notRequested.filter((name) => scopeNames.has(name));
  const notGranted = NEEDED_PERMISSIONS.filter((name) => !grantedNames.has(name));
  const extra = (p: RequestedPermission): ExtraPermission => ({ ...p, concern: concernOf(p.name) });
  const extraRequested = requestedRoles.filter((p) => !isAllowed(p.name)).map(extra);
  const extraGranted = granted
    .filter((g) => !isAllowed(g.name))
    .map((g) => extra({ id: g.appRoleId, name: g.name, type: 'Role' }));

  const userReadRequested = requestedScopes.some((p) => idKey(p.id) === USER_READ_SCOPE_ID);
  const grants = app?.oauth2PermissionGrants;
  const userReadGrants =
    grants === null || grants === undefined
      ? null
      : grants
          .filter((grant) => graphSp === null || (grant.resourceId && idKey(grant.resourceId) === graphSp))
          .filter((grant) => (grant.scope ?? '').split(/\s+/).includes('User.Read'))
          .map((grant) => ({
            id: grant.id ?? null,
            consentType: grant.consentType ?? null,
            principalId: grant.principalId ?? null,
          }));

  const captured = Date.parse(snapshot.capturedAt);
  const freshGrants: PermissionAnalysis['freshGrants'] = [];
  for (const grant of granted) {
    if (!isAllowed(grant.name) || grant.createdDateTime === null) continue;
    const created = Date.parse(grant.createdDateTime);
    if (Number.isNaN(created)) continue;
    const minutes = (captured - created) / 60_000;
    // A grant stamped after the capture (clock skew) is as fresh as one made just before it.
    if (minutes < FRESH_GRANT_MINUTES)
      freshGrants.push({ ...grant, minutesBeforeCapture: Math.max(0, Math.floor(minutes)) });
  }

  return {
    requestedRoles,
    requestedScopes,
    otherResources,
    granted,
    notRequested,
    requestedAsDelegated,
    notGranted,
    extraRequested,
    extraGranted,
    userReadRequested,
    userReadGrants,
    freshGrants,
  };
}

/** True when the app holds the application permission (by name) on Graph. */
export function isGranted(analysis: PermissionAnalysis, name: string): boolean {
  return analysis.granted.some((grant) => grant.name === name);
}
