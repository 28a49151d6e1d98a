// "Compare with HQ's list": the list file the admin dropped, the scope chosen, what the worker
// said (the class counts, or why it refused the file), and one window of the chosen class's people,
// searchable. The file is kept (a handle, not its text), so changing the scope or the sync options
// compares again without asking for it, and another file can be dropped at any time. Only the
// newest comparison and the newest people query count; older answers are discarded.
import { batch, type ReadonlySignal, signal } from '@preact/signals';
import type { DataError } from '../core/result.ts';
import type { ArgsOf, Method, ResultOf } from '../worker/protocol.ts';
import type { ListContent, PeopleClass, ReconcileRow, ReconcileView } from '../worker/reconcile-jobs.ts';
import type { SaveFile } from './save-file.ts';

export interface ReconcileProgress {
  phase: string;
  done?: number;
  total?: number;
}

export interface ListFile {
  name: string;
  /** The file itself when picked or dropped (read in the worker), else its text. */
  content: ListContent;
}

export type ReconcileStatus =
  | { state: 'idle' }
  | { state: 'working'; progress: ReconcileProgress }
  | { state: 'done'; view: ReconcileView }
  | { state: 'refused'; fileName: string; errors: DataError[] }
  | { state: 'failed'; message: string };

export interface ReconcilePeople {
  cls: PeopleClass;
  search: string;
  total: number;
  rows: ReconcileRow[];
}

export interface ReconcileStateDeps {
  /** A worker call on the open snapshot (re-opened by the owner when the worker was replaced). */
  call<M extends Method>(
    method: M,
    args: ArgsOf<M>,
    onProgress?: (phase: string, done?: number, total?: number) => void,
  ): Promise<ResultOf<M>>;
  saveFile: SaveFile;
  /** The differences file's name without .csv, e.g. "contoso-2026-11-26-hq-differences". */
  baseName(): string;
}

export interface ReconcileState {
  status: ReadonlySignal<ReconcileStatus>;
  /** The selected group's id, or null for the whole audience. */
  scope: ReadonlySignal<string | null>;
  people: ReadonlySignal<ReconcilePeople | null>;
  /** Compares a picked or dropped file (or anything with a name and its text). */
  compare(file: File | { name: string; text(): Promise<string> }): Promise<void>;
  setScope(groupId: string | null): Promise<void>;
  /** Lists a class, optionally filtered by a search. */
  showPeople(cls: PeopleClass, search?: string): Promise<void>;
  showMore(): Promise<void>;
  downloadDifferences(): Promise<boolean>;
  /** Compares the same file again: the sync options changed. */
  rerun(): Promise<void>;
  reset(): void;
}

export const PAGE_SIZE = 100;

export function createReconcileState(deps: ReconcileStateDeps): ReconcileState {
  const status = signal<ReconcileStatus>({ state: 'idle' });
  const scope = signal<string | null>(null);
  const people = signal<ReconcilePeople | null>(null);
  let file: ListFile | null = null;
  let generation = 0;

  const run = async (list: ListFile): Promise<void> => {
    const mine = ++generation;
    file = list;
    batch(() => {
      status.value = { state: 'working', progress: { phase: `Reading ${list.name}` } };
      people.value = null;
    });
    const args = { list: list.content, fileName: list.name, groupId: scope.value };
    try {
      let outcome: ResultOf<'reconcile'>;
      try {
        outcome = await deps.call('reconcile', args, (phase, done, total) => {
          if (mine !== generation) return;
          status.value = {
            state: 'working',
            progress: {
              phase,
              ...(done === undefined ? {} : { done }),
              ...(total === undefined ? {} : { total }),
            },
          };
        });
      } catch (error) {
        // Where the worker cannot read files in slices (no FileReaderSync), the page reads the text.
        if ((error as { code?: unknown }).code !== 'file-not-readable' || !('file' in list.content))
          throw error;
        const text = await list.content.file.text();
        if (mine !== generation) return;
        file = { name: list.name, content: { text } };
        outcome = await deps.call('reconcile', { ...args, list: { text } });
      }
      if (mine !== generation) return;
      if (!outcome.ok) {
        status.value = { state: 'refused', fileName: list.name, errors: outcome.errors };
        return;
      }
      status.value = { state: 'done', view: outcome.view };
      const differ =
        outcome.view.counts['missing-from-list'] +
          outcome.view.counts['excluded-but-listed'] +
          outcome.view.counts['outside-scope'] >
        0;
      await query(differ ? firstDifference(outcome.view) : 'matched', '', 0);
    } catch (error) {
      if (mine !== generation) return;
      status.value = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };

  let asked = 0;
  const query = async (cls: PeopleClass, search: string, offset: number): Promise<void> => {
    const mine = ++asked;
    const compared = generation;
    let answer: ResultOf<'reconcilePeople'>;
    try {
      answer = await deps.call('reconcilePeople', { cls, search, offset, limit: PAGE_SIZE });
    } catch (error) {
      if (mine !== asked || compared !== generation) return;
      // The worker was replaced (its snapshot re-opened without the comparison): compare again.
      if ((error as { code?: unknown }).code === 'no-reconciliation' && file !== null) return run(file);
      status.value = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
      return;
    }
    if (mine !== asked || compared !== generation) return;
    const before = people.value;
    const keep = offset > 0 && before !== null && before.cls === cls && before.search === search;
    people.value = {
      cls,
      search,
      total: answer.total,
      rows: keep ? [...before.rows, ...answer.rows] : answer.rows,
    };
  };

  return {
    status,
    scope,
    people,
    async compare(picked) {
      if (picked instanceof Blob) return run({ name: picked.name, content: { file: picked } });
      let text: string;
      try {
        text = await picked.text();
      } catch (error) {
        status.value = { state: 'failed', message: `${picked.name} could not be read: ${String(error)}` };
        return;
      }
      return run({ name: picked.name, content: { text } });
    },
    async setScope(groupId) {
      scope.value = groupId;
      if (file !== null) await run(file);
    },
    showPeople: (cls, search = '') => query(cls, search, 0),
    async showMore() {
      const current = people.value;
      if (current === null || current.rows.length >= current.total) return;
      await query(current.cls, current.search, current.rows.length);
    },
    async downloadDifferences() {
      if (status.value.state !== 'done') return false;
      const out = await deps.call('exportDifferences', { baseName: deps.baseName() });
      deps.saveFile(out.fileName, new Blob([out.data], { type: 'text/csv;charset=utf-8' }));
      return true;
    },
    async rerun() {
      if (file !== null && status.value.state !== 'idle') await run(file);
    },
    reset() {
      generation++;
      file = null;
      batch(() => {
        status.value = { state: 'idle' };
        scope.value = null;
        people.value = null;
      });
    },
  };
}

function firstDifference(view: ReconcileView): PeopleClass {
  const order: PeopleClass[] = ['missing-from-list', 'excluded-but-listed', 'outside-scope'];
  return order.find((cls) => view.counts[cls as keyof ReconcileView['counts']] > 0) ?? 'matched';
}
