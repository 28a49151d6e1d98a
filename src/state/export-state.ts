// The downloads of an open report: the upload CSV (in parts under 10 MB), the exclusions CSV, the
// snapshot as opened or pseudonymised for support, the submission document and the secret's
// calendar reminder. Both snapshot exports are written by the worker as version 2, gzip-compressed
// (`….snapshot.json.gz`), whatever version the opened file was. Each kind has its own status, so a view shows only what it started. One file
// is saved at once; several parts are listed, because browsers block a burst of downloads.
// The secret value typed for the submission document is an argument of one call and is kept
// nowhere: not in a signal, not in a status, not in an error.
import { type ReadonlySignal, signal } from '@preact/signals';
import type { SubmissionFields } from '../core/audit/submission-document.ts';
import type { DataError } from '../core/result.ts';
import type { FileOut, SnapshotContent } from '../worker/handlers.ts';
import type { ArgsOf, Method, ResultOf } from '../worker/protocol.ts';
import type { SaveFile } from './save-file.ts';

export type ExportKind = 'upload' | 'exclusions' | 'snapshot' | 'support' | 'submission' | 'reminder';

export interface DownloadFile {
  fileName: string;
  /** Data rows in a CSV; null for other files. */
  rows: number | null;
  bytes: number;
  /** Null once handed to the browser when the file held the client secret: nothing keeps it. */
  blob: Blob | null;
}

export type ExportStatus =
  | { state: 'working' }
  | { state: 'done'; files: DownloadFile[] }
  /** The export was refused on purpose (an incomplete snapshot); `reason` says why. */
  | { state: 'refused'; reason: string }
  | { state: 'invalid'; errors: DataError[] }
  | { state: 'failed'; message: string };

/** What the admin typed for the submission document, except the secret (never kept). */
export interface SubmissionDraft {
  organizationNames: string;
  ownerName: string;
  ownerEmail: string;
}

export interface ExportSource {
  tenantName: string;
  capturedAt: string;
  /** The snapshot as it was opened: its text, or the picked file itself. */
  content: SnapshotContent;
}

export interface ExportStateDeps {
  call<M extends Method>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  source(): ExportSource | null;
  saveFile: SaveFile;
  now(): Date;
  /** A fresh salt for each pseudonymised export, so two exports cannot be linked. */
  salt?: () => string;
}

export interface ExportState {
  status: ReadonlySignal<Partial<Record<ExportKind, ExportStatus>>>;
  draft: ReadonlySignal<SubmissionDraft>;
  editDraft(change: Partial<SubmissionDraft>): void;
  exportUpload(options: { segments: boolean; allowIncomplete: boolean }): Promise<void>;
  /** How many upload names the CSV's formula guard changes, once asked for (null before). */
  uploadNotes: ReadonlySignal<{ guardedNames: number } | null>;
  /** Asks the worker again (after opening, or when the options change the audience). */
  loadUploadNotes(): Promise<void>;
  exportExclusions(): Promise<void>;
  /** The open snapshot as writers write it: version 2, gzip (`….snapshot.json.gz`). */
  exportSnapshot(): Promise<void>;
  exportForSupport(): Promise<void>;
  /** Builds and saves the document; the secret goes into the file and nowhere else. */
  downloadSubmission(secretValue: string): Promise<boolean>;
  downloadReminder(): Promise<void>;
  /** Saves one listed file again (e.g. part 2 of a split CSV). */
  save(file: DownloadFile): void;
  reset(): void;
}

const TYPES: Record<ExportKind, string> = {
  upload: 'text/csv;charset=utf-8',
  exclusions: 'text/csv;charset=utf-8',
  snapshot: 'application/gzip',
  support: 'application/gzip',
  submission: 'text/plain;charset=utf-8',
  reminder: 'text/calendar;charset=utf-8',
};

/** "Contoso Ltd." captured 2026-11-26 → "contoso-ltd-2026-11-26-<what>" (no suffix when `what` is ''). */
export function baseNameFor(source: Pick<ExportSource, 'tenantName' | 'capturedAt'>, what: string): string {
  const slug =
    source.tenantName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tenant';
  const day = /^\d{4}-\d{2}-\d{2}/.exec(source.capturedAt)?.[0] ?? 'snapshot';
  return what === '' ? `${slug}-${day}` : `${slug}-${day}-${what}`;
}

export const EMPTY_DRAFT: SubmissionDraft = { organizationNames: '', ownerName: '', ownerEmail: '' };

export function createExportState(deps: ExportStateDeps): ExportState {
  const status = signal<Partial<Record<ExportKind, ExportStatus>>>({});
  const draft = signal<SubmissionDraft>(EMPTY_DRAFT);
  const uploadNotes = signal<{ guardedNames: number } | null>(null);
  const set = (kind: ExportKind, next: ExportStatus) => {
    status.value = { ...status.value, [kind]: next };
  };

  const toDownloads = (kind: ExportKind, files: FileOut[], csv: boolean): DownloadFile[] =>
    files.map((file) => ({
      fileName: file.fileName,
      rows: csv ? file.rows : null,
      bytes: file.data.byteLength,
      blob: new Blob([file.data], { type: TYPES[kind] }),
    }));

  /** Saves a lone file at once; several stay listed for the admin to save one by one. */
  const finish = (kind: ExportKind, files: DownloadFile[]) => {
    set(kind, { state: 'done', files });
    const [only] = files;
    if (files.length === 1 && only?.blob) deps.saveFile(only.fileName, only.blob);
  };

  const run = async (kind: ExportKind, work: (source: ExportSource) => Promise<void>) => {
    const source = deps.source();
    if (source === null) return;
    set(kind, { state: 'working' });
    try {
      await work(source);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      set(kind, code === 'incomplete' ? { state: 'refused', reason: message } : { state: 'failed', message });
    }
  };

  return {
    status,
    draft,
    editDraft(change) {
      draft.value = { ...draft.value, ...change };
    },
    uploadNotes,
    async loadUploadNotes() {
      if (deps.source() === null) return;
      try {
        uploadNotes.value = await deps.call('uploadNotes', undefined);
      } catch {
        // Only a note: the upload itself reports any real problem when asked for.
        uploadNotes.value = null;
      }
    },
    exportUpload: (options) =>
      run('upload', async (source) => {
        const files = await deps.call('exportUpload', {
          // A different name with Segments, so the two files never overwrite or pass for each other.
          baseName: baseNameFor(source, options.segments ? 'upload-with-segments' : 'upload'),
          ...options,
        });
        finish('upload', toDownloads('upload', files, true));
      }),
    exportExclusions: () =>
      run('exclusions', async (source) => {
        const files = await deps.call('exportExclusions', { baseName: baseNameFor(source, 'exclusions') });
        finish('exclusions', toDownloads('exclusions', files, true));
      }),
    exportSnapshot: () =>
      run('snapshot', async (source) => {
        const file = await deps.call('exportSnapshot', { baseName: baseNameFor(source, '') });
        finish('snapshot', toDownloads('snapshot', [file], false));
      }),
    exportForSupport: () =>
      run('support', async (source) => {
        const file = await deps.call('exportForSupport', {
          baseName: baseNameFor(source, 'for-support'),
          salt: (deps.salt ?? (() => crypto.randomUUID()))(),
        });
        finish('support', toDownloads('support', [file], false));
      }),
    async downloadSubmission(secretValue) {
      let saved = false;
      await run('submission', async (source) => {
        const { organizationNames, ownerName, ownerEmail } = draft.value;
        const fields: SubmissionFields & { baseName: string } = {
          baseName: baseNameFor(source, 'axios-hq-submission'),
          // One per line: names may hold commas ("Contoso, Inc.").
          organizationNames: organizationNames.split('\n'),
          ownerName,
          ownerEmail,
          ...(secretValue === '' ? {} : { secretValue }),
        };
        const built = await deps.call('submissionDocument', fields);
        if (!built.ok) {
          set('submission', { state: 'invalid', errors: built.errors });
          return;
        }
        const files = toDownloads('submission', [built.file], false);
        finish('submission', files);
        // The secret is in that file: once the browser has it, keep only the file's name and size,
        // so "Save again" asks for the secret again instead of re-saving it (issue #10, item 7).
        if (fields.secretValue !== undefined)
          set('submission', { state: 'done', files: files.map((file) => ({ ...file, blob: null })) });
        saved = true;
      });
      return saved;
    },
    downloadReminder: () =>
      run('reminder', async (source) => {
        const file = await deps.call('secretReminder', {
          baseName: baseNameFor(source, 'secret-reminder'),
          now: deps.now().toISOString(),
        });
        finish('reminder', toDownloads('reminder', [file], false));
      }),
    save(file) {
      if (file.blob !== null) deps.saveFile(file.fileName, file.blob);
    },
    reset() {
      status.value = {};
      uploadNotes.value = null;
    },
  };
}
