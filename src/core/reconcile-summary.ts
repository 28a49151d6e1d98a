// A reconciliation as plain JSON in command-line.md's shape (what `reconcile --json` prints and
// what the worker sends to the page), the differences as rows for the CSV, and the sentence each
// class carries (reconcile.md's "what the tool says"), shared by the command line and the app.
import type { Preview } from './preview.ts';
import type { ReasonCode } from './recipient-rules.ts';
import type { ReconcileClass, Reconciliation } from './reconcile.ts';

export interface ReconcileSummary {
  scope: string;
  complete: boolean;
  list: Reconciliation['list'];
  predicted: number;
  counts: Reconciliation['counts'];
  missingFromList: Array<{ id: string; name: string; email: string; groups: string[] }>;
  excludedButListed: Array<{ id: string; name: string; email: string; reason: ReasonCode }>;
  outsideScope: Array<{ email: string; listName: string; id: string | null }>;
  invalidInList: Array<{ row: number; value: string }>;
  /** Matched addresses whose name differs: the directory's name and the list's. */
  renamed: Array<{ id: string; email: string; name: string; listName: string }>;
}

/** `scopeLabel`: "audience", or the group id as the user gave it. */
export function summarizeReconciliation(
  result: Reconciliation,
  preview: Preview,
  scopeLabel: string,
): ReconcileSummary {
  const groupId = (position: number) => preview.groups[position]?.id ?? '';
  return {
    scope: scopeLabel,
    complete: result.complete,
    list: { ...result.list },
    predicted: result.predicted,
    counts: { ...result.counts },
    missingFromList: result.missingFromList.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      groups: p.groups.map(groupId),
    })),
    excludedButListed: result.excludedButListed.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      reason: p.reason,
    })),
    outsideScope: result.outsideScope.map((p) => ({ email: p.email, listName: p.listName, id: p.id })),
    invalidInList: result.invalidInList.map((r) => ({ row: r.row, value: r.value })),
    renamed: result.matched
      .filter((p) => p.renamed)
      .map((p) => ({ id: p.id, email: p.email, name: p.name, listName: p.listName })),
  };
}

/** One row of the differences CSV (`Email,Name,Class,Reason,Groups`), before escaping. */
export interface DifferenceRow {
  email: string;
  name: string;
  class: Exclude<ReconcileClass, 'matched'>;
  /** The reason code for `excluded-but-listed`; `row N` for `invalid-in-list`; else ''. */
  reason: string;
  /** Display names (else ids) of the selected groups that reach the object. */
  groups: string[];
}

/** Every difference: missing, excluded-but-listed, outside-scope, then invalid rows. */
export function differenceRows(result: Reconciliation, preview: Preview): DifferenceRow[] {
  const groupName = (position: number) => {
    const group = preview.groups[position];
    return group?.displayName ?? group?.id ?? '';
  };
  const rows: DifferenceRow[] = [];
  for (const p of result.missingFromList)
    rows.push({
      email: p.email,
      name: p.name,
      class: 'missing-from-list',
      reason: '',
      groups: p.groups.map(groupName),
    });
  for (const p of result.excludedButListed)
    rows.push({
      email: p.email,
      name: p.name,
      class: 'excluded-but-listed',
      reason: p.reason,
      groups: p.groups.map(groupName),
    });
  for (const p of result.outsideScope)
    rows.push({ email: p.email, name: p.listName, class: 'outside-scope', reason: '', groups: [] });
  for (const r of result.invalidInList)
    rows.push({ email: r.value, name: '', class: 'invalid-in-list', reason: `row ${r.row}`, groups: [] });
  return rows;
}

/** What happens to each class at the next weekly sync, in plain words (reconcile.md's table). */
export const CLASS_SENTENCES: Record<ReconcileClass, string> = {
  matched: 'In the list and predicted: nothing to do.',
  'missing-from-list':
    'Predicted but not in the list: they join at the next weekly sync (Monday), or when their group is re-synced.',
  'excluded-but-listed':
    'In the list but excluded now (the reason is shown): they leave the list at the next weekly sync (Monday).',
  'outside-scope':
    "In the list but not reached by the scope's groups: no sync of these groups brings them. Added by hand or by CSV, from another series, or removed from the groups since the last sync.",
  'invalid-in-list':
    'List rows without a usable address (the row number is shown): no sync can match them; fix or remove them in the product.',
};

export const OUTSIDE_IN_DIRECTORY = 'in the directory, not in the selected groups';
export const OUTSIDE_NOT_IN_DIRECTORY =
  "not in the selected groups' reach: added by hand or by CSV, from another series, or removed from the groups since the last sync";

/** The same, short enough for a table column (the command line's summary). */
export const CLASS_NEXT_SYNC: Record<ReconcileClass | 'renamed', string> = {
  matched: 'nothing to do',
  renamed: "matched; the list's name differs from the directory's",
  'missing-from-list': 'join at the next weekly sync (Monday) or when their group is re-synced',
  'excluded-but-listed': 'leave at the next weekly sync (Monday), for the reason shown',
  'outside-scope': 'not brought by these groups: added by hand, another series, or left the groups',
  'invalid-in-list': 'no usable address: fix or remove the row in the product',
};

/** A renamed person: the next sync brings the directory's name. */
export const RENAMED_SENTENCE =
  "Matched, but the list's name differs from the directory's: the next weekly sync (Monday) brings the directory's name.";
