// An in-memory CliIo: files in a Map, stdout/stderr captured, so commands run in-process.
import type { CliIo } from '../../src/cli/io.ts';

export interface MemoryIo extends CliIo {
  files: Map<string, string>;
  out: () => string;
  err: () => string;
}

export function createMemoryIo(
  files: Record<string, string> = {},
  env: Record<string, string> = {},
): MemoryIo {
  const map = new Map(Object.entries(files));
  let out = '';
  let err = '';
  return {
    files: map,
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
      const text = map.get(path);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    async writeTextAtomic(path, text) {
      map.set(path, text);
    },
  };
}
