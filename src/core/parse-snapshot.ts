// Reads a snapshot file (text or an already-parsed value) into typed data, or errors that say
// where and what: a line and column for broken JSON, a JSON path for a schema mismatch. The format
// and version are checked before the schema, so a version-2 file is refused by name rather than
// drowned in schema errors. Nesting is capped before anything else looks inside: JSON.parse takes
// 100,000 levels, but JSON.stringify and every recursive walk after it (describe, the support
// export's scrub) overflow the stack on them.
import { checkMembers, snapshotSchemaWithCheckedMembers } from './fast-members.ts';
import { findJsonErrorPosition } from './json-error-position.ts';
import { type DataError, fail, jsonPath, ok, type Result } from './result.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, snapshotSchema } from './snapshot-schema.ts';

const MAX_ERRORS = 20;
/** A real snapshot is under 10 levels deep; unknown Graph properties get generous room. */
export const MAX_SNAPSHOT_DEPTH = 64;

export function parseSnapshotText(text: string): Result<Snapshot> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail([jsonSyntaxError(text)]);
  }
  return parseSnapshotValue(value);
}

export interface ParseOptions {
  /** Check `members` by hand first (fast-members.ts); false forces zod all the way (tests). */
  fastMembers?: boolean;
}

export function parseSnapshotValue(value: unknown, options: ParseOptions = {}): Result<Snapshot> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([
      { code: 'not_a_snapshot', path: '$', message: 'is not a JSON object (a snapshot is one object)' },
    ]);
  }
  if (nestedDeeperThan(value, MAX_SNAPSHOT_DEPTH)) {
    return fail([
      {
        code: 'too_deep',
        path: '$',
        message: `is nested more than ${MAX_SNAPSHOT_DEPTH} levels deep, which no snapshot is`,
      },
    ]);
  }
  const record = value as Record<string, unknown>;
  if (record.format !== SNAPSHOT_FORMAT) {
    return fail([
      {
        code: 'not_a_snapshot',
        path: '$.format',
        message: `is ${describe(record.format)}, expected "${SNAPSHOT_FORMAT}" (is this a dirsync-preflight snapshot?)`,
      },
    ]);
  }
  if (record.version !== SNAPSHOT_VERSION) {
    return fail([
      {
        code: 'unsupported_version',
        path: '$.version',
        message: `is ${describe(record.version)}; this reader knows version ${SNAPSHOT_VERSION} only`,
      },
    ]);
  }
  const members = options.fastMembers === false ? null : checkMembers(record.members);
  if (members !== null) {
    const light = snapshotSchemaWithCheckedMembers.safeParse(value, { reportInput: true });
    if (light.success) return ok({ ...light.data, members });
  }
  const parsed = snapshotSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const errors: DataError[] = parsed.error.issues.slice(0, MAX_ERRORS).map((issue) => ({
    code: issue.code,
    path: jsonPath(issue.path),
    message: issueMessage(issue),
  }));
  return fail(errors);
}

/** Iterative, so the check itself cannot overflow; about 4% of a 335 MB file's parse time. */
function nestedDeeperThan(root: object, limit: number): boolean {
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
    // for…in rather than Object.values: no array per object, on millions of members.
    if (Array.isArray(value)) for (const item of value) push(item);
    else for (const key in value) push((value as Record<string, unknown>)[key]);
  }
  return false;
}

function issueMessage(issue: { code: string; message: string; input?: unknown }): string {
  // reportInput makes zod include the offending value, so a missing property can be told from a wrong one.
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required but missing';
  return issue.message;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** "line L, column C: …" for a file JSON.parse refused, with the position found by our scanner. */
function jsonSyntaxError(text: string): DataError {
  if (text.trim() === '')
    return { code: 'invalid_json', path: 'line 1, column 1', message: 'the file is empty' };
  const { offset, truncated } = findJsonErrorPosition(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  if (truncated)
    return {
      code: 'invalid_json',
      path: `line ${line}, column ${column}`,
      message: 'the JSON ends too early (is the file truncated?)',
    };
  const found = text.codePointAt(offset);
  const what = found === undefined ? 'the end' : JSON.stringify(String.fromCodePoint(found));
  return {
    code: 'invalid_json',
    path: `line ${line}, column ${column}`,
    message: `is not valid JSON: unexpected ${what} here`,
  };
}
