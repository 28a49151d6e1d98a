// Aligned plain-text tables for the command line's human output: numbers right-aligned so their
// digits line up, text left-aligned. Every cell goes through `oneLine` first (capped at 256
// characters, hidden characters escaped), so widths are measured on what is printed and a huge or
// hostile name can neither break the table nor exhaust memory. Widths count code points.
import { characterCount } from '../core/display-text.ts';
import { oneLine } from './terminal.ts';

export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  rightAligned: readonly number[] = [],
): string {
  const shown = rows.map((row) => row.map(oneLine));
  const widths = header.map((title, column) => {
    let widest = characterCount(title);
    for (const row of shown) widest = Math.max(widest, characterCount(row[column] ?? ''));
    return widest;
  });
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(Math.max(0, (widths[column] ?? 0) - characterCount(cell)));
        return rightAligned.includes(column) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...shown.map(line)].join('\n');
}
