// The IndexedDB benchmark page: the app's own snapshot store (src/storage) saving and loading a
// snapshot text fetched from the bench server, timed in the page; and, beside it, the same text
// stored as a Blob in a bare object store. Chromium refuses one IndexedDB value over ~133 MB
// ("The serialized keys and/or value are too large"), and a string is serialised as UTF-16, so a
// text over ~66 MB cannot be stored as a string at all, while a Blob goes to disk out of line.
// Built with Vite's API into node_modules/.cache by browser-bench.ts; never part of dist/.
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { snapshotMetaOf } from '../../../src/storage/records.ts';
import { createSnapshotStore } from '../../../src/storage/snapshot-store.ts';

export interface IdbTimes {
  saveMs: number[];
  loadMs: number[];
  error: string | null;
}

export interface IdbRun {
  bytes: number;
  store: IdbTimes;
  blob: IdbTimes;
}

async function timeStore(text: string, runs: number): Promise<IdbTimes> {
  const parsed = parseSnapshotText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const meta = snapshotMetaOf(parsed.data, { source: 'import' });
  const store = createSnapshotStore({ dbName: 'bench' });
  const times: IdbTimes = { saveMs: [], loadMs: [], error: null };
  try {
    for (let run = 0; run < runs; run++) {
      // As the app keeps it: the file as a Blob (a string over ~66 MB is refused by Chromium).
      // Making the Blob and reading it back are timed too, as in the bare comparison below.
      let start = performance.now();
      const body = new Blob([text], { type: 'application/json' });
      const id = await store.save(meta, body);
      times.saveMs.push(performance.now() - start);
      start = performance.now();
      const loaded = await store.get(id);
      const back = 'blob' in loaded ? await loaded.blob.text() : loaded.text;
      times.loadMs.push(performance.now() - start);
      if (back.length !== text.length) throw new Error('loaded text differs from the saved one');
      await store.remove(id);
    }
  } catch (error) {
    // The store words its errors for people; the benchmark wants the browser's own cause too.
    const cause = (error as Error).cause as { name?: string; message?: string } | undefined;
    times.error = `${(error as Error).message}${cause ? ` (${cause.name}: ${cause.message})` : ''}`;
  } finally {
    store.close();
  }
  return times;
}

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

async function timeBlob(text: string, runs: number): Promise<IdbTimes> {
  const open = indexedDB.open('bench-blob', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('texts');
  const db = await request(open);
  const times: IdbTimes = { saveMs: [], loadMs: [], error: null };
  try {
    for (let run = 0; run < runs; run++) {
      let start = performance.now();
      const write = db.transaction('texts', 'readwrite');
      write.objectStore('texts').put(new Blob([text], { type: 'application/json' }), 'one');
      await new Promise((resolve, reject) => {
        write.oncomplete = resolve;
        write.onerror = () => reject(write.error);
      });
      times.saveMs.push(performance.now() - start);
      start = performance.now();
      const blob = await request<Blob>(db.transaction('texts').objectStore('texts').get('one'));
      const loaded = await blob.text();
      times.loadMs.push(performance.now() - start);
      if (loaded.length !== text.length) throw new Error('loaded text differs from the saved one');
    }
  } catch (error) {
    times.error = String(error);
  } finally {
    db.close();
  }
  return times;
}

async function benchIdb(url: string, runs: number): Promise<IdbRun> {
  const text = await (await fetch(url)).text();
  return {
    bytes: new TextEncoder().encode(text).length,
    store: await timeStore(text, runs),
    blob: await timeBlob(text, runs),
  };
}

(window as unknown as { benchIdb: typeof benchIdb }).benchIdb = benchIdb;
