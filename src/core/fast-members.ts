// A fast path for the bulk of a snapshot's validation: version 1's `members` lists (1,160,000
// objects at L) and version 2's `objects` and id lists, which zod's generic parsers checked at
// about the cost of JSON.parse itself. An entry
// the schema would pass *and* copy unchanged is kept as it is: a plain object whose known
// properties have the schema's types and come first, in the schema's order (zod's output puts them
// there), then any unknown ones. Other entries go through zod one by one; any error makes the
// caller run the full schema, so results and error paths are zod's own. Proven equivalent by
// test/unit/core/fast-members.property.test.ts. The same pass checks the entries' nesting depth, so
// the snapshot's depth check need not walk the bulk of the file a second time (depth.property.test.ts).
import { z } from 'zod';
import { nestedDeeperThan } from './depth.ts';
import { memberSchema, type SnapshotMember, snapshotSchema, snapshotV2Schema } from './snapshot-schema.ts';

type Check = 'string' | 'boolean' | 'strings';

const BOOLEAN_KEYS: ReadonlySet<string> = new Set([
  'accountEnabled',
  'mailEnabled',
  'securityEnabled',
  'onPremisesSyncEnabled',
]);

/** memberSchema's properties in its own order, with what each may hold besides null. */
const KNOWN: ReadonlyMap<string, { position: number; check: Check }> = new Map(
  Object.keys(memberSchema.shape).map((key, position) => [
    key,
    { position, check: key === 'groupTypes' ? 'strings' : BOOLEAN_KEYS.has(key) ? 'boolean' : 'string' },
  ]),
);

/** The snapshot schema with `members` left to membersPassUnchanged (its lists' entries unchecked). */
export const snapshotSchemaWithCheckedMembers = snapshotSchema.extend({
  members: z.record(z.string(), z.array(z.unknown())),
});

/** The version 2 schema with `objects` and the id lists left to checkObjects and checkIdLists. */
export const snapshotV2SchemaWithCheckedLists = snapshotV2Schema.extend({
  objects: z.array(z.unknown()),
  groups: z.array(z.unknown()),
  members: z.record(z.string(), z.unknown()),
  users: z.array(z.unknown()).optional(),
  contacts: z.array(z.unknown()).optional(),
});

/** What the checks below answer when an entry nests deeper than the limit they were given. */
export const TOO_DEEP = 'too-deep';

/** Depth ($ is 1) of an entry of a version 1 `members` list ($ › members › list › entry). */
const MEMBERS_ENTRY_DEPTH = 4;
/** Depth of an entry of version 2's `objects` ($ › objects › entry). */
export const OBJECTS_ENTRY_DEPTH = 3;

/**
 * The `members` record as the schema would output it, or null when any entry fails the schema
 * (or the record is odd): the caller then runs the full schema for zod's own errors. An entry
 * that passes unchanged is kept by reference; any other goes through memberSchema alone, which is
 * what the full schema applies to each entry anyway. With a `depthLimit`, TOO_DEEP when an entry
 * nests deeper (depth as nestedDeeperThan counts it from the snapshot's root); after null,
 * nothing is known about depth.
 */
export function checkMembers(
  members: unknown,
  depthLimit = Number.POSITIVE_INFINITY,
): Record<string, SnapshotMember[]> | null | typeof TOO_DEEP {
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return null;
  if (Object.getPrototypeOf(members) !== Object.prototype) return null;
  const out: Record<string, SnapshotMember[]> = {};
  for (const key in members) {
    if (!Object.hasOwn(members, key) || key === '__proto__') return null;
    const checked = checkObjects((members as Record<string, unknown>)[key], depthLimit, MEMBERS_ENTRY_DEPTH);
    if (checked === null || checked === TOO_DEEP) return checked;
    out[key] = checked;
  }
  return out;
}

/**
 * A list of directory objects (a version 1 `members` list, version 2's `objects`: both take
 * memberSchema) as the schema would output it, or null when any entry fails it; TOO_DEEP as for
 * checkMembers, with the list's entries at `entryDepth`.
 */
export function checkObjects(
  list: unknown,
  depthLimit = Number.POSITIVE_INFINITY,
  entryDepth = OBJECTS_ENTRY_DEPTH,
): SnapshotMember[] | null | typeof TOO_DEEP {
  // Below an entry's own depth plus its groupTypes array, leave depth to the plain walk.
  if (depthLimit < entryDepth + 1) return null;
  if (!Array.isArray(list)) return null;
  const checked = new Array<SnapshotMember>(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    const passed = memberPassesUnchanged(entry, depthLimit, entryDepth);
    if (passed === TOO_DEEP) return TOO_DEEP;
    if (passed) checked[i] = entry as SnapshotMember;
    else {
      const parsed = memberSchema.safeParse(entry);
      if (!parsed.success) return null;
      if (nestedDeeperThan(entry, depthLimit, entryDepth)) return TOO_DEEP;
      checked[i] = parsed.data;
    }
  }
  return checked;
}

export interface IdLists {
  groups: string[];
  members: Record<string, string[]>;
  users?: string[];
  contacts?: string[];
}

/**
 * Version 2's id lists, kept as they are when the schema would pass them unchanged (arrays of
 * strings, a plain `members` record), else null: the caller then runs the full schema.
 */
export function checkIdLists(record: Record<string, unknown>): IdLists | null {
  const { groups, members, users, contacts } = record;
  if (!isStringArray(groups)) return null;
  if (users !== undefined && !isStringArray(users)) return null;
  if (contacts !== undefined && !isStringArray(contacts)) return null;
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return null;
  if (Object.getPrototypeOf(members) !== Object.prototype) return null;
  for (const key in members) {
    if (!Object.hasOwn(members, key) || key === '__proto__') return null;
    if (!isStringArray((members as Record<string, unknown>)[key])) return null;
  }
  return {
    groups: groups as string[],
    members: members as Record<string, string[]>,
    ...(users === undefined ? {} : { users: users as string[] }),
    ...(contacts === undefined ? {} : { contacts: contacts as string[] }),
  };
}

/** Known properties hold no objects but groupTypes' flat array; an unknown one is walked for depth. */
function memberPassesUnchanged(
  value: unknown,
  depthLimit: number,
  entryDepth: number,
): boolean | typeof TOO_DEEP {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const object = value as Record<string, unknown>;
  // Required by the schema, whatever else the object holds.
  if (typeof object['@odata.type'] !== 'string') return false;
  const id = object.id;
  if (typeof id !== 'string' || id.length === 0) return false;
  let last = -1;
  let unknownSeen = false;
  for (const key in object) {
    if (!Object.hasOwn(object, key) || key === '__proto__') return false;
    const property = object[key];
    if (property === undefined) return false;
    const known = KNOWN.get(key);
    if (known === undefined) {
      unknownSeen = true;
      if (nestedDeeperThan(property, depthLimit, entryDepth + 1)) return TOO_DEEP;
      continue;
    }
    if (unknownSeen || known.position <= last) return false;
    last = known.position;
    if (property === null) continue;
    if (known.check === 'string') {
      if (typeof property !== 'string') return false;
    } else if (known.check === 'boolean') {
      if (typeof property !== 'boolean') return false;
    } else if (!isStringArray(property)) return false;
  }
  return true;
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}
