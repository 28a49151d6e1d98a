// "Export for support" without personal data (snapshot-format.md, "Pseudonymised snapshots"): names
// and addresses of people, groups, devices and the tenant are replaced by consistent stand-ins
// (pseudonym-maps.ts) while everything the recipient rules read keeps its meaning, so the preview of
// the result gives exactly the original's counts. By allow-list (issue #10, item 10): only what the
// rules and checks read is kept — ids, types, flags, enums, dates, counts, permission ids and names,
// licence part numbers, group structure, selection. Every other string is replaced consistently,
// wherever it sits (the app's name, publisherDomain and redirect URIs, a read's error text, a key
// we do not know), and a secret's `hint`, the first characters of the live secret, is dropped.
import { createPseudonyms, type Pseudonyms, type TextRole } from './pseudonym-maps.ts';
import type { SnapshotV1 as Snapshot } from './snapshot-schema.ts';

export interface PseudonymiseOptions {
  /** Chooses the stand-ins; a different salt gives stand-ins that cannot be linked to these. */
  salt: string;
}

type Json = Record<string, unknown>;

// Properties of directory objects that hold no name or address: kept as they are.
const KEPT_OBJECT_KEYS = new Set([
  'id',
  'accountEnabled',
  'userType',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'visibility',
  'membershipRuleProcessingState',
  'onPremisesSyncEnabled',
  'createdDateTime',
  'deletedDateTime',
  'renewedDateTime',
  'isAssignableToRole',
  'securityIdentifier',
  'onPremisesSecurityIdentifier',
]);
const ADDRESS_KEYS = ['mail', 'userPrincipalName'] as const;
const KEPT_TENANT_KEYS = new Set([
  'id',
  'tenantType',
  'countryLetterCode',
  'preferredLanguage',
  'createdDateTime',
]);
const KEPT_DOMAIN_KEYS = new Set([
  'isDefault',
  'isInitial',
  'isVerified',
  'capabilities',
  'type',
  'authenticationType',
]);

type Kind = 'user' | 'group' | 'contact' | 'device' | 'other';
const KIND_OF_TYPE: Record<string, Kind> = {
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.group': 'group',
  '#microsoft.graph.orgcontact': 'contact',
  '#microsoft.graph.device': 'device',
};
const NAME_ROLE: Record<Kind, TextRole> = {
  user: 'person',
  group: 'group',
  contact: 'contact',
  device: 'device',
  other: 'object',
};

export function pseudonymiseSnapshot(snapshot: Snapshot, options: PseudonymiseOptions): Snapshot {
  const names = createPseudonyms(options.salt);
  const object = (raw: Json, fallback: Kind): Json => pseudonymiseObject(raw, fallback, names);
  const tenant = pseudonymiseTenant(snapshot.tenant as Json, names);
  const users = snapshot.users?.map((user) => object(user, 'user'));
  const contacts = snapshot.contacts?.map((contact) => object(contact, 'contact'));
  const groups = snapshot.groups.map((group) => object(group, 'group'));
  const members: Json = {};
  for (const [groupId, list] of Object.entries(snapshot.members)) {
    members[groupId] = list.map((member) => object(member, 'other'));
  }
  const subscribedSkus = allow(snapshot.subscribedSkus, each(SKU), names);
  const replaced: Json = {
    pseudonymised: true,
    tenant,
    subscribedSkus,
    groups,
    members,
    ...(users === undefined ? {} : { users }),
    ...(contacts === undefined ? {} : { contacts }),
  };
  // Rebuilt in the original key order; what is neither replaced above nor kept below is scrubbed.
  const out: Json = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (key in replaced) out[key] = replaced[key];
    else if (Object.hasOwn(TOP_LEVEL, key)) out[key] = allow(value, TOP_LEVEL[key] as Rule, names);
    else out[key] = scrub(value, names);
  }
  if (!('pseudonymised' in out)) out.pseudonymised = true;
  return out as Snapshot;
}

/**
 * How a kept part is treated: 'keep' as is, 'drop' left out, 'name' replaced as free text,
 * 'domain' mapped as a domain, an object's rules per key (unknown keys scrubbed), an array's rule
 * per item, or a function of its own.
 */
type Rule =
  | 'keep'
  | 'drop'
  | 'name'
  | 'domain'
  | { readonly fields: Readonly<Record<string, Rule>> }
  | { readonly each: Rule }
  | ((value: unknown, names: Pseudonyms) => unknown);

const fields = (rules: Record<string, Rule>): Rule => ({ fields: rules });
const each = (rule: Rule): Rule => ({ each: rule });

/** A Graph path is kept when it is made of path syntax and ids only; anything else is text. */
const GRAPH_PATH = /^\/[A-Za-z0-9/$._()'=,-]*(\?[A-Za-z0-9$._=&,()'-]*)?$/;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const CREDENTIAL_DATES = { keyId: 'keep', startDateTime: 'keep', endDateTime: 'keep' } as const;
const REDIRECTS = fields({ redirectUris: each('name') });

const APP: Rule = fields({
  clientId: 'keep',
  application: fields({
    id: 'keep',
    appId: 'keep',
    displayName: 'name',
    signInAudience: 'keep',
    createdDateTime: 'keep',
    publisherDomain: 'domain',
    requiredResourceAccess: each(
      fields({ resourceAppId: 'keep', resourceAccess: each(fields({ id: 'keep', type: 'keep' })) }),
    ),
    passwordCredentials: each(fields({ ...CREDENTIAL_DATES, displayName: 'name', hint: 'drop' })),
    keyCredentials: each(fields({ ...CREDENTIAL_DATES, displayName: 'name', type: 'keep', usage: 'keep' })),
    web: REDIRECTS,
    spa: REDIRECTS,
    publicClient: REDIRECTS,
  }),
  servicePrincipal: fields({ id: 'keep', appId: 'keep', displayName: 'name', accountEnabled: 'keep' }),
  appRoleAssignments: each(
    fields({
      id: 'keep',
      appRoleId: 'keep',
      resourceId: 'keep',
      principalId: 'keep',
      resourceDisplayName: 'name',
      principalDisplayName: 'name',
      principalType: 'keep',
    }),
  ),
  oauth2PermissionGrants: each(
    fields({
      id: 'keep',
      clientId: 'keep',
      consentType: 'keep',
      principalId: 'keep',
      resourceId: 'keep',
      scope: 'keep',
    }),
  ),
  graphServicePrincipalId: 'keep',
  graphAppRoles: each(fields({ id: 'keep', value: 'keep' })),
});

const READ: Rule = fields({
  path: (value, names) => (typeof value === 'string' && GRAPH_PATH.test(value) ? value : scrub(value, names)),
  status: 'keep',
  pages: 'keep',
  items: 'keep',
  httpStatus: 'keep',
  error: 'name',
});

// Licences: Microsoft's catalogue names and ids. accountName is the tenant's name, so it gets the
// tenant's stand-in.
const COUNTS = fields({ enabled: 'keep', suspended: 'keep', warning: 'keep', lockedOut: 'keep' });
const SKU: Rule = fields({
  id: 'keep',
  skuId: 'keep',
  skuPartNumber: 'keep',
  capabilityStatus: 'keep',
  appliesTo: 'keep',
  accountId: 'keep',
  subscriptionIds: each('keep'),
  accountName: (value, names) =>
    typeof value === 'string' ? names.text(value, 'tenant') : scrub(value, names),
  consumedUnits: 'keep',
  prepaidUnits: COUNTS,
  servicePlans: each(
    fields({ servicePlanId: 'keep', servicePlanName: 'keep', provisioningStatus: 'keep', appliesTo: 'keep' }),
  ),
});

const TOP_LEVEL: Readonly<Record<string, Rule>> = {
  format: 'keep',
  version: 'keep',
  capturedAt: 'keep',
  cloud: 'keep',
  selection: fields({ groupIds: 'keep', usernameFallback: 'keep', syncContacts: 'keep' }),
  notFound: 'keep',
  // Keys are group ids; a value that is not a count is scrubbed like any unknown string.
  memberCounts: (value, names) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).map(([id, count]) => [
            id,
            typeof count === 'number' ? count : scrub(count, names),
          ]),
        )
      : scrub(value, names),
  reads: each(READ),
  app: APP,
};

function allow(value: unknown, rule: Rule, names: Pseudonyms): unknown {
  if (rule === 'keep') return value;
  if (typeof rule === 'function') return rule(value, names);
  if (rule === 'name') return typeof value === 'string' ? names.text(value, 'value') : scrub(value, names);
  if (rule === 'domain') return typeof value === 'string' ? names.domainName(value) : scrub(value, names);
  if (rule === 'drop') return undefined;
  if ('each' in rule)
    return Array.isArray(value) ? value.map((item) => allow(item, rule.each, names)) : scrub(value, names);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return scrub(value, names);
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const inner = rule.fields[key];
    if (inner === 'drop') continue;
    if (inner !== undefined) out[key] = allow(item, inner, names);
    // Graph's timestamps (createdDateTime, deletedDateTime, …) name nobody and date what checks judge.
    else if (key.endsWith('DateTime') && (item === null || (typeof item === 'string' && ISO_TIME.test(item))))
      out[key] = item;
    else out[key] = scrub(item, names);
  }
  return out;
}

function pseudonymiseObject(raw: Json, fallback: Kind, names: Pseudonyms): Json {
  const type = raw['@odata.type'];
  const kind = typeof type === 'string' ? (KIND_OF_TYPE[type.toLowerCase()] ?? 'other') : fallback;
  const out: Json = {};
  // Addresses first, so an address is numbered under its own role before a name repeats it.
  for (const key of ADDRESS_KEYS) {
    const value = raw[key];
    if (typeof value === 'string') out[key] = names.address(value, addressRole(kind));
  }
  const result: Json = {};
  // Rebuilt in the original key order, so the output reads like the input.
  for (const [key, value] of Object.entries(raw)) {
    if (key in out) result[key] = out[key];
    else if (key.startsWith('@odata.') || KEPT_OBJECT_KEYS.has(key)) result[key] = value;
    else if (typeof value === 'string') result[key] = stringProperty(key, value, kind, names);
    else result[key] = scrub(value, names);
  }
  return result;
}

function stringProperty(key: string, value: string, kind: Kind, names: Pseudonyms): string {
  switch (key) {
    case 'displayName':
      return names.text(value, NAME_ROLE[kind]);
    case 'givenName':
      return names.text(value, 'given');
    case 'surname':
      return names.text(value, 'surname');
    case 'description':
      return names.text(value, 'description');
    case 'membershipRule':
      return names.rule(value);
    default:
      return names.text(value, 'value');
  }
}

function addressRole(kind: Kind): 'user' | 'group' | 'contact' | 'other' {
  return kind === 'user' || kind === 'group' || kind === 'contact' ? kind : 'other';
}

/** Any other value: strings replaced, containers walked, numbers, booleans and null kept. */
function scrub(value: unknown, names: Pseudonyms): unknown {
  if (typeof value === 'string') return names.text(value, 'value');
  if (Array.isArray(value)) return value.map((item) => scrub(item, names));
  if (typeof value === 'object' && value !== null) {
    const out: Json = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrub(item, names);
    return out;
  }
  return value;
}

function pseudonymiseTenant(tenant: Json, names: Pseudonyms): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(tenant)) {
    if (KEPT_TENANT_KEYS.has(key)) out[key] = value;
    else if (key === 'displayName')
      out[key] = typeof value === 'string' ? names.text(value, 'tenant') : value;
    else if (key === 'verifiedDomains' && Array.isArray(value))
      out[key] = value.map((d) => domainEntry(d, names));
    else out[key] = scrub(value, names);
  }
  return out;
}

function domainEntry(entry: unknown, names: Pseudonyms): unknown {
  if (typeof entry !== 'object' || entry === null) return scrub(entry, names);
  const out: Json = {};
  for (const [key, value] of Object.entries(entry)) {
    if (KEPT_DOMAIN_KEYS.has(key)) out[key] = value;
    else if (key === 'name' && typeof value === 'string') out[key] = names.domainName(value);
    else out[key] = scrub(value, names);
  }
  return out;
}
