// A worker client whose "worker" is the real message handler on a MessageChannel: state and
// component tests run the same protocol and core as the browser, without a Worker.
import { createWorkerClient, type WorkerClient } from '../../src/worker/client.ts';
import { createWorkerHandlers } from '../../src/worker/handlers.ts';
import { serveWorker } from '../../src/worker/serve.ts';

export function createInProcessWorkerClient(): WorkerClient {
  return createWorkerClient(() => {
    const channel = new MessageChannel();
    serveWorker(channel.port2 as never, createWorkerHandlers());
    const worker = {
      onmessage: null as ((event: MessageEvent) => void) | null,
      onerror: null,
      onmessageerror: null,
      postMessage: (message: unknown, transfer: Transferable[] = []) =>
        channel.port1.postMessage(message, transfer as never),
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
    channel.port1.onmessage = (event) => worker.onmessage?.(event);
    return worker;
  });
}
