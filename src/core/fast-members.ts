// A fast path for the bulk of a snapshot's validation: the `members` lists (1,160,000 objects at
// L), which zod's generic object parser checked at about the cost of JSON.parse itself. An entry
// the schema would pass *and* copy unchanged is kept as it is: a plain object whose known
// properties have the schema's types and come first, in the schema's order (zod's output puts them
// there), then any unknown ones. Other entries go through zod one by one; any error makes the
// caller run the full schema, so results and error paths are zod's own. Proven equivalent by
// test/unit/core/fast-members.property.test.ts.
import { z } from 'zod';
import { memberSchema, type SnapshotMember, snapshotSchema } from './snapshot-schema.ts';

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

/**
 * The `members` record as the schema would output it, or null when any entry fails the schema
 * (or the record is odd): the caller then runs the full schema for zod's own errors. An entry
 * that passes unchanged is kept by reference; any other goes through memberSchema alone, which is
 * what the full schema applies to each entry anyway.
 */
export function checkMembers(members: unknown): Record<string, SnapshotMember[]> | null {
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return null;
  if (Object.getPrototypeOf(members) !== Object.prototype) return null;
  const out: Record<string, SnapshotMember[]> = {};
  for (const key in members) {
    if (!Object.hasOwn(members, key) || key === '__proto__') return null;
    const list = (members as Record<string, unknown>)[key];
    if (!Array.isArray(list)) return null;
    const checked = new Array<SnapshotMember>(list.length);
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (memberPassesUnchanged(entry)) checked[i] = entry as SnapshotMember;
      else {
        const parsed = memberSchema.safeParse(entry);
        if (!parsed.success) return null;
        checked[i] = parsed.data;
      }
    }
    out[key] = checked;
  }
  return out;
}

function memberPassesUnchanged(value: unknown): boolean {
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
