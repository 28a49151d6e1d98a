// The Connect path's reads from Microsoft Graph: the group list for the picker, and the tenant read
// of the picked groups, with its progress, elapsed time and cancel. Surprises: a cancelled read
// resolves quietly (no problem shown) even when Graph answers after the abort; a newer read aborts
// the one in flight; and the snapshot opens as the report through `openSnapshot`, not from here.
// Each tenant read keeps its read log (graph/read-log.ts), finished or failed, for "Download read
// log": what Microsoft support asks for when a tenant misbehaves. A cancelled read keeps none.
import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { Auth } from '../auth/types.ts';
import type { Cloud } from '../core/snapshot-schema.ts';
import { snapshotFileText, toSnapshotV2 } from '../core/snapshot-v2.ts';
import type { listGroups, ReadProgress, ReadTenantRequest, readTenantSnapshot } from '../graph/index.ts';
import { createReadLog, isAbortError, type ReadLog } from '../graph/index.ts';
import type { Picker } from './connect-picker.ts';
import type { ConnectProblem } from './connect-problems.ts';
import type { ConnectStep } from './connect-types.ts';
import { type SaveFile, saveWithAnchor } from './save-file.ts';

export interface ConnectReadDeps {
  readTenantSnapshot: typeof readTenantSnapshot;
  listGroups: typeof listGroups;
  fetch: typeof fetch;
  now(): Date;
  openSnapshot(text: string): Promise<boolean>;
  every?(ms: number, tick: () => void): () => void;
  /** Hands the read log to the browser's download (default: a temporary <a download>). */
  saveFile?: SaveFile;
}

/** The Connect state's own signals that the reads move. */
export interface ConnectReadTargets {
  readonly step: Signal<ConnectStep>;
  readonly visible: Signal<boolean>;
  readonly problem: Signal<ConnectProblem | null>;
  readonly picker: Picker;
  /** A failed read in plain words, with the cloud, client id and tenant as they are then. */
  explain(error: unknown): ConnectProblem;
}

export interface GroupListRequest {
  readonly cloud: Cloud;
  /** Asked at each token request, so it follows the options as they are then. */
  scopes(): string[];
  /** Ids to select again once listed (after a redirect). */
  readonly keep: readonly string[];
  /** Right after the list is in the picker, before it stops loading. */
  onListed(): void;
}

export interface ConnectRead {
  readonly progress: ReadonlySignal<ReadProgress | null>;
  readonly elapsedMs: ReadonlySignal<number>;
  /** The last finished or failed tenant read's log: how many lines, and when that read started. */
  readonly readLog: ReadonlySignal<{ lines: number; startedAt: string } | null>;
  /** Saves that log as a .jsonl file; false when there is none. */
  downloadReadLog(): boolean;
  loadGroups(ready: Auth, request: GroupListRequest): Promise<void>;
  /** Reads the picked groups and opens the snapshot; false when cancelled, failed or not opened. */
  readTenant(ready: Auth, request: ReadTenantRequest, scopes: string[]): Promise<boolean>;
  /** Stops the tenant read in flight, if any. */
  abort(): void;
}

export function createConnectRead(deps: ConnectReadDeps, targets: ConnectReadTargets): ConnectRead {
  const { step, visible, problem, picker } = targets;
  const progress = signal<ReadProgress | null>(null);
  const elapsedMs = signal(0);
  const readLog = signal<{ lines: number; startedAt: string } | null>(null);
  let lastLog: { log: ReadLog; startedAt: string } | null = null;
  let reading: AbortController | null = null;

  const every =
    deps.every ??
    ((ms: number, tick: () => void) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    });

  const keepLog = (log: ReadLog, startedAt: string) => {
    lastLog = { log, startedAt };
    readLog.value = { lines: log.entries.length, startedAt };
  };

  return {
    progress,
    elapsedMs,
    readLog,
    downloadReadLog() {
      if (lastLog === null) return false;
      const stamp = lastLog.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
      const blob = new Blob([lastLog.log.text()], { type: 'application/x-ndjson' });
      (deps.saveFile ?? saveWithAnchor)(`graph-read-log-${stamp}.jsonl`, blob);
      return true;
    },
    async loadGroups(ready, request) {
      picker.loading.value = true;
      const controller = new AbortController();
      try {
        const list = await deps.listGroups(
          { cloud: request.cloud },
          {
            getToken: ({ forceRefresh }) =>
              ready.getToken({ scopes: request.scopes(), forceRefresh, interactive: false }),
            fetch: deps.fetch,
            signal: controller.signal,
            onProgress: () => undefined,
            now: deps.now,
          },
        );
        picker.setGroups(list.groups, list.read, request.keep);
        request.onListed();
      } catch (error) {
        problem.value = targets.explain(error);
      } finally {
        picker.loading.value = false;
      }
    },
    async readTenant(ready, request, scopes) {
      problem.value = null;
      reading?.abort();
      const controller = new AbortController();
      reading = controller;
      step.value = 'reading';
      const started = deps.now().getTime();
      const startedAt = new Date(started).toISOString();
      const log = createReadLog();
      elapsedMs.value = 0;
      progress.value = null;
      const stop = every(500, () => {
        elapsedMs.value = deps.now().getTime() - started;
      });
      try {
        const snapshot = await deps.readTenantSnapshot(request, {
          getToken: ({ forceRefresh }) => ready.getToken({ scopes, forceRefresh, interactive: false }),
          fetch: deps.fetch,
          signal: controller.signal,
          now: deps.now,
          onProgress(next) {
            progress.value = next;
            elapsedMs.value = deps.now().getTime() - started;
          },
          onLog: (entry) => log.add(entry),
        });
        if (controller.signal.aborted) return false;
        keepLog(log, startedAt);
        stop();
        // Written as every writer writes a snapshot (version 2), so it is stored and exported so.
        const opened = await deps.openSnapshot(snapshotFileText(toSnapshotV2(snapshot)));
        if (opened) visible.value = false;
        step.value = 'groups';
        return opened;
      } catch (error) {
        step.value = 'groups';
        if (!isAbortError(error) && !controller.signal.aborted) {
          keepLog(log, startedAt);
          problem.value = targets.explain(error);
        }
        return false;
      } finally {
        stop();
        if (reading === controller) reading = null;
      }
    },
    abort() {
      reading?.abort();
    },
  };
}
