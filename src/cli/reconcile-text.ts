// The human summary of `reconcile`: the scope, the list as read, one aligned table of the classes
// with what happens to each at the next weekly sync, the two sums that must hold, and the first
// differences of each class (all of them go to `--json` and `--out`).

import { plural } from '../core/plural.ts';
import type { Preview } from '../core/preview.ts';
import type { Reconciliation } from '../core/reconcile.ts';
import {
  CLASS_NEXT_SYNC,
  OUTSIDE_IN_DIRECTORY,
  OUTSIDE_NOT_IN_DIRECTORY,
} from '../core/reconcile-summary.ts';
import type { ReadList } from '../export/read-audience-list.ts';
import { formatTable } from './table.ts';

/** How many people of each class the summary shows. */
const FIRST = 10;

export function reconcileText(
  result: Reconciliation,
  preview: Preview,
  context: { listPath: string; read: ReadList },
): string {
  const { counts, list } = result;
  const groupName = (position: number) => {
    const group = preview.groups[position];
    return group?.displayName ?? group?.id ?? '';
  };
  const scope =
    result.scope.kind === 'audience'
      ? `the audience of ${plural(preview.groups.length, 'selected group', 'selected groups')}`
      : `group ${groupName(result.scope.position)} (${preview.groups[result.scope.position]?.id}) as if synced alone`;
  const delimiter = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[context.read.delimiter];
  const lines = [
    `Scope: ${scope}; ${result.complete ? 'complete snapshot' : 'INCOMPLETE snapshot: predictions may be low'}`,
    `List: ${context.listPath} (${delimiter}-separated, addresses from "${context.read.addressHeader}"${
      context.read.nameHeader === null ? ', no name column' : `, names from "${context.read.nameHeader}"`
    })`,
    `      ${plural(list.rows, 'row', 'rows')} = ${plural(list.addresses, 'address', 'addresses')} + ${plural(list.duplicates, 'duplicate', 'duplicates')} + ${list.invalid} invalid`,
    '',
    formatTable(
      ['Class', 'People', 'At the next weekly sync'],
      [
        ['matched', String(counts.matched), CLASS_NEXT_SYNC.matched],
        ['  renamed', String(counts.renamed), CLASS_NEXT_SYNC.renamed],
        ['missing-from-list', String(counts['missing-from-list']), CLASS_NEXT_SYNC['missing-from-list']],
        [
          'excluded-but-listed',
          String(counts['excluded-but-listed']),
          CLASS_NEXT_SYNC['excluded-but-listed'],
        ],
        ['outside-scope', String(counts['outside-scope']), CLASS_NEXT_SYNC['outside-scope']],
        ['invalid-in-list', String(list.invalid), CLASS_NEXT_SYNC['invalid-in-list']],
      ],
      [1],
    ),
    '',
    `Predicted ${result.predicted} = matched ${counts.matched} + missing-from-list ${counts['missing-from-list']}`,
    `List ${list.addresses} = matched ${counts.matched} + excluded-but-listed ${counts['excluded-but-listed']} + outside-scope ${counts['outside-scope']}`,
  ];
  const section = (title: string, total: number, header: string[], rows: string[][]) => {
    if (total === 0) return;
    lines.push('', `${title} (${total}):`, formatTable(header, rows));
    if (total > rows.length)
      lines.push(`  … and ${total - rows.length} more (--json or --out lists them all)`);
  };
  section(
    'Missing from list',
    result.missingFromList.length,
    ['Name', 'Email', 'Groups'],
    result.missingFromList.slice(0, FIRST).map((p) => [p.name, p.email, p.groups.map(groupName).join('; ')]),
  );
  section(
    'Excluded but listed',
    result.excludedButListed.length,
    ['Name', 'Email', 'Reason', 'Row'],
    result.excludedButListed.slice(0, FIRST).map((p) => [p.name, p.email, p.reason, String(p.row)]),
  );
  section(
    'Outside scope',
    result.outsideScope.length,
    ['Email', 'Name in list', 'Row', 'Why'],
    result.outsideScope
      .slice(0, FIRST)
      .map((p) => [
        p.email,
        p.listName,
        String(p.row),
        p.id === null ? OUTSIDE_NOT_IN_DIRECTORY : `${OUTSIDE_IN_DIRECTORY} (${p.id})`,
      ]),
  );
  const renamed = result.matched.filter((p) => p.renamed);
  section(
    'Renamed',
    renamed.length,
    ['Email', 'Directory name', 'Name in list'],
    renamed.slice(0, FIRST).map((p) => [p.email, p.name, p.listName]),
  );
  section(
    'Invalid rows',
    result.invalidInList.length,
    ['Row', 'Value'],
    result.invalidInList.slice(0, FIRST).map((r) => [String(r.row), r.value === '' ? '(empty)' : r.value]),
  );
  return `${lines.join('\n')}\n`;
}
