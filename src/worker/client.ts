// The page side of the worker: started lazily, one job at a time (later calls wait their turn),
// each job cancellable with an AbortSignal. The core is synchronous, so cancelling a running job
// terminates the worker; the next call starts a fresh one, and `onReset` tells the owner that
// whatever the old worker held (the open snapshot) is gone. A worker that throws or dies fails the
// running job at once with { code, message } and is replaced on the next call.
import type { ArgsOf, JobResponse, Method, ResultOf, WorkerFailure } from './protocol.ts';

export interface WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (phase: string, done?: number, total?: number) => void;
}

export class WorkerJobError extends Error implements WorkerFailure {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code === 'aborted' ? 'AbortError' : 'WorkerJobError';
  }
}

export interface WorkerClient {
  call<M extends Method>(method: M, args: ArgsOf<M>, options?: CallOptions): Promise<ResultOf<M>>;
  /** Stops the worker (and any job); the next call starts a new one. */
  dispose(): void;
}

interface Running {
  id: number;
  resolve(value: unknown): void;
  reject(error: WorkerJobError): void;
  onProgress: CallOptions['onProgress'];
}

/** The part of the Web Locks API the lifeline uses (navigator.locks in the page and the worker). */
export interface LocksLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

export function createWorkerClient(
  startWorker: () => WorkerLike,
  onReset: () => void = () => {},
  locks: LocksLike | undefined = (globalThis as { navigator?: { locks?: LocksLike } }).navigator?.locks,
): WorkerClient {
  let worker: WorkerLike | null = null;
  let running: Running | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;

  const kill = (failure: WorkerJobError | null) => {
    worker?.terminate();
    worker = null;
    const job = running;
    running = null;
    if (job && failure) job.reject(failure);
    onReset();
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const started = startWorker();
    started.onmessage = (event) => {
      const message = event.data as JobResponse | { lifelineHeld: string };
      if ('lifelineHeld' in message) return lifelineHeld(message.lifelineHeld);
      if (!running || message.id !== running.id) return;
      if (message.kind === 'progress') running.onProgress?.(message.phase, message.done, message.total);
      else if (message.kind === 'result') {
        const job = running;
        running = null;
        job.resolve(message.result);
      } else {
        const job = running;
        running = null;
        job.reject(new WorkerJobError(message.error.code, message.error.message));
      }
    };
    started.onerror = (event) => {
      event.preventDefault?.();
      kill(
        new WorkerJobError(
          'worker-crashed',
          `The preview worker stopped: ${event.message || 'unknown error'}. Run it again.`,
        ),
      );
    };
    started.onmessageerror = () =>
      kill(
        new WorkerJobError(
          'worker-crashed',
          'The preview worker sent a message that could not be read. Run it again.',
        ),
      );
    worker = started;
    watchLifeline(started);
    return started;
  };

  // A worker that dies without an error event (closed, or killed by the browser) would leave its
  // job waiting forever, and Chromium has no MessagePort `close` event to tell. So the worker holds
  // a Web Lock for its whole life; once it says so, the page asks for the same lock, which it is
  // granted only when the worker is gone, and reports the death at once.
  let lifelineHeld: (name: string) => void = () => {};
  const watchLifeline = (started: WorkerLike) => {
    if (locks === undefined) return;
    const name = `dirsync-preview-worker-${Date.now()}-${nextId}-${Math.random().toString(36).slice(2)}`;
    lifelineHeld = (held) => {
      if (held !== name) return;
      void locks.request(name, () => {
        if (worker === started) {
          kill(
            new WorkerJobError('worker-crashed', 'The preview worker stopped unexpectedly. Run it again.'),
          );
        }
      });
    };
    started.postMessage({ lifeline: name });
  };

  const run = <M extends Method>(method: M, args: ArgsOf<M>, options: CallOptions): Promise<ResultOf<M>> =>
    new Promise<ResultOf<M>>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new WorkerJobError('aborted', 'Cancelled.'));
        return;
      }
      const id = nextId++;
      const onAbort = () => {
        if (running?.id === id) kill(new WorkerJobError('aborted', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
      running = {
        id,
        resolve: settle(resolve as (value: unknown) => void),
        reject: settle(reject),
        onProgress: options.onProgress,
      };
      try {
        ensureWorker().postMessage({ id, method, args });
      } catch (error) {
        kill(
          new WorkerJobError('worker-unavailable', `The preview worker could not start: ${String(error)}`),
        );
      }
    });

  return {
    call(method, args, options = {}) {
      const result = queue.then(() => run(method, args, options));
      queue = result.catch(() => undefined);
      return result;
    },
    dispose() {
      kill(new WorkerJobError('aborted', 'The worker was stopped.'));
    },
  };
}
