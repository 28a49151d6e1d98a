import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../../src/state/reconcile-state.ts';
import { createReportState } from '../../../src/state/report-state.ts';
import { createInProcessWorkerClient } from '../../support/in-process-worker.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const many = Array.from({ length: 150 }, (_, i) => user(`m${i}`));
const text = JSON.stringify(
  snapshotOf({
    members: {
      g1: [user('a'), user('b', { mail: null, userPrincipalName: 'b@contoso.example' }), groupRef('g2')],
      g2: many,
    },
    selected: ['g1', 'g2'],
  }),
);
const listFile = (name: string, body: string) => ({ name, text: async () => body });

async function setup() {
  const saved: Array<{ name: string; text: string }> = [];
  const state = createReportState({
    worker: createInProcessWorkerClient(),
    saveFile: (name, blob) => void blob.text().then((t) => saved.push({ name, text: t })),
    demoUrl: '/demo.json',
    fetchText: async () => text,
  });
  await state.openDemo();
  return { state, saved };
}

describe('reconcile state', () => {
  it('compares a list and lists the first class that differs, a page at a time', async () => {
    const { state } = await setup();
    await state.reconcile.compare(listFile('hq.csv', 'Email\na@contoso.example\nb@contoso.example\n'));
    const status = state.reconcile.status.value;
    expect(status.state).toBe('done');
    if (status.state !== 'done') return;
    expect(status.view.counts).toMatchObject({ matched: 1, 'missing-from-list': 150, 'outside-scope': 1 });
    const people = state.reconcile.people.value;
    expect(people?.cls).toBe('missing-from-list');
    expect(people?.total).toBe(150);
    expect(people?.rows).toHaveLength(PAGE_SIZE);
    await state.reconcile.showMore();
    expect(state.reconcile.people.value?.rows).toHaveLength(150);
    await state.reconcile.showPeople('missing-from-list', 'm14');
    expect(state.reconcile.people.value?.rows.map((r) => r.id)).toEqual([
      'm14',
      'm140',
      'm141',
      'm142',
      'm143',
      'm144',
      'm145',
      'm146',
      'm147',
      'm148',
      'm149',
    ]);
  });

  it('compares the same file again when the scope or the options change', async () => {
    const { state } = await setup();
    await state.reconcile.compare(listFile('hq.csv', 'Email\na@contoso.example\nb@contoso.example\n'));
    await state.reconcile.setScope('g2');
    const scoped = state.reconcile.status.value;
    expect(scoped.state === 'done' && scoped.view.group).toEqual({ position: 1, id: 'g2' });
    expect(scoped.state === 'done' && scoped.view.counts).toMatchObject({ matched: 0, 'outside-scope': 2 });
    await state.reconcile.setScope(null);
    await state.changeOptions({ groupIds: ['g1', 'g2'], usernameFallback: true });
    await waitForComparison(state);
    const after = state.reconcile.status.value;
    expect(after.state === 'done' && after.view.counts).toMatchObject({ matched: 2, 'outside-scope': 0 });
  });

  it('shows a refused list with the reason, and takes another list without reopening', async () => {
    const { state } = await setup();
    await state.reconcile.compare(listFile('people.csv', 'Name;Phone\nAda;1\n'));
    const refused = state.reconcile.status.value;
    expect(refused.state).toBe('refused');
    expect(refused.state === 'refused' && refused.errors[0]?.message).toMatch(/"Name", "Phone"/);
    await state.reconcile.compare(listFile('hq.csv', 'Email\na@contoso.example\n'));
    expect(state.reconcile.status.value.state).toBe('done');
  });

  it('downloads the differences CSV named after the tenant and capture day', async () => {
    const { state, saved } = await setup();
    await state.reconcile.compare(
      listFile('hq.csv', 'Email,Name\na@contoso.example,User a\nx@elsewhere.example,X\n'),
    );
    expect(await state.reconcile.downloadDifferences()).toBe(true);
    await waitFor(() => saved.length === 1);
    expect(saved[0]?.name).toBe('contoso-2026-11-23-hq-differences.csv');
    expect(saved[0]?.text.split('\r\n')[0]).toBe('Email,Name,Class,Reason,Groups');
    expect(saved[0]?.text).toContain('x@elsewhere.example,X,outside-scope,,\r\n');
  });

  it('forgets the comparison when the snapshot closes', async () => {
    const { state } = await setup();
    await state.reconcile.compare(listFile('hq.csv', 'Email\na@contoso.example\n'));
    state.close();
    expect(state.reconcile.status.value).toEqual({ state: 'idle' });
    expect(state.reconcile.people.value).toBeNull();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const { vi } = await import('vitest');
  await vi.waitFor(() => {
    if (!condition()) throw new Error('not yet');
  });
}

function waitForComparison(state: Awaited<ReturnType<typeof setup>>['state']): Promise<void> {
  return waitFor(() => {
    const status = state.reconcile.status.value;
    return status.state === 'done' && state.reconcile.people.value !== null;
  });
}
