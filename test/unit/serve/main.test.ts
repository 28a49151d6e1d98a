// `npm start`'s server (src/serve/main.ts, run as the npm script runs it) serves a build folder with
// the headers a host must send (issue 15, item 1). Run on a tiny stand-in build and a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headersFor } from '../../../src/serve/headers.ts';

const repo = new URL('../../../', import.meta.url).pathname;
let child: ChildProcess | undefined;
let folder: string | undefined;

afterEach(async () => {
  child?.kill();
  child = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

async function serve(root: string): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/serve/main.ts', root], {
    cwd: repo,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = child;
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    running.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/localhost:\d+)\//.exec(out)?.[1];
      if (url !== undefined) done(url);
    });
    running.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    running.on('exit', (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
}

describe('npm start (src/serve/main.ts)', () => {
  it('serves the build with the headers of src/serve/headers.ts and no Cross-Origin-Opener-Policy', async () => {
    folder = await mkdtemp(join(tmpdir(), 'serve-'));
    await writeFile(join(folder, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(folder, 'redirect.html'), '<!doctype html><title>bridge</title>');
    const url = (await serve(folder)).replace('localhost', '127.0.0.1');
    for (const path of ['/', '/redirect.html']) {
      const response = await fetch(url + path);
      expect(response.status).toBe(200);
      for (const [name, value] of Object.entries(headersFor(path)))
        expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    }
    expect((await fetch(`${url}/?snapshot=3&tab=recipients`)).status).toBe(200);
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
  });

  it('says what to do when there is no build', async () => {
    folder = await mkdtemp(join(tmpdir(), 'serve-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/serve/main.ts', folder], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const running = child;
    let err = '';
    running.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => running.on('exit', done));
    expect(code).toBe(2);
    expect(err).toMatch(/index\.html is missing: build first/);
  });
});
