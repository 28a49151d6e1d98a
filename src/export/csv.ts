// The CSV files the app writes: the upload file (`Name,Email[,Segments]`) and the exclusions list.
// Rows are serialised here rather than by Papa.unparse because splitting needs each row's bytes,
// and one unparse call per row costs several times more than the whole file. The rules mirror
// Papa.unparse with `escapeFormulae: FORMULA_TRIGGER` exactly — including its extra quoting of
// neutralised cells, cells with a leading or trailing space and cells holding U+FEFF — so the
// tests can hold our bytes against papaparse's. Papaparse itself reads files back (`parseCsv`).

import Papa from 'papaparse';
import { FORMULA_TRIGGER } from './formula-guard.ts';
import { type CsvPart, MAX_PART_BYTES, splitIntoParts } from './split-parts.ts';

export { FORMULA_TRIGGER, neutraliseCell, restoreCell } from './formula-guard.ts';
export type { CsvPart } from './split-parts.ts';
export { CsvRowTooLargeError, MAX_PART_BYTES, utf8ByteLength } from './split-parts.ts';

/** One audience recipient, in walk order. */
export interface UploadRow {
  readonly name: string;
  readonly email: string;
  /** Display names of the selected groups holding this address; written only with `segments: true`. */
  readonly segments?: readonly string[];
}

/** One excluded object of the audience. */
export interface ExclusionRow {
  readonly name: string;
  /** The address the rules looked at; may be empty. */
  readonly email: string;
  readonly id: string;
  /** `user`, `group`, `orgContact`, `device`, `servicePrincipal` or `other`. */
  readonly type: string;
  /** The reason code, e.g. `no-email`. */
  readonly reason: string;
  /** Display names from the selected group down to the object. */
  readonly reachedVia: readonly string[];
}

export interface UploadCsvOptions {
  /** File name without extension; a trailing `.csv` is dropped. */
  baseName: string;
  /** Adds the third column `Segments`. Off by default. */
  segments?: boolean;
  /** Each part stays strictly under this many UTF-8 bytes. Default `MAX_PART_BYTES` (10,000,000). */
  maxBytes?: number;
}

export interface ExclusionsCsvOptions {
  baseName: string;
  maxBytes?: number;
}

export const UPLOAD_COLUMNS = ['Name', 'Email'] as const;
export const SEGMENTS_COLUMN = 'Segments';
export const EXCLUSION_COLUMNS = ['Name', 'Email', 'Id', 'Type', 'Reason', 'ReachedVia'] as const;
export const SEGMENT_SEPARATOR = '; ';
export const PATH_SEPARATOR = ' > ';

const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;
const QUOTE = /"/g;

/** One cell as it appears in the file: neutralised, then quoted (RFC 4180) where needed. */
export function csvCell(value: string): string {
  if (FORMULA_TRIGGER.test(value)) return `"'${value.replace(QUOTE, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/** One record: its cells joined by commas, ending with CRLF. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

function partOptions(options: { baseName: string; maxBytes?: number }) {
  return {
    baseName: options.baseName.replace(/\.csv$/i, ''),
    maxBytes: options.maxBytes ?? MAX_PART_BYTES,
  };
}

/** The upload file, split into parts under `maxBytes`; one part when it fits (`name.csv`). */
export function writeUploadCsv(rows: readonly UploadRow[], options: UploadCsvOptions): CsvPart[] {
  if (options.segments === true) {
    return splitIntoParts(
      csvLine([...UPLOAD_COLUMNS, SEGMENTS_COLUMN]),
      rows,
      (row) =>
        `${csvCell(row.name)},${csvCell(row.email)},${csvCell((row.segments ?? []).join(SEGMENT_SEPARATOR))}${CRLF}`,
      partOptions(options),
    );
  }
  return splitIntoParts(
    csvLine(UPLOAD_COLUMNS),
    rows,
    (row) => `${csvCell(row.name)},${csvCell(row.email)}${CRLF}`,
    partOptions(options),
  );
}

/** The exclusions list, split like the upload file. */
export function writeExclusionsCsv(rows: readonly ExclusionRow[], options: ExclusionsCsvOptions): CsvPart[] {
  return splitIntoParts(
    csvLine(EXCLUSION_COLUMNS),
    rows,
    (row) =>
      csvLine([row.name, row.email, row.id, row.type, row.reason, row.reachedVia.join(PATH_SEPARATOR)]),
    partOptions(options),
  );
}

/**
 * Reads a CSV we wrote back into its cells (still neutralised), with papaparse: comma, CRLF and
 * `"` fixed, never guessed. The final CRLF ends the last record rather than opening an empty one.
 * Throws on malformed input (an unterminated quote). Papaparse drops a leading byte-order mark,
 * so check for one on the bytes, not here.
 */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: CRLF,
    quoteChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const first = result.errors[0];
  if (first !== undefined) {
    throw new Error(
      `Not a well-formed CSV: ${first.message} (${first.code}) at record ${(first.row ?? 0) + 1}.`,
    );
  }
  const records = result.data;
  const last = records[records.length - 1];
  if (text.endsWith(CRLF) && last !== undefined && last.length === 1 && last[0] === '') records.pop();
  return records;
}
