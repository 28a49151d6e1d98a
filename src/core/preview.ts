// The recipient preview: every selected group walked and judged as if synced alone, and the
// audience (the union, walked in selection order) judged once, so any difference between Entra's
// member count and the recipient count can be explained. Pure: the same snapshot and options give
// the same preview. Each object is judged once (cached); only duplicate detection is per reach.

import { findIncompleteReads, type IncompleteRead } from './completeness.ts';
import {
  buildDirectoryIndex,
  type DirectoryIndex,
  OBJECT_KINDS,
  type ObjectKind,
} from './directory-index.ts';
import { idKey } from './ids.ts';
import { createReachJudge } from './judge-reach.ts';
import { REASON_CODES, type ReasonCode, type RuleOptions } from './recipient-rules.ts';
import type { Snapshot } from './snapshot-schema.ts';
import { createWalker } from './walk.ts';

export interface Counts {
  reached: number;
  recipients: number;
  nestedGroups: number;
  excluded: Record<ReasonCode, number>;
}

export interface GroupCounts extends Counts {
  id: string;
  found: boolean;
  displayName: string | null;
  direct: number;
  directByType: Record<ObjectKind, number>;
  /** Entra's direct-member count (`/members/$count`) when the snapshot has it. */
  memberCount: number | null;
}

/** One walk judged: object indices in walk order, the group each came through, and its outcome. */
export interface Reach {
  readonly items: Int32Array;
  readonly parents: Int32Array;
  readonly outcomes: Uint8Array;
}

export interface GroupPreview extends GroupCounts {
  /** The group's object index, or -1 when not found. */
  index: number;
  reach: Reach;
}

export interface AudiencePreview extends Counts {
  reach: Reach;
  /** For each audience item, the position in `groups` of the selected group whose walk reached it first. */
  sources: Uint16Array;
}

export interface PreviewOptions {
  groupIds?: readonly string[];
  usernameFallback?: boolean;
  syncContacts?: boolean;
}

export interface ResolvedSelection extends RuleOptions {
  /** Distinct selected ids in the order chosen (first spelling kept). */
  groupIds: string[];
  /** Ids selected more than once (compared case-insensitively). */
  repeatedIds: string[];
}

export interface Preview {
  complete: boolean;
  incompleteReads: IncompleteRead[];
  selection: ResolvedSelection;
  index: DirectoryIndex;
  /** Per object index: the address the rules looked at ('' for none or not reached). */
  emails: readonly string[];
  /**
   * Per object index: a number for a candidate recipient's address (equal numbers = addresses that
   * compare equal), else -1; numbers run from 0 to addressCount - 1. Lets segments and overlaps
   * work on numbers instead of lowercased strings.
   */
  addressNumbers: Int32Array;
  addressCount: number;
  groups: GroupPreview[];
  audience: AudiencePreview;
}

const KIND_GROUP = 1;

export function emptyCounts(): Counts {
  const excluded = Object.fromEntries(REASON_CODES.map((code) => [code, 0])) as Record<ReasonCode, number>;
  return { reached: 0, recipients: 0, nestedGroups: 0, excluded };
}

export function resolveSelection(snapshot: Snapshot, options: PreviewOptions = {}): ResolvedSelection {
  const requested = options.groupIds ?? snapshot.selection.groupIds;
  const seen = new Set<string>();
  const groupIds: string[] = [];
  const repeatedIds: string[] = [];
  for (const id of requested) {
    const key = idKey(id.trim());
    if (seen.has(key)) repeatedIds.push(id);
    else {
      seen.add(key);
      groupIds.push(id.trim());
    }
  }
  return {
    groupIds,
    repeatedIds,
    usernameFallback: options.usernameFallback ?? snapshot.selection.usernameFallback,
    syncContacts: options.syncContacts ?? snapshot.selection.syncContacts,
  };
}

export function computePreview(snapshot: Snapshot, options: PreviewOptions = {}): Preview {
  const selection = resolveSelection(snapshot, options);
  const index = buildDirectoryIndex(snapshot);
  const judge = createReachJudge(index, selection);
  const { emails, judgeReach } = judge;

  const walker = createWalker(index);
  const memberCounts = lowerKeys(snapshot.memberCounts ?? {});
  const groups: GroupPreview[] = [];
  const audienceSeen = new Uint8Array(index.objects.length);
  const audienceItems: number[] = [];
  const audienceParents: number[] = [];
  const audienceSources: number[] = [];
  for (const id of selection.groupIds) {
    const at = index.byId.get(idKey(id));
    if (at === undefined || index.kinds[at] !== KIND_GROUP) {
      groups.push(notFoundGroup(id));
      continue;
    }
    const walk = walker.walk(at);
    for (let i = 0; i < walk.items.length; i++) {
      const item = walk.items[i] as number;
      if (audienceSeen[item]) continue;
      audienceSeen[item] = 1;
      audienceItems.push(item);
      audienceParents.push(walk.parents[i] as number);
      audienceSources.push(groups.length);
    }
    const { reach, counts } = judgeReach(walk.items, walk.parents);
    const group = index.objects[at] as { displayName?: unknown };
    groups.push({
      id,
      found: true,
      displayName: typeof group.displayName === 'string' ? group.displayName : null,
      ...directCounts(index, at),
      memberCount: memberCounts.get(idKey(id)) ?? null,
      ...counts,
      index: at,
      reach,
    });
  }
  const audience = judgeReach(Int32Array.from(audienceItems), Int32Array.from(audienceParents));
  const incompleteReads = findIncompleteReads(snapshot);
  return {
    complete: incompleteReads.length === 0,
    incompleteReads,
    selection,
    index,
    emails,
    addressNumbers: judge.addressNumbers,
    addressCount: judge.addressCount(),
    groups,
    audience: { ...audience.counts, reach: audience.reach, sources: Uint16Array.from(audienceSources) },
  };
}

function directCounts(index: DirectoryIndex, group: number): Pick<GroupCounts, 'direct' | 'directByType'> {
  const directByType = Object.fromEntries(OBJECT_KINDS.map((kind) => [kind, 0])) as Record<
    ObjectKind,
    number
  >;
  const list = index.members.get(group) ?? new Int32Array(0);
  // Distinct members by a mark per object instead of a Set: a selected group may list 100,000.
  const counted = new Uint8Array(index.objects.length);
  let direct = 0;
  for (const member of list) {
    if (counted[member] === 1) continue;
    counted[member] = 1;
    direct++;
    directByType[OBJECT_KINDS[index.kinds[member] as number] as ObjectKind]++;
  }
  return { direct, directByType };
}

function notFoundGroup(id: string): GroupPreview {
  const directByType = Object.fromEntries(OBJECT_KINDS.map((kind) => [kind, 0])) as Record<
    ObjectKind,
    number
  >;
  const empty = { items: new Int32Array(0), parents: new Int32Array(0), outcomes: new Uint8Array(0) };
  return {
    id,
    found: false,
    displayName: null,
    direct: 0,
    directByType,
    memberCount: null,
    ...emptyCounts(),
    index: -1,
    reach: empty,
  };
}

function lowerKeys(record: Record<string, number>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [key, value] of Object.entries(record)) map.set(idKey(key), value);
  return map;
}
