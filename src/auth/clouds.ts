// Which sign-in and Graph hosts each cloud uses, and the least-privilege scopes a read needs.
// GCC Moderate tenants live in Azure Global (login.microsoftonline.com, graph.microsoft.com);
// GCC High and DoD L4 live in Azure Government (.us). A scope names the Graph host of its cloud:
// a token for graph.microsoft.com is useless on graph.microsoft.us and the other way round.
import type { Cloud } from '../core/snapshot-schema.ts';

/** The identity platform host per cloud. */
export const LOGIN_HOSTS: Readonly<Record<Cloud, string>> = {
  global: 'login.microsoftonline.com',
  usgov: 'login.microsoftonline.us',
};

/**
 * The hosts MSAL may record as an account's `environment` per cloud: it caches global accounts
 * under login.windows.net, not the host it signed in on (MSAL's built-in cloud metadata).
 */
export const ACCOUNT_ENVIRONMENTS: Readonly<Record<Cloud, readonly string[]>> = {
  global: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
  usgov: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
};

/**
 * Graph per cloud, as a scope prefix. The Graph reader keeps its own copy in src/graph/hosts.ts:
 * auth and graph stay independent adapters, and a test below holds the two equal.
 */
export const GRAPH_RESOURCES: Readonly<Record<Cloud, string>> = {
  global: 'https://graph.microsoft.com',
  usgov: 'https://graph.microsoft.us',
};

export const CLOUD_LABELS: Readonly<Record<Cloud, string>> = {
  global: 'Azure Global (commercial and GCC Moderate)',
  usgov: 'Azure Government L4 (GCC High)',
};

/**
 * The multi-tenant "organizations" authority: any work account, never personal accounts. The
 * tenant is the one the admin signs in to, so the app needs no tenant id up front.
 */
export function authorityFor(cloud: Cloud, tenant = 'organizations'): string {
  return `https://${LOGIN_HOSTS[cloud]}/${tenant}`;
}

export function otherCloud(cloud: Cloud): Cloud {
  return cloud === 'global' ? 'usgov' : 'global';
}

/** A delegated Graph permission as a scope on the cloud's Graph host. */
export function graphScope(cloud: Cloud, permission: string): string {
  return `${GRAPH_RESOURCES[cloud]}/${permission}`;
}

/** What every read needs: the signed-in user, the sync app, groups and their members, licences. */
export const BASE_PERMISSIONS = [
  'User.Read',
  'Application.Read.All',
  'GroupMember.Read.All',
  'User.Read.All',
  'LicenseAssignment.Read.All',
] as const;

export interface ScopeOptions {
  /** The sync includes organisational contacts. */
  readonly contacts?: boolean;
  /** A selected group hides its membership (needs Member.Read.Hidden to list members). */
  readonly hiddenMembership?: boolean;
  /** The admin opted in to reading oauth2PermissionGrants, which only Directory.Read.All allows. */
  readonly permissionGrants?: boolean;
}

/** The delegated permissions a read with these options needs, base ones first, in a fixed order. */
export function permissionsFor(options: ScopeOptions): string[] {
  const permissions: string[] = [...BASE_PERMISSIONS];
  if (options.contacts === true) permissions.push('OrgContact.Read.All');
  if (options.hiddenMembership === true) permissions.push('Member.Read.Hidden');
  if (options.permissionGrants === true) permissions.push('Directory.Read.All');
  return permissions;
}

/** The scopes to ask for, on the cloud's Graph host. MSAL adds openid, profile, offline_access. */
export function scopesFor(cloud: Cloud, options: ScopeOptions = {}): string[] {
  return permissionsFor(options).map((permission) => graphScope(cloud, permission));
}
