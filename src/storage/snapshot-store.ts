// Stored snapshots: list, open, save, rename, delete, over the schema in schema.ts. Each write is
// ONE transaction across both stores, so a snapshot is never half-written; nothing but IndexedDB is
// awaited inside a transaction (it would auto-commit). Traps: idb recognises objects by the global
// IDB classes, so a passed-in factory must belong to this environment (tests install
// fake-indexeddb's globals); a `blocked` open never fails by itself, so callers get a 'blocked'
// error at once while the request waits; on `versionchange` we close, so another tab can upgrade.
import { type IDBPTransaction, type StoreNames, wrap } from 'idb';
import { idKey } from '../core/ids.ts';
import { utf8ByteLength } from '../export/split-parts.ts';
import { StorageError, toStorageError } from './errors.ts';
import {
  DB_NAME,
  DB_VERSION,
  type PreflightDatabase,
  type PreflightDB,
  type SnapshotMeta,
  upgradeDatabase,
} from './schema.ts';

export interface SnapshotStoreDeps {
  /** Defaults to the browser's `indexedDB`; absent there (e.g. blocked site data) → 'unavailable'. */
  indexedDB?: IDBFactory | undefined;
  dbName?: string;
  /** The schema version to open; tests open older versions to exercise upgrades. */
  version?: number;
  now?: () => Date;
  newId?: () => string;
  /** Another tab holds an older version open, so this one waits: ask the user to close it. */
  onBlocked?: () => void;
  /** Another tab opened a newer version (or deleted the database); this connection closed itself. */
  onVersionChange?: () => void;
}

/** What a caller supplies to save; id, savedAt and bytes are the store's to set. */
export type NewSnapshotMeta = Omit<SnapshotMeta, 'id' | 'savedAt' | 'bytes'>;

/** A stored snapshot: its file as a Blob, or (records of earlier versions) as a string. */
export type StoredSnapshot = { meta: SnapshotMeta; text: string } | { meta: SnapshotMeta; blob: Blob };

export interface SnapshotStore {
  /** Newest first (by savedAt, then id); only one tenant's when `tenantId` is given (ignoring case). */
  list(filter?: { tenantId?: string }): Promise<SnapshotMeta[]>;
  get(id: string): Promise<StoredSnapshot>;
  /** Stores both parts or neither; resolves with the new id. */
  save(meta: NewSnapshotMeta, body: string | Blob): Promise<string>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes both parts; a snapshot already gone is not an error. */
  remove(id: string): Promise<void>;
  close(): void;
}

type Stores = StoreNames<PreflightDB>[];
type WriteTx = IDBPTransaction<PreflightDB, Stores, 'readwrite'>;
type Track = (request: Promise<unknown>) => void;
const BOTH: Stores = ['snapshots', 'snapshotTexts'];

interface Attempt {
  opened: Promise<PreflightDatabase>;
  blocked: Promise<never>;
  isBlocked: boolean;
}

export function createSnapshotStore(deps: SnapshotStoreDeps = {}): SnapshotStore {
  const factory = 'indexedDB' in deps ? deps.indexedDB : globalThis.indexedDB;
  const dbName = deps.dbName ?? DB_NAME;
  const version = deps.version ?? DB_VERSION;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let attempt: Attempt | null = null;

  const open = (): Attempt => {
    if (factory === undefined) throw new StorageError('unavailable');
    const request = factory.open(dbName, version);
    let rejectBlocked: (error: StorageError) => void = () => {};
    const blocked = new Promise<never>((_, reject) => {
      rejectBlocked = reject;
    });
    blocked.catch(() => {});
    request.addEventListener('upgradeneeded', (event) => {
      const raw = request.transaction as IDBTransaction;
      const tx = wrap(raw);
      // idb gives the wrapped transaction a `done` promise; a failed upgrade rejects it, and the
      // open request reports that failure already.
      tx.done.catch(() => {});
      try {
        upgradeDatabase(wrap(request.result) as PreflightDatabase, event.oldVersion, version, tx as never);
      } catch {
        raw.abort();
      }
    });
    request.addEventListener('blocked', () => {
      current.isBlocked = true;
      rejectBlocked(new StorageError('blocked'));
      deps.onBlocked?.();
    });
    const forget = () => {
      if (attempt === current) attempt = null;
    };
    const opened = (wrap(request) as Promise<PreflightDatabase>).then(
      (db) => {
        current.isBlocked = false;
        db.addEventListener('versionchange', () => {
          db.close();
          forget();
          deps.onVersionChange?.();
        });
        // Fired when the browser ends the connection abnormally (e.g. site data cleared).
        db.addEventListener('close', forget);
        return db;
      },
      (error: unknown) => {
        forget();
        throw toStorageError(error);
      },
    );
    opened.catch(() => {});
    const current: Attempt = { opened, blocked, isBlocked: false };
    return current;
  };

  const connect = async (): Promise<PreflightDatabase> => {
    try {
      attempt ??= open();
    } catch (error) {
      throw toStorageError(error);
    }
    if (attempt.isBlocked) throw new StorageError('blocked');
    return Promise.race([attempt.opened, attempt.blocked]);
  };

  /** One read-write transaction: every tracked request and the commit succeed, or nothing is kept. */
  const write = async (stores: Stores, work: (tx: WriteTx, track: Track) => Promise<void> | void) => {
    const db = await connect();
    let tx: WriteTx;
    try {
      tx = db.transaction(stores, 'readwrite');
    } catch (error) {
      throw toStorageError(error);
    }
    const done = tx.done;
    const requests: Promise<unknown>[] = [];
    // Each request is observed at once: if a later one throws, the aborted earlier ones must not
    // surface as unhandled rejections.
    const track: Track = (request) => {
      request.catch(() => {});
      requests.push(request);
    };
    try {
      await work(tx, track);
      await Promise.all(requests);
      await done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by the browser: nothing of it was committed either way.
      }
      await done.catch(() => {});
      // A full disk shows as the transaction's error while its requests only say AbortError.
      const specific = error instanceof StorageError || tx.error === null ? error : tx.error;
      throw toStorageError(specific);
    }
  };

  const read = async <T>(work: (db: PreflightDatabase) => Promise<T>): Promise<T> => {
    const db = await connect();
    try {
      return await work(db);
    } catch (error) {
      throw toStorageError(error);
    }
  };

  return {
    list: (filter = {}) =>
      read(async (db) => {
        const store = db.transaction('snapshots').store;
        if (filter.tenantId === undefined) return (await store.index('savedAt').getAll()).reverse();
        const rows = await store.index('tenantId').getAll(idKey(filter.tenantId));
        return rows.sort((a, b) => compare(b.savedAt, a.savedAt) || compare(b.id, a.id));
      }),

    get: (id) =>
      read(async (db) => {
        const tx = db.transaction(BOTH);
        const [meta, text] = await Promise.all([
          tx.objectStore('snapshots').get(id),
          tx.objectStore('snapshotTexts').get(id),
        ]);
        if (meta === undefined || text === undefined) throw new StorageError('not-found');
        return text.blob !== undefined ? { meta, blob: text.blob } : { meta, text: text.text ?? '' };
      }),

    async save(meta, body) {
      const name = meta.name.trim();
      if (name === '') throw new StorageError('invalid-name');
      // Everything not IndexedDB happens before the transaction opens.
      const record: SnapshotMeta = {
        ...meta,
        id: newId(),
        name,
        tenantId: idKey(meta.tenantId),
        savedAt: now().toISOString(),
        bytes: typeof body === 'string' ? utf8ByteLength(body) : body.size,
      };
      await write(BOTH, (tx, track) => {
        track(tx.objectStore('snapshots').add(record));
        const file = typeof body === 'string' ? { text: body } : { blob: body };
        track(tx.objectStore('snapshotTexts').add({ id: record.id, ...file }));
      });
      return record.id;
    },

    async rename(id, name) {
      const trimmed = name.trim();
      if (trimmed === '') throw new StorageError('invalid-name');
      await write(['snapshots'], async (tx, track) => {
        const store = tx.objectStore('snapshots');
        const meta = await store.get(id);
        if (meta === undefined) throw new StorageError('not-found');
        track(store.put({ ...meta, name: trimmed }));
      });
    },

    async remove(id) {
      await write(BOTH, (tx, track) => {
        track(tx.objectStore('snapshots').delete(id));
        track(tx.objectStore('snapshotTexts').delete(id));
      });
    },

    close() {
      const closing = attempt;
      attempt = null;
      closing?.opened.then((db) => db.close()).catch(() => {});
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
