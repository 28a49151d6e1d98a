// The one IndexedDB schema of the app, described once as idb's typed DBSchema, and its numbered
// upgrades. A snapshot's metadata and its text live in two stores under the same id, so listing
// never loads the (possibly 100 MB) texts. Upgrades run as numbered `step(n)` ifs rather than a
// switch with fallthrough (tsconfig's noFallthroughCasesInSwitch forbids it): same effect.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Cloud } from '../core/snapshot-schema.ts';

export const DB_NAME = 'dirsync-preflight';
/** Bump with a new step in `upgradeDatabase`; never change an old step. */
export const DB_VERSION = 2;

export type SnapshotSource = 'demo' | 'import' | 'live';

export interface SnapshotMeta {
  id: string;
  /** The name shown in the list; the user may rename it. */
  name: string;
  tenantId: string;
  tenantName: string | null;
  cloud: Cloud;
  capturedAt: string;
  /** When it was stored (ISO time); the list is newest first by this. */
  savedAt: string;
  /** The selection it was captured with. */
  groupIds: string[];
  groupCount: number;
  /** The audience's recipient count, when the saver had it. */
  recipients: number | null;
  /** Size as stored: of the gzip-compressed file (records saved before gzip: of the UTF-8 text). */
  bytes: number;
  pseudonymised: boolean;
  source: SnapshotSource;
}

/**
 * The snapshot file itself. New records keep it as a Blob: Chromium refuses one IndexedDB value
 * over ~133 MB and stores strings as UTF-16, so a string could hold at most a ~66 MB snapshot,
 * while a Blob is stored beside the database and can be read off the main thread. The app stores
 * it gzip-compressed; records saved as a string or as plain JSON (version 1 or 2) by earlier
 * versions stay readable, as every reader knows gzip by its first two bytes.
 */
export interface SnapshotText {
  id: string;
  text?: string;
  blob?: Blob;
}

export interface PreflightDB extends DBSchema {
  snapshots: {
    key: string;
    value: SnapshotMeta;
    indexes: { savedAt: string; tenantId: string };
  };
  snapshotTexts: {
    key: string;
    value: SnapshotText;
  };
}

export type PreflightDatabase = IDBPDatabase<PreflightDB>;

/** Runs the steps after `oldVersion` up to `newVersion` (an older app version stops earlier). */
export function upgradeDatabase(
  db: PreflightDatabase,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<PreflightDB, StoreNames<PreflightDB>[], 'versionchange'>,
): void {
  const step = (version: number) => oldVersion < version && version <= newVersion;
  if (step(1)) {
    const snapshots = db.createObjectStore('snapshots', { keyPath: 'id' });
    snapshots.createIndex('savedAt', 'savedAt');
    db.createObjectStore('snapshotTexts', { keyPath: 'id' });
  }
  if (step(2)) {
    // Version 2: the diff picks "other snapshots of this tenant".
    tx.objectStore('snapshots').createIndex('tenantId', 'tenantId');
  }
}
