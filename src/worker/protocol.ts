// The page ↔ worker protocol, typed from the handler map: a method's arguments and result are
// whatever its handler takes and returns, so the two sides cannot drift (actualbudget's
// handlers.ts pattern). Errors cross as { code, message }; progress as its own message kind.
import type { WorkerHandlers } from './handlers.ts';

export type Method = keyof WorkerHandlers;
export type ArgsOf<M extends Method> = Parameters<WorkerHandlers[M]>[0];
/** What a call resolves to: a handler may return its result or a promise of it. */
export type ResultOf<M extends Method> = Awaited<ReturnType<WorkerHandlers[M]>>;

export interface JobRequest<M extends Method = Method> {
  id: number;
  method: M;
  args: ArgsOf<M>;
}

export interface WorkerFailure {
  code: string;
  message: string;
}

export type JobResponse =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; error: WorkerFailure }
  | { id: number; kind: 'progress'; phase: string; done?: number; total?: number };
