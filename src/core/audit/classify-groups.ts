// What each group is (Microsoft 365, security, mail-enabled security, distribution list; dynamic or
// assigned; cloud or synced from on-premises) and whether Graph can read its members for the sync:
// hidden membership needs Member.Read.Hidden, dynamic membership needs Entra ID P1. For a selection
// it adds the 15-slot budget, nesting depth, cycles and how much the selected groups overlap.
// Exchange dynamic distribution groups are not Entra groups: Graph never returns them, so they can
// only show up here as an id Graph does not know.
import { OBJECT_KINDS, type ObjectKind, type RawObject } from '../directory-index.ts';
import { idKey } from '../ids.ts';
import type { Preview } from '../preview.ts';
import { computeSegments } from '../preview-rows.ts';
import type { Snapshot } from '../snapshot-schema.ts';
import { findGroupCycles } from './group-graph.ts';

export const GROUP_LIMIT = 15;

export type GroupKind = 'microsoft-365' | 'security' | 'mail-enabled-security' | 'distribution' | 'unknown';

export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  'microsoft-365': 'Microsoft 365 group',
  security: 'Security group',
  'mail-enabled-security': 'Mail-enabled security group',
  distribution: 'Distribution list',
  unknown: 'Group of unknown type',
};

export const EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE =
  'Exchange dynamic distribution groups never appear in Microsoft Graph, so the sync cannot read them. ' +
  'Create a Microsoft Entra dynamic group with a matching rule instead (Groups → New group → Membership type: ' +
  'Dynamic User; it needs Entra ID P1) and select that group.';

export type GroupNeed = 'Member.Read.Hidden' | 'Entra ID P1';

export interface GroupTraits {
  id: string;
  displayName: string | null;
  kind: GroupKind;
  kindLabel: string;
  dynamic: boolean;
  /** Dynamic and its rule processing is paused: membership no longer follows the rule. */
  dynamicPaused: boolean;
  membershipRule: string | null;
  onPremisesSynced: boolean;
  hiddenMembership: boolean;
  /** What reading its members through Graph requires beyond the three permissions. */
  needs: GroupNeed[];
  /** Needs the tenant or the app does not meet (per the context given). */
  unmet: GroupNeed[];
  /** False when a need is known to be unmet, null when unknown, else true. */
  syncable: boolean | null;
}

/** What the tenant and the app have; null = unknown (not read). */
export interface GroupContext {
  memberReadHidden: boolean | null;
  premiumP1: boolean | null;
}

const UNKNOWN_CONTEXT: GroupContext = { memberReadHidden: null, premiumP1: null };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Classifies one raw Graph group (from a snapshot, or from the UI's group picker). */
export function classifyGroup(group: RawObject, context: GroupContext = UNKNOWN_CONTEXT): GroupTraits {
  const types = Array.isArray(group.groupTypes) ? group.groupTypes.map((t) => String(t).toLowerCase()) : [];
  const mail = group.mailEnabled;
  const security = group.securityEnabled;
  let kind: GroupKind = 'unknown';
  if (types.includes('unified')) kind = 'microsoft-365';
  else if (security === true) kind = mail === true ? 'mail-enabled-security' : 'security';
  else if (mail === true && security === false) kind = 'distribution';
  const dynamic = types.includes('dynamicmembership');
  const hiddenMembership = (text(group.visibility) ?? '').toLowerCase() === 'hiddenmembership';
  const needs: GroupNeed[] = [];
  if (hiddenMembership) needs.push('Member.Read.Hidden');
  if (dynamic) needs.push('Entra ID P1');
  const has = (need: GroupNeed) =>
    need === 'Member.Read.Hidden' ? context.memberReadHidden : context.premiumP1;
  const unmet = needs.filter((need) => has(need) === false);
  const unknown = needs.some((need) => has(need) === null);
  return {
    id: group.id,
    displayName: text(group.displayName),
    kind,
    kindLabel: GROUP_KIND_LABELS[kind],
    dynamic,
    dynamicPaused: dynamic && (text(group.membershipRuleProcessingState) ?? '').toLowerCase() === 'paused',
    membershipRule: text(group.membershipRule),
    onPremisesSynced: group.onPremisesSyncEnabled === true,
    hiddenMembership,
    needs,
    unmet,
    syncable: unmet.length > 0 ? false : unknown ? null : true,
  };
}

export type SelectedStatus = 'found' | 'not-found' | 'not-a-group' | 'not-read';

export interface SelectedGroupInfo {
  id: string;
  /** Position in `preview.groups` (distinct selected ids, in the order chosen). */
  position: number;
  /** not-found: Graph answered 404; not-a-group: the id is another kind of object; not-read: neither. */
  status: SelectedStatus;
  /** The kind of object the id names when it is not a group. */
  objectType: ObjectKind | null;
  traits: GroupTraits | null;
  /** False when the snapshot has no members list for it. */
  membersRead: boolean;
  direct: number;
  nestedGroups: number;
  /** Levels of nested groups below it (0 when it holds no group). */
  depth: number;
  /** Other selected groups whose members include this one, directly or nested. */
  containedIn: string[];
}

export interface NestedGroupInfo extends GroupTraits {
  /** Shallowest level it is reached at (1 = a direct member of a selected group). */
  depth: number;
  /** The selected group whose walk reached it first. */
  viaSelected: string;
}

export interface GroupOverlap {
  a: string;
  b: string;
  /** Recipient addresses both groups bring on their own. */
  shared: number;
  /** shared / recipients of the smaller of the two (0..1). */
  ofSmaller: number;
}

export interface GroupClassification {
  limit: number;
  /** Distinct selected ids (each uses a slot, found or not). */
  used: number;
  free: number;
  repeatedIds: string[];
  selected: SelectedGroupInfo[];
  nested: NestedGroupInfo[];
  /** Groups that contain each other (strongly connected), as ids; each cycle once. */
  cycles: string[][];
  overlaps: GroupOverlap[];
}

const KIND_GROUP = 1;

export function classifyGroups(
  snapshot: Snapshot,
  preview: Preview,
  context: GroupContext = UNKNOWN_CONTEXT,
): GroupClassification {
  const { index } = preview;
  const notFound = new Set(snapshot.notFound.map(idKey));
  const selectedIndices = new Set(preview.groups.filter((g) => g.found).map((g) => g.index));
  const depthOf = new Map<number, { depth: number; via: string }>();
  const reachedGroups = preview.groups.map((group) => {
    const depth = new Map<number, number>([[group.index, 0]]);
    const { items, parents } = group.reach;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as number;
      if (index.kinds[item] !== KIND_GROUP) continue;
      const level = (depth.get(parents[i] as number) ?? 0) + 1;
      depth.set(item, level);
      const known = depthOf.get(item);
      if (!selectedIndices.has(item) && (known === undefined || level < known.depth))
        depthOf.set(item, { depth: level, via: group.id });
    }
    return depth;
  });

  const selected: SelectedGroupInfo[] = preview.groups.map((group, position) => {
    const at = index.byId.get(idKey(group.id));
    const kind = at === undefined ? null : (OBJECT_KINDS[index.kinds[at] as number] ?? null);
    let status: SelectedStatus = 'found';
    if (!group.found)
      status = notFound.has(idKey(group.id)) ? 'not-found' : kind !== null ? 'not-a-group' : 'not-read';
    const depths = reachedGroups[position] as Map<number, number>;
    return {
      id: group.id,
      position,
      status,
      objectType: status === 'not-a-group' ? kind : null,
      traits: group.found ? classifyGroup(index.objects[group.index] as RawObject, context) : null,
      membersRead: group.found && index.members.has(group.index),
      direct: group.direct,
      nestedGroups: group.nestedGroups,
      depth: deepest(depths),
      containedIn: preview.groups
        .filter((_, q) => q !== position && group.found && reachedGroups[q]?.has(group.index))
        .map((other) => other.id),
    };
  });

  const nested: NestedGroupInfo[] = [...depthOf.entries()].map(([at, where]) => ({
    ...classifyGroup(index.objects[at] as RawObject, context),
    depth: where.depth,
    viaSelected: where.via,
  }));

  const roots = [...selectedIndices];
  const cycles = findGroupCycles(index, roots).map((cycle) =>
    cycle.map((at) => (index.objects[at] as RawObject).id),
  );
  const used = preview.selection.groupIds.length;
  return {
    limit: GROUP_LIMIT,
    used,
    free: Math.max(0, GROUP_LIMIT - used),
    repeatedIds: preview.selection.repeatedIds,
    selected,
    nested,
    cycles,
    overlaps: groupOverlaps(preview),
  };
}

/** The largest depth, by a loop: spreading 100,000 values into Math.max overflows the call stack. */
function deepest(depths: Map<number, number>): number {
  let max = 0;
  for (const depth of depths.values()) if (depth > max) max = depth;
  return max;
}

/** Pairs of selected groups that bring the same recipient addresses, most shared first. */
export function groupOverlaps(preview: Preview): GroupOverlap[] {
  const count = preview.groups.length;
  const shared = new Map<number, number>();
  const segments = computeSegments(preview);
  for (let address = 0; address < preview.addressCount; address++) {
    const positions = segments.ofAddress(address);
    for (let i = 0; i < positions.length; i++)
      for (let j = i + 1; j < positions.length; j++) {
        const key = (positions[i] as number) * count + (positions[j] as number);
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const overlaps: GroupOverlap[] = [];
  for (const [key, n] of shared) {
    const a = preview.groups[Math.floor(key / count)];
    const b = preview.groups[key % count];
    if (a === undefined || b === undefined) continue;
    const smaller = Math.min(a.recipients, b.recipients);
    overlaps.push({ a: a.id, b: b.id, shared: n, ofSmaller: smaller === 0 ? 0 : n / smaller });
  }
  return overlaps.sort((x, y) => y.shared - x.shared);
}
