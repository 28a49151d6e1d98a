// The worker's message handler runs on a MessageChannel (happy-dom and Node have no Worker), and
// the client is driven through a WorkerLike made of the other port.
import { describe, expect, it } from 'vitest';
import { computePreview } from '../../../src/core/preview.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import { createWorkerClient, type WorkerLike } from '../../../src/worker/client.ts';
import { createWorkerHandlers } from '../../../src/worker/handlers.ts';
import { serveWorker } from '../../../src/worker/serve.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';
import { until } from '../../support/wait.ts';

const snapshot = snapshotOf({
  members: {
    g1: [user('a'), user('b', { accountEnabled: false }), groupRef('g2')],
    g2: [user('c', { displayName: '=1+1' })],
  },
  selected: ['g1'],
});
const text = JSON.stringify(snapshot);

/** A minimal Web Locks: one holder per name, later requests granted in turn on release. */
function createTestLocks() {
  const queues = new Map<string, Array<() => void>>();
  return {
    /** Requests waiting for a lock someone else holds. */
    waiting: () => [...queues.values()].reduce((sum, queue) => sum + Math.max(0, queue.length - 1), 0),
    request(name: string, callback: () => unknown): Promise<unknown> {
      return new Promise((resolve) => {
        const grant = () => {
          Promise.resolve(callback()).then((value) => {
            const queue = queues.get(name) ?? [];
            queue.shift();
            queue[0]?.();
            resolve(value);
          });
        };
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        queue.push(grant);
        if (queue.length === 1) grant();
      });
    },
  };
}
const testLocks = createTestLocks();

interface FakeWorker extends WorkerLike {
  /** Dies silently (no error event), as a worker closed or killed by the browser does. */
  die(): void;
  /** The next job is taken but never answered (the worker is busy, then dies). */
  hangOnNextJob: boolean;
  /** The next job is not run: the worker dies with this message instead. */
  crashOnNextJob: string | null;
  terminated: boolean;
  /** Jobs posted to this worker (the lifeline message not counted). */
  jobs: number;
}

function channelWorker(handlers = createWorkerHandlers()): FakeWorker {
  const channel = new MessageChannel();
  serveWorker(channel.port2 as never, handlers);
  let die = () => {};
  const fake: FakeWorker = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminated: false,
    crashOnNextJob: null,
    hangOnNextJob: false,
    jobs: 0,
    die() {
      die();
      channel.port1.close();
    },
    postMessage(message, transfer = []) {
      // The worker's lifeline lock is held here (as serve.ts holds it), so `die` can let it go
      // the way a dying worker does.
      if (typeof message === 'object' && message !== null && 'lifeline' in message) {
        const name = (message as { lifeline: string }).lifeline;
        void testLocks.request(name, () => {
          setTimeout(() => fake.onmessage?.({ data: { lifelineHeld: name } } as MessageEvent), 0);
          return new Promise<void>((resolve) => {
            die = resolve;
          });
        });
        return;
      }
      fake.jobs++;
      if (fake.hangOnNextJob) return;
      const crash = fake.crashOnNextJob;
      if (crash === null) return channel.port1.postMessage(message, transfer as never);
      setTimeout(() => fake.onerror?.({ message: crash, preventDefault() {} } as ErrorEvent), 5);
    },
    terminate() {
      fake.terminated = true;
      channel.port1.close();
      channel.port2.close();
    },
  };
  channel.port1.onmessage = (event) => fake.onmessage?.(event);
  return fake;
}

describe('worker protocol', () => {
  it('opens a snapshot and gives the same counts as the core called directly', async () => {
    const client = createWorkerClient(() => channelWorker());
    const phases: string[] = [];
    const opened = await client.call('open', { text }, { onProgress: (phase) => phases.push(phase) });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.summary).toEqual(summarizePreview(computePreview(snapshot)));
    expect(phases).toEqual(['Checking the file', 'Applying the recipient rules']);
    const page = await client.call('query', {
      query: { scope: 'audience', outcomes: ['recipient'] },
      limit: 10,
    });
    expect(page.total).toBe(2);
    expect(page.rows.map((row) => row.id)).toEqual(['a', 'c']);
    client.dispose();
  });

  it('counts the upload names the formula guard changes (issue 15, item 8)', async () => {
    const client = createWorkerClient(() => channelWorker());
    await client.call('open', { text });
    // c is "=1+1"; b is disabled, so not in the upload.
    expect(await client.call('uploadNotes', undefined)).toEqual({ guardedNames: 1 });
    client.dispose();
  });

  it('compresses a snapshot for the library in the worker; a gzip file is kept byte for byte', async () => {
    const client = createWorkerClient(() => channelWorker());
    const phases: string[] = [];
    const stored = await client.call('storable', { text }, { onProgress: (phase) => phases.push(phase) });
    expect(phases).toEqual(['Compressing the snapshot to keep it in this browser']);
    const bytes = new Uint8Array(await stored.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(stored.type).toBe('application/gzip');
    const back = await new Response(stored.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(back).toBe(text);
    const again = await client.call('storable', { file: stored });
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    const plainFile = await client.call('storable', { file: new Blob([text]) });
    expect(await new Response(plainFile.stream().pipeThrough(new DecompressionStream('gzip'))).text()).toBe(
      text,
    );
    client.dispose();
  });

  it('returns schema errors as data', async () => {
    const client = createWorkerClient(() => channelWorker());
    const opened = await client.call('open', { text: '{"format":"dirsync-snapshot","version":7}' });
    expect(opened).toMatchObject({ ok: false, errors: [{ path: '$.version' }] });
    client.dispose();
  });

  it('transfers CSV bytes and refuses an incomplete snapshot without consent', async () => {
    const client = createWorkerClient(() => channelWorker());
    const broken = {
      ...snapshot,
      reads: [{ path: '/x', status: 'failed', pages: 0, items: 0, httpStatus: 500, error: 'boom' }],
    };
    await client.call('open', { text: JSON.stringify(broken) });
    await expect(
      client.call('exportUpload', { baseName: 'r', segments: false, allowIncomplete: false }),
    ).rejects.toMatchObject({ code: 'incomplete' });
    const [file] = await client.call('exportUpload', {
      baseName: 'r',
      segments: false,
      allowIncomplete: true,
    });
    expect(file?.fileName).toBe('r.csv');
    expect(new TextDecoder().decode(file?.data)).toBe(
      'Name,Email\r\nUser a,a@contoso.example\r\n"\'=1+1",c@contoso.example\r\n',
    );
    client.dispose();
  });

  it('reports a crash at once, then runs again in a fresh worker', async () => {
    const workers: FakeWorker[] = [];
    let resets = 0;
    const client = createWorkerClient(
      () => {
        const worker = channelWorker();
        workers.push(worker);
        return worker;
      },
      () => resets++,
    );
    await client.call('open', { text });
    (workers[0] as FakeWorker).crashOnNextJob = 'out of memory';
    // The client has no timer of its own: only the error event can fail the job.
    await expect(client.call('query', { query: { scope: 'audience' }, limit: 5 })).rejects.toMatchObject({
      code: 'worker-crashed',
      message: expect.stringContaining('out of memory'),
    });
    expect(workers[0]?.terminated).toBe(true);
    expect(resets).toBe(1);
    await expect(client.call('query', { query: { scope: 'audience' }, limit: 5 })).rejects.toMatchObject({
      code: 'no-snapshot',
    });
    expect((await client.call('open', { text })).ok).toBe(true);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('a worker that dies without an error event fails its job, told by its lifeline lock', async () => {
    const workers: FakeWorker[] = [];
    const client = createWorkerClient(
      () => {
        const worker = channelWorker();
        workers.push(worker);
        return worker;
      },
      () => {},
      testLocks,
    );
    await client.call('open', { text });
    // The page waits for the worker's lifeline lock once the worker says it holds it.
    await until(() => expect(testLocks.waiting()).toBe(1));
    // The job is posted but the worker is gone before it answers.
    (workers[0] as FakeWorker).hangOnNextJob = true;
    const pending = client.call('query', { query: { scope: 'audience' }, limit: 5 });
    await until(() => expect(workers[0]?.jobs).toBe(2));
    (workers[0] as FakeWorker).die();
    // The client has no timer: only the lock, granted once the worker is gone, can fail the job.
    await expect(pending).rejects.toMatchObject({
      code: 'worker-crashed',
      message: expect.stringContaining('stopped unexpectedly'),
    });
    expect(testLocks.waiting()).toBe(0);
    expect((await client.call('open', { text })).ok).toBe(true);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('cancelling terminates the running job and later calls still run', async () => {
    const client = createWorkerClient(() => channelWorker());
    const controller = new AbortController();
    const pending = client.call('open', { text }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect((await client.call('open', { text })).ok).toBe(true);
    client.dispose();
  });

  it('a handler that throws becomes an error as data', async () => {
    const handlers = createWorkerHandlers();
    handlers.page = () => {
      throw new Error('kaput');
    };
    const client = createWorkerClient(() => channelWorker(handlers));
    await expect(client.call('page', { offset: 0, limit: 1 })).rejects.toMatchObject({
      code: 'job-failed',
      message: 'kaput',
    });
    client.dispose();
  });
});
