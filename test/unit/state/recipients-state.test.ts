// The recipient table's state against the real worker handlers (in-process): counts, windows
// fetched a block at a time, the latest filter winning over earlier ones, and a reset dropping
// answers still on their way.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/core/row-query.ts';
import { BLOCK_SIZE, createRecipientsState } from '../../../src/state/recipients-state.ts';
import type { WorkerClient } from '../../../src/worker/client.ts';
import type { ArgsOf, Method } from '../../../src/worker/protocol.ts';
import { createInProcessWorkerClient } from '../../support/in-process-worker.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';
import { until } from '../../support/wait.ts';

const PEOPLE = 1_000;
const members = Array.from({ length: PEOPLE }, (_, i) =>
  user(`u${String(i).padStart(4, '0')}`, i % 10 === 0 ? { accountEnabled: false } : {}),
);
const text = JSON.stringify(snapshotOf({ members: { g1: members }, selected: ['g1'] }));

async function setup(options: { timers?: boolean } = {}) {
  const worker = createInProcessWorkerClient();
  const opened = await worker.call('open', { text });
  expect(opened.ok).toBe(true);
  const calls: Method[] = [];
  const failures: unknown[] = [];
  const pending: Array<() => void> = [];
  let onTheirWay = 0;
  const state = createRecipientsState({
    call: <M extends Method>(method: M, args: ArgsOf<M>) => {
      calls.push(method);
      onTheirWay++;
      return (worker as WorkerClient).call(method, args).finally(() => onTheirWay--);
    },
    fail: (error) => failures.push(error),
    ...(options.timers
      ? {
          setTimer: (run: () => void) => {
            pending.push(run);
            return pending.length;
          },
          clearTimer: (timer: unknown) => {
            pending[(timer as number) - 1] = () => {};
          },
        }
      : {}),
  });
  // Settled: no worker call is on its way. The state starts its next call in the same microtask
  // run that ends the last one, so between two tasks (where `until` checks) none is hidden.
  const settle = () => until(() => expect(onTheirWay, 'worker calls still on their way').toBe(0));
  const flushTimers = () => {
    for (const run of pending.splice(0)) run();
  };
  return { state, calls, failures, settle, flushTimers };
}

describe('recipients state', () => {
  it('counts the audience and fetches only the blocks in view', async () => {
    const { state, calls, settle } = await setup();
    state.refresh();
    await settle();
    expect(state.total.value).toBe(PEOPLE);
    expect(state.rowAt(0)?.id).toBe('u0000');
    expect(state.rowAt(BLOCK_SIZE)).toBeUndefined();
    state.showRange(450, 480);
    await settle();
    expect(state.rowAt(450)?.order).toBe(451);
    expect(state.rowAt(479)?.id).toBe('u0479');
    // One query and one page: block 4 only, nothing in between.
    expect(calls).toEqual(['query', 'page']);
  });

  it('filters by outcome and sorts, flipping the direction on a second click', async () => {
    const { state, settle } = await setup();
    state.setOutcomes(['disabled']);
    await settle();
    expect(state.total.value).toBe(PEOPLE / 10);
    expect(state.rowAt(0)?.outcome).toBe('disabled');
    state.sortBy('name');
    state.sortBy('name');
    await settle();
    expect(state.filter.value.sort).toEqual({ key: 'name', descending: true });
    expect(state.rowAt(0)?.id).toBe('u0990');
  });

  it('the latest of several quick changes decides the rows', async () => {
    const { state, calls, settle } = await setup();
    const outcomes: Outcome[][] = [['recipient'], ['disabled'], [], ['nested-group'], ['disabled']];
    for (const next of outcomes) state.setOutcomes(next);
    await settle();
    expect(state.total.value).toBe(PEOPLE / 10);
    expect(state.rowAt(0)?.outcome).toBe('disabled');
    // The first query runs, the ones asked for meanwhile collapse into one.
    expect(calls.filter((method) => method === 'query')).toHaveLength(2);
  });

  it('debounces the search and keeps the typed text', async () => {
    const { state, calls, settle, flushTimers } = await setup({ timers: true });
    state.setSearch('u09');
    state.setSearch('u099');
    expect(state.searchText.value).toBe('u099');
    // The timers are the test's: nothing runs before they are flushed.
    expect(calls).toEqual([]);
    flushTimers();
    await settle();
    expect(calls).toEqual(['query']);
    expect(state.total.value).toBe(10);
    expect(state.filter.value.search).toBe('u099');
  });

  it('show() replaces the filter; reset() forgets it and drops answers on their way', async () => {
    const { state, settle } = await setup();
    state.show({ outcomes: ['recipient'], search: 'u00' });
    expect(state.searchText.value).toBe('u00');
    await settle();
    expect(state.total.value).toBe(90);
    state.setOutcomes(['disabled']);
    state.reset();
    await settle();
    expect(state.total.value).toBeNull();
    expect(state.filter.value.outcomes).toEqual([]);
    expect(state.rowAt(0)).toBeUndefined();
  });

  it('reports a failed query once and keeps working', async () => {
    const failures: unknown[] = [];
    let fail = true;
    const worker = createInProcessWorkerClient();
    await worker.call('open', { text });
    const state = createRecipientsState({
      call: (method, args) => {
        if (fail) return Promise.reject(new Error('boom'));
        return worker.call(method, args);
      },
      fail: (error) => failures.push(error),
    });
    state.refresh();
    await until(() => expect(state.counting.value).toBe(false));
    expect(failures).toHaveLength(1);
    fail = false;
    state.refresh();
    await until(() => expect(state.total.value).toBe(PEOPLE));
    expect(failures).toHaveLength(1);
  });
});
