// The membership walk: the direct members of every selected group and of every group nested
// below them, each group read once however often it appears (cycles included). Reads happen in
// rounds as discovered; the *order* of `groups`, `members` and their `reads` is fixed afterwards
// by a depth-first, pre-order walk from the selected groups (as recipient-rules.md walks), so it
// does not depend on paging or on which request finished first.
import { idKey } from '../core/ids.ts';
import type { SnapshotGroup, SnapshotMember } from '../core/snapshot-schema.ts';
import { pages } from './graph-schemas.ts';
import { collectionWork, newRead, type ReadContext, type ReadState, type Work } from './read-state.ts';

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
    return collectionWork(context, entry.read, { url }, pages.member, (items) => {
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
