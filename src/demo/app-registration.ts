// The sync app registration as an admin following the vendor's guide leaves it, with at most one
// planted mistake: GroupMember.Read.All added as a Delegated permission (type "Scope") instead of
// an Application one, so it is neither requested as a Role nor granted — the most common cause of
// "my groups have no users". Everything else is right: User.Read removed, no redirect URIs, one
// client secret valid for a year, admin consent granted days before the capture. Member.Read.Hidden
// is requested and granted too, because the selection holds a hidden-membership group.
import { GRAPH_APP_ID } from '../core/ids.ts';
import type { SnapshotApp, SubscribedSku } from '../core/snapshot-schema.ts';
import type { Random } from './random.ts';

export type AppMistake = 'delegated-group-member' | 'none';

export const SYNC_APP_NAME = 'Axios HQ Directory Sync';

/** Microsoft Graph's application permissions (appRoles) by name; GUIDs as Graph publishes them. */
export const GRAPH_ROLES = {
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'OrgContact.Read.All': 'e1a88a34-94c4-4418-be12-c87b00e26bea',
  'Member.Read.Hidden': '658aa5d8-239f-45c4-aa12-864f4fc7e490',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Group.ReadWrite.All': '62a82d76-70ea-41e2-9197-370581804d09',
  'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
  'Mail.Send': 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
} as const;

/** GroupMember.Read.All as a delegated permission (oauth2PermissionScope): the planted mistake. */
export const GROUP_MEMBER_READ_ALL_SCOPE = 'bc024368-1153-4739-b217-4326f2e966d0';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An ISO time `offset` ms from `base`, without milliseconds, as Graph writes them. */
export function isoAt(base: number, offset: number): string {
  return new Date(base + offset).toISOString().replace('.000Z', 'Z');
}

export function generateApp(
  random: Random,
  tenantId: string,
  capturedAtMs: number,
  mistake: AppMistake,
): SnapshotApp {
  const clientId = random.guid();
  const spId = random.guid();
  const graphSpId = random.guid();
  const created = capturedAtMs - 9 * DAY;
  const secretStart = created + 12 * MINUTE;
  const consented = created + 20 * MINUTE;

  const requested = [
    { id: GRAPH_ROLES['Group.Read.All'], type: 'Role' },
    mistake === 'delegated-group-member'
      ? { id: GROUP_MEMBER_READ_ALL_SCOPE, type: 'Scope' }
      : { id: GRAPH_ROLES['GroupMember.Read.All'], type: 'Role' },
    { id: GRAPH_ROLES['User.Read.All'], type: 'Role' },
    { id: GRAPH_ROLES['Member.Read.Hidden'], type: 'Role' },
  ];
  // Admin consent grants exactly the requested application permissions (type Role).
  const granted = requested.filter((access) => access.type === 'Role');

  return {
    clientId,
    application: {
      id: random.guid(),
      appId: clientId,
      displayName: SYNC_APP_NAME,
      signInAudience: 'AzureADMyOrg',
      createdDateTime: isoAt(created, 0),
      publisherDomain: 'contoso.example',
      requiredResourceAccess: [{ resourceAppId: GRAPH_APP_ID, resourceAccess: requested }],
      passwordCredentials: [
        {
          customKeyIdentifier: null,
          displayName: 'Axios HQ sync',
          endDateTime: isoAt(secretStart, 365 * DAY),
          hint: random.token(3),
          keyId: random.guid(),
          secretText: null,
          startDateTime: isoAt(secretStart, 0),
        },
      ],
      keyCredentials: [],
      web: { homePageUrl: null, logoutUrl: null, redirectUris: [] },
      spa: { redirectUris: [] },
      publicClient: { redirectUris: [] },
    },
    servicePrincipal: {
      id: spId,
      appId: clientId,
      displayName: SYNC_APP_NAME,
      accountEnabled: true,
      appOwnerOrganizationId: tenantId,
      servicePrincipalType: 'Application',
      signInAudience: 'AzureADMyOrg',
    },
    appRoleAssignments: granted.map((access) => ({
      id: random.token(43),
      appRoleId: access.id,
      createdDateTime: isoAt(consented, 0),
      deletedDateTime: null,
      principalDisplayName: SYNC_APP_NAME,
      principalId: spId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: graphSpId,
    })),
    oauth2PermissionGrants: null,
    graphServicePrincipalId: graphSpId,
    graphAppRoles: Object.entries(GRAPH_ROLES).map(([value, id]) => ({ id, value })),
  };
}

/** A Microsoft 365 E3 subscription: its Entra ID P1 plan (AAD_PREMIUM) makes dynamic groups legal. */
export function generateSubscribedSkus(random: Random, tenantId: string, consumed: number): SubscribedSku[] {
  const skuId = '05e9a617-0261-4cee-bb44-138d3ef5d965';
  const plan = (servicePlanId: string, servicePlanName: string) => ({
    servicePlanId,
    servicePlanName,
    provisioningStatus: 'Success',
    appliesTo: 'User',
  });
  return [
    {
      accountId: tenantId,
      accountName: 'Contoso',
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: consumed,
      id: `${tenantId}_${skuId}`,
      prepaidUnits: { enabled: consumed + 50, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: [
        plan('41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM'),
        plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE'),
        plan('5dbe027f-2339-4123-9542-606e4d348a72', 'SHAREPOINTENTERPRISE'),
        plan('0feaeb32-d00e-4d66-bd5a-43b5b83db82c', 'MCOSTANDARD'),
        plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1'),
        plan('c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A'),
      ],
      skuId,
      skuPartNumber: 'SPE_E3',
      subscriptionIds: [random.guid()],
    },
  ];
}
