// The words for why someone leaves a group's audience between two snapshots, in one place so the
// overall list, the per-group lists and the reason counts say the same thing.
import type { GroupLeaveReason } from '../core/diff.ts';

export const LEAVE_WORDS: Record<GroupLeaveReason, string> = {
  disabled: 'Newly disabled',
  'no-email': 'Lost their email address',
  'invalid-email': 'Email address no longer usable',
  'duplicate-email': 'Address now used by someone synced first',
  'not-a-person': 'No longer a person',
  'contacts-off': 'Contact, and contacts sync is off',
  unreadable: 'Could not be read',
  malformed: "Graph's answer for them is malformed",
  'left-group': 'Left the group or a nested group (or was deleted)',
  deleted: 'Deleted from the tenant',
  'group-not-selected': 'Group no longer selected',
};

/** Reasons with their counts, most frequent first. */
export function countReasons(left: ReadonlyArray<{ why: GroupLeaveReason }>): [GroupLeaveReason, number][] {
  const counts = new Map<GroupLeaveReason, number>();
  for (const person of left) counts.set(person.why, (counts.get(person.why) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
