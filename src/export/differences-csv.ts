// The differences CSV of a reconciliation (reconcile.md, "Outputs"): `Email,Name,Class,Reason,Groups`,
// one row per difference, through the same cell writer as every CSV the app writes (formula guard,
// RFC 4180 quoting, CRLF). One file: it is read by people, never uploaded, so no size split.
import type { DifferenceRow } from '../core/reconcile-summary.ts';
import { csvLine, SEGMENT_SEPARATOR } from './csv.ts';

export const DIFFERENCE_COLUMNS = ['Email', 'Name', 'Class', 'Reason', 'Groups'] as const;

export function writeDifferencesCsv(rows: readonly DifferenceRow[]): string {
  const lines = [csvLine(DIFFERENCE_COLUMNS)];
  for (const row of rows)
    lines.push(csvLine([row.email, row.name, row.class, row.reason, row.groups.join(SEGMENT_SEPARATOR)]));
  return lines.join('');
}
