// Reads a snapshot file (text or an already-parsed value) of version 1 or 2 into one typed form,
// version 2 (a version 1 file is converted here, at the edge, so nothing after knows which was
// read), or errors that say where and what: a line and column for broken JSON, a JSON path for a
// schema mismatch, a duplicate id or an id that names no object. The format and version are checked
// before the schema, so a version 3 file is refused by name rather than drowned in schema errors. Nesting is capped before anything else looks inside: JSON.parse takes
// 100,000 levels, but JSON.stringify and every recursive walk after it (describe, the support
// export's scrub) overflow the stack on them.
import { nestedDeeperThan } from './depth.ts';
import {
  checkIdLists,
  checkMembers,
  checkObjects,
  snapshotSchemaWithCheckedMembers,
  snapshotV2SchemaWithCheckedLists,
  TOO_DEEP,
} from './fast-members.ts';
import { idKey } from './ids.ts';
import { findJsonErrorPosition } from './json-error-position.ts';
import { type DataError, fail, jsonPath, ok, type Result } from './result.ts';
import {
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotMember,
  type SnapshotV1,
  snapshotSchema,
  snapshotV2Schema,
} from './snapshot-schema.ts';
import { toSnapshotV2 } from './snapshot-v2.ts';

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
  const record = value as Record<string, unknown>;
  // The bulk of a file (version 1's `members` lists, version 2's `objects`) is depth-checked in the
  // pass that validates it; everything else, and the bulk whenever that pass gives up, by the plain
  // walk. The answers are the plain walk's (test/unit/core/depth.property.test.ts).
  const fast = options.fastMembers !== false;
  const bulkKey = record.version === 2 ? 'objects' : 'members';
  for (const key in record) {
    if (fast && key === bulkKey) continue;
    if (nestedDeeperThan(record[key], MAX_SNAPSHOT_DEPTH, 2)) return tooDeep();
  }
  let bulk: ReturnType<typeof checkMembers> | ReturnType<typeof checkObjects> = null;
  if (fast && Object.hasOwn(record, bulkKey)) {
    bulk =
      bulkKey === 'objects'
        ? checkObjects(record.objects, MAX_SNAPSHOT_DEPTH)
        : checkMembers(record.members, MAX_SNAPSHOT_DEPTH);
    if (bulk === TOO_DEEP) return tooDeep();
    if (bulk === null && nestedDeeperThan(record[bulkKey], MAX_SNAPSHOT_DEPTH, 2)) return tooDeep();
  }
  if (record.format !== SNAPSHOT_FORMAT) {
    return fail([
      {
        code: 'not_a_snapshot',
        path: '$.format',
        message: `is ${describe(record.format)}, expected "${SNAPSHOT_FORMAT}" (is this a dirsync-preflight snapshot?)`,
      },
    ]);
  }
  if (record.version === 1) {
    const members = Array.isArray(bulk) ? null : bulk;
    const v1 = parseVersion1(value, members);
    return v1.ok ? ok(toSnapshotV2(v1.data)) : v1;
  }
  if (record.version === 2) return parseVersion2(record, Array.isArray(bulk) ? bulk : null);
  return fail([
    {
      code: 'unsupported_version',
      path: '$.version',
      message: `is ${describe(record.version)}; this reader knows versions 1 and 2 (is the file from a newer dirsync-preflight?)`,
    },
  ]);
}

/** `members`: the record as checkMembers passed it, or null for the full schema. */
function parseVersion1(value: unknown, members: Record<string, SnapshotMember[]> | null): Result<SnapshotV1> {
  if (members !== null) {
    const light = snapshotSchemaWithCheckedMembers.safeParse(value, { reportInput: true });
    if (light.success) return ok({ ...light.data, members });
  }
  const parsed = snapshotSchema.safeParse(value, { reportInput: true });
  return parsed.success ? ok(parsed.data) : fail(zodErrors(parsed.error.issues));
}

/** `objects`: the list as checkObjects passed it, or null for the full schema. */
function parseVersion2(record: Record<string, unknown>, objects: SnapshotMember[] | null): Result<Snapshot> {
  let snapshot: Snapshot | null = null;
  if (objects !== null) {
    const lists = checkIdLists(record);
    if (lists !== null) {
      const light = snapshotV2SchemaWithCheckedLists.safeParse(record, { reportInput: true });
      if (light.success) snapshot = { ...light.data, objects, ...lists } as Snapshot;
    }
  }
  if (snapshot === null) {
    const parsed = snapshotV2Schema.safeParse(record, { reportInput: true });
    if (!parsed.success) return fail(zodErrors(parsed.error.issues));
    snapshot = parsed.data;
  }
  const errors = referenceErrors(snapshot);
  return errors.length === 0 ? ok(snapshot) : fail(errors);
}

/**
 * Version 2's references: each object's id once in `objects` (ignoring case), and every id in
 * `groups`, `members` (keys and entries), `users` and `contacts` the id of an object there.
 */
function referenceErrors(snapshot: Snapshot): DataError[] {
  const errors: DataError[] = [];
  const report = (path: ReadonlyArray<PropertyKey>, code: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ code, path: jsonPath(path), message });
  };
  const first = new Map<string, number>();
  snapshot.objects.forEach((object, i) => {
    const key = idKey(object.id);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else
      report(
        ['objects', i, 'id'],
        'duplicate_id',
        `${describe(object.id)} is the id of $.objects[${earlier}] already (ids compare ignoring case; each object appears once)`,
      );
  });
  // Ids are mostly lowercase already, so the first probe usually settles it without folding case.
  const known = (id: string) => first.has(id) || first.has(idKey(id));
  const dangling = (path: ReadonlyArray<PropertyKey>, id: string) =>
    report(path, 'unknown_id', `${describe(id)} is not the id of any object in $.objects`);
  const checkList = (name: string, ids: readonly string[] | undefined) => {
    if (ids === undefined) return;
    for (let i = 0; i < ids.length; i++) if (!known(ids[i] as string)) dangling([name, i], ids[i] as string);
  };
  checkList('groups', snapshot.groups);
  for (const groupId of Object.keys(snapshot.members)) {
    if (!known(groupId)) dangling(['members', groupId], groupId);
    const ids = snapshot.members[groupId] ?? [];
    for (let i = 0; i < ids.length; i++)
      if (!known(ids[i] as string)) dangling(['members', groupId, i], ids[i] as string);
  }
  checkList('users', snapshot.users);
  checkList('contacts', snapshot.contacts);
  return errors;
}

function zodErrors(
  issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string; input?: unknown }>,
): DataError[] {
  return issues.slice(0, MAX_ERRORS).map((issue) => ({
    code: issue.code,
    path: jsonPath(issue.path),
    message: issueMessage(issue),
  }));
}

function tooDeep(): Result<Snapshot> {
  return fail([
    {
      code: 'too_deep',
      path: '$',
      message: `is nested more than ${MAX_SNAPSHOT_DEPTH} levels deep, which no snapshot is`,
    },
  ]);
}

function issueMessage(issue: { code: string; message: string; input?: unknown; expected?: unknown }): string {
  // reportInput makes zod include the offending value, so a missing property can be told from a wrong one.
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required but missing';
  if (issue.code === 'invalid_type') return wrongType(issue.expected, issue.input) ?? issue.message;
  return issue.message;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text (a string)',
  number: 'a number',
  boolean: 'true or false (a boolean)',
  array: 'a list (an array, […])',
  object: 'an object ({…})',
  null: 'null',
};

/** "should be text, but is the number 1764136800" instead of zod's "expected string, received number". */
function wrongType(expected: unknown, input: unknown): string | null {
  const want = typeof expected === 'string' ? TYPE_WORDS[expected] : undefined;
  if (want === undefined) return null;
  const kind = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  const is =
    kind === 'array' || kind === 'object'
      ? (TYPE_WORDS[kind] ?? kind)
      : `${TYPE_WORDS[kind] ?? kind} ${describe(input)}`;
  return `should be ${want}, but is ${is.replace(/^a number /, 'the number ').replace(/^text /, 'the text ')}`;
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
