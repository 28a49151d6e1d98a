// What a command line command may touch, passed in so tests run commands in-process with fake
// streams, files and fetch. A command returns its exit code; it throws UsageError (exit 2, one
// `error:` line) for bad input or usage, and never leaves a half-written output file behind.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  now(): Date;
  readText(path: string): Promise<string>;
  /** The file's bytes in one read (a snapshot may be gzip-compressed, so not decoded here). */
  readBytes(path: string): Promise<Uint8Array>;
  /** Writes the whole file or nothing (temporary file, then rename). */
  writeTextAtomic(path: string, text: string): Promise<void>;
  /** writeTextAtomic for bytes (a gzip-compressed snapshot). */
  writeBytesAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * Aborts on Ctrl-C from the moment it is asked for: the command then stops itself and exits 130
   * (a second Ctrl-C kills the process as usual). Absent where there is no terminal (tests).
   */
  interruptSignal?(): AbortSignal;
}

export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Bad input or usage: the runner prints `error: <message>` and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
