// "Export for support" without personal data (snapshot-format.md, "Pseudonymised snapshots"): names
// and addresses of people, groups, devices and the tenant are replaced by consistent stand-ins
// (pseudonym-maps.ts) while everything the recipient rules read keeps its meaning, so the preview of
// the result gives exactly the original's counts. Kept verbatim: ids, types, flags, group structure,
// selection, reads, the app registration and licences but their accountName (the spec keeps the
// app, so its publisherDomain and redirect URIs still show). Unknown string properties of directory objects are
// replaced too: an attribute we do not know may well hold a name.
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
  // A licence's accountName is the tenant's name: the one part of the licences that names anyone.
  const subscribedSkus = snapshot.subscribedSkus.map((sku) =>
    typeof sku.accountName === 'string'
      ? { ...sku, accountName: names.text(sku.accountName, 'tenant') }
      : sku,
  );
  return {
    ...snapshot,
    pseudonymised: true,
    tenant,
    subscribedSkus,
    groups,
    members,
    ...(users === undefined ? {} : { users }),
    ...(contacts === undefined ? {} : { contacts }),
  } as Snapshot;
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
