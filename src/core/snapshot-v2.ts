// The one conversion between the two snapshot versions (snapshot-format.md, "Version 2"). Every
// writer calls toSnapshotV2, and the reader calls it on a version 1 file, so the merge rules of
// version 1 live here alone: an object's copies in `users`, `contacts`, `groups` and the `members`
// lists (in that order) are merged by id ignoring case, a non-null value replacing an earlier one,
// null never replacing a value. Objects come out in first-seen order, each with the @odata.type its
// list implied when no copy carried one. toSnapshotV1 is only for code written against version 1
// (the support export's pseudonymiser): it repeats each object wherever version 1 would.
import { idKey } from './ids.ts';
import type { Snapshot, SnapshotMember, SnapshotObject, SnapshotV1 } from './snapshot-schema.ts';

type Json = Record<string, unknown>;

const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';
const CONTACT_TYPE = '#microsoft.graph.orgContact';

export function toSnapshotV2(snapshot: SnapshotV1): Snapshot {
  const { format, version: _v1, groups, members, users, contacts, ...rest } = snapshot;
  const objects: Json[] = [];
  /** The type an object takes when no copy carries one: that of the list it was first seen in. */
  const fallback: string[] = [];
  /** True once objects[i] is our own copy (a later copy added something), so it may be written. */
  const owned: boolean[] = [];
  const byId = new Map<string, number>();

  // Every spelling seen is kept beside the lowercase key: a repeated id (one per membership edge)
  // is then one Map hit, with no case folding and no new string.
  const lookup = (id: string): number | undefined => {
    const exact = byId.get(id);
    if (exact !== undefined) return exact;
    const key = idKey(id);
    if (key === id) return undefined;
    const folded = byId.get(key);
    if (folded !== undefined) byId.set(id, folded);
    return folded;
  };

  const add = (raw: Json & { id: string }, type: string): void => {
    const at = lookup(raw.id);
    if (at === undefined) {
      const key = idKey(raw.id);
      byId.set(key, objects.length);
      if (key !== raw.id) byId.set(raw.id, objects.length);
      objects.push(raw);
      fallback.push(type);
      owned.push(false);
      return;
    }
    let target = objects[at] as Json;
    for (const key in raw) {
      // The id matched already; a later spelling never replaces the first.
      if (key === 'id') continue;
      const value = raw[key];
      const current = target[key];
      if (current === value || value === undefined) continue;
      if (value === null && (current !== undefined || key in target)) continue;
      if (!owned[at]) {
        target = { ...target };
        objects[at] = target;
        owned[at] = true;
      }
      target[key] = value;
    }
  };

  for (const user of users ?? []) add(user, USER_TYPE);
  for (const contact of contacts ?? []) add(contact, CONTACT_TYPE);
  for (const group of groups) add(group, GROUP_TYPE);
  const memberIds: Record<string, string[]> = {};
  for (const groupId of Object.keys(members)) {
    const list = members[groupId] ?? [];
    add({ id: groupId }, GROUP_TYPE);
    const ids = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) {
      const member = list[i] as SnapshotMember;
      // Members always carry their type (the schema requires it), so theirs never falls back.
      add(member, GROUP_TYPE);
      ids[i] = member.id;
    }
    memberIds[groupId] = ids;
  }
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i] as Json;
    if (typeof object['@odata.type'] === 'string') continue;
    // The type goes first, where Graph puts it and where the schema reads it.
    const { '@odata.type': _untyped, ...others } = object;
    objects[i] = { '@odata.type': fallback[i], ...others };
  }
  const out: Json = {
    format,
    version: 2,
    ...rest,
    objects,
    groups: groups.map((group) => group.id),
    members: memberIds,
  };
  if (users !== undefined) out.users = users.map((user) => user.id);
  if (contacts !== undefined) out.contacts = contacts.map((contact) => contact.id);
  // Keys after the lists, as version 1 has them (`reads` last), so the file reads the same way.
  const { reads, memberCounts } = rest;
  delete out.reads;
  delete out.memberCounts;
  if (memberCounts !== undefined) out.memberCounts = memberCounts;
  out.reads = reads;
  return out as Snapshot;
}

/**
 * Version 1 of a snapshot: each object repeated wherever an id list names it (shared, not
 * copied). Objects no list names have no place in version 1 and are left out; no walk reaches them,
 * so no preview, audit or diff changes.
 */
export function toSnapshotV1(snapshot: Snapshot): SnapshotV1 {
  const { format, version: _v2, objects, groups, members, users, contacts, ...rest } = snapshot;
  const byKey = new Map<string, SnapshotObject>();
  for (const object of objects) byKey.set(idKey(object.id), object);
  const resolve = (id: string): SnapshotObject => {
    const found = byKey.get(idKey(id));
    if (found === undefined) throw new RangeError(`${id} is not in the snapshot's objects`);
    return found;
  };
  const lists: Record<string, SnapshotObject[]> = {};
  for (const groupId of Object.keys(members)) lists[groupId] = (members[groupId] ?? []).map(resolve);
  const out: Json = { format, version: 1, ...rest, groups: groups.map(resolve), members: lists };
  if (users !== undefined) out.users = users.map(resolve);
  if (contacts !== undefined) out.contacts = contacts.map(resolve);
  return out as SnapshotV1;
}

/** A snapshot file's text as every writer writes it: compact (gzip or not, indentation only adds bytes). */
export function snapshotFileText(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot)}\n`;
}
