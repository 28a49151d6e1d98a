// Who joins and who leaves the audience between two snapshots of one tenant (as at the next weekly
// sync), overall and per selected group, matched by object id ignoring case. Each snapshot is
// judged with its own selection; groups are matched by id. Surprising: a snapshot holds only the
// selected groups' members, and deleting an object removes it from its groups, so an object absent
// from the newer snapshot is `deleted` only when that snapshot read the whole directory (`users`
// for a user, `contacts` for a contact) — otherwise all we know is `left-group`. See DIFF_NOTES.
import type { RawObject } from './directory-index.ts';
import { idKey } from './ids.ts';
import { computePreview, type Preview, type PreviewOptions, type Reach } from './preview.ts';
import { nameOf } from './preview-rows.ts';
import { OUTCOME_RECIPIENT, type ReasonCode, reasonOfOutcome } from './recipient-rules.ts';
import { fail, ok, type Result } from './result.ts';
import type { Snapshot } from './snapshot-schema.ts';

/** Why a recipient of the older snapshot is no recipient in the newer one. */
export type LeaveReason = ReasonCode | 'left-group' | 'deleted';
/** Per group also: the group is not in the newer snapshot's selection at all. */
export type GroupLeaveReason = LeaveReason | 'group-not-selected';
/**
 * Why a recipient of the newer snapshot was no recipient in the older one: the reason it was
 * excluded then (it no longer applies), or it was not reached then (joined a group, or is new).
 */
export type JoinReason = ReasonCode | 'joined-group';
/** Per group also: the group was not in the older snapshot's selection. */
export type GroupJoinReason = JoinReason | 'group-newly-selected';

export interface DiffPerson {
  id: string;
  /** The CSV's Name: from the newer snapshot for a joiner, from the older one for a leaver. */
  name: string;
  /** The address the sync uses (joiner) or used (leaver). */
  email: string;
}

export interface DiffLeaver<Why = LeaveReason> extends DiffPerson {
  why: Why;
}

export interface DiffJoiner<Why = JoinReason> extends DiffPerson {
  why: Why;
}

export interface DiffSide {
  capturedAt: string;
  complete: boolean;
  /** Recipients of the audience in this snapshot. */
  recipients: number;
}

export interface GroupDiff {
  id: string;
  /** The newer snapshot's name for the group, else the older one's; null when found in neither. */
  displayName: string | null;
  selectedInOlder: boolean;
  selectedInNewer: boolean;
  foundInOlder: boolean;
  foundInNewer: boolean;
  olderRecipients: number;
  newerRecipients: number;
  /** In the newer snapshot's walk order. */
  joined: DiffJoiner<GroupJoinReason>[];
  /** In the older snapshot's walk order. */
  left: DiffLeaver<GroupLeaveReason>[];
}

export interface SnapshotDiff {
  tenantId: string;
  tenantName: string | null;
  older: DiffSide;
  newer: DiffSide;
  audience: { joined: DiffJoiner[]; left: DiffLeaver[]; stayed: number };
  /** The newer selection's groups in its order, then groups selected only in the older snapshot. */
  groups: GroupDiff[];
}

export interface DiffOptions {
  /** Overrides of each snapshot's own selection (as the preview's options). */
  older?: PreviewOptions;
  newer?: PreviewOptions;
}

/** One side of a diff: the snapshot and its preview (the worker may already hold the preview). */
export interface DiffInput {
  snapshot: Snapshot;
  preview: Preview;
}

export const DIFF_NOTES = {
  deleted:
    'gone from the newer snapshot, which read the whole directory for that kind of object (users or contacts)',
  leftGroup:
    'no selected group reaches it any more; when the newer snapshot holds only group members (as the reader records it), this also covers an object deleted from the tenant, which the snapshot cannot tell apart',
} as const;

export function diffSnapshots(
  older: Snapshot,
  newer: Snapshot,
  options: DiffOptions = {},
): Result<SnapshotDiff> {
  if (idKey(older.tenant.id) !== idKey(newer.tenant.id)) {
    const name = (s: Snapshot) => `${s.tenant.displayName ?? 'unnamed tenant'} (${s.tenant.id})`;
    return fail([
      {
        code: 'different-tenants',
        path: '$.tenant.id',
        message: `the snapshots are of two different tenants, ${name(older)} and ${name(newer)}; a diff compares two snapshots of one tenant`,
      },
    ]);
  }
  return ok(
    diffPreviews(
      { snapshot: older, preview: computePreview(older, options.older) },
      { snapshot: newer, preview: computePreview(newer, options.newer) },
    ),
  );
}

/** The diff of two previews of one tenant (the caller has checked the tenant). */
export function diffPreviews(older: DiffInput, newer: DiffInput): SnapshotDiff {
  const deletedKinds = directoryReads(newer.snapshot);
  const outcomes = new Map<Reach, Map<string, number>>();
  const outcomeIn = (preview: Preview, reach: Reach, key: string): number | undefined => {
    let byId = outcomes.get(reach);
    if (byId === undefined) {
      byId = outcomesById(preview, reach);
      outcomes.set(reach, byId);
    }
    return byId.get(key);
  };
  /** Why the older object at `item` is no recipient of the newer `reach`. */
  const why = (reach: Reach, key: string, item: number): LeaveReason => {
    const outcome = outcomeIn(newer.preview, reach, key);
    // Still reached, so excluded for a reason (a group cannot turn into a person: left-group then).
    if (outcome !== undefined) return reasonOfOutcome(outcome) ?? 'left-group';
    if (newer.preview.index.byId.has(key)) return 'left-group';
    return deletedKinds.has(older.preview.index.kinds[item] as number) ? 'deleted' : 'left-group';
  };
  /** Why the newer object is a recipient of `reach` now and was not of the older `olderReach`. */
  const whyJoined = (olderReach: Reach, key: string): JoinReason => {
    const outcome = outcomeIn(older.preview, olderReach, key);
    return outcome === undefined ? 'joined-group' : (reasonOfOutcome(outcome) ?? 'joined-group');
  };
  const compare = <Why, JoinWhy>(
    olderReach: Reach,
    newerReach: Reach | null,
    whyOf: (key: string, item: number) => Why,
    joinWhyOf: (key: string) => JoinWhy,
  ) => {
    const before = recipientsById(older.preview, olderReach);
    const after = newerReach === null ? new Map<string, number>() : recipientsById(newer.preview, newerReach);
    const joined: DiffJoiner<JoinWhy>[] = [];
    for (const [key, item] of after)
      if (!before.has(key)) joined.push({ ...person(newer.preview, item), why: joinWhyOf(key) });
    const left: DiffLeaver<Why>[] = [];
    for (const [key, item] of before)
      if (!after.has(key)) left.push({ ...person(older.preview, item), why: whyOf(key, item) });
    return { joined, left, before: before.size, after: after.size };
  };

  const audience = compare(
    older.preview.audience.reach,
    newer.preview.audience.reach,
    (key, item) => why(newer.preview.audience.reach, key, item),
    (key) => whyJoined(older.preview.audience.reach, key),
  );

  const groups: GroupDiff[] = [];
  const olderGroups = new Map(older.preview.groups.map((group) => [idKey(group.id), group]));
  const newerKeys = new Set<string>();
  for (const group of newer.preview.groups) {
    const key = idKey(group.id);
    newerKeys.add(key);
    const before = olderGroups.get(key);
    const result = compare<GroupLeaveReason, GroupJoinReason>(
      before?.reach ?? EMPTY_REACH,
      group.reach,
      (person, item) => why(group.reach, person, item),
      (person) => (before === undefined ? 'group-newly-selected' : whyJoined(before.reach, person)),
    );
    groups.push({
      id: group.id,
      displayName: group.displayName ?? before?.displayName ?? null,
      selectedInOlder: before !== undefined,
      selectedInNewer: true,
      foundInOlder: before?.found ?? false,
      foundInNewer: group.found,
      olderRecipients: result.before,
      newerRecipients: result.after,
      joined: result.joined,
      left: result.left,
    });
  }
  for (const group of older.preview.groups) {
    if (newerKeys.has(idKey(group.id))) continue;
    const result = compare<GroupLeaveReason, GroupJoinReason>(
      group.reach,
      null,
      () => 'group-not-selected',
      () => 'joined-group',
    );
    groups.push({
      id: group.id,
      displayName: group.displayName,
      selectedInOlder: true,
      selectedInNewer: false,
      foundInOlder: group.found,
      foundInNewer: false,
      olderRecipients: result.before,
      newerRecipients: 0,
      joined: [],
      left: result.left,
    });
  }

  return {
    tenantId: newer.snapshot.tenant.id,
    tenantName: newer.snapshot.tenant.displayName ?? older.snapshot.tenant.displayName ?? null,
    older: side(older, audience.before),
    newer: side(newer, audience.after),
    audience: {
      joined: audience.joined,
      left: audience.left,
      stayed: audience.after - audience.joined.length,
    },
    groups,
  };
}

/** What `diff --json` prints (command-line.md): people overall, counts per group. */
export interface DiffJson {
  older: string;
  newer: string;
  audience: {
    joined: Array<{ id: string; name: string; email: string }>;
    left: Array<{ id: string; name: string; email: string; why: LeaveReason }>;
  };
  groups: Array<{ id: string; displayName: string | null; joined: number; left: number }>;
}

export function summarizeDiff(diff: SnapshotDiff): DiffJson {
  return {
    older: diff.older.capturedAt,
    newer: diff.newer.capturedAt,
    audience: {
      joined: diff.audience.joined.map(({ id, name, email }) => ({ id, name, email })),
      left: diff.audience.left.map(({ id, name, email, why }) => ({ id, name, email, why })),
    },
    groups: diff.groups.map((group) => ({
      id: group.id,
      displayName: group.displayName,
      joined: group.joined.length,
      left: group.left.length,
    })),
  };
}

const EMPTY_REACH: Reach = {
  items: new Int32Array(0),
  parents: new Int32Array(0),
  outcomes: new Uint8Array(0),
};
const KIND_USER = 0;
const KIND_CONTACT = 2;

function side(input: DiffInput, recipients: number): DiffSide {
  return { capturedAt: input.snapshot.capturedAt, complete: input.preview.complete, recipients };
}

function person(preview: Preview, item: number): DiffPerson {
  return {
    id: (preview.index.objects[item] as RawObject).id,
    name: nameOf(preview, item),
    email: preview.emails[item] as string,
  };
}

/** idKey → object index of each recipient of a reach, in walk order (each object is reached once). */
function recipientsById(preview: Preview, reach: Reach): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < reach.items.length; i++) {
    if (reach.outcomes[i] !== OUTCOME_RECIPIENT) continue;
    const item = reach.items[i] as number;
    map.set(idKey((preview.index.objects[item] as RawObject).id), item);
  }
  return map;
}

/** idKey → outcome of every object a reach holds. */
function outcomesById(preview: Preview, reach: Reach): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < reach.items.length; i++) {
    const item = reach.items[i] as number;
    map.set(idKey((preview.index.objects[item] as RawObject).id), reach.outcomes[i] as number);
  }
  return map;
}

/** Kinds of object the snapshot read the whole directory of, completely: absence there means deleted. */
function directoryReads(snapshot: Snapshot): Set<number> {
  const incomplete = (path: string) =>
    snapshot.reads.some(
      (read) => read.path.toLowerCase() === path && (read.status === 'partial' || read.status === 'failed'),
    );
  const kinds = new Set<number>();
  if (snapshot.users !== undefined && !incomplete('/users')) kinds.add(KIND_USER);
  if (snapshot.contacts !== undefined && !incomplete('/contacts')) kinds.add(KIND_CONTACT);
  return kinds;
}
