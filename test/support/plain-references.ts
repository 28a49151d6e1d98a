// The plain versions of the core's fast paths, kept word for word as they were before each was
// made fast, so property tests can hold the fast result equal to the plain one and the benchmark
// can time both side by side. Not used by the app.
import type { RawObject } from '../../src/core/directory-index.ts';
import { emailKey } from '../../src/core/ids.ts';
import type { Preview } from '../../src/core/preview.ts';
import { displayNameOf, OUTCOME_RECIPIENT } from '../../src/core/recipient-rules.ts';
import { type CsvPart, writeUploadCsv } from '../../src/export/csv.ts';

/** Address key → positions of the selected groups whose own recipients hold it (lowercased strings in a Map). */
export function plainSegmentsByEmail(preview: Preview): Map<string, number[]> {
  const map = new Map<string, number[]>();
  preview.groups.forEach((group, position) => {
    const { items, outcomes } = group.reach;
    for (let i = 0; i < items.length; i++) {
      if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
      const key = emailKey(preview.emails[items[i] as number] as string);
      const list = map.get(key);
      if (list === undefined) map.set(key, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  return map;
}

/** Pair key (a × groups + b) → shared addresses, in first-seen order, from the plain segments. */
export function plainOverlapCounts(preview: Preview): Map<number, number> {
  const count = preview.groups.length;
  const shared = new Map<number, number>();
  for (const positions of plainSegmentsByEmail(preview).values()) {
    for (let i = 0; i < positions.length; i++)
      for (let j = i + 1; j < positions.length; j++) {
        const key = (positions[i] as number) * count + (positions[j] as number);
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  return shared;
}

// Unicode Zs, Zl, Zp (spaces, NBSP, U+2028/9), Cc (controls) and Cf (U+200B, U+FEFF, …).
const FORBIDDEN_CHARACTER = /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}]/u;
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** "Plausible mailbox" of recipient-rules.md with the Unicode class regex on every address. */
export function plainIsPlausibleMailbox(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1) return false;
  if (FORMULA_START.test(address)) return false;
  if (FORBIDDEN_CHARACTER.test(address)) return false;
  const labels = address.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (label === '') return false;
  return true;
}

/** The snapshot depth check walking every value, `members` included. */
export function plainNestedDeeperThan(root: object, limit: number): boolean {
  const stack: object[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const value = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    const push = (item: unknown) => {
      if (typeof item !== 'object' || item === null) return;
      stack.push(item);
      depths.push(depth + 1);
    };
    if (Array.isArray(value)) for (const item of value) push(item);
    else for (const key in value) push((value as Record<string, unknown>)[key]);
  }
  return false;
}

/**
 * The upload CSV as the export built it before: every row's segments looked up by lowercased
 * address in plainSegmentsByEmail's map, which was built even with Segments off.
 */
export function plainUploadCsvOf(
  preview: Preview,
  options: { baseName: string; segments: boolean },
): CsvPart[] {
  const segments = plainSegmentsByEmail(preview);
  const names = preview.groups.map((group) => group.displayName ?? group.id);
  const { items, outcomes } = preview.audience.reach;
  const rows: Array<{ name: string; email: string; segments: string[] }> = [];
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
    const index = items[i] as number;
    const email = preview.emails[index] as string;
    rows.push({
      name: displayNameOf(preview.index.objects[index] as RawObject),
      email,
      segments: (segments.get(emailKey(email)) ?? []).map((position) => names[position] as string),
    });
  }
  return writeUploadCsv(rows, options);
}
