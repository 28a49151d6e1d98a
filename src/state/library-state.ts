// Stored snapshots (IndexedDB, through the injected store) and the diff of two of them: the list,
// saving every snapshot opened, open, rename, delete, and "compare the two chosen". Storage errors
// become a plain problem with what to do; the store writes each change in one transaction, so a
// failure leaves nothing half-written. Surprising: a snapshot already stored (same tenant, capture
// time and stored size) is not stored again, so opening the demo twice does not fill the list; and the
// diff's two stored files go to the worker, which compares them beside (not instead of) the open report.
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { SnapshotDiff } from '../core/diff.ts';
import type { SnapshotMeta } from '../storage/schema.ts';
import type { NewSnapshotMeta, SnapshotStore, StoredSnapshot } from '../storage/snapshot-store.ts';
import type { WorkerClient } from '../worker/client.ts';
import type { SnapshotContent } from '../worker/handlers.ts';
import type { OpenReport } from './report-state.ts';
import { type SaveFile, saveWithAnchor } from './save-file.ts';

export interface StoreHooks {
  /** Another tab holds an older version of the database open. */
  onBlocked(): void;
  /** Another tab upgraded the database; this connection closed itself. */
  onVersionChange(): void;
}

export interface LibraryStateDeps {
  /** Creates the store with the hooks (e.g. `(hooks) => createSnapshotStore(hooks)`). */
  openStore(hooks: StoreHooks): SnapshotStore;
  worker: Pick<WorkerClient, 'call'>;
  /** Opens a stored snapshot's text as the report (report-state's openText). */
  openStored(content: SnapshotContent, id: string): Promise<boolean>;
  /** Saves a download (default: an object URL clicked through a temporary link). */
  saveFile?: SaveFile;
}

export interface LibraryProblem {
  title: string;
  /** What happened and what to do, in plain words. */
  message: string;
  /** StorageError code, 'different-tenants', or 'diff-failed'. */
  code: string;
}

export interface OpenDiff {
  older: SnapshotMeta;
  newer: SnapshotMeta;
  diff: SnapshotDiff;
}

export interface LibraryState {
  /** Newest first; null until the first listing finished (or when storage is unusable). */
  snapshots: ReadonlySignal<SnapshotMeta[] | null>;
  problem: ReadonlySignal<LibraryProblem | null>;
  /** A short sentence for a polite live region ("Saved …", "Deleted …"). */
  notice: ReadonlySignal<string | null>;
  /** What is running, or null. */
  working: ReadonlySignal<string | null>;
  /** Ids chosen to compare, oldest choice first (at most two). */
  chosen: ReadonlySignal<readonly string[]>;
  diff: ReadonlySignal<OpenDiff | null>;
  /** The two chosen snapshots are of different tenants (the diff would be refused). */
  tenantsDiffer: ReadonlySignal<boolean>;
  refresh(): Promise<void>;
  /**
   * Stores a snapshot just opened (report-state's onOpened); a stored one is not stored again.
   * Resolves to its stored id (the twin's when already stored), or null when it could not be stored.
   */
  keep(report: OpenReport): Promise<string | null>;
  open(id: string): Promise<boolean>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  choose(id: string, chosen: boolean): void;
  compare(): Promise<boolean>;
  /** Saves the open comparison as a CSV (Change,Name,Email,Id,Why,Groups). */
  downloadDiff(): Promise<void>;
  closeDiff(): void;
  cancel(): void;
  dismissProblem(): void;
}

const TITLES = {
  list: 'Stored snapshots could not be listed',
  save: 'The snapshot was opened but could not be stored',
  open: 'The stored snapshot could not be opened',
  rename: 'The snapshot could not be renamed',
  remove: 'The snapshot could not be deleted',
  compare: 'The snapshots could not be compared',
} as const;

export function createLibraryState(deps: LibraryStateDeps): LibraryState {
  const snapshots = signal<SnapshotMeta[] | null>(null);
  const problem = signal<LibraryProblem | null>(null);
  const notice = signal<string | null>(null);
  /** A new action starts: the last one's problem and its status line ("Stored as …") are over. */
  const startAction = () => {
    problem.value = null;
    notice.value = null;
  };
  const working = signal<string | null>(null);
  const chosen = signal<readonly string[]>([]);
  const diff = signal<OpenDiff | null>(null);
  let controller: AbortController | null = null;

  const store = deps.openStore({
    onBlocked: () => {
      problem.value = storageProblem('list', { code: 'blocked', message: BLOCKED });
    },
    onVersionChange: () => {
      problem.value = storageProblem('list', { code: 'outdated', message: OUTDATED });
    },
  });

  const fail = (action: keyof typeof TITLES, error: unknown) => {
    problem.value = storageProblem(action, error);
  };

  const refresh = async () => {
    try {
      const list = await store.list();
      snapshots.value = list;
      const present = new Set(list.map((meta) => meta.id));
      chosen.value = chosen.value.filter((id) => present.has(id));
    } catch (error) {
      fail('list', error);
    }
  };

  const metaById = (id: string) => snapshots.value?.find((meta) => meta.id === id) ?? null;

  return {
    snapshots,
    problem,
    notice,
    working,
    chosen,
    diff,
    tenantsDiffer: computed(() => {
      const [a, b] = chosen.value.map(metaById);
      return a != null && b != null && a.tenantId.toLowerCase() !== b.tenantId.toLowerCase();
    }),
    refresh,

    async keep(report) {
      if (report.source.kind === 'stored') return report.source.id;
      notice.value = null;
      let id: string | null = null;
      try {
        // A Blob, never the text read back: no main-thread copy of a large file, and Chromium
        // stores a Blob of any size where a string value over ~66 MB is refused. Kept
        // gzip-compressed (a picked .json.gz as it is), a tenth of the text or less, by the worker;
        // every reader of a stored snapshot knows gzip by its first two bytes.
        const body = await deps.worker.call('storable', report.content);
        const bytes = body.size;
        const meta = newMetaOf(report);
        const twins = await store.list({ tenantId: meta.tenantId });
        const twin = twins.find((row) => row.capturedAt === meta.capturedAt && row.bytes === bytes);
        if (twin !== undefined) {
          notice.value = `Already stored as "${twin.name}".`;
          return twin.id;
        }
        id = await store.save(meta, body);
        notice.value = `Stored as "${meta.name}".`;
      } catch (error) {
        fail('save', error);
      }
      await refresh();
      return id;
    },

    async open(id) {
      startAction();
      working.value = 'Opening the stored snapshot';
      let content: SnapshotContent;
      try {
        const stored = await store.get(id);
        content = storedContent(stored);
      } catch (error) {
        fail('open', error);
        await refresh();
        return false;
      } finally {
        working.value = null;
      }
      return deps.openStored(content, id);
    },

    async rename(id, name) {
      startAction();
      try {
        await store.rename(id, name);
        notice.value = `Renamed to "${name.trim()}".`;
        await refresh();
        return true;
      } catch (error) {
        fail('rename', error);
        return false;
      }
    },

    async remove(id) {
      startAction();
      const name = metaById(id)?.name ?? 'The snapshot';
      try {
        await store.remove(id);
        notice.value = `Deleted "${name}".`;
        await refresh();
        return true;
      } catch (error) {
        fail('remove', error);
        return false;
      }
    },

    choose(id, on) {
      const rest = chosen.value.filter((other) => other !== id);
      // Choosing a third drops the oldest choice, so two stay chosen.
      chosen.value = on ? [...rest, id].slice(-2) : rest;
    },

    async compare() {
      const [a, b] = chosen.value.map(metaById);
      if (a == null || b == null) return false;
      startAction();
      if (a.tenantId.toLowerCase() !== b.tenantId.toLowerCase()) {
        problem.value = {
          title: TITLES.compare,
          code: 'different-tenants',
          message: `"${a.name}" is of ${tenantLabel(a)} and "${b.name}" is of ${tenantLabel(b)}. A comparison shows who joins and leaves in one tenant: choose two snapshots of the same tenant.`,
        };
        return false;
      }
      const [older, newer] = byCapture(a, b);
      controller?.abort();
      controller = new AbortController();
      const aborted = controller.signal;
      working.value = 'Comparing the two snapshots';
      try {
        const [olderStored, newerStored] = await Promise.all([store.get(older.id), store.get(newer.id)]);
        const result = await deps.worker.call(
          'diff',
          { older: storedContent(olderStored), newer: storedContent(newerStored) },
          { signal: aborted, onProgress: (phase) => (working.value = phase) },
        );
        if (!result.ok) {
          problem.value = {
            title: TITLES.compare,
            code: result.errors[0]?.code === 'different-tenants' ? 'different-tenants' : 'diff-failed',
            message: result.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          };
          return false;
        }
        diff.value = { older, newer, diff: result.diff };
        return true;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'AbortError')) fail('compare', error);
        return false;
      } finally {
        if (controller?.signal === aborted) {
          controller = null;
          working.value = null;
        }
      }
    },

    async downloadDiff() {
      const open = diff.value;
      if (open === null) return;
      // The CSV writer loads on first use: it is not part of the start page.
      const { diffCsvOf, diffCsvName } = await import('../export/diff-csv.ts');
      const save = deps.saveFile ?? saveWithAnchor;
      save(diffCsvName(open.diff), new Blob([diffCsvOf(open.diff)], { type: 'text/csv;charset=utf-8' }));
    },
    closeDiff() {
      diff.value = null;
    },
    cancel() {
      controller?.abort();
    },
    dismissProblem() {
      problem.value = null;
    },
  };
}

const BLOCKED =
  'Another tab has an older version of this app open, which keeps the snapshot storage from updating: close the other tabs of this app, then reload this page.';
const OUTDATED =
  'Another tab has opened a newer version of this app: reload this page to keep using your saved snapshots.';

function storageProblem(action: keyof typeof TITLES, error: unknown): LibraryProblem {
  const code = String((error as { code?: unknown } | null)?.code ?? 'unavailable');
  const message = error instanceof Error ? error.message : String((error as { message?: unknown }).message);
  return { title: TITLES[action], code, message };
}

/** What the store keeps about a snapshot just opened: its tenant, cloud, time and selection. */
function newMetaOf(report: OpenReport): NewSnapshotMeta {
  const { meta, summary } = report;
  const when = meta.capturedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return {
    name: `${meta.tenantName ?? meta.tenantId}, ${when}`,
    tenantId: meta.tenantId,
    tenantName: meta.tenantName,
    cloud: meta.cloud,
    capturedAt: meta.capturedAt,
    groupIds: [...summary.selection.groupIds],
    groupCount: summary.selection.groupIds.length,
    recipients: summary.audience.recipients,
    pseudonymised: meta.pseudonymised,
    source: report.source.kind === 'file' ? 'import' : report.source.kind === 'live' ? 'live' : 'demo',
  };
}

function tenantLabel(meta: SnapshotMeta): string {
  return meta.tenantName === null ? `tenant ${meta.tenantId}` : `${meta.tenantName} (${meta.tenantId})`;
}

function byCapture(a: SnapshotMeta, b: SnapshotMeta): [SnapshotMeta, SnapshotMeta] {
  const key = (meta: SnapshotMeta) => `${meta.capturedAt} ${meta.savedAt}`;
  return key(a) <= key(b) ? [a, b] : [b, a];
}

/** A stored snapshot as the worker reads it: the Blob (maybe gzip), or the text of an older record. */
function storedContent(stored: StoredSnapshot): SnapshotContent {
  return 'blob' in stored ? { file: stored.blob } : { text: stored.text };
}
