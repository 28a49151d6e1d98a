// `npm run bench [-- --quick] [-- --no-browser]`: generates the S, M, L and XL tenants with the
// demo generator and measures, side by side in one run, snapshot size, validation and core against
// JSON.parse, CSV export against Papa.unparse, the Graph reader against the fake Graph at 50 ms,
// peak memory of the core (child processes), and in Chromium IndexedDB, the UI while previewing and
// bundle sizes. --quick: S and M only (M stands in for L in the memory and browser parts).
// Writes test/bench/results.json (results.quick.json for --quick) and prints markdown tables.
// Surprise: it re-runs itself under a bigger heap and --expose-gc, since tsx cannot take node flags
// from package.json's script and L holds a 335 MB text beside its parsed copy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateOptions } from '../../src/demo/generate-tenant.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { L, M, S, XL } from '../../src/demo/profiles.ts';
import { type BrowserResult, benchBrowser, buildForBench } from './browser-bench.ts';
import { benchCore, type CoreResult } from './core-bench.ts';
import { benchGraph, type GraphResult } from './graph-bench.ts';
import { benchMemory, type MemoryResult } from './memory-bench.ts';
import { benchReconcile, type ReconcileResult } from './reconcile-bench.ts';
import { type MachineInfo, machineInfo, round, timed } from './stats.ts';
import { formatTables } from './table.ts';

const HEAP_MIB = 12_288;
const LATENCY_MS = 50;

if (process.env.DIRSYNC_BENCH_CHILD !== '1') {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      `--max-old-space-size=${HEAP_MIB}`,
      '--expose-gc',
      import.meta.filename,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, DIRSYNC_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  machine: MachineInfo;
  sizes: Array<{
    profile: string;
    users: number;
    groups: number;
    selected: number;
    generateMs: number;
    core: CoreResult;
  }>;
  graph: Array<GraphResult & { profile: string }>;
  memory: Array<MemoryResult & { profile: string }>;
  /** A 1,000,000-row HQ list read and reconciled against L (M with --quick). */
  reconcile?: ReconcileResult & { profile: string };
  browser:
    | (Omit<BrowserResult, 'ui'> & { ui: Array<BrowserResult['ui'][number] & { profile: string }> })
    | null;
  notes: string[];
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const profiles: Array<[string, GenerateOptions]> = quick
  ? [
      ['S', S],
      ['M', M],
    ]
  : [
      ['S', S],
      ['M', M],
      ['L', L],
      ['XL', XL],
    ];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const work = mkdtempSync(join(tmpdir(), 'dirsync-bench-'));
const files = new Map<string, string>();
const results: BenchResults = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: machineInfo(),
  sizes: [],
  graph: [],
  memory: [],
  browser: null,
  notes: [],
};

try {
  for (const [name, options] of profiles) {
    log(`${name}: generating`);
    const generated = timed(() => JSON.stringify(generateTenant(options)));
    const text = generated.value;
    if (name !== 'S') {
      const file = join(work, `${name}.json`);
      writeFileSync(file, text);
      files.set(name, file);
    }
    const runs = name === 'S' || name === 'M' ? 7 : name === 'L' ? 5 : 3;
    log(`${name}: parse, validate, core, CSV × ${runs}`);
    const core = benchCore(text, runs);
    results.sizes.push({
      profile: name,
      users: options.users,
      groups: options.groups,
      selected: options.selected.length,
      generateMs: Math.round(generated.ms),
      core,
    });
    log(
      `${name}: core ${core.coreMs} ms = ${core.coreRatio} × parse, validation ${core.validateRatio} × parse`,
    );
    if (name === (quick ? 'M' : 'L')) {
      log(`${name}: reconcile a 1,000,000-row list`);
      results.reconcile = { profile: name, ...benchReconcile(text, 1_000_000, 3) };
      log(`${name}: reconcile ${results.reconcile.totalMs} ms (${results.reconcile.rowsPerSecond} rows/s)`);
    }
    // The Graph reader at L serves 1,000,000 members through the fake: slow, but it completes.
    if (name === 'S' || name === 'M' || (name === 'L' && !args.has('--no-graph-l'))) {
      const source = generateTenant(options);
      for (const throttled of name === 'L' ? [false] : [false, true]) {
        log(`${name}: Graph reader at ${LATENCY_MS} ms${throttled ? ', 5 % 429' : ''}`);
        results.graph.push({ profile: name, ...(await benchGraph(source, LATENCY_MS, throttled)) });
      }
    }
  }
  results.notes.push(
    'Graph at L: fault-free only (the throttled run adds Retry-After waits, not information). XL: no Graph run (one group of 250,000 is M-like paging).',
  );

  for (const name of quick ? ['M'] : ['L', 'XL']) {
    const file = files.get(name);
    if (file === undefined) continue;
    log(`${name}: core memory in a child process`);
    results.memory.push({ profile: name, ...(await benchMemory(file, name === 'XL' ? 4_096 : 3_072)) });
  }

  if (!args.has('--no-browser')) {
    log('browser: building the app and the IndexedDB harness');
    const dist = await buildForBench();
    const uiProfiles = quick ? ['M'] : ['L', 'XL'];
    log(`browser: bundle sizes, IndexedDB (${quick ? 'M' : 'L'}), UI (${uiProfiles.join(', ')})`);
    const browser = await benchBrowser({
      dist,
      idbFile: files.get(quick ? 'M' : 'L') ?? null,
      idbProfile: quick ? 'M' : 'L',
      uiFiles: uiProfiles.map((name) => files.get(name) as string),
      runs: 3,
    });
    results.browser = {
      ...browser,
      ui: browser.ui.map((ui, i) => ({ ...ui, profile: uiProfiles[i] as string })),
    };
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const out = join(import.meta.dirname, quick ? 'results.quick.json' : 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${formatTables(results)}\n`);
log(`wrote ${out} (${round(JSON.stringify(results).length / 1e3, 1)} KB)`);
