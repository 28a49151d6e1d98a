// The zod schemas of snapshot-format.md, versions 1 and 2. Objects are kept raw: every object
// schema is loose, so properties we do not know survive a parse → export round trip. Attributes the
// core reads are typed as Graph sends them (value, null = empty or not permitted, absent = not
// requested). `Snapshot` is version 2, the one form every reader gives (a version 1 file is
// converted at the edge, snapshot-v2.ts); `SnapshotV1` is what version 1 files and the Graph
// reader's copies-per-group hold.
import { z } from 'zod';

const str = z.string();
const nstr = z.string().nullish();
const nbool = z.boolean().nullish();
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'is not an ISO-8601 date-time');

/** Attributes shared by users, contacts and groups as they appear in any list. */
const personAttributes = {
  displayName: nstr,
  givenName: nstr,
  surname: nstr,
  mail: nstr,
  userPrincipalName: nstr,
  accountEnabled: nbool,
  userType: nstr,
};

const groupAttributes = {
  displayName: nstr,
  description: nstr,
  mail: nstr,
  mailEnabled: nbool,
  securityEnabled: nbool,
  groupTypes: z.array(str).nullish(),
  visibility: nstr,
  membershipRule: nstr,
  membershipRuleProcessingState: nstr,
  onPremisesSyncEnabled: nbool,
};

/** An entry of a `members` list: the type and id are required (snapshot-format.md). */
export const memberSchema = z.looseObject({
  '@odata.type': str,
  id: str.min(1, 'is empty'),
  ...personAttributes,
  ...groupAttributes,
});

const userSchema = z.looseObject({ '@odata.type': nstr, id: str.min(1, 'is empty'), ...personAttributes });
const contactSchema = userSchema;
export const groupSchema = z.looseObject({
  '@odata.type': nstr,
  id: str.min(1, 'is empty'),
  ...groupAttributes,
});

const resourceAccessSchema = z.looseObject({ id: str, type: str });
const requiredResourceAccessSchema = z.looseObject({
  resourceAppId: str,
  resourceAccess: z.array(resourceAccessSchema),
});
const passwordCredentialSchema = z.looseObject({
  keyId: nstr,
  displayName: nstr,
  hint: nstr,
  startDateTime: nstr,
  endDateTime: nstr,
});
const keyCredentialSchema = z.looseObject({
  keyId: nstr,
  displayName: nstr,
  type: nstr,
  usage: nstr,
  startDateTime: nstr,
  endDateTime: nstr,
});
const redirectHolder = z.looseObject({ redirectUris: z.array(str).nullish() }).nullish();

export const applicationSchema = z.looseObject({
  id: nstr,
  appId: nstr,
  displayName: nstr,
  signInAudience: nstr,
  createdDateTime: nstr,
  requiredResourceAccess: z.array(requiredResourceAccessSchema).nullish(),
  passwordCredentials: z.array(passwordCredentialSchema).nullish(),
  keyCredentials: z.array(keyCredentialSchema).nullish(),
  web: redirectHolder,
  spa: redirectHolder,
  publicClient: redirectHolder,
});

export const servicePrincipalSchema = z.looseObject({
  id: str,
  appId: nstr,
  displayName: nstr,
  accountEnabled: nbool,
});

export const appRoleAssignmentSchema = z.looseObject({
  id: nstr,
  appRoleId: str,
  resourceId: str,
  principalId: nstr,
  resourceDisplayName: nstr,
  createdDateTime: nstr,
});

export const oauth2PermissionGrantSchema = z.looseObject({
  id: nstr,
  clientId: nstr,
  consentType: nstr,
  principalId: nstr,
  resourceId: nstr,
  scope: nstr,
});

export const appSchema = z.looseObject({
  clientId: str,
  application: applicationSchema.nullable(),
  servicePrincipal: servicePrincipalSchema.nullable(),
  appRoleAssignments: z.array(appRoleAssignmentSchema),
  oauth2PermissionGrants: z.array(oauth2PermissionGrantSchema).nullable(),
  graphServicePrincipalId: nstr,
  graphAppRoles: z.array(z.looseObject({ id: str, value: nstr })).nullish(),
});

export const servicePlanSchema = z.looseObject({
  servicePlanId: str,
  servicePlanName: nstr,
  provisioningStatus: nstr,
  appliesTo: nstr,
});

export const subscribedSkuSchema = z.looseObject({
  skuId: nstr,
  skuPartNumber: nstr,
  capabilityStatus: nstr,
  servicePlans: z.array(servicePlanSchema).nullish(),
});

export const readStatusSchema = z.enum(['complete', 'partial', 'failed', 'skipped']);

export const readEntrySchema = z.looseObject({
  path: str,
  status: readStatusSchema,
  pages: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const cloudSchema = z.enum(['global', 'usgov']);

/** What versions 1 and 2 share: everything but the directory objects and their lists. */
const sharedFields = {
  format: z.literal('dirsync-snapshot'),
  capturedAt: isoDate,
  cloud: cloudSchema,
  pseudonymised: z.boolean().optional(),
  tenant: z.looseObject({
    id: str,
    displayName: nstr,
    verifiedDomains: z.array(z.looseObject({ name: str, isDefault: nbool })),
  }),
  app: appSchema.nullable(),
  subscribedSkus: z.array(subscribedSkuSchema),
  selection: z.looseObject({
    groupIds: z.array(str),
    usernameFallback: z.boolean(),
    syncContacts: z.boolean(),
  }),
  notFound: z.array(str),
  memberCounts: z.record(str, z.number().int().nonnegative()).optional(),
  reads: z.array(readEntrySchema),
};

/** Version 1: each group's members inline, an object repeated wherever it appears. */
export const snapshotSchema = z.looseObject({
  ...sharedFields,
  version: z.literal(1),
  groups: z.array(groupSchema),
  members: z.record(str, z.array(memberSchema)),
  users: z.array(userSchema).optional(),
  contacts: z.array(contactSchema).optional(),
});

/** A directory object of version 2's `objects`: the type is required (it alone says what it is). */
export const objectSchema = memberSchema;
const idList = z.array(str);

/**
 * Version 2: each object once in `objects`, the rest by id. Unique ids and references that
 * resolve are checked after the shape (parse-snapshot.ts), so their errors name the JSON path.
 */
export const snapshotV2Schema = z.looseObject({
  ...sharedFields,
  version: z.literal(2),
  objects: z.array(objectSchema),
  groups: idList,
  members: z.record(str, idList),
  users: idList.optional(),
  contacts: idList.optional(),
});

export type SnapshotV1 = z.infer<typeof snapshotSchema>;
/** A snapshot as every reader gives it, whichever version the file was: version 2. */
export type Snapshot = z.infer<typeof snapshotV2Schema>;
export type SnapshotObject = z.infer<typeof objectSchema>;
export type SnapshotMember = z.infer<typeof memberSchema>;
export type SnapshotGroup = z.infer<typeof groupSchema>;
export type SnapshotApp = z.infer<typeof appSchema>;
export type SnapshotApplication = z.infer<typeof applicationSchema>;
export type SubscribedSku = z.infer<typeof subscribedSkuSchema>;
export type ReadEntry = z.infer<typeof readEntrySchema>;
export type ReadStatus = z.infer<typeof readStatusSchema>;
export type Cloud = z.infer<typeof cloudSchema>;

export const SNAPSHOT_FORMAT = 'dirsync-snapshot';
/** The version writers write. */
export const SNAPSHOT_VERSION = 2;
/** The versions readers read. */
export const SNAPSHOT_VERSIONS: readonly number[] = [1, 2];
