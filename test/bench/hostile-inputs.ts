// The command line against hostile snapshots, timed (issue #10): the 20,000-deep chain with a
// device per level through `audit` and `preview --excluded`, a 300 MiB group name through the
// preview table, and names full of control and bidi characters through every command. Run by hand
// (`npx tsx test/bench/hostile-inputs.ts`); the figures go to the README's Reliability section.
// Wall-clock limits belong here, not in the unit tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readyTenant } from '../support/app-builder.ts';
import { deepChainSnapshot } from '../support/deep-chain.ts';
import { HOSTILE_STRINGS, RAW_HIDDEN } from '../support/hostile-strings.ts';
import { groupsOf } from '../support/snapshot-builder.ts';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const cli = ['--import', 'tsx', 'src/cli/main.ts'];

function run(
  label: string,
  args: string[],
): { seconds: number; peakMb: number; out: string; code: number | null } {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trim().split('\n');
  // CPU seconds (user + system) say more than wall time on a shared machine; both are shown.
  const [user = 0, system = 0, kb = 0] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  const peakMb = kb / 1024;
  const figures = {
    wallSeconds: Number(seconds.toFixed(1)),
    cpuSeconds: Number((user + system).toFixed(1)),
    peakMb: Math.round(peakMb),
    exit: result.status,
  };
  console.log(`${label}: ${JSON.stringify(figures)}`);
  return { seconds, peakMb, out: result.stdout + lines.slice(0, -1).join('\n'), code: result.status };
}

try {
  const chain = join(dir, 'chain.json');
  writeFileSync(chain, JSON.stringify(deepChainSnapshot(20_000)));
  run('deep chain (20,000 levels) audit', ['audit', chain]);
  run('deep chain (20,000 levels) preview --excluded', ['preview', chain, '--excluded', join(dir, 'ex.csv')]);

  const huge = readyTenant();
  const group = groupsOf(huge)[0];
  if (group) group.displayName = 'n'.repeat(300 * 1024 * 1024);
  const hugeFile = join(dir, 'huge.json');
  writeFileSync(hugeFile, JSON.stringify(huge));
  const big = run('300 MiB group name, preview table', ['preview', hugeFile]);
  console.log(`  table output ${big.out.length} characters, exit ${big.code}`);

  const hostile = readyTenant();
  hostile.tenant.displayName = HOSTILE_STRINGS.join(' ');
  groupsOf(hostile).forEach((g, i) => {
    g.displayName = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] ?? null;
  });
  const hostileFile = join(dir, 'hostile.json');
  writeFileSync(hostileFile, JSON.stringify(hostile));
  for (const args of [
    ['preview', hostileFile],
    ['audit', hostileFile],
    ['audit', hostileFile, '--json'],
  ]) {
    const result = run(`hostile names, ${args.filter((a) => !a.includes('/')).join(' ')}`, args);
    console.log(
      `  raw control/bidi characters in the output: ${RAW_HIDDEN.test(result.out) ? 'FOUND' : 'none'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
