// Worker entry: no logic here (STYLE.md) — the tested message handler is attached to the worker scope.
import '../core/zod-jitless.ts';
import { serveWorker } from './serve.ts';

serveWorker(self as unknown as Parameters<typeof serveWorker>[0]);
