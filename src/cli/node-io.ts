// The real CliIo for Node: process streams and environment, global fetch, files written to a
// temporary name in the same folder and renamed, so a crash never leaves half a file.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { CliIo } from './io.ts';

export function createNodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    fetch: globalThis.fetch.bind(globalThis),
    now: () => new Date(),
    readText: (path) => readFile(path, 'utf8'),
    interruptSignal() {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort(new DOMException('Interrupted (Ctrl-C)', 'AbortError')));
      return controller.signal;
    },
    async writeTextAtomic(path, text) {
      const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
