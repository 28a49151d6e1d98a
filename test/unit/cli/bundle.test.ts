// `npm run cli` runs a prebuilt bundle with plain node (issue 15, item 10), rebuilt first whenever a
// source is newer than it, so a call never runs stale code. Run as the npm script runs it.
import { spawnSync } from 'node:child_process';
import { stat, utimes } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ensureBundle } from '../../../src/cli/bundle.mjs';

const repo = new URL('../../../', import.meta.url).pathname;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['src/cli/bin.mjs', ...args], { cwd: repo, encoding: 'utf8' });

describe('the command line bundle', () => {
  it('answers --help and a bare call like the sources do', async () => {
    await ensureBundle();
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run --silent cli -- <command>/);
    const bare = cli();
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(help.stdout);
  });

  it('is rebuilt before it runs when a source it was built from is newer', async () => {
    await ensureBundle();
    const before = (await stat(BUNDLE)).mtimeMs;
    // A source edited after the build (its mtime moved past the bundle's).
    const source = `${repo}src/cli/args.ts`;
    const later = new Date(before + 2_000);
    await utimes(source, later, later);
    const run = cli('--help');
    expect(run.status).toBe(0);
    // Rebuilt: written after the build this test started from (the source's time may still be ahead).
    expect((await stat(BUNDLE)).mtimeMs).toBeGreaterThan(before);
  });
});
