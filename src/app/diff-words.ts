// The words for why someone joins or leaves a group's audience between two snapshots, in one place
// so the overall list, the per-group lists and the reason counts say the same thing.
import type { GroupJoinReason, GroupLeaveReason } from '../core/diff.ts';

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

/** Joining: what kept them out before no longer does, or they were not reached before. */
export const JOIN_WORDS: Record<GroupJoinReason, string> = {
  disabled: 'Enabled again',
  'no-email': 'Got an email address',
  'invalid-email': 'Email address now usable',
  'duplicate-email': 'Address no longer taken by someone synced first',
  'not-a-person': 'Now a person',
  'contacts-off': 'Contact, and contacts sync is now on',
  unreadable: 'Readable now',
  malformed: 'Graph’s answer for them is well-formed now',
  'joined-group': 'Joined the group or a nested group (or is new)',
  'group-newly-selected': 'Group newly selected',
};

/** Reasons with their counts, most frequent first. */
export function countReasons(left: ReadonlyArray<{ why: GroupLeaveReason }>): [GroupLeaveReason, number][] {
  const counts = new Map<GroupLeaveReason, number>();
  for (const person of left) counts.set(person.why, (counts.get(person.why) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
