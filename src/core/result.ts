// Errors as data at the edges (STYLE.md habit 3): a result carries either `data` or `errors`,
// each error with a code, a JSON path (or a line and column for broken JSON) and a message.

export interface DataError {
  /** A short, stable code, e.g. `invalid_json`, `unsupported_version`, `invalid_type`. */
  code: string;
  /** Where: a JSON path such as `$.members["0b3c…"][3].id`, or `line 12, column 4`. */
  path: string;
  message: string;
}

export type Result<T> = { ok: true; data: T; errors: [] } | { ok: false; data: null; errors: DataError[] };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data, errors: [] };
}

export function fail<T>(errors: DataError[]): Result<T> {
  return { ok: false, data: null, errors };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats a path array as a JSON path: `$.a.b[3]["odd key"]`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** One line for a person: `$.members["x"][3].id: is required`. */
export function formatError(error: DataError): string {
  return `${error.path}: ${error.message}`;
}
