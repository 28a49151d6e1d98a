// The count explanation as data: the steps from Entra's member count to the recipient count, each
// with where its bar starts and ends, and the same story as one plain sentence. Pure, so the
// numbers are tested to add up without rendering. Surprising: Entra's $count can be below the
// listed members (the count is "eventually consistent"), so that step may add instead of subtract;
// and the audience has no member count or direct members, since it is a union of walks.
import type { CountsSummary, GroupSummary, PreviewSummary } from '../core/preview-summary.ts';
import { REASON_CODES } from '../core/recipient-rules.ts';
import type { Outcome } from '../core/row-query.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS } from './outcomes.ts';

export interface WaterfallStep {
  key: string;
  label: string;
  /** A running total (bar from 0) or a change (bar floating between the totals before and after). */
  kind: 'total' | 'add' | 'subtract';
  value: number;
  /** The bar's extent on the count axis: from ≤ to. */
  from: number;
  to: number;
  /** The outcomes "list these people" shows, or null when the step is no set of rows (e.g. Entra's count). */
  outcomes: Outcome[] | null;
  note: string | null;
}

export interface Waterfall {
  steps: WaterfallStep[];
  /** The largest bar end, for the scale. */
  max: number;
}

type GroupCounts = CountsSummary & Partial<Pick<GroupSummary, 'memberCount' | 'direct'>>;

export function waterfallOf(counts: GroupCounts): Waterfall {
  const steps: WaterfallStep[] = [];
  const total = (
    key: string,
    label: string,
    value: number,
    outcomes: Outcome[] | null,
    note: string | null = null,
  ) => steps.push({ key, label, kind: 'total', value, from: 0, to: value, outcomes, note });
  const change = (
    key: string,
    label: string,
    before: number,
    after: number,
    outcomes: Outcome[] | null,
    note: string | null = null,
  ) =>
    steps.push({
      key,
      label,
      kind: after >= before ? 'add' : 'subtract',
      value: Math.abs(after - before),
      from: Math.min(before, after),
      to: Math.max(before, after),
      outcomes,
      note,
    });

  const { memberCount, direct } = counts;
  if (direct !== undefined) {
    if (memberCount !== null && memberCount !== undefined) {
      total('entra', "Entra's member count", memberCount, null, 'Direct members, as the portal counts them');
      if (memberCount > direct)
        change(
          'unlisted',
          'Not listed by Microsoft Graph',
          memberCount,
          direct,
          null,
          'Service principals and other objects that Graph v1.0 counts but does not list; never synced',
        );
      else if (memberCount < direct)
        change(
          'count-lag',
          "Listed but not yet in Entra's count",
          memberCount,
          direct,
          null,
          "Entra's count catches up with changes after a while",
        );
    }
    total('direct', 'Direct members listed', direct, null);
    if (counts.reached !== direct)
      change('nested-members', 'Added through nested groups', direct, counts.reached, null);
  }
  total(
    'reached',
    direct === undefined ? 'Reached through the selected groups' : 'Reached',
    counts.reached,
    [],
  );
  let running = counts.reached;
  if (counts.nestedGroups > 0) {
    change('nested-group', OUTCOME_WORDS['nested-group'].step, running, running - counts.nestedGroups, [
      'nested-group',
    ]);
    running -= counts.nestedGroups;
  }
  for (const reason of REASON_CODES) {
    const value = counts.excluded[reason];
    if (value === 0) continue;
    change(reason, OUTCOME_WORDS[reason].step, running, running - value, [reason]);
    running -= value;
  }
  total('recipients', 'Recipients', counts.recipients, ['recipient']);
  return { steps, max: Math.max(1, ...steps.map((step) => step.to)) };
}

/** "16 nested groups, 34 disabled and 12 without an email address". */
export function notSyncedPhrase(counts: CountsSummary): string {
  const parts: string[] = [];
  if (counts.nestedGroups > 0)
    parts.push(
      `${formatCount(counts.nestedGroups)} ${OUTCOME_WORDS['nested-group'].phrase(counts.nestedGroups)}`,
    );
  for (const reason of REASON_CODES) {
    const value = counts.excluded[reason];
    if (value > 0) parts.push(`${formatCount(value)} ${OUTCOME_WORDS[reason].phrase(value)}`);
  }
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** One group's story: "Entra says 1,240 members; 1,187 will be synced: …". */
export function groupSentence(group: GroupSummary): string {
  if (!group.found) return 'This group was not found in the tenant, so nothing is synced from it.';
  const synced = `${formatCount(group.recipients)} will be synced`;
  const lead =
    group.memberCount === null
      ? `Graph lists ${formatCount(group.direct)} direct members; ${synced}.`
      : `Entra says ${formatCount(group.memberCount)} members; ${synced}.`;
  const parts = [lead];
  if (group.memberCount !== null && group.memberCount > group.direct) {
    const gap = group.memberCount - group.direct;
    parts.push(
      `${formatCount(gap)} of Entra's members ${gap === 1 ? 'is a service principal or another object' : 'are service principals or other objects'} that Microsoft Graph does not list.`,
    );
  }
  if (group.reached > group.direct)
    parts.push(`Nested groups add ${formatCount(group.reached - group.direct)} more objects.`);
  const dropped = notSyncedPhrase(group);
  if (dropped !== '') parts.push(`Not synced: ${dropped}.`);
  return parts.join(' ');
}

/** The union's story, with how much the groups overlap. */
export function audienceSentence(summary: PreviewSummary): string {
  const { audience } = summary;
  const parts = [
    `The selected groups reach ${formatCount(audience.reached)} objects in all; ${formatCount(audience.recipients)} will be synced.`,
  ];
  const dropped = notSyncedPhrase(audience);
  if (dropped !== '') parts.push(`Not synced: ${dropped}.`);
  const sum = summary.groups.reduce((total, group) => total + group.recipients, 0);
  if (summary.groups.length > 1 && sum > audience.recipients)
    parts.push(
      `Counted group by group the recipients add up to ${formatCount(sum)}; people in several selected groups are synced once.`,
    );
  return parts.join(' ');
}
