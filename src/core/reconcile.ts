// Reconcile (reconcile.md): the audience list exported from the product against the recipients a
// preview predicts for a scope — the whole audience, or one selected group as if synced alone.
// Every distinct address of either side lands in one class; predicted = matched + missing, list
// addresses = matched + excluded-but-listed + outside-scope. Built on the preview's public walk
// results (reach items, outcomes and the address each object was judged by), so the recipient
// rules live in one place. Linear: one pass over the scope's reach, one over the list's distinct
// addresses, and one over the directory only when some address is outside the scope.
import type { AudienceList } from './audience-list.ts';
import { emailKey } from './ids.ts';
import type { Preview, Reach } from './preview.ts';
import { nameOf } from './preview-rows.ts';
import { OUTCOME_RECIPIENT, type ReasonCode, reasonOfOutcome } from './recipient-rules.ts';

export type ReconcileScope = { kind: 'audience' } | { kind: 'group'; position: number };

export const RECONCILE_CLASSES = [
  'matched',
  'missing-from-list',
  'excluded-but-listed',
  'outside-scope',
  'invalid-in-list',
] as const;
export type ReconcileClass = (typeof RECONCILE_CLASSES)[number];

/** A directory object of the scope. */
export interface TenantPerson {
  /** Object index in the preview's directory index. */
  index: number;
  id: string;
  /** The name the sync would give (the upload CSV's Name). */
  name: string;
  /** The address the rules looked at, as the directory spells it. */
  email: string;
  /** Positions in `preview.groups` of the selected groups of the scope whose walk reaches it. */
  groups: number[];
}

export interface MatchedPerson extends TenantPerson {
  /** Line of the list row holding the address first. */
  row: number;
  listName: string;
  /** The list has a name column and its name differs from `name` (both trimmed, case kept). */
  renamed: boolean;
}

export interface ExcludedListedPerson extends TenantPerson {
  row: number;
  listName: string;
  reason: ReasonCode;
}

export interface OutsidePerson {
  row: number;
  /** The address as the list spells it, trimmed. */
  email: string;
  listName: string;
  /** A directory object of the snapshot with this address (mail, else a user's UPN), or -1. */
  index: number;
  id: string | null;
}

export interface ReconcileCounts {
  matched: number;
  'missing-from-list': number;
  'excluded-but-listed': number;
  'outside-scope': number;
  renamed: number;
}

export interface Reconciliation {
  scope: ReconcileScope;
  complete: boolean;
  list: { rows: number; addresses: number; duplicates: number; invalid: number };
  /** Recipients of the scope. */
  predicted: number;
  counts: ReconcileCounts;
  /** In the scope's walk order. */
  matched: MatchedPerson[];
  missingFromList: TenantPerson[];
  excludedButListed: ExcludedListedPerson[];
  /** In list order. */
  outsideScope: OutsidePerson[];
  invalidInList: AudienceList['invalid'];
}

const NONE = -1;
const KIND_USER = 0;

export function scopeReach(preview: Preview, scope: ReconcileScope): Reach {
  if (scope.kind === 'audience') return preview.audience.reach;
  const group = preview.groups[scope.position];
  if (group === undefined) throw new RangeError(`no selected group at position ${scope.position}`);
  return group.reach;
}

export function reconcile(preview: Preview, list: AudienceList, scope: ReconcileScope): Reconciliation {
  const { items, outcomes } = scopeReach(preview, scope);
  const { emails } = preview;
  // For each reach position: the list entry holding its address, or NONE.
  const entryAt = new Int32Array(items.length).fill(NONE);
  // For each list entry: the reach position that claims it, or NONE (then it is outside the scope).
  const claimedBy = new Int32Array(list.entries.length).fill(NONE);
  // Recipients first: an address a recipient holds is matched even when an excluded object (a
  // duplicate-email, a disabled twin) shares it. Then excluded objects, first in walk order.
  for (const wantRecipient of [true, false]) {
    for (let i = 0; i < items.length; i++) {
      const outcome = outcomes[i] as number;
      if ((outcome === OUTCOME_RECIPIENT) !== wantRecipient) continue;
      if (!wantRecipient && reasonOfOutcome(outcome) === null) continue;
      const email = emails[items[i] as number] as string;
      if (email === '') continue;
      const entry = list.byKey.get(emailKey(email));
      if (entry === undefined || claimedBy[entry] !== NONE) continue;
      claimedBy[entry] = i;
      entryAt[i] = entry;
    }
  }

  const groupsOf = groupsReaching(preview, scope, items, outcomes, entryAt);
  const person = (i: number): TenantPerson => {
    const index = items[i] as number;
    return {
      index,
      id: preview.index.objects[index]?.id as string,
      name: nameOf(preview, index),
      email: emails[index] as string,
      groups: groupsOf(index),
    };
  };
  const matched: MatchedPerson[] = [];
  const missingFromList: TenantPerson[] = [];
  const excludedButListed: ExcludedListedPerson[] = [];
  let predicted = 0;
  let renamed = 0;
  for (let i = 0; i < items.length; i++) {
    const outcome = outcomes[i] as number;
    const entryIndex = entryAt[i] as number;
    if (outcome === OUTCOME_RECIPIENT) {
      predicted++;
      if (entryIndex === NONE) {
        missingFromList.push(person(i));
        continue;
      }
      const entry = list.entries[entryIndex] as AudienceList['entries'][number];
      const base = person(i);
      const isRenamed = list.hasNames && entry.name !== base.name;
      if (isRenamed) renamed++;
      matched.push({ ...base, row: entry.row, listName: entry.name, renamed: isRenamed });
    } else if (entryIndex !== NONE) {
      const entry = list.entries[entryIndex] as AudienceList['entries'][number];
      excludedButListed.push({
        ...person(i),
        row: entry.row,
        listName: entry.name,
        reason: reasonOfOutcome(outcome) as ReasonCode,
      });
    }
  }

  const outsideScope: OutsidePerson[] = [];
  let directory: Map<string, number> | null = null;
  for (let e = 0; e < list.entries.length; e++) {
    if (claimedBy[e] !== NONE) continue;
    const entry = list.entries[e] as AudienceList['entries'][number];
    directory ??= directoryAddresses(preview);
    const index = directory.get(entry.key) ?? NONE;
    outsideScope.push({
      row: entry.row,
      email: entry.email,
      listName: entry.name,
      index,
      id: index === NONE ? null : (preview.index.objects[index]?.id ?? null),
    });
  }

  return {
    scope,
    complete: preview.complete,
    list: {
      rows: list.rows,
      addresses: list.entries.length,
      duplicates: list.duplicates,
      invalid: list.invalid.length,
    },
    predicted,
    counts: {
      matched: matched.length,
      'missing-from-list': missingFromList.length,
      'excluded-but-listed': excludedButListed.length,
      'outside-scope': outsideScope.length,
      renamed,
    },
    matched,
    missingFromList,
    excludedButListed,
    outsideScope,
    invalidInList: list.invalid,
  };
}

/** True when the list and the prediction agree: every address on both sides matched. */
export function listAgrees(result: Reconciliation): boolean {
  const { counts } = result;
  return counts['missing-from-list'] + counts['excluded-but-listed'] + counts['outside-scope'] === 0;
}

/**
 * For the objects the result names (recipients and listed excluded objects), the positions of the
 * scope's selected groups whose walk reaches them: every selected group for the audience, the one
 * group for a group scope. One pass over those groups' walks, which the preview already holds.
 */
function groupsReaching(
  preview: Preview,
  scope: ReconcileScope,
  items: Int32Array,
  outcomes: Uint8Array,
  entryAt: Int32Array,
): (index: number) => number[] {
  if (scope.kind === 'group') return () => [scope.position];
  const slot = new Int32Array(preview.index.objects.length);
  const lists: number[][] = [[]];
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== OUTCOME_RECIPIENT && entryAt[i] === NONE) continue;
    slot[items[i] as number] = lists.length;
    lists.push([]);
  }
  preview.groups.forEach((group, position) => {
    for (const item of group.reach.items) {
      const at = slot[item] as number;
      if (at !== 0) (lists[at] as number[]).push(position);
    }
  });
  return (index) => lists[slot[index] as number] ?? [];
}

/**
 * Every address the snapshot's objects carry → the first object (in index order) whose `mail` it
 * is, else the first user whose userPrincipalName it is: the snapshot holds people beyond the scope
 * when other groups or the whole directory were read, and support wants the id either way. Built
 * from the directory (hundreds of thousands of objects), not from the list (up to millions of rows).
 */
function directoryAddresses(preview: Preview): Map<string, number> {
  const found = new Map<string, number>();
  const { objects, kinds } = preview.index;
  for (const field of ['mail', 'userPrincipalName'] as const) {
    for (let index = 0; index < objects.length; index++) {
      const value = (objects[index] as Record<string, unknown>)[field];
      if (typeof value !== 'string' || (field !== 'mail' && kinds[index] !== KIND_USER)) continue;
      const key = emailKey(value.trim());
      if (key !== '' && !found.has(key)) found.set(key, index);
    }
  }
  return found;
}
