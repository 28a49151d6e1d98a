// The worker side: decode a request, call the handler, post the result (transferring any
// ArrayBuffers it holds) or the error as data. Kept apart from the entry file so it is tested with
// a MessageChannel, since happy-dom has no Worker.

import type { LocksLike } from './client.ts';
import { createWorkerHandlers, JobError, type WorkerHandlers } from './handlers.ts';
import type { JobRequest, JobResponse } from './protocol.ts';

export interface MessagePortLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export function serveWorker(
  port: MessagePortLike,
  handlers: WorkerHandlers = createWorkerHandlers(),
  locks: LocksLike | undefined = (globalThis as { navigator?: { locks?: LocksLike } }).navigator?.locks,
): void {
  port.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'object' && event.data !== null && 'lifeline' in event.data) {
      // Held until the worker dies, so the page (see client.ts) learns of a silent death.
      const name = String(event.data.lifeline);
      void locks?.request(name, () => {
        port.postMessage({ lifelineHeld: name });
        return new Promise(() => {});
      });
      return;
    }
    const { id, method, args } = event.data as JobRequest;
    const post = (response: JobResponse, transfer: Transferable[] = []) =>
      port.postMessage(response, transfer);
    const fail = (error: unknown) => {
      const code = error instanceof JobError ? error.code : 'job-failed';
      const message = error instanceof Error ? error.message : String(error);
      post({ id, kind: 'error', error: { code, message } });
    };
    try {
      const handler = handlers[method] as (args: unknown, context: unknown) => unknown;
      if (typeof handler !== 'function')
        throw new JobError('unknown-method', `The worker has no job called ${String(method)}.`);
      const result = handler(args, {
        progress: (phase: string, done?: number, total?: number) =>
          post({
            id,
            kind: 'progress',
            phase,
            ...(done === undefined ? {} : { done }),
            ...(total === undefined ? {} : { total }),
          }),
      });
      // Reading a compressed file streams, so some jobs answer with a promise.
      if (result instanceof Promise)
        result.then((value) => post({ id, kind: 'result', result: value }, transferables(value)), fail);
      else post({ id, kind: 'result', result }, transferables(result));
    } catch (error) {
      fail(error);
    }
  };
}

/** ArrayBuffers in the result or one level down (FileOut lists), moved instead of copied. */
function transferables(result: unknown): Transferable[] {
  const found: Transferable[] = [];
  const visit = (value: unknown) => {
    if (value instanceof ArrayBuffer) found.push(value);
    else if (
      value !== null &&
      typeof value === 'object' &&
      'data' in value &&
      value.data instanceof ArrayBuffer
    )
      found.push(value.data);
  };
  if (Array.isArray(result)) result.forEach(visit);
  else visit(result);
  return found;
}
