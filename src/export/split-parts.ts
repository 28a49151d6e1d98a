// Cuts CSV lines into parts that each stay strictly under a byte limit, with the header in every
// part. Bytes are UTF-8 as TextEncoder (and so a Blob) will write them — a lone surrogate becomes
// U+FFFD, 3 bytes — counted without encoding: ASCII rows, nearly all of them, cost one regex test.
// A row that cannot fit even alone with the header throws `CsvRowTooLargeError` rather than
// producing a part the upload would refuse; at 10 MB per part no real directory row comes close.

export const MAX_PART_BYTES = 10_000_000;

/** One file to download: its text is UTF-8-ready (no BOM), `bytes` its encoded length. */
export interface CsvPart {
  fileName: string;
  text: string;
  bytes: number;
  /** Data rows in this part, the header not counted. */
  rows: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000.
const NON_ASCII = /[^\u0000-\u007f]/;

/** The UTF-8 byte length of `text` as TextEncoder would encode it. */
export function utf8ByteLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Thrown when one row plus the header reaches the part limit, so no part could hold it. */
export class CsvRowTooLargeError extends Error {
  override readonly name = 'CsvRowTooLargeError';
  constructor(
    /** 0-based index of the row in the input (-1: the header alone is too large). */
    readonly rowIndex: number,
    /** Header bytes + row bytes: what the smallest part holding this row would weigh. */
    readonly partBytes: number,
    readonly maxBytes: number,
  ) {
    super(
      rowIndex < 0
        ? `The CSV header alone is ${partBytes} bytes; a part must stay under ${maxBytes} bytes.`
        : `Row ${rowIndex + 1} needs a part of ${partBytes} bytes with the header; a part must stay under ${maxBytes} bytes.`,
    );
  }
}

/** `name.csv` when there is one part, else `name-1.csv`, `name-2.csv`, … (1-based). */
export function partFileName(baseName: string, index: number, count: number): string {
  return count === 1 ? `${baseName}.csv` : `${baseName}-${index + 1}.csv`;
}

export interface SplitOptions {
  baseName: string;
  /** Every part's byte length stays strictly below this. */
  maxBytes: number;
}

/**
 * Packs `toLine(row)` for each row, in order, into as few parts as a greedy fill gives; each part
 * starts with `headerLine`. Lines must already end with CRLF. Zero rows still give one part.
 */
export function splitIntoParts<T>(
  headerLine: string,
  rows: readonly T[],
  toLine: (row: T) => string,
  options: SplitOptions,
): CsvPart[] {
  const { maxBytes } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}.`);
  }
  const headerBytes = utf8ByteLength(headerLine);
  if (headerBytes >= maxBytes) throw new CsvRowTooLargeError(-1, headerBytes, maxBytes);

  const cut: Omit<CsvPart, 'fileName'>[] = [];
  let text = headerLine;
  let bytes = headerBytes;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const line = toLine(rows[i] as T);
    const lineBytes = utf8ByteLength(line);
    if (bytes + lineBytes >= maxBytes) {
      if (headerBytes + lineBytes >= maxBytes) {
        throw new CsvRowTooLargeError(i, headerBytes + lineBytes, maxBytes);
      }
      cut.push({ text, bytes, rows: count });
      text = headerLine;
      bytes = headerBytes;
      count = 0;
    }
    text += line;
    bytes += lineBytes;
    count++;
  }
  cut.push({ text, bytes, rows: count });
  return cut.map((part, index) => ({ fileName: partFileName(options.baseName, index, cut.length), ...part }));
}
