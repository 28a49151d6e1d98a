// The audience list exported from the product, as reconcile.md's "Matching" reads it: each data
// row's address trimmed and compared case-insensitively, a row without a plausible mailbox set
// apart as invalid, a second row with an address already seen counted as a duplicate and otherwise
// ignored. Rows arrive one at a time (the CSV reader streams them), so a 1,000,000-row list keeps
// only its distinct addresses. CSV syntax — delimiters, quoting, which column is which, the
// apostrophe a neutralised cell carries — is the reader's business (src/export), not this file's.
import { emailKey } from './ids.ts';
import { isPlausibleMailbox } from './recipient-rules.ts';

/** One distinct address of the list, from the first row that holds it. */
export interface ListEntry {
  /** 1-based line of that row in the file. */
  row: number;
  /** The address as the list spells it, trimmed. */
  email: string;
  /** emailKey(email): kept, so matching never folds the case of a list address twice. */
  key: string;
  /** The list's name for it, trimmed ('' when the cell is empty or there is no name column). */
  name: string;
}

export interface InvalidListRow {
  row: number;
  /** The address cell, trimmed ('' when empty or missing). */
  value: string;
}

export interface AudienceList {
  /** Data rows read (the header and blank lines not counted) = entries + duplicates + invalid. */
  rows: number;
  /** Distinct addresses, in the order their first row appears. */
  entries: ListEntry[];
  /** emailKey(address) → position in `entries`. */
  byKey: Map<string, number>;
  /** Rows whose address was already seen on an earlier row. */
  duplicates: number;
  invalid: InvalidListRow[];
  /** Whether the file has a name column (without one, names are never compared). */
  hasNames: boolean;
}

export interface ListCollector {
  /** One data row: its line, its address cell and its name cell (null without a name column). */
  add(row: number, address: string, name: string | null): void;
  finish(): AudienceList;
}

export function createListCollector(hasNames: boolean): ListCollector {
  const entries: ListEntry[] = [];
  const byKey = new Map<string, number>();
  const invalid: InvalidListRow[] = [];
  let rows = 0;
  let duplicates = 0;
  return {
    add(row, address, name) {
      rows++;
      const email = address.trim();
      // Invalid first: an unusable address is never an address "already seen".
      if (email === '' || !isPlausibleMailbox(email)) {
        invalid.push({ row, value: email });
        return;
      }
      const key = emailKey(email);
      if (byKey.has(key)) {
        duplicates++;
        return;
      }
      byKey.set(key, entries.length);
      entries.push({ row, email, key, name: name === null ? '' : name.trim() });
    },
    finish: () => ({ rows, entries, byKey, duplicates, invalid, hasNames }),
  };
}

/** A list from rows already in memory (tests, small lists): `[line, address, name]`. */
export function audienceListOf(
  rows: ReadonlyArray<readonly [number, string, string?]>,
  hasNames = true,
): AudienceList {
  const collector = createListCollector(hasNames);
  for (const [row, address, name] of rows) collector.add(row, address, hasNames ? (name ?? '') : null);
  return collector.finish();
}
