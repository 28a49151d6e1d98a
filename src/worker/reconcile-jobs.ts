// The worker's half of "Compare with HQ's list": reads the dropped CSV in slices (FileReaderSync and
// a streaming TextDecoder, so a 1,000,000-row list is never one string, on the page or here),
// reconciles it with the open preview, and keeps the result so the page can search each class a
// window at a time and download the differences. A pseudonymised snapshot is refused: its
// addresses are stand-ins and would match nothing.

import { idKey } from '../core/ids.ts';
import type { Preview } from '../core/preview.ts';
import {
  type ReconcileClass,
  type ReconcileScope,
  type Reconciliation,
  reconcile,
  type TenantPerson,
} from '../core/reconcile.ts';
import { differenceRows, OUTSIDE_IN_DIRECTORY, OUTSIDE_NOT_IN_DIRECTORY } from '../core/reconcile-summary.ts';
import type { DataError, Result } from '../core/result.ts';
import { writeDifferencesCsv } from '../export/differences-csv.ts';
import {
  createAudienceListReader,
  type ListDelimiter,
  type ReadList,
  readAudienceListText,
} from '../export/read-audience-list.ts';

/** The list to compare: its text, or the dropped file itself (read here, in slices). */
export type ListContent = { text: string } | { file: Blob };

export interface ReconcileRequest {
  list: ListContent;
  fileName: string;
  /** A selected group's id, or null for the whole audience. */
  groupId: string | null;
}

export interface ReconcileView {
  fileName: string;
  /** null: the audience; else the selected group's position and id. */
  group: { position: number; id: string } | null;
  complete: boolean;
  delimiter: ListDelimiter;
  addressHeader: string;
  nameHeader: string | null;
  list: Reconciliation['list'];
  predicted: number;
  counts: Reconciliation['counts'];
}

export type ReconcileOutcome = { ok: true; view: ReconcileView } | { ok: false; errors: DataError[] };

const refuse = (error: DataError): ReconcileOutcome => ({ ok: false, errors: [error] });

/** A class of people the page can list; `renamed` is the part of `matched` whose name differs. */
export type PeopleClass = ReconcileClass | 'renamed';

export interface ReconcileRow {
  /** Unique within the class: the object id, or the list row. */
  key: string;
  id: string | null;
  name: string;
  email: string;
  /** The list's name for the address (null: not in the list, or no name column). */
  listName: string | null;
  /** The reason code (excluded-but-listed) or where the address is (outside-scope). */
  reason: string | null;
  /** Names of the selected groups that reach the person. */
  groups: string[];
  /** The list row's line, when the person is in the list. */
  row: number | null;
  /** Whether the person has a row in the recipient table (a directory object the scope reaches). */
  inScope: boolean;
}

const SLICE_BYTES = 4 << 20;

export interface ProgressSink {
  progress(phase: string, done?: number, total?: number): void;
}

/** Reads a list file in slices, decoding UTF-8 as a stream; throws `file-not-readable` without FileReaderSync. */
export function readListFile(
  file: Blob,
  context: ProgressSink,
  notReadable: () => Error,
  sliceBytes = SLICE_BYTES,
): Result<ReadList> {
  const Reader = (globalThis as { FileReaderSync?: new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer } })
    .FileReaderSync;
  if (Reader === undefined) throw notReadable();
  const reader = new Reader();
  const decoder = new TextDecoder('utf-8');
  const list = createAudienceListReader();
  for (let at = 0; at < file.size; at += sliceBytes) {
    context.progress('Reading the list', at, file.size);
    list.push(decoder.decode(reader.readAsArrayBuffer(file.slice(at, at + sliceBytes)), { stream: true }));
  }
  list.push(decoder.decode());
  return list.finish();
}

export interface KeptReconciliation {
  result: Reconciliation;
  fileName: string;
}

export function runReconcile(
  preview: Preview,
  pseudonymised: boolean,
  request: ReconcileRequest,
  context: ProgressSink,
  notReadable: () => Error,
): { outcome: ReconcileOutcome; kept: KeptReconciliation | null } {
  if (pseudonymised)
    return {
      outcome: refuse({
        code: 'pseudonymised',
        path: 'snapshot',
        message:
          'this snapshot is pseudonymised: its names and addresses are stand-ins, so they cannot be matched against a real list. Compare where the original snapshot is (the admin’s browser, or an export made without “for support”).',
      }),
      kept: null,
    };
  let scope: ReconcileScope = { kind: 'audience' };
  if (request.groupId !== null) {
    const key = idKey(request.groupId);
    const position = preview.groups.findIndex((group) => group.found && idKey(group.id) === key);
    if (position === -1)
      return {
        outcome: refuse({
          code: 'unknown-group',
          path: 'scope',
          message: `${request.groupId} is not a selected group of this snapshot`,
        }),
        kept: null,
      };
    scope = { kind: 'group', position };
  }
  const read =
    'file' in request.list
      ? readListFile(request.list.file, context, notReadable)
      : readAudienceListText(request.list.text);
  if (!read.ok) return { outcome: { ok: false, errors: read.errors }, kept: null };
  context.progress('Comparing with the prediction');
  const result = reconcile(preview, read.data.list, scope);
  const view: ReconcileView = {
    fileName: request.fileName,
    group:
      scope.kind === 'group'
        ? { position: scope.position, id: preview.groups[scope.position]?.id ?? '' }
        : null,
    complete: result.complete,
    delimiter: read.data.delimiter,
    addressHeader: read.data.addressHeader,
    nameHeader: read.data.nameHeader,
    list: result.list,
    predicted: result.predicted,
    counts: result.counts,
  };
  return { outcome: { ok: true, view }, kept: { result, fileName: request.fileName } };
}

/** The people of one class whose name, address or list name holds `search` (ignoring case). */
export function reconcilePeople(
  kept: KeptReconciliation,
  preview: Preview,
  query: { cls: PeopleClass; search: string; offset: number; limit: number },
): { total: number; rows: ReconcileRow[] } {
  const { result } = kept;
  const names = (positions: readonly number[]) =>
    positions.map((p) => preview.groups[p]?.displayName ?? preview.groups[p]?.id ?? '');
  const needle = query.search.trim().toLowerCase();
  const holds = (...texts: string[]) => needle === '' || texts.some((t) => t.toLowerCase().includes(needle));
  // Filtered first and built only for the window shown: a class may hold 1,000,000 rows.
  const window = <T>(
    items: readonly T[],
    searchable: (item: T) => boolean,
    toRow: (item: T) => ReconcileRow,
  ) => {
    const rows: ReconcileRow[] = [];
    let total = 0;
    for (const item of items) {
      if (!searchable(item)) continue;
      if (total >= query.offset && rows.length < query.limit) rows.push(toRow(item));
      total++;
    }
    return { total, rows };
  };
  const tenant = (p: TenantPerson, extra: Partial<ReconcileRow>): ReconcileRow => ({
    key: p.id,
    id: p.id,
    name: p.name,
    email: p.email,
    listName: null,
    reason: null,
    groups: names(p.groups),
    row: null,
    inScope: true,
    ...extra,
  });
  switch (query.cls) {
    case 'matched':
    case 'renamed': {
      const renamedOnly = query.cls === 'renamed';
      return window(
        result.matched,
        (p) => (!renamedOnly || p.renamed) && holds(p.name, p.email, p.listName),
        (p) => tenant(p, { listName: p.listName, row: p.row }),
      );
    }
    case 'missing-from-list':
      return window(
        result.missingFromList,
        (p) => holds(p.name, p.email),
        (p) => tenant(p, {}),
      );
    case 'excluded-but-listed':
      return window(
        result.excludedButListed,
        (p) => holds(p.name, p.email, p.listName),
        (p) => tenant(p, { listName: p.listName, reason: p.reason, row: p.row }),
      );
    case 'outside-scope':
      return window(
        result.outsideScope,
        (p) => holds(p.email, p.listName),
        (p) => ({
          key: `row-${p.row}`,
          id: p.id,
          name: '',
          email: p.email,
          listName: p.listName,
          reason: p.id === null ? OUTSIDE_NOT_IN_DIRECTORY : OUTSIDE_IN_DIRECTORY,
          groups: [],
          row: p.row,
          inScope: false,
        }),
      );
    case 'invalid-in-list':
      return window(
        result.invalidInList,
        (r) => holds(r.value),
        (r) => ({
          key: `row-${r.row}`,
          id: null,
          name: '',
          email: r.value,
          listName: null,
          reason: null,
          groups: [],
          row: r.row,
          inScope: false,
        }),
      );
  }
}

export function differencesCsv(kept: KeptReconciliation, preview: Preview): string {
  return writeDifferencesCsv(differenceRows(kept.result, preview));
}
