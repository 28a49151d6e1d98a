// Reads the audience list the product exports (reconcile.md, "Inputs") leniently and as a stream:
// UTF-8 with or without a BOM, comma / semicolon / tab detected from the header row, LF or CRLF,
// RFC 4180 quoting, and a cell's neutralising apostrophe dropped. Text arrives in chunks (a File's
// stream in the worker, a file in Node) and papaparse's chunk mode hands over the rows of one chunk
// at a time, so a 1,000,000-row list never exists as an array of rows. Surprising: the header row is found by our
// own quote-aware scan before papaparse starts, because the delimiter is chosen by which split of
// the header names an address column — papaparse's guess looks at field counts only, and a name
// like "Smith, Jane" in a semicolon file can fool it. Lines are counted as the file has them
// (a quoted cell may span several), so every error and invalid row points at a real line.
import Papa from 'papaparse';
import { type AudienceList, createListCollector } from '../core/audience-list.ts';
import { type DataError, fail, ok, type Result } from '../core/result.ts';
import { restoreCell } from './formula-guard.ts';

export type ListDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly ListDelimiter[] = [',', ';', '\t'];
const ADDRESS_HEADERS = new Set(['email', 'e-mail', 'email address', 'mail']);
const NAME_HEADERS = new Set(['name', 'full name']);
/** Comma, semicolon and tab: a quote right after one of them opens a quoted cell. */
const CELL_ENDS = new Set([0x2c, 0x3b, 0x09]);

export interface ReadList {
  list: AudienceList;
  delimiter: ListDelimiter;
  /** The headers as the file spells them. */
  addressHeader: string;
  nameHeader: string | null;
}

export interface AudienceListReader {
  push(chunk: string): void;
  finish(): Result<ReadList>;
}

const headerKey = (cell: string) => cell.trim().toLowerCase();
export const isAddressHeader = (cell: string): boolean => ADDRESS_HEADERS.has(headerKey(cell));
export const isNameHeader = (cell: string): boolean => NAME_HEADERS.has(headerKey(cell));

export function createAudienceListReader(): AudienceListReader {
  let buffer = '';
  let started = false;
  // The header scan's state, kept across chunks so a long header costs one pass.
  let scanAt = 0;
  let lineStart = 0;
  let inQuotes = false;
  let headerLine = 1;
  let refused: DataError | null = null;
  let rows: RowReader | null = null;

  const scanForHeader = (final: boolean): void => {
    for (let i = scanAt; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      // A CR or a quote at the chunk's end: wait to see whether an LF (or a second quote) follows.
      if ((c === 0x0d || (c === 0x22 && inQuotes)) && i + 1 === buffer.length && !final) {
        scanAt = i;
        return;
      }
      if (c === 0x22) {
        // As RFC 4180 (and papaparse): a quote opens a quoted cell only at the cell's start, and
        // inside one a doubled quote is a literal quote.
        if (inQuotes && buffer.charCodeAt(i + 1) === 0x22) i++;
        else if (inQuotes) inQuotes = false;
        else if (i === lineStart || CELL_ENDS.has(buffer.charCodeAt(i - 1))) inQuotes = true;
        continue;
      }
      if (inQuotes || (c !== 0x0a && c !== 0x0d)) continue;
      const crlf = c === 0x0d && buffer.charCodeAt(i + 1) === 0x0a;
      const end = crlf ? i + 2 : i + 1;
      const text = buffer.slice(lineStart, i);
      if (text.trim() === '') {
        headerLine++;
        lineStart = end;
        i = end - 1;
        continue;
      }
      start(text, c === 0x0d && !crlf ? '\r' : '\n');
      return;
    }
    scanAt = buffer.length;
    if (final) {
      const text = buffer.slice(lineStart);
      if (text.trim() === '') {
        refused = {
          code: 'no_header',
          path: `line ${headerLine}`,
          message: 'the file is empty: expected a header row with an Email column',
        };
        return;
      }
      start(text, '\n');
    }
  };

  const start = (header: string, newline: '\n' | '\r'): void => {
    started = true;
    const chosen = chooseDelimiter(header);
    const addressAt = chosen.cells.findIndex(isAddressHeader);
    if (addressAt === -1) {
      refused = noAddressColumn(chosen.cells, headerLine);
      buffer = '';
      return;
    }
    const nameAt = chosen.cells.findIndex(isNameHeader);
    rows = createRowReader({
      delimiter: chosen.delimiter,
      newline,
      firstLine: headerLine,
      addressAt,
      nameAt,
      headers: chosen.cells,
    });
    rows.push(buffer.slice(lineStart));
    buffer = '';
  };

  return {
    push(chunk) {
      if (refused !== null || chunk === '') return;
      if (rows !== null) {
        rows.push(chunk);
        return;
      }
      // A byte-order mark opens the file only; papaparse drops one from strings, not from streams.
      buffer += buffer === '' && scanAt === 0 && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      scanForHeader(false);
    },
    finish() {
      if (refused === null && !started) scanForHeader(true);
      if (refused !== null) return fail([refused]);
      return (rows as RowReader).finish();
    },
  };
}

/** Reads a whole text (tests, small files, the command line). */
export function readAudienceListText(text: string): Result<ReadList> {
  const reader = createAudienceListReader();
  reader.push(text);
  return reader.finish();
}

/** Reads text chunks as they come (a File's decoded stream); stops early when `signal` aborts. */
export async function readAudienceListChunks(
  chunks: AsyncIterable<string>,
  signal?: AbortSignal,
): Promise<Result<ReadList>> {
  const reader = createAudienceListReader();
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    reader.push(chunk);
  }
  return reader.finish();
}

/** The split of the header row that names an address column with the most cells; else the widest. */
function chooseDelimiter(header: string): { delimiter: ListDelimiter; cells: string[] } {
  let best: { delimiter: ListDelimiter; cells: string[]; named: boolean } | null = null;
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(header, { delimiter, newline: '\n', quoteChar: '"' });
    const cells = parsed.data[0] ?? [''];
    const named = cells.some(isAddressHeader);
    if (
      best === null ||
      (named && !best.named) ||
      (named === best.named && cells.length > best.cells.length)
    ) {
      best = { delimiter, cells, named };
    }
  }
  const chosen = best as { delimiter: ListDelimiter; cells: string[] };
  return { delimiter: chosen.delimiter, cells: chosen.cells };
}

function noAddressColumn(cells: readonly string[], line: number): DataError {
  const shown = cells
    .slice(0, 20)
    .map((cell) => `"${cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}"`)
    .join(', ');
  const more = cells.length > 20 ? ` and ${cells.length - 20} more` : '';
  return {
    code: 'no_address_column',
    path: `line ${line}`,
    message: `no address column: the header row has ${shown}${more}; one column must be headed Email, E-mail, Email address or Mail`,
  };
}

interface RowReaderOptions {
  delimiter: ListDelimiter;
  newline: '\n' | '\r';
  firstLine: number;
  addressAt: number;
  nameAt: number;
  headers: readonly string[];
}

interface RowReader {
  push(chunk: string): void;
  finish(): Result<ReadList>;
}

/**
 * Papaparse's stream mode over a minimal event source: papaparse accepts any object that looks
 * like a Node readable stream, parses each 'data' chunk synchronously (carrying a row cut by the
 * chunk's end over to the next) and calls `chunk` with its rows.
 */
function createRowReader(options: RowReaderOptions): RowReader {
  const { addressAt, nameAt, headers } = options;
  const collector = createListCollector(nameAt !== -1);
  const listeners = new Map<string, (value?: unknown) => void>();
  const source = {
    readable: true,
    read: () => null,
    on: (event: string, listener: (value?: unknown) => void) => void listeners.set(event, listener),
    removeListener: (event: string) => void listeners.delete(event),
    pause: () => undefined,
    resume: () => undefined,
  };
  let fatal: DataError | null = null;
  let line = options.firstLine;
  let header = true;
  const where = (at: number, column: number) =>
    `line ${at}, column ${column + 1}${headers[column] === undefined ? '' : ` (${headers[column]})`}`;

  Papa.parse(source as unknown as File, {
    delimiter: options.delimiter,
    newline: options.newline,
    quoteChar: '"',
    skipEmptyLines: false,
    // `chunk` rather than `step`: one result per chunk of text instead of four objects per row,
    // a third of the reading time at 1,000,000 rows. Errors name their row within the chunk.
    chunk(results: Papa.ParseResult<string[]>) {
      const errors = results.errors;
      results.data.forEach((cells, position) => {
        const error = errors.length === 0 ? undefined : errors.find((e) => e.row === position);
        row(cells, error);
      });
    },
    // Required by the types when there is no `step`; the rows have all been handled by then.
    complete: () => undefined,
  });

  const row = (cells: string[], error: Papa.ParseError | undefined): void => {
    const at = line;
    line += 1 + lineBreaksIn(cells, options.newline);
    if (error !== undefined && fatal === null) {
      // Papaparse reads past a broken quote to the next quote or the end of the file, so the
      // rows after it would be wrong without a sign: refuse, saying where.
      fatal =
        error.code === 'MissingQuotes'
          ? {
              code: 'unterminated_quote',
              path: where(at, cells.length - 1),
              message:
                'a quoted cell opens in this row and never closes, so the rest of the file would be one cell; close the quote (") and try again',
            }
          : {
              code: 'malformed_quote',
              path: where(
                at,
                Math.max(
                  0,
                  cells.findIndex((cell) => cell.includes('"')),
                ),
              ),
              message:
                'a quoted cell goes on after its closing quote (like "Ada" Lovelace); quote the whole cell and double the quotes inside it',
            };
    }
    if (header) {
      header = false;
      return;
    }
    if (cells.length === 1 && (cells[0] as string).trim() === '') return; // a blank line
    const address = restoreCell(cells[addressAt] ?? '');
    collector.add(at, address, nameAt === -1 ? null : restoreCell(cells[nameAt] ?? ''));
  };

  return {
    push(chunk) {
      listeners.get('data')?.(chunk);
    },
    finish() {
      listeners.get('end')?.();
      if (fatal !== null) return fail([fatal]);
      return ok({
        list: collector.finish(),
        delimiter: options.delimiter,
        addressHeader: (headers[addressAt] as string).trim(),
        nameHeader: nameAt === -1 ? null : (headers[nameAt] as string).trim(),
      });
    },
  };
}

/**
 * Line breaks inside a row's cells (quoted cells may hold CRLF, LF or CR). With LF as the record
 * separator, a CRLF file leaves the CR at the end of the row's last cell: that one is the row's
 * own line end, not a break inside it.
 */
function lineBreaksIn(cells: readonly string[], newline: '\n' | '\r'): number {
  let breaks = 0;
  const last = cells.length - 1;
  for (let c = 0; c <= last; c++) {
    const cell = cells[c] as string;
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    const end = c === last && newline === '\n' && cell.endsWith('\r') ? cell.length - 1 : cell.length;
    for (let i = 0; i < end; i++) {
      const code = cell.charCodeAt(i);
      if (code === 0x0a) breaks++;
      else if (code === 0x0d && cell.charCodeAt(i + 1) !== 0x0a) breaks++;
    }
  }
  return breaks;
}
