// Indexes the objects of a snapshot (version 2's `objects`, each object once: a version 1 file's
// copies were merged when it was read, snapshot-v2.ts) by id ignoring case, with each object's kind
// from its @odata.type and each group's direct members as object positions. The objects are kept
// by reference, never copied.
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
  /** The snapshot's objects; an object's position here is its index everywhere in the core. */
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
  const objects = snapshot.objects as readonly RawObject[];
  const kinds = new Uint8Array(objects.length);
  const byId = new Map<string, number>();
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i] as RawObject;
    const key = idKey(object.id);
    byId.set(key, i);
    if (key !== object.id) byId.set(object.id, i);
    kinds[i] = kindOfType(object['@odata.type']);
  }

  // byId holds every spelling seen as well as the lowercase key: a repeated id (the common case,
  // one per membership edge) is then one Map hit, with no case folding and no new string.
  const lookup = (id: string): number => {
    const exact = byId.get(id);
    if (exact !== undefined) return exact;
    const folded = byId.get(idKey(id));
    // parse-snapshot refuses a dangling id, so only a snapshot built by hand gets here.
    if (folded === undefined) throw new RangeError(`${id} is not in the snapshot's objects`);
    byId.set(id, folded);
    return folded;
  };

  const members = new Map<number, Int32Array>();
  for (const groupId of Object.keys(snapshot.members)) {
    const list = snapshot.members[groupId] ?? [];
    const groupIndex = lookup(groupId);
    const indices = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) indices[i] = lookup(list[i] as string);
    const previous = members.get(groupIndex);
    // Two keys that differ only in case name one group: their lists are concatenated in file order.
    members.set(groupIndex, previous ? concat(previous, indices) : indices);
  }
  return { objects, kinds, byId, members };
}

function concat(first: Int32Array, second: Int32Array): Int32Array {
  const out = new Int32Array(first.length + second.length);
  out.set(first);
  out.set(second, first.length);
  return out;
}
