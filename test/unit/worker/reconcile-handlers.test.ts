// The worker's "Compare with HQ's list" jobs give what the core gives when called directly, read a
// dropped file in slices, keep the comparison for searching and the differences CSV, and refuse
// what cannot be compared (a pseudonymised snapshot, a list without an address column).
import { describe, expect, it } from 'vitest';
import { computePreview } from '../../../src/core/preview.ts';
import { reconcile } from '../../../src/core/reconcile.ts';
import { readAudienceListText } from '../../../src/export/read-audience-list.ts';
import { createWorkerHandlers } from '../../../src/worker/handlers.ts';
import { readListFile } from '../../../src/worker/reconcile-jobs.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const snapshot = snapshotOf({
  members: {
    g1: [user('a'), user('b', { accountEnabled: false }), groupRef('g2')],
    g2: [user('d', { displayName: 'Dana D' })],
  },
  selected: ['g1', 'g2'],
});
const text = JSON.stringify(snapshot);
const list =
  'Name,Email\r\nUser a,a@contoso.example\r\nUser b,b@contoso.example\r\nX,x@elsewhere.example\r\n,oops\r\n';
const progress: string[] = [];
const context = { progress: (phase: string) => void progress.push(phase) };

async function opened() {
  const handlers = createWorkerHandlers();
  await handlers.open({ text }, context);
  return handlers;
}

describe('worker reconcile handlers', () => {
  it('gives the core’s counts, for the audience and for one group', async () => {
    const handlers = await opened();
    const outcome = handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: null }, context);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const read = readAudienceListText(list);
    if (!read.ok) throw new Error('list refused');
    const direct = reconcile(computePreview(snapshot), read.data.list, { kind: 'audience' });
    expect(outcome.view).toMatchObject({
      fileName: 'hq.csv',
      group: null,
      delimiter: ',',
      addressHeader: 'Email',
      nameHeader: 'Name',
      counts: direct.counts,
      list: direct.list,
      predicted: 2,
    });
    const one = handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: 'G2' }, context);
    expect(one.ok && one.view.group).toEqual({ position: 1, id: 'g2' });
    expect(one.ok && one.view.counts).toMatchObject({
      matched: 0,
      'missing-from-list': 1,
      'outside-scope': 3,
    });
  });

  it('lists a class a window at a time, searched by name or address', async () => {
    const handlers = await opened();
    handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: null }, context);
    expect(handlers.reconcilePeople({ cls: 'missing-from-list', search: '', offset: 0, limit: 10 })).toEqual({
      total: 1,
      rows: [
        {
          key: 'd',
          id: 'd',
          name: 'Dana D',
          email: 'd@contoso.example',
          listName: null,
          reason: null,
          groups: ['Group g1', 'Group g2'],
          row: null,
          inScope: true,
        },
      ],
    });
    expect(
      handlers.reconcilePeople({ cls: 'excluded-but-listed', search: '', offset: 0, limit: 10 }).rows[0],
    ).toMatchObject({
      email: 'b@contoso.example',
      reason: 'disabled',
      row: 3,
    });
    expect(
      handlers.reconcilePeople({ cls: 'outside-scope', search: 'ELSEWHERE', offset: 0, limit: 10 }).total,
    ).toBe(1);
    expect(
      handlers.reconcilePeople({ cls: 'outside-scope', search: 'nobody', offset: 0, limit: 10 }).total,
    ).toBe(0);
    expect(
      handlers.reconcilePeople({ cls: 'invalid-in-list', search: '', offset: 0, limit: 10 }).rows[0],
    ).toMatchObject({
      email: 'oops',
      row: 5,
    });
    expect(handlers.reconcilePeople({ cls: 'matched', search: '', offset: 1, limit: 10 })).toEqual({
      total: 1,
      rows: [],
    });
  });

  it('writes the differences CSV of the last comparison', async () => {
    const handlers = await opened();
    handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: null }, context);
    const file = handlers.exportDifferences({ baseName: 'contoso-hq-differences' });
    expect(file.fileName).toBe('contoso-hq-differences.csv');
    expect(file.rows).toBe(4);
    expect(new TextDecoder().decode(file.data)).toBe(
      'Email,Name,Class,Reason,Groups\r\n' +
        'd@contoso.example,Dana D,missing-from-list,,Group g1; Group g2\r\n' +
        'b@contoso.example,User b,excluded-but-listed,disabled,Group g1\r\n' +
        'x@elsewhere.example,X,outside-scope,,\r\n' +
        'oops,,invalid-in-list,row 5,\r\n',
    );
  });

  it('forgets the comparison when the options change, so the page compares again', async () => {
    const handlers = await opened();
    handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: null }, context);
    handlers.repreview({ usernameFallback: true });
    expect(() => handlers.reconcilePeople({ cls: 'matched', search: '', offset: 0, limit: 10 })).toThrow(
      /choose HQ’s list first/,
    );
  });

  it('refuses a pseudonymised snapshot and a list without an address column, as data', async () => {
    const handlers = createWorkerHandlers();
    await handlers.open({ text: JSON.stringify({ ...snapshot, pseudonymised: true }) }, context);
    const refused = handlers.reconcile({ list: { text: list }, fileName: 'hq.csv', groupId: null }, context);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]?.message).toMatch(/pseudonymised/);
    const plain = await opened();
    const noColumn = plain.reconcile(
      { list: { text: 'Name\nAda\n' }, fileName: 'x.csv', groupId: null },
      context,
    );
    expect(!noColumn.ok && noColumn.errors[0]?.message).toMatch(
      /no address column: the header row has "Name"/,
    );
  });

  it('reads a dropped file in slices, a multi-byte character cut between two slices included', async () => {
    // FileReaderSync exists only in dedicated workers: a stand-in with the same synchronous shape.
    const blobs = new Map<Blob, ArrayBuffer>();
    const bytes = new TextEncoder().encode(
      `\uFEFFName;Email\r\n${'Zoë Ångström;z@contoso.example\r\n'.repeat(3)}`,
    );
    class FakeReaderSync {
      readAsArrayBuffer(blob: Blob): ArrayBuffer {
        return blobs.get(blob) as ArrayBuffer;
      }
    }
    const file = {
      size: bytes.length,
      slice(start: number, end: number) {
        const part = new Blob([]);
        blobs.set(part, bytes.slice(start, Math.min(end, bytes.length)).buffer);
        return part;
      },
    } as unknown as Blob;
    const global = globalThis as { FileReaderSync?: unknown };
    global.FileReaderSync = FakeReaderSync;
    try {
      const read = readListFile(file, context, () => new Error('unreadable'), 7);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      expect(read.data.list.entries).toEqual([
        { row: 2, email: 'z@contoso.example', key: 'z@contoso.example', name: 'Zoë Ångström' },
      ]);
      expect(read.data.list.duplicates).toBe(2);
    } finally {
      delete global.FileReaderSync;
    }
    expect(() => readListFile(file, context, () => new Error('unreadable'))).toThrow('unreadable');
  });
});
