// The comparison of two snapshots as a CSV, `Change,Name,Email,Id,Why,Groups`: everyone who joins or
// leaves the audience (joiners first, each in walk order), why (the same codes as `diff --json` and
// the exclusions CSV), and the selected groups whose own audience they join or leave. Every cell
// goes through csvCell, so names like "=HYPERLINK(…)" cannot run as formulas.
import type { SnapshotDiff } from '../core/diff.ts';
import { idKey } from '../core/ids.ts';
import { csvLine, SEGMENT_SEPARATOR } from './csv.ts';

export const DIFF_COLUMNS = ['Change', 'Name', 'Email', 'Id', 'Why', 'Groups'] as const;

export function diffCsvOf(diff: SnapshotDiff): string {
  const joinedIn = new Map<string, string[]>();
  const leftIn = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, group: string) => {
    const key = idKey(id);
    const names = map.get(key);
    if (names === undefined) map.set(key, [group]);
    else names.push(group);
  };
  for (const group of diff.groups) {
    const name = group.displayName ?? group.id;
    for (const person of group.joined) add(joinedIn, person.id, name);
    for (const person of group.left) add(leftIn, person.id, name);
  }
  const lines = [csvLine(DIFF_COLUMNS)];
  for (const person of diff.audience.joined) {
    const groups = (joinedIn.get(idKey(person.id)) ?? []).join(SEGMENT_SEPARATOR);
    lines.push(csvLine(['join', person.name, person.email, person.id, person.why, groups]));
  }
  for (const person of diff.audience.left) {
    const groups = (leftIn.get(idKey(person.id)) ?? []).join(SEGMENT_SEPARATOR);
    lines.push(csvLine(['leave', person.name, person.email, person.id, person.why, groups]));
  }
  return lines.join('');
}

/** `changes-2026-11-19-to-2026-11-26.csv`: the capture dates only (no tenant text in a file name). */
export function diffCsvName(diff: SnapshotDiff): string {
  const day = (at: string) => /^\d{4}-\d{2}-\d{2}/.exec(at)?.[0] ?? 'unknown';
  return `changes-${day(diff.older.capturedAt)}-to-${day(diff.newer.capturedAt)}.csv`;
}
