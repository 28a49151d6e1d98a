// What the worker can do, as plain functions over one open snapshot: the protocol's types are
// derived from this map (protocol.ts), so page and worker cannot drift. The heavy preview (the
// directory index and walks) stays here; the page gets counts, one window of rows, or file bytes.
// The submission document's secret value passes through once, into the file's bytes, and is kept
// nowhere (not in the session, not in an error).

import { portalFor } from '../core/audit/portal.ts';
import { runAudit } from '../core/audit/run-audit.ts';
import { secretLifecycle, secretReminderIcs } from '../core/audit/secrets.ts';
import { buildSubmissionDocument, type SubmissionFields } from '../core/audit/submission-document.ts';
import type { AuditReport } from '../core/audit/types.ts';
import { diffSnapshots, type SnapshotDiff } from '../core/diff.ts';
import { parseSnapshotText } from '../core/parse-snapshot.ts';
import { computePreview, type Preview, type PreviewOptions } from '../core/preview.ts';
import { audienceRecipients } from '../core/preview-rows.ts';
import { type PreviewSummary, summarizePreview } from '../core/preview-summary.ts';
import { pseudonymiseSnapshot } from '../core/pseudonymise.ts';
import { type DataError, fail } from '../core/result.ts';
import { createRowTable, type RowQuery, type RowTable, type TableRow } from '../core/row-query.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { snapshotFileText, toSnapshotV1, toSnapshotV2 } from '../core/snapshot-v2.ts';
import { startsWithFormulaTrigger } from '../export/formula-guard.ts';
import { exclusionsCsvOf, uploadCsvOf } from '../export/preview-csv.ts';
import { JobError } from './job-error.ts';
import {
  FILE_PROBLEMS,
  gzipForStorage,
  gzipText,
  readSnapshotText,
  type SnapshotContent,
} from './read-content.ts';
import {
  differencesCsv,
  type KeptReconciliation,
  type PeopleClass,
  type ReconcileOutcome,
  type ReconcileRequest,
  type ReconcileRow,
  reconcilePeople,
  runReconcile,
} from './reconcile-jobs.ts';

export { JobError } from './job-error.ts';
export type { SnapshotContent } from './read-content.ts';

export interface JobContext {
  progress(phase: string, done?: number, total?: number): void;
}

export interface SnapshotMeta {
  tenantId: string;
  tenantName: string | null;
  cloud: Snapshot['cloud'];
  capturedAt: string;
  pseudonymised: boolean;
  clientId: string | null;
  bytes: number;
}

export type DiffResult = { ok: true; diff: SnapshotDiff } | { ok: false; errors: DataError[] };

export type OpenResult =
  | { ok: true; meta: SnapshotMeta; summary: PreviewSummary }
  | { ok: false; errors: DataError[] };

export interface FileOut {
  fileName: string;
  rows: number;
  /** UTF-8 bytes, transferred rather than copied. */
  data: ArrayBuffer;
}

interface Session {
  snapshot: Snapshot;
  preview: Preview;
  table: RowTable;
  meta: SnapshotMeta;
  /** The last comparison with HQ's list, for its people and its differences CSV. */
  reconciliation: KeptReconciliation | null;
}

export function createWorkerHandlers() {
  let session: Session | null = null;
  const current = (): Session => {
    if (session === null) throw new JobError('no-snapshot', 'No snapshot is open: open one first.');
    return session;
  };
  const encoder = new TextEncoder();
  const toFiles = (parts: ReadonlyArray<{ fileName: string; text: string; rows: number }>): FileOut[] =>
    parts.map((part) => ({
      fileName: part.fileName,
      rows: part.rows,
      data: encoder.encode(part.text).buffer as ArrayBuffer,
    }));

  return {
    /**
     * Reads (decompressing a gzip file), parses and validates a snapshot file of version 1 or 2,
     * then previews it with the given options.
     */
    async open(
      input: SnapshotContent & { options?: PreviewOptions },
      context: JobContext,
    ): Promise<OpenResult> {
      const read = await readText(input, context);
      if (typeof read !== 'string') return { ok: false, errors: read };
      const text = read;
      context.progress('Checking the file');
      const parsed = parseSnapshotText(text);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      context.progress('Applying the recipient rules');
      const snapshot = parsed.data;
      const preview = computePreview(snapshot, input.options ?? {});
      const meta: SnapshotMeta = {
        tenantId: snapshot.tenant.id,
        tenantName: snapshot.tenant.displayName ?? null,
        cloud: snapshot.cloud,
        capturedAt: snapshot.capturedAt,
        pseudonymised: snapshot.pseudonymised === true,
        clientId: snapshot.app?.clientId ?? null,
        bytes: 'file' in input ? input.file.size : text.length,
      };
      session = { snapshot, preview, table: createRowTable(preview), meta, reconciliation: null };
      return { ok: true, meta, summary: summarizePreview(preview) };
    },

    /**
     * A snapshot as the library stores it (gzip, a tenth of the text or less). Here, not on the
     * page: compressing a 300 MB file there was one 15-second task that froze the tab.
     */
    async storable(input: SnapshotContent, context: JobContext): Promise<Blob> {
      context.progress('Compressing the snapshot to keep it in this browser');
      return gzipForStorage(input);
    },

    /**
     * Who joins and leaves between two snapshots of one tenant, each with its own selection.
     * Leaves the open snapshot alone, so a report and a diff do not displace each other.
     */
    async diff(
      input: { older: SnapshotContent; newer: SnapshotContent },
      context: JobContext,
    ): Promise<DiffResult> {
      const olderText = await readText(input.older, context);
      const newerText = await readText(input.newer, context);
      context.progress('Checking the older snapshot');
      const older = typeof olderText === 'string' ? parseSnapshotText(olderText) : fail<Snapshot>(olderText);
      if (!older.ok)
        return { ok: false, errors: older.errors.map((e) => ({ ...e, path: `older ${e.path}` })) };
      context.progress('Checking the newer snapshot');
      const newer = typeof newerText === 'string' ? parseSnapshotText(newerText) : fail<Snapshot>(newerText);
      if (!newer.ok)
        return { ok: false, errors: newer.errors.map((e) => ({ ...e, path: `newer ${e.path}` })) };
      context.progress('Comparing who is synced');
      const diff = diffSnapshots(older.data, newer.data);
      return diff.ok ? { ok: true, diff: diff.data } : { ok: false, errors: diff.errors };
    },

    /** Re-runs the rules on the open snapshot with other options (groups, fallback, contacts). */
    repreview(options: PreviewOptions): PreviewSummary {
      const open = current();
      open.preview = computePreview(open.snapshot, options);
      open.table = createRowTable(open.preview);
      // A comparison holds the old preview's object indices: the page compares again.
      open.reconciliation = null;
      return summarizePreview(open.preview);
    },

    /** Selects rows and returns how many match plus the first window. */
    query(input: { query: RowQuery; limit: number }): { total: number; rows: TableRow[] } {
      const { table } = current();
      const total = table.select(input.query);
      return { total, rows: table.page(0, input.limit) };
    },

    page(input: { offset: number; limit: number }): TableRow[] {
      return current().table.page(input.offset, input.limit);
    },

    exportUpload(input: { baseName: string; segments: boolean; allowIncomplete: boolean }): FileOut[] {
      const { preview } = current();
      if (!preview.complete && !input.allowIncomplete) {
        throw new JobError(
          'incomplete',
          'This snapshot is incomplete: some reads failed, so the CSV would miss people.',
        );
      }
      return toFiles(uploadCsvOf(preview, { baseName: input.baseName, segments: input.segments }));
    },

    /**
     * What the admin should know before uploading: how many of the upload CSV's names the formula
     * guard changes (they reach the product with a leading apostrophe). One pass over the audience.
     */
    uploadNotes(): { guardedNames: number } {
      let guardedNames = 0;
      for (const row of audienceRecipients(current().preview, { segments: false })) {
        if (startsWithFormulaTrigger(row.name)) guardedNames++;
      }
      return { guardedNames };
    },

    exportExclusions(input: { baseName: string }): FileOut[] {
      return toFiles(exclusionsCsvOf(current().preview, { baseName: input.baseName }));
    },

    /** The open snapshot as writers write it: version 2, gzip-compressed (`….snapshot.json.gz`). */
    async exportSnapshot(input: { baseName: string }): Promise<FileOut> {
      return snapshotFile(input.baseName, current().snapshot);
    },

    /**
     * The open snapshot with names and addresses replaced (snapshot-format.md), for support: its
     * preview gives the same counts. The salt comes from the page, so the core stays deterministic.
     * The pseudonymiser works on version 1; its result is written as version 2 like every export.
     */
    async exportForSupport(input: { baseName: string; salt: string }): Promise<FileOut> {
      const safe = pseudonymiseSnapshot(toSnapshotV1(current().snapshot), { salt: input.salt });
      return snapshotFile(input.baseName, toSnapshotV2(safe));
    },

    /** Compares HQ's audience list (a dropped file, read here in slices) with the open preview. */
    reconcile(input: ReconcileRequest, context: JobContext): ReconcileOutcome {
      const open = current();
      const run = runReconcile(
        open.preview,
        open.meta.pseudonymised,
        input,
        context,
        () => new JobError('file-not-readable', 'This browser cannot read the file in the background.'),
      );
      open.reconciliation = run.kept;
      return run.outcome;
    },

    /** One window of a class of the last comparison, searched by name or address. */
    reconcilePeople(input: { cls: PeopleClass; search: string; offset: number; limit: number }): {
      total: number;
      rows: ReconcileRow[];
    } {
      const open = current();
      if (open.reconciliation === null)
        throw new JobError('no-reconciliation', 'No list has been compared yet: choose HQ’s list first.');
      return reconcilePeople(open.reconciliation, open.preview, input);
    },

    /** The differences of the last comparison as `Email,Name,Class,Reason,Groups`. */
    exportDifferences(input: { baseName: string }): FileOut {
      const open = current();
      if (open.reconciliation === null)
        throw new JobError('no-reconciliation', 'No list has been compared yet: choose HQ’s list first.');
      const text = differencesCsv(open.reconciliation, open.preview);
      const rows = text.split('\r\n').length - 2;
      return toFiles([{ fileName: `${input.baseName}.csv`, text, rows }])[0] as FileOut;
    },

    /** The readiness checks of the open snapshot with its current options (now = capture time). */
    audit(input: { now?: string } = {}): AuditReport {
      const { snapshot, preview } = current();
      return runAudit(snapshot, { preview, ...(input.now === undefined ? {} : { now: input.now }) });
    },

    /**
     * The document for Axios HQ, with the options as currently chosen (the toggles may differ from
     * the snapshot's). Field problems come back as data, naming the field.
     */
    submissionDocument(
      input: SubmissionFields & { baseName: string },
    ): { ok: true; file: FileOut } | { ok: false; errors: DataError[] } {
      const { snapshot, preview } = current();
      const { baseName, ...fields } = input;
      const chosen: Snapshot = {
        ...snapshot,
        selection: {
          groupIds: preview.selection.groupIds,
          usernameFallback: preview.selection.usernameFallback,
          syncContacts: preview.selection.syncContacts,
        },
      };
      const built = buildSubmissionDocument(chosen, fields);
      if (!built.ok) return { ok: false, errors: built.errors };
      const [file] = toFiles([{ fileName: `${baseName}.txt`, text: built.data, rows: 0 }]);
      return { ok: true, file: file as FileOut };
    },

    /** A calendar reminder to rotate the latest client secret before it expires. */
    secretReminder(input: { baseName: string; now: string }): FileOut {
      const { snapshot } = current();
      const application = snapshot.app?.application ?? null;
      const latest = secretLifecycle(application, new Date(input.now)).latest;
      if (latest?.endDateTime == null)
        throw new JobError(
          'no-secret',
          'The app registration has no client secret with an end date, so there is nothing to remind you of. Create a secret first.',
        );
      const text = secretReminderIcs(latest, {
        tenantName: snapshot.tenant.displayName ?? snapshot.tenant.id,
        appName: application?.displayName ?? 'the sync app',
        now: input.now,
        ...(snapshot.app
          ? { link: portalFor(snapshot.cloud).appLink(snapshot.app.clientId, 'Credentials') }
          : {}),
      });
      return toFiles([{ fileName: `${input.baseName}.ics`, text, rows: 0 }])[0] as FileOut;
    },
  };
}

export type WorkerHandlers = ReturnType<typeof createWorkerHandlers>;

/**
 * A snapshot's text (a gzip file reports how much of it was decompressed), or what is wrong with
 * the file as errors, the way a file that is no snapshot is reported.
 */
async function readText(content: SnapshotContent, context: JobContext): Promise<string | DataError[]> {
  if ('file' in content) context.progress('Reading the file');
  try {
    return await readSnapshotText(content, (done, total) =>
      context.progress('Decompressing the file (bytes read)', done, total),
    );
  } catch (error) {
    if (!(error instanceof JobError && FILE_PROBLEMS.has(error.code))) throw error;
    return [{ code: error.code, path: '$', message: error.message }];
  }
}

async function snapshotFile(baseName: string, snapshot: Snapshot): Promise<FileOut> {
  const data = await gzipText(snapshotFileText(snapshot));
  return { fileName: `${baseName}.snapshot.json.gz`, rows: 0, data };
}
