// Indexes every object of a snapshot by id once, merging the copies an object has across
// `users`, `contacts`, `groups` and the `members` lists (snapshot-format.md: in that order, a
// non-null value replaces an earlier one, null never replaces a value). The first copy is kept by
// reference and only copied when a later one adds something, so the input is never mutated and
// the common case (one copy per object) allocates nothing.
import { idKey } from './ids.ts';
import type { Snapshot } from './snapshot-schema.ts';

export type ObjectKind = 'user' | 'group' | 'orgContact' | 'device' | 'servicePrincipal' | 'other';
export const OBJECT_KINDS: readonly ObjectKind[] = [
  'user',
  'group',
  'orgContact',
  'device',
  'servicePrincipal',
  'other',
];

/** A raw directory object as Graph returned it: only `id` is certain. */
export type RawObject = { readonly id: string; readonly [key: string]: unknown };

export interface DirectoryIndex {
  /** Merged objects; an object's position here is its index everywhere in the core. */
  readonly objects: readonly RawObject[];
  /** ObjectKind per index, as a position in OBJECT_KINDS. */
  readonly kinds: Uint8Array;
  /** idKey(id) → index (plus the other spellings seen; look up with idKey). */
  readonly byId: ReadonlyMap<string, number>;
  /** Direct members (indices, in listed order) of each group that has a `members` entry. */
  readonly members: ReadonlyMap<number, Int32Array>;
}

const KIND_BY_TYPE: Record<string, number> = {
  '#microsoft.graph.user': 0,
  '#microsoft.graph.group': 1,
  '#microsoft.graph.orgcontact': 2,
  '#microsoft.graph.device': 3,
  '#microsoft.graph.serviceprincipal': 4,
};
const KIND_OTHER = 5;

export function kindOfType(odataType: unknown): number {
  if (typeof odataType !== 'string') return KIND_OTHER;
  const key = odataType.toLowerCase();
  // Own keys only: "constructor" or "__proto__" would otherwise find Object.prototype's members,
  // which Uint8Array turns into 0, a user (a hostile file's non-person counted as a recipient).
  return Object.hasOwn(KIND_BY_TYPE, key) ? (KIND_BY_TYPE[key] as number) : KIND_OTHER;
}

export function buildDirectoryIndex(snapshot: Snapshot): DirectoryIndex {
  const objects: RawObject[] = [];
  // Typed arrays sized for the worst case (every copy a new object), rather than arrays grown
  // push by push: at XL that growth and its garbage were a fifth of the index's time.
  let bound = (snapshot.users?.length ?? 0) + (snapshot.contacts?.length ?? 0) + snapshot.groups.length;
  for (const groupId in snapshot.members) bound += 1 + (snapshot.members[groupId]?.length ?? 0);
  const kinds = new Uint8Array(bound);
  /** 1 once objects[i] is our own copy (a later copy added something), so it may be written. */
  const owned = new Uint8Array(bound);
  const byId = new Map<string, number>();

  // byId holds every spelling seen as well as the lowercase key: a repeated id (the common case,
  // one per membership edge) is then one Map hit, with no case folding and no new string.
  const lookup = (id: string): number | undefined => {
    const exact = byId.get(id);
    if (exact !== undefined) return exact;
    const key = idKey(id);
    // A lowercase id missed above already: asking again under the same key would miss again.
    if (key === id) return undefined;
    const folded = byId.get(key);
    if (folded !== undefined) byId.set(id, folded);
    return folded;
  };

  const add = (raw: RawObject, fallbackKind: number): number => {
    const at = lookup(raw.id);
    const typed = raw['@odata.type'];
    if (at === undefined) {
      const index = objects.length;
      const key = idKey(raw.id);
      byId.set(key, index);
      if (key !== raw.id) byId.set(raw.id, index);
      objects.push(raw);
      kinds[index] = typeof typed === 'string' ? kindOfType(typed) : fallbackKind;
      return index;
    }
    mergeInto(at, raw);
    return at;
  };

  const mergeInto = (at: number, raw: RawObject): void => {
    let target = objects[at] as RawObject;
    for (const key in raw) {
      // The id matched already; comparing it again would read the first copy's id string, one
      // more cache miss per membership edge.
      if (key === 'id') continue;
      const value = raw[key];
      // Most copies repeat the first one: one keyed read settles a key, and `in` (a second
      // lookup on an object far away in memory) is only asked when the target holds nothing.
      const current = target[key];
      if (current === value || value === undefined) continue;
      if (value === null && (current !== undefined || key in target)) continue;
      if (owned[at] === 0) {
        target = { ...target };
        objects[at] = target;
        owned[at] = 1;
      }
      (target as Record<string, unknown>)[key] = value;
    }
  };

  for (const user of snapshot.users ?? []) add(user, 0);
  for (const contact of snapshot.contacts ?? []) add(contact, 2);
  for (const group of snapshot.groups) add(group, 1);

  const memberLists: Array<[number, Int32Array]> = [];
  for (const groupId of Object.keys(snapshot.members)) {
    const list = snapshot.members[groupId] ?? [];
    const groupIndex = add({ id: groupId }, 1);
    const indices = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) indices[i] = add(list[i] as RawObject, KIND_OTHER);
    memberLists.push([groupIndex, indices]);
  }
  // Types are settled only after every copy is merged: a later copy may carry the @odata.type.
  // An object never copied is still its first copy, whose type `add` has read already.
  for (let i = 0; i < objects.length; i++) {
    if (owned[i] === 0) continue;
    const typed = (objects[i] as RawObject)['@odata.type'];
    if (typeof typed === 'string') kinds[i] = kindOfType(typed);
  }
  const members = new Map<number, Int32Array>();
  for (const [groupIndex, indices] of memberLists) {
    const previous = members.get(groupIndex);
    // Two keys that differ only in case name one group: their lists are concatenated in file order.
    members.set(groupIndex, previous ? concat(previous, indices) : indices);
  }
  return { objects, kinds: kinds.slice(0, objects.length), byId, members };
}

function concat(first: Int32Array, second: Int32Array): Int32Array {
  const out = new Int32Array(first.length + second.length);
  out.set(first);
  out.set(second, first.length);
  return out;
}
