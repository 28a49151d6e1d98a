// The real CliIo for Node: process streams and environment, global fetch, files written to a
// temporary name in the same folder and renamed, so a crash never leaves half a file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { CliIo } from './io.ts';
import { terminalText } from './terminal.ts';

export function createNodeIo(): CliIo {
  return {
    // runCli already escapes; escaping is idempotent, so the process streams hold the same line
    // even for a caller that skips runCli.
    stdout: (text) => void process.stdout.write(terminalText(text)),
    stderr: (text) => void process.stderr.write(terminalText(text)),
    env: process.env,
    fetch: globalThis.fetch.bind(globalThis),
    now: () => new Date(),
    readText: (path) => readFile(path, 'utf8'),
    // One synchronous read into one Buffer: fs.promises.readFile reads a large file in chunks and
    // copies them together, about a second more and twice the memory for a 335 MB snapshot.
    readBytes: async (path) => readFileSync(path),
    writeTextAtomic: (path, text) => writeAtomic(path, text),
    writeBytesAtomic: (path, bytes) => writeAtomic(path, bytes),
    interruptSignal() {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort(new DOMException('Interrupted (Ctrl-C)', 'AbortError')));
      return controller.signal;
    },
  };
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, typeof data === 'string' ? 'utf8' : undefined);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
