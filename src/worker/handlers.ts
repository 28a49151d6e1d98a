// What the worker can do, as plain functions over one open snapshot: the protocol's types are
// derived from this map (protocol.ts), so page and worker cannot drift. The heavy preview (the
// directory index and walks) stays here; the page gets counts, one window of rows, or file bytes.
import { parseSnapshotText } from '../core/parse-snapshot.ts';
import { computePreview, type Preview, type PreviewOptions } from '../core/preview.ts';
import { audienceExclusions, audienceRecipients } from '../core/preview-rows.ts';
import { type PreviewSummary, summarizePreview } from '../core/preview-summary.ts';
import type { DataError } from '../core/result.ts';
import { createRowTable, type RowQuery, type RowTable, type TableRow } from '../core/row-query.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { writeExclusionsCsv, writeUploadCsv } from '../export/csv.ts';

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
    open(input: { text: string; options?: PreviewOptions }, context: JobContext): OpenResult {
      context.progress('Checking the file');
      const parsed = parseSnapshotText(input.text);
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
        bytes: input.text.length,
      };
      session = { snapshot, preview, table: createRowTable(preview), meta };
      return { ok: true, meta, summary: summarizePreview(preview) };
    },

    /** Re-runs the rules on the open snapshot with other options (groups, fallback, contacts). */
    repreview(options: PreviewOptions): PreviewSummary {
      const open = current();
      open.preview = computePreview(open.snapshot, options);
      open.table = createRowTable(open.preview);
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
      const names = preview.groups.map((group) => group.displayName ?? group.id);
      const rows = audienceRecipients(preview).map((row) => ({
        name: row.name,
        email: row.email,
        segments: row.groups.map((position) => names[position] as string),
      }));
      return toFiles(writeUploadCsv(rows, { baseName: input.baseName, segments: input.segments }));
    },

    exportExclusions(input: { baseName: string }): FileOut[] {
      const rows = audienceExclusions(current().preview).map((row) => ({ ...row, reachedVia: row.via }));
      return toFiles(writeExclusionsCsv(rows, { baseName: input.baseName }));
    },
  };
}

export type WorkerHandlers = ReturnType<typeof createWorkerHandlers>;
