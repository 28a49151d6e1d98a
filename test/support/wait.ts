// Tests wait for the condition they need, never for a time: a fixed sleep is either too short on a
// loaded machine (a flake) or needlessly long everywhere. `until` retries a check until it passes;
// its patience is generous because the machine may be slow, and a check that never passes fails
// with its own assertion message (not a bare timeout) before the test's own timeout.
import { vi } from 'vitest';

/** How long `until` keeps retrying: under the test timeout (vite.config.ts), so the assertion fails. */
const PATIENCE_MS = 60_000;

/** Retries `check` (an assertion or a function that throws) until it passes; returns its value. */
export function until<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: PATIENCE_MS, interval: 5 });
}

/** One turn of the event loop: whatever was queued (messages, timers due, I/O) has run. */
export function nextTask(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
