// The preview's counts as plain JSON (no typed arrays, no objects): what the command line prints
// with `--json` and what the worker sends to the page. Key names follow command-line.md.
import type { Counts, GroupPreview, Preview } from './preview.ts';

export interface CountsSummary {
  reached: number;
  recipients: number;
  nestedGroups: number;
  excluded: Counts['excluded'];
}

export interface GroupSummary extends CountsSummary {
  id: string;
  found: boolean;
  displayName: string | null;
  direct: number;
  directByType: GroupPreview['directByType'];
  memberCount: number | null;
}

export interface PreviewSummary {
  complete: boolean;
  incompleteReads: Preview['incompleteReads'];
  selection: { groupIds: string[]; usernameFallback: boolean; syncContacts: boolean; repeatedIds: string[] };
  audience: CountsSummary;
  groups: GroupSummary[];
}

function countsSummary(counts: Counts): CountsSummary {
  return {
    reached: counts.reached,
    recipients: counts.recipients,
    nestedGroups: counts.nestedGroups,
    excluded: { ...counts.excluded },
  };
}

export function summarizePreview(preview: Preview): PreviewSummary {
  const { groupIds, usernameFallback, syncContacts, repeatedIds } = preview.selection;
  return {
    complete: preview.complete,
    incompleteReads: preview.incompleteReads,
    selection: { groupIds, usernameFallback, syncContacts, repeatedIds },
    audience: countsSummary(preview.audience),
    groups: preview.groups.map((group) => ({
      id: group.id,
      found: group.found,
      displayName: group.displayName,
      direct: group.direct,
      directByType: { ...group.directByType },
      memberCount: group.memberCount,
      ...countsSummary(group),
    })),
  };
}
