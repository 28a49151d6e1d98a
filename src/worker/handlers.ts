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
import { type PreviewSummary, summarizePreview } from '../core/preview-summary.ts';
import { pseudonymiseSnapshot } from '../core/pseudonymise.ts';
import type { DataError } from '../core/result.ts';
import { createRowTable, type RowQuery, type RowTable, type TableRow } from '../core/row-query.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { exclusionsCsvOf, uploadCsvOf } from '../export/preview-csv.ts';
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

/**
 * A snapshot to open: its text, or the file itself. A file is read here, in the worker, because
 * decoding a few hundred megabytes and copying the string across would freeze the page for
 * seconds, while posting a File only passes a handle.
 */
export type SnapshotContent = { text: string } | { file: Blob };

/** FileReaderSync exists in dedicated workers only (not on the page, not in Node). */
function readBlobText(file: Blob): string {
  const Reader = (globalThis as { FileReaderSync?: new () => { readAsText(blob: Blob): string } })
    .FileReaderSync;
  if (Reader === undefined)
    throw new JobError(
      'file-not-readable',
      'This browser cannot read the file in the background: open it as text.',
    );
  return new Reader().readAsText(file);
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

export class JobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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
    /** Parses and validates a snapshot file, then previews it with the given options. */
    open(input: SnapshotContent & { options?: PreviewOptions }, context: JobContext): OpenResult {
      context.progress('Checking the file');
      const text = 'file' in input ? readBlobText(input.file) : input.text;
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
     * Who joins and leaves between two snapshot texts of one tenant, each with its own selection.
     * Leaves the open snapshot alone, so a report and a diff do not displace each other.
     */
    diff(input: { older: string; newer: string }, context: JobContext): DiffResult {
      context.progress('Checking the older snapshot');
      const older = parseSnapshotText(input.older);
      if (!older.ok)
        return { ok: false, errors: older.errors.map((e) => ({ ...e, path: `older ${e.path}` })) };
      context.progress('Checking the newer snapshot');
      const newer = parseSnapshotText(input.newer);
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

    exportExclusions(input: { baseName: string }): FileOut[] {
      return toFiles(exclusionsCsvOf(current().preview, { baseName: input.baseName }));
    },

    /**
     * The open snapshot with names and addresses replaced (snapshot-format.md), for support: its
     * preview gives the same counts. The salt comes from the page, so the core stays deterministic.
     */
    exportForSupport(input: { baseName: string; salt: string }): FileOut {
      const safe = pseudonymiseSnapshot(current().snapshot, { salt: input.salt });
      const text = `${JSON.stringify(safe, null, 2)}\n`;
      return toFiles([{ fileName: `${input.baseName}.json`, text, rows: 0 }])[0] as FileOut;
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
