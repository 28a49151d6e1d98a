// The membership walk: the direct members of every selected group and of every group nested
// below them, each group read once however often it appears (cycles included). Reads happen in
// rounds as discovered; the *order* of `groups`, `members` and their `reads` is fixed afterwards
// by a depth-first, pre-order walk from the selected groups (as recipient-rules.md walks), so it
// does not depend on paging or on which request finished first.
//
// One odd item never costs its page: a member Graph sends without `@odata.type` or `id` (or with
// a property of the wrong type) is kept in its place, as a directoryObject — the type OData gives
// an item of /members that names none — under its own id or, without one, a stand-in id, with
// the reason in `@dirsync.malformed` (an instance annotation, an extra property the snapshot
// format keeps) and its valid properties. The preview excludes it as `malformed`; the walk does
// not follow it, and the read's `reads` entry counts such items in its note.

import { z } from 'zod';
import { idKey } from '../core/ids.ts';
import { MALFORMED_NOTE } from '../core/recipient-rules.ts';
import { memberSchema, type SnapshotGroup, type SnapshotMember } from '../core/snapshot-schema.ts';
import { describeIssue, pageSchema } from './graph-schemas.ts';
import { collectionWork, newRead, type ReadContext, type ReadState, type Work } from './read-state.ts';

/** What an odd item is recorded as when its own type cannot be kept. */
export const MALFORMED_TYPE = '#microsoft.graph.directoryObject';

const memberPage = pageSchema(z.unknown());

export const GROUP_TYPE = '#microsoft.graph.group';

/** One $select for users, contacts and groups alike: Graph applies what fits each type. */
export const MEMBER_SELECT = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'accountEnabled',
  'userType',
  'description',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'visibility',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesSyncEnabled',
].join(',');

export const PAGE_SIZE = 999;

interface Visit {
  id: string;
  read: ReadState;
  members: SnapshotMember[];
}

export interface WalkResult {
  /** Nested (not selected) groups in walk order, as their parent's members list showed them. */
  nestedGroups: SnapshotGroup[];
  /** Direct members keyed by group id: selected groups first, then nested in walk order. */
  members: Record<string, SnapshotMember[]>;
  /** The members read of each selected group (by idKey) … */
  selectedReads: Map<string, ReadState>;
  /** … and of each nested group, in walk order. */
  nestedReads: ReadState[];
}

export interface MemberWalk {
  /** The first page of a group's members, or null when that group is already being read. */
  visit(id: string): Work | null;
  /** Groups known so far and groups whose members read has finished. */
  progress(): { known: number; done: number };
  /** The members read of a group, once visited. */
  readOf(id: string): ReadState | undefined;
  finish(selectedIds: readonly string[]): WalkResult;
}

export function createMemberWalk(context: ReadContext): MemberWalk {
  const visits = new Map<string, Visit>();

  function visit(id: string): Work | null {
    const key = idKey(id);
    if (visits.has(key)) return null;
    const entry: Visit = { id, read: newRead(`/groups/${id}/members`), members: [] };
    visits.set(key, entry);
    const url = `/groups/${encodeURIComponent(id)}/members?$select=${MEMBER_SELECT}&$top=${PAGE_SIZE}`;
    return collectionWork(context, entry.read, { url }, memberPage, (raw) => {
      const page = entry.read.pages;
      const items = raw.map((value, position) => {
        const parsed = memberSchema.safeParse(value);
        if (parsed.success) return parsed.data;
        entry.read.malformed++;
        return malformedMember(value, parsed.error, `${id}-${page}-${position}`);
      });
      for (const item of items) entry.members.push(item);
      const follow: Work[] = [];
      for (const item of items) {
        if (item['@odata.type'] !== GROUP_TYPE) continue;
        const work = visit(item.id);
        if (work) follow.push(work);
      }
      return follow;
    });
  }

  function finish(selectedIds: readonly string[]): WalkResult {
    const members: Record<string, SnapshotMember[]> = {};
    const selectedReads = new Map<string, ReadState>();
    const seen = new Set<string>();
    for (const id of selectedIds) {
      const entry = visits.get(idKey(id));
      if (!entry || seen.has(idKey(id))) continue;
      seen.add(idKey(id));
      selectedReads.set(idKey(id), entry.read);
      if (entry.read.pages > 0) members[entry.id] = entry.members;
    }
    const nested: Array<{ group: SnapshotGroup; visit: Visit }> = [];
    const reach = (member: SnapshotMember) => {
      const key = idKey(member.id);
      if (member['@odata.type'] !== GROUP_TYPE || seen.has(key)) return null;
      seen.add(key);
      const entry = visits.get(key);
      if (entry) nested.push({ group: member, visit: entry });
      return entry ?? null;
    };
    for (const id of selectedIds) {
      const root = visits.get(idKey(id));
      if (root) walkPreOrder(root, reach);
    }
    // Every visit is reachable from a selected group; this only guards against a bug losing data.
    for (const [key, entry] of visits) {
      if (seen.has(key)) continue;
      seen.add(key);
      nested.push({ group: { id: entry.id, '@odata.type': GROUP_TYPE }, visit: entry });
    }
    for (const { visit: entry } of nested) {
      if (entry.read.pages > 0) members[entry.id] = entry.members;
    }
    return {
      nestedGroups: nested.map((item) => item.group),
      members,
      selectedReads,
      nestedReads: nested.map((item) => item.visit.read),
    };
  }

  return {
    visit,
    finish,
    readOf: (id) => visits.get(idKey(id))?.read,
    progress() {
      let done = 0;
      for (const entry of visits.values()) if (entry.read.status !== 'pending') done++;
      return { known: visits.size, done };
    },
  };
}

/**
 * An item memberSchema refused, as a member entry that passes it: its valid properties, a
 * directoryObject type, its own id when it has one (else `malformed-<group>-<page>-<position>`),
 * and the first problem (a path and zod's message, never a value) under MALFORMED_NOTE.
 */
export function malformedMember(value: unknown, error: z.ZodError, where: string): SnapshotMember {
  const raw: Record<string, unknown> =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string') delete raw[key];
  }
  const original = raw['@odata.type'];
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : `malformed-${where}`;
  return {
    ...raw,
    '@odata.type': MALFORMED_TYPE,
    id,
    [MALFORMED_NOTE]: `Graph's answer for this member ${describeIssue(error)}${
      typeof original === 'string' && original !== MALFORMED_TYPE
        ? ` (it said it was ${original.slice(0, 80)})`
        : ''
    }`,
  } as SnapshotMember;
}

/** Depth-first, pre-order, with an explicit stack so deep nesting cannot overflow. */
function walkPreOrder(root: Visit, reach: (member: SnapshotMember) => Visit | null): void {
  const stack: Array<{ visit: Visit; position: number }> = [{ visit: root, position: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { visit: Visit; position: number };
    const member = top.visit.members[top.position];
    if (member === undefined) {
      stack.pop();
      continue;
    }
    top.position++;
    const next = reach(member);
    if (next) stack.push({ visit: next, position: 0 });
  }
}
