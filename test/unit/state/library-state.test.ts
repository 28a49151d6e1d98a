// The library over a real snapshot store (fake-indexeddb, a fresh factory per test) and the real
// worker handlers in process: opening stores, duplicates are not stored twice, rename, delete,
// storage failures leave the list as it was, and the diff refuses two tenants.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../../src/core/snapshot-schema.ts';
import { createLibraryState } from '../../../src/state/library-state.ts';
import { createReportState } from '../../../src/state/report-state.ts';
import { createSnapshotStore, type SnapshotStore } from '../../../src/storage/snapshot-store.ts';
import { createInProcessWorkerClient } from '../../support/in-process-worker.ts';
import { groupRef, snapshotOf, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

const older: Snapshot = {
  ...snapshotOf({
    members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
    selected: ['g1'],
  }),
  capturedAt: '2026-11-19T06:00:00Z',
};
/** The older capture as a version 1 file, as earlier versions of the app stored it. */
const olderV1 = {
  ...snapshotV1Of({
    members: { g1: [user('a'), user('b'), groupRef('g2')], g2: [user('c')] },
    selected: ['g1'],
  }),
  capturedAt: '2026-11-19T06:00:00Z',
};
const newer: Snapshot = {
  ...snapshotOf({
    members: {
      g1: [user('a', { accountEnabled: false }), user('b', { mail: null }), groupRef('g2')],
      g2: [user('d')],
    },
    selected: ['g1'],
  }),
  capturedAt: '2026-11-26T06:00:00Z',
};
const otherTenant: Snapshot = {
  ...older,
  tenant: { ...older.tenant, id: 'tenant-2', displayName: 'Fabrikam' },
};

const stores: SnapshotStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  vi.restoreAllMocks();
});

function setup() {
  const inProcess = createInProcessWorkerClient();
  // What the library asks of the worker: compressing a large file on the page froze the tab.
  const calls: string[] = [];
  const worker: typeof inProcess = {
    ...inProcess,
    call: (method, args, options) => {
      calls.push(method);
      return inProcess.call(method, args, options);
    },
  };
  let minute = 0;
  // Every store the report asks for, so a test waits for exactly those to finish.
  const keeping: Promise<unknown>[] = [];
  const library = createLibraryState({
    worker,
    openStore: (hooks) => {
      const store = createSnapshotStore({
        indexedDB: new IDBFactory(),
        now: () => new Date(Date.UTC(2026, 10, 26, 7, minute++)),
        ...hooks,
      });
      stores.push(store);
      return store;
    },
    openStored: (content, id) => report.openStored(content, id),
  });
  const report = createReportState({
    worker,
    saveFile: () => {},
    demoUrl: '/demo.json',
    fetchText: async () => JSON.stringify(older),
    onOpened: (opened) => void keeping.push(library.keep(opened)),
  });
  /** Resolves once every snapshot opened so far is stored (or refused) and the list re-read. */
  const settle = async () => {
    await Promise.all(keeping.splice(0));
  };
  return { library, report, settle, calls };
}

async function importTwo(s: ReturnType<typeof setup>, second: Snapshot = newer) {
  await s.report.openDemo();
  await s.settle();
  await s.report.openFile({ name: 'second.json', text: async () => JSON.stringify(second) });
  await s.settle();
}

describe('library state', () => {
  it('stores every snapshot opened, gzip-compressed, with tenant, cloud, time and selection, newest first', async () => {
    const s = setup();
    await importTwo(s);
    const [latest] = s.library.snapshots.value ?? [];
    const stored = await s.library.open(latest?.id as string).then(() => s.report.report.value?.content);
    const blob = stored && 'file' in stored ? stored.file : new Blob([]);
    const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b]);
    expect(latest?.bytes).toBe(blob.size);
    // Compressed by the worker, once per snapshot kept.
    expect(s.calls.filter((method) => method === 'storable')).toHaveLength(2);
    const list = s.library.snapshots.value ?? [];
    expect(list.map((meta) => [meta.capturedAt, meta.source])).toEqual([
      ['2026-11-26T06:00:00Z', 'import'],
      ['2026-11-19T06:00:00Z', 'demo'],
    ]);
    expect(list[1]).toMatchObject({
      tenantId: 'tenant-1',
      tenantName: 'Contoso',
      cloud: 'global',
      groupIds: ['g1'],
      recipients: 3,
      pseudonymised: false,
    });
  });

  it('keep resolves to the stored id (the one already stored for a twin), for the URL', async () => {
    const s = setup();
    await s.report.openDemo();
    const open = s.report.report.value;
    if (open === null) throw new Error('the demo did not open');
    // onOpened stored it; keeping it again finds that twin and gives its id.
    await vi.waitFor(() => expect(s.library.snapshots.value).toHaveLength(1));
    const id = await s.library.keep(open);
    expect(id).toBe(s.library.snapshots.value?.[0]?.id);
    expect(await s.library.keep({ ...open, source: { kind: 'stored', id: 'x1' } })).toBe('x1');
  });

  it('does not store the same snapshot twice, nor a stored one opened again', async () => {
    const s = setup();
    await importTwo(s);
    await s.report.openDemo();
    await s.settle();
    expect(s.library.notice.value).toMatch(/Already stored/);
    const id = s.library.snapshots.value?.[0]?.id as string;
    expect(await s.library.open(id)).toBe(true);
    // The status line speaks of the last action only: opening ends "Already stored as …".
    expect(s.library.notice.value).toBeNull();
    expect(s.report.report.value?.source).toEqual({ kind: 'stored', id });
    await s.settle();
    expect(s.library.snapshots.value).toHaveLength(2);
  });

  it.each([
    { description: 'a string of version 1 text', body: () => JSON.stringify(olderV1) },
    {
      description: 'a Blob of version 1 text',
      body: () => new Blob([JSON.stringify(olderV1)], { type: 'application/json' }),
    },
    { description: 'a Blob of version 2 text', body: () => new Blob([JSON.stringify(older)]) },
  ])('opens a record stored by an earlier version as $description', async ({ body }) => {
    const s = setup();
    await s.library.refresh();
    const store = stores[0] as SnapshotStore;
    const id = await store.save(
      {
        name: 'Saved long ago',
        tenantId: 'tenant-1',
        tenantName: 'Contoso',
        cloud: 'global',
        capturedAt: older.capturedAt,
        groupIds: ['g1'],
        groupCount: 1,
        recipients: null,
        pseudonymised: false,
        source: 'import',
      },
      body(),
    );
    expect(await s.library.open(id)).toBe(true);
    expect(s.report.report.value?.summary.audience.recipients).toBe(3);
  });

  it('renames and deletes; an empty name is refused plainly', async () => {
    const s = setup();
    await importTwo(s);
    const id = s.library.snapshots.value?.[0]?.id as string;
    expect(await s.library.rename(id, '  Before the clean-up ')).toBe(true);
    expect(s.library.snapshots.value?.[0]?.name).toBe('Before the clean-up');
    expect(await s.library.rename(id, '  ')).toBe(false);
    expect(s.library.problem.value).toMatchObject({ code: 'invalid-name' });
    expect(await s.library.remove(id)).toBe(true);
    expect(s.library.snapshots.value).toHaveLength(1);
  });

  it('a full disk while saving is shown with what to do, and nothing is half-written', async () => {
    const s = setup();
    await importTwo(s);
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'snapshotTexts')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    });
    const third = { ...newer, capturedAt: '2026-12-03T06:00:00Z' };
    await s.report.openFile({ name: 'third.json', text: async () => JSON.stringify(third) });
    await s.settle();
    expect(s.library.problem.value).toMatchObject({ code: 'quota-exceeded' });
    expect(s.library.problem.value?.message).toMatch(/delete old snapshots/);
    vi.restoreAllMocks();
    await s.library.refresh();
    expect(s.library.snapshots.value).toHaveLength(2);
  });

  it('compares two snapshots of one tenant in the worker: who joins, who leaves and why', async () => {
    const s = setup();
    await importTwo(s);
    const [b, a] = s.library.snapshots.value ?? [];
    // Chosen newest first: the diff still runs older → newer.
    s.library.choose(b?.id as string, true);
    s.library.choose(a?.id as string, true);
    expect(await s.library.compare()).toBe(true);
    const diff = s.library.diff.value;
    expect(diff?.older.capturedAt).toBe('2026-11-19T06:00:00Z');
    expect(diff?.diff.audience.joined.map((p) => p.id)).toEqual(['d']);
    expect(diff?.diff.audience.left.map((p) => `${p.id}:${p.why}`)).toEqual([
      'a:disabled',
      'b:no-email',
      'c:left-group',
    ]);
  });

  it('refuses to compare two tenants, naming both', async () => {
    const s = setup();
    await importTwo(s, otherTenant);
    for (const meta of s.library.snapshots.value ?? []) s.library.choose(meta.id, true);
    expect(s.library.tenantsDiffer.value).toBe(true);
    expect(await s.library.compare()).toBe(false);
    expect(s.library.problem.value?.code).toBe('different-tenants');
    expect(s.library.problem.value?.message).toMatch(/Fabrikam.*Contoso|Contoso.*Fabrikam/);
    expect(s.library.diff.value).toBeNull();
  });
});
