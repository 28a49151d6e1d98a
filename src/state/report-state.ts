// The open report: which snapshot is open (demo, file, stored or live), how far the worker is, and
// what it said, plus the report's parts (the tab shown, the recipient table, the downloads).
// Every change of UI state about the open snapshot happens through these actions; components only
// read the signals. Tested without rendering (a fake or in-process worker client is passed in).
// Surprising: cancelling a job terminates the worker, and with it the open snapshot; calls on the
// open report then re-open its content with the options shown, once, and try again. A picked file
// goes to the worker as a File (a handle), never as text: the page does not decode it at all; the
// worker decompresses a gzip file as it reads it, with progress.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { AuditReport } from '../core/audit/types.ts';
import type { PreviewOptions } from '../core/preview.ts';
import type { PreviewSummary } from '../core/preview-summary.ts';
import type { DataError } from '../core/result.ts';
import type { Outcome } from '../core/row-query.ts';
import type { WorkerClient } from '../worker/client.ts';
import type { SnapshotContent, SnapshotMeta } from '../worker/handlers.ts';
import type { ArgsOf, Method, ResultOf } from '../worker/protocol.ts';
import { baseNameFor, createExportState, type ExportState } from './export-state.ts';
import { createRecipientsState, type RecipientsState } from './recipients-state.ts';
import { createReconcileState, type ReconcileState } from './reconcile-state.ts';
import { type SaveFile, saveWithAnchor } from './save-file.ts';

export type SnapshotSource =
  | { kind: 'demo' }
  | { kind: 'file'; fileName: string }
  | { kind: 'stored'; id: string }
  | { kind: 'live' };

export interface Progress {
  phase: string;
  done?: number;
  total?: number;
}

export interface Problem {
  title: string;
  /** What is wrong and where, one line each (JSON paths for files). */
  details: string[];
  /** What to do next, in plain words. */
  next: string;
}

export interface OpenReport {
  source: SnapshotSource;
  meta: SnapshotMeta;
  summary: PreviewSummary;
  /** The readiness checks for the options shown, or null when they could not run (see auditError). */
  audit: AuditReport | null;
  auditError: string | null;
  /** The options the snapshot was saved with (the toggles may since differ). */
  savedOptions: { usernameFallback: boolean; syncContacts: boolean };
  /** The snapshot as it was opened (its text, or the picked file), to export or re-open it. */
  content: SnapshotContent;
}

export const REPORT_TABS = ['overview', 'readiness', 'recipients', 'explain', 'reconcile', 'export'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

export interface ReportStateDeps {
  worker: WorkerClient;
  fetchText(url: string, signal: AbortSignal): Promise<string>;
  demoUrl: string;
  /** Saves a download (default: an object URL clicked through a temporary link). */
  saveFile?: SaveFile;
  /** The clock, for the secret reminder's "today" (default: the system clock). */
  now?: () => Date;
  /** Told of every snapshot opened successfully (the library stores it); not awaited. */
  onOpened?: (report: OpenReport) => void;
}

export interface ReportState {
  report: ReadonlySignal<OpenReport | null>;
  progress: ReadonlySignal<Progress | null>;
  problem: ReadonlySignal<Problem | null>;
  busy: ReadonlySignal<boolean>;
  tab: ReadonlySignal<ReportTab>;
  recipients: RecipientsState;
  exports: ExportState;
  /** "Compare with HQ's list". */
  reconcile: ReconcileState;
  showTab(tab: ReportTab): void;
  /** Opens the recipient table on one scope and outcome set ("list these people"). */
  showPeople(scope: 'audience' | number, outcomes: readonly Outcome[]): void;
  openDemo(): Promise<boolean>;
  /** A picked or dropped file (read in the worker), or anything with a name and its text. */
  openFile(file: File | { name: string; text(): Promise<string> }): Promise<boolean>;
  openText(text: string, source: SnapshotSource): Promise<boolean>;
  /** Opens a snapshot kept in this browser (its file as stored). */
  openStored(content: SnapshotContent, id: string): Promise<boolean>;
  changeOptions(options: PreviewOptions): Promise<void>;
  cancel(): void;
  close(): void;
  dismissProblem(): void;
}

const MAX_FILE_ERRORS = 5;

export function createReportState(deps: ReportStateDeps): ReportState {
  const report = signal<OpenReport | null>(null);
  const progress = signal<Progress | null>(null);
  const problem = signal<Problem | null>(null);
  const tab = signal<ReportTab>('overview');
  let controller: AbortController | null = null;

  const optionsOf = (summary: PreviewSummary): PreviewOptions => ({
    groupIds: summary.selection.groupIds,
    usernameFallback: summary.selection.usernameFallback,
    syncContacts: summary.selection.syncContacts,
  });

  /**
   * A call on the open snapshot; re-opens it once when the worker was replaced meanwhile (it died,
   * or a cancelled job took it down).
   */
  const onOpen = async <M extends Method>(
    method: M,
    args: ArgsOf<M>,
    signal?: AbortSignal,
    onProgress?: (phase: string, done?: number, total?: number) => void,
  ): Promise<ResultOf<M>> => {
    const options = {
      ...(signal === undefined ? {} : { signal }),
      ...(onProgress === undefined ? {} : { onProgress }),
    };
    try {
      return await deps.worker.call(method, args, options);
    } catch (error) {
      const open = report.value;
      if ((error as { code?: unknown }).code !== 'no-snapshot' || open === null) throw error;
      const reopened = await deps.worker.call(
        'open',
        { ...open.content, options: optionsOf(open.summary) },
        options,
      );
      if (!reopened.ok) throw error;
      return deps.worker.call(method, args, options);
    }
  };

  /** The checks as data; a failure here is shown in Readiness, not as a page-wide problem. */
  const audit = async (signal: AbortSignal): Promise<Pick<OpenReport, 'audit' | 'auditError'>> => {
    try {
      return { audit: await deps.worker.call('audit', {}, { signal }), auditError: null };
    } catch (error) {
      if (isAbort(error)) throw error;
      return { audit: null, auditError: error instanceof Error ? error.message : String(error) };
    }
  };

  const recipients = createRecipientsState({
    call: onOpen,
    fail: (error) => {
      if (!isAbort(error)) problem.value = workerProblem(error);
    },
  });
  const exports = createExportState({
    call: onOpen,
    saveFile: deps.saveFile ?? saveWithAnchor,
    now: deps.now ?? (() => new Date()),
    source() {
      const open = report.value;
      return (
        open && {
          tenantName: open.meta.tenantName ?? open.meta.tenantId,
          capturedAt: open.meta.capturedAt,
          content: open.content,
        }
      );
    },
  });

  const reconcile = createReconcileState({
    call: (method, args, onProgress) => onOpen(method, args, undefined, onProgress),
    saveFile: deps.saveFile ?? saveWithAnchor,
    baseName() {
      const open = report.value;
      const source = {
        tenantName: open?.meta.tenantName ?? open?.meta.tenantId ?? 'tenant',
        capturedAt: open?.meta.capturedAt ?? '',
      };
      return baseNameFor(source, 'hq-differences');
    },
  });

  const begin = (phase: string): AbortSignal => {
    controller?.abort();
    controller = new AbortController();
    problem.value = null;
    progress.value = { phase };
    return controller.signal;
  };
  const end = () => {
    controller = null;
    progress.value = null;
  };

  const openContent = async (
    content: SnapshotContent,
    source: SnapshotSource,
    signal?: AbortSignal,
  ): Promise<boolean> => {
    const aborted = signal ?? begin('Reading the snapshot');
    try {
      const opened = await deps.worker.call('open', content, {
        signal: aborted,
        onProgress: (phase, done, total) =>
          (progress.value = {
            phase,
            ...(done === undefined ? {} : { done }),
            ...(total === undefined ? {} : { total }),
          }),
      });
      if (!opened.ok) {
        problem.value = fileProblem(source, opened.errors);
        return false;
      }
      progress.value = { phase: 'Checking readiness' };
      const checks = await audit(aborted);
      recipients.reset();
      exports.reset();
      reconcile.reset();
      tab.value = 'overview';
      const { usernameFallback, syncContacts } = opened.summary.selection;
      const next: OpenReport = {
        source,
        meta: opened.meta,
        summary: opened.summary,
        ...checks,
        savedOptions: { usernameFallback, syncContacts },
        content,
      };
      report.value = next;
      recipients.refresh();
      deps.onOpened?.(next);
      return true;
    } catch (error) {
      if (!isAbort(error)) problem.value = workerProblem(error);
      return false;
    } finally {
      if (controller?.signal === aborted) end();
    }
  };

  return {
    report,
    progress,
    problem,
    busy: computed(() => progress.value !== null),
    tab,
    recipients,
    exports,
    reconcile,
    showTab(next) {
      tab.value = next;
    },
    showPeople(scope, outcomes) {
      recipients.show({ scope, outcomes });
      tab.value = 'recipients';
    },
    async openDemo() {
      const aborted = begin('Loading the demo tenant');
      let text: string;
      try {
        text = await deps.fetchText(deps.demoUrl, aborted);
      } catch (error) {
        if (!isAbort(error)) {
          problem.value = {
            title: 'The demo tenant could not be loaded',
            details: [String(error)],
            next: 'Reload the page and try again.',
          };
        }
        end();
        return false;
      }
      return openContent({ text }, { kind: 'demo' }, aborted);
    },
    async openFile(file) {
      const aborted = begin(`Reading ${file.name}`);
      const source: SnapshotSource = { kind: 'file', fileName: file.name };
      if (file instanceof Blob) return openContent({ file }, source, aborted);
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        problem.value = {
          title: `${file.name} could not be read`,
          details: [String(error)],
          next: 'Check the file and try again.',
        };
        end();
        return false;
      }
      return openContent({ text }, source, aborted);
    },
    openText: (text, source) => openContent({ text }, source),
    openStored: (content, id) => openContent(content, { kind: 'stored', id }),
    async changeOptions(options) {
      const open = report.value;
      if (open === null) return;
      const aborted = begin('Applying the recipient rules');
      try {
        const summary = await onOpen('repreview', options, aborted);
        progress.value = { phase: 'Checking readiness' };
        const checks = await audit(aborted);
        report.value = { ...open, summary, ...checks };
        exports.reset();
        recipients.refresh();
        void reconcile.rerun();
      } catch (error) {
        if (!isAbort(error)) problem.value = workerProblem(error);
      } finally {
        end();
      }
    },
    cancel() {
      controller?.abort();
    },
    close() {
      controller?.abort();
      recipients.reset();
      exports.reset();
      reconcile.reset();
      report.value = null;
    },
    dismissProblem() {
      problem.value = null;
    },
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function fileProblem(source: SnapshotSource, errors: DataError[]): Problem {
  const name =
    source.kind === 'file' ? source.fileName : source.kind === 'demo' ? 'The demo snapshot' : 'This snapshot';
  const details = errors.slice(0, MAX_FILE_ERRORS).map((error) => `${error.path}: ${error.message}`);
  if (errors.length > MAX_FILE_ERRORS) details.push(`… and ${errors.length - MAX_FILE_ERRORS} more`);
  return {
    title: `${name} is not a snapshot this app can read`,
    details,
    next: 'Nothing was saved or changed. Choose a snapshot exported by dirsync-preflight (format "dirsync-snapshot", version 1 or 2, plain or .json.gz).',
  };
}

function workerProblem(error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    title: 'The preview stopped',
    details: [message],
    next: 'Try again. If it keeps happening, reload the page.',
  };
}
