// An in-memory CliIo: files in a Map, stdout/stderr captured, so commands run in-process.
import type { CliIo } from '../../src/cli/io.ts';

export interface MemoryIo extends CliIo {
  /** Text files as strings; bytes (a gzip file) as written. */
  files: Map<string, string | Uint8Array>;
  /** A file's text (bytes decoded as UTF-8); '' when there is none. */
  textOf(path: string): string;
  out: () => string;
  err: () => string;
}

export function createMemoryIo(
  files: Record<string, string | Uint8Array> = {},
  env: Record<string, string> = {},
): MemoryIo {
  const map = new Map(Object.entries(files));
  let out = '';
  let err = '';
  return {
    files: map,
    textOf(path) {
      const file = map.get(path);
      return file === undefined ? '' : typeof file === 'string' ? file : new TextDecoder().decode(file);
    },
    out: () => out,
    err: () => err,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env,
    fetch: () => Promise.reject(new TypeError('no network in this test')),
    now: () => new Date('2026-11-26T00:00:00Z'),
    async readText(path) {
      const file = map.get(path);
      if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof file === 'string' ? file : new TextDecoder().decode(file);
    },
    async readBytes(path) {
      const file = map.get(path);
      if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    async writeTextAtomic(path, text) {
      map.set(path, text);
    },
    async writeBytesAtomic(path, bytes) {
      map.set(path, bytes);
    },
  };
}
