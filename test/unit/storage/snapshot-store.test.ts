// The snapshot store over fake-indexeddb: a fresh IDBFactory per test, so tests share nothing.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../../../src/storage/errors.ts';
import { snapshotMetaOf } from '../../../src/storage/records.ts';
import {
  createSnapshotStore,
  type NewSnapshotMeta,
  type SnapshotStore,
  type SnapshotStoreDeps,
} from '../../../src/storage/snapshot-store.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const snapshot = snapshotOf({ members: { g1: [user('a')] }, selected: ['g1'] });
const text = JSON.stringify(snapshot);
const meta = (name: string, more: Partial<NewSnapshotMeta> = {}): NewSnapshotMeta => ({
  ...snapshotMetaOf(snapshot, { source: 'import', name }),
  ...more,
});

const opened: SnapshotStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  vi.restoreAllMocks();
});

/** A store with a clock that ticks a minute per save and ids in order. */
function storeOf(indexedDB: IDBFactory, more: Partial<SnapshotStoreDeps> = {}): SnapshotStore {
  let minute = 0;
  let id = 0;
  const store = createSnapshotStore({
    indexedDB,
    now: () => new Date(Date.UTC(2026, 10, 26, 6, minute++)),
    newId: () => `id-${++id}`,
    ...more,
  });
  opened.push(store);
  return store;
}

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('snapshot store', () => {
  it('keeps a snapshot given as a Blob as a Blob, with its byte size', async () => {
    const store = storeOf(new IDBFactory());
    const body = new Blob(['{"é":"ü"}'], { type: 'application/json' });
    const id = await store.save(meta('as a file'), body);
    const stored = await store.get(id);
    expect(stored.meta.bytes).toBe(11);
    expect('blob' in stored && (await stored.blob.text())).toBe('{"é":"ü"}');
  });

  it('saves, lists newest first, opens, renames and removes', async () => {
    const store = storeOf(new IDBFactory());
    const first = await store.save(meta('first'), text);
    const second = await store.save(meta('second', { recipients: 1 }), '{"é":"ü"}');
    const list = await store.list();
    expect(list.map((row) => row.name)).toEqual(['second', 'first']);
    expect(list[0]).toMatchObject({
      id: second,
      savedAt: '2026-11-26T06:01:00.000Z',
      bytes: 11,
      recipients: 1,
      tenantId: 'tenant-1',
      tenantName: 'Contoso',
      groupIds: ['g1'],
      groupCount: 1,
      pseudonymised: false,
      source: 'import',
    });
    expect(await store.get(first)).toEqual({ meta: list[1], text });

    await store.rename(first, '  renamed ');
    expect((await store.get(first)).meta.name).toBe('renamed');
    await store.remove(second);
    expect((await store.list()).map((row) => row.id)).toEqual([first]);
    expect((await storageError(store.get(second))).code).toBe('not-found');
    await store.remove(second);
  });

  it('lists one tenant’s snapshots, ignoring the case of its id', async () => {
    const store = storeOf(new IDBFactory());
    await store.save(meta('ours'), text);
    await store.save(meta('theirs', { tenantId: 'tenant-2' }), text);
    await store.save(meta('ours again', { tenantId: 'TENANT-1' }), text);
    expect((await store.list({ tenantId: 'Tenant-1' })).map((row) => row.name)).toEqual([
      'ours again',
      'ours',
    ]);
  });

  it.each([
    {
      description: 'renaming a snapshot that is gone',
      run: (s: SnapshotStore) => s.rename('nope', 'x'),
      code: 'not-found',
    },
    {
      description: 'renaming to a blank name',
      run: (s: SnapshotStore) => s.rename('id-1', '  '),
      code: 'invalid-name',
    },
    {
      description: 'saving without a name',
      run: (s: SnapshotStore) => s.save({ ...meta('x'), name: ' ' }, text),
      code: 'invalid-name',
    },
  ])('refuses $description with a typed error', async ({ run, code }) => {
    const store = storeOf(new IDBFactory());
    await store.save(meta('kept'), text);
    const error = await storageError(run(store));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/: /);
    expect((await store.list()).map((row) => row.name)).toEqual(['kept']);
  });

  it('says storage is unavailable when the browser has no IndexedDB', async () => {
    const store = createSnapshotStore({ indexedDB: undefined });
    const error = await storageError(store.list());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('export snapshots as files');
  });
});

describe('snapshot store: nothing half-written', () => {
  it('keeps earlier snapshots and writes no part of a save that runs out of space', async () => {
    const store = storeOf(new IDBFactory());
    const kept = await store.save(meta('kept'), text);
    const put = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'snapshotTexts')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const error = await storageError(store.save(meta('too big'), 'x'.repeat(1000)));
    expect(error.code).toBe('quota-exceeded');
    expect(error.message).toBe(
      "Your browser's storage for this site is full: delete old snapshots or export them, then try again.",
    );
    vi.restoreAllMocks();
    expect((await store.list()).map((row) => row.id)).toEqual([kept]);
    expect(await store.get(kept)).toMatchObject({ text });
    expect((await storageError(store.get('id-2'))).code).toBe('not-found');
  });

  it('rolls back a save whose transaction aborts after the first store was written', async () => {
    const store = storeOf(new IDBFactory());
    await store.save(meta('kept'), text);
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = add.apply(this, args);
      if (this.name === 'snapshotTexts') this.transaction.abort();
      return request;
    });
    expect((await storageError(store.save(meta('lost'), text))).code).toBe('aborted');
    vi.restoreAllMocks();
    expect((await store.list()).map((row) => row.name)).toEqual(['kept']);
  });

  it('keeps both parts when a removal fails half-way', async () => {
    const store = storeOf(new IDBFactory());
    const id = await store.save(meta('kept'), text);
    const remove = IDBObjectStore.prototype.delete;
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'snapshotTexts') throw new DOMException('Disk error.', 'UnknownError');
      return remove.apply(this, args);
    });
    expect((await storageError(store.remove(id))).code).toBe('unavailable');
    vi.restoreAllMocks();
    expect(await store.get(id)).toMatchObject({ meta: { name: 'kept' }, text });
  });
});

describe('snapshot store: versions and other tabs', () => {
  it('upgrades version 1 to 2 and keeps what was stored', async () => {
    const factory = new IDBFactory();
    const old = storeOf(factory, { version: 1, dbName: 'upgrade' });
    const id = await old.save(meta('from v1'), text);
    old.close();
    const current = storeOf(factory, { dbName: 'upgrade' });
    expect((await current.list({ tenantId: 'tenant-1' })).map((row) => row.id)).toEqual([id]);
    expect(await current.get(id)).toMatchObject({ text });
  });

  it('reports a blocked upgrade at once and works once the other tab lets go', async () => {
    const factory = new IDBFactory();
    // An older app in another tab: it opened version 1 and does not close on versionchange.
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('tabs', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('snapshots', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
        request.result.createObjectStore('snapshotTexts', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const onBlocked = vi.fn();
    const store = storeOf(factory, { dbName: 'tabs', onBlocked });
    const error = await storageError(store.list());
    expect(error.code).toBe('blocked');
    expect(error.message).toContain('close the other tabs');
    expect(onBlocked).toHaveBeenCalledTimes(1);
    expect((await storageError(store.save(meta('x'), text))).code).toBe('blocked');

    other.close();
    await vi.waitFor(async () => expect(await store.list()).toEqual([]));
    await store.save(meta('after'), text);
    expect((await store.list()).map((row) => row.name)).toEqual(['after']);
  });

  it('closes its connection for a newer version in another tab, then says to reload', async () => {
    const factory = new IDBFactory();
    const onVersionChange = vi.fn();
    const older = storeOf(factory, { dbName: 'newer', version: 1, onVersionChange });
    await older.save(meta('shared'), text);
    const newer = storeOf(factory, { dbName: 'newer' });
    expect((await newer.list()).map((row) => row.name)).toEqual(['shared']);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    const error = await storageError(older.list());
    expect(error.code).toBe('outdated');
    expect(error.message).toContain('reload this page');
  });
});

describe('snapshotMetaOf', () => {
  it('records tenant, cloud, time and selection, with a default name', () => {
    expect(snapshotMetaOf({ ...snapshot, pseudonymised: true }, { source: 'demo', recipients: 3 })).toEqual({
      name: 'Contoso, 2026-11-23 06:00 UTC',
      tenantId: 'tenant-1',
      tenantName: 'Contoso',
      cloud: 'global',
      capturedAt: '2026-11-23T06:00:00Z',
      groupIds: ['g1'],
      groupCount: 1,
      recipients: 3,
      pseudonymised: true,
      source: 'demo',
    });
  });
});
