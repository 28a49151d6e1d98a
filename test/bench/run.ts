// `npm run bench [-- --quick] [-- --no-browser] [-- --no-graph-l] [-- --sizes=L] [-- --no-reconcile]`:
// generates the S, M, L and XL (or only the --sizes named)
// tenants with the demo generator, writes each as the files users hold (version 1; version 2 and
// version 2 gzip where this commit writes them) and measures, side by side in one run: file sizes,
// the command line end to end against `node -e JSON.parse(readFileSync(f))` of the same file,
// validation, core and the upload export in-process (each fast path beside its plain version),
// the Graph reader against the fake Graph at 50 ms, peak memory of the core (child processes),
// and in Chromium IndexedDB, the UI from file pick to counts and first rows (longest main-thread
// task from a performance trace, peak tab memory) and bundle sizes. --quick: S and M only (M
// stands in for L in the memory and browser parts). Writes test/bench/results.json
// (results.quick.json for --quick, results.L.json for --sizes=L) and prints markdown tables (table.ts).
// To add a measurement: a module beside this one exporting `bench…(…)`, a field in BenchResults,
// a step in STEPS below, and a table in table.ts.
// Surprise: it re-runs itself under a bigger heap and --expose-gc, since tsx cannot take node flags
// from package.json's script and L holds a 335 MB text beside its parsed copy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { L, M, S, XL } from '../../src/demo/profiles.ts';
import { type BrowserResult, benchBrowser, buildForBench, type UiFile } from './browser-bench.ts';
import { benchCli, type CliResult } from './cli-bench.ts';
import { benchCore, type CoreResult } from './core-bench.ts';
import { benchGraph, type GraphResult } from './graph-bench.ts';
import { benchMemory, type MemoryResult } from './memory-bench.ts';
import { benchReconcile, type ReconcileResult } from './reconcile-bench.ts';
import { type MachineInfo, machineInfo, round } from './stats.ts';
import { formatTables } from './table.ts';
import { type FileSizes, fileSizes, type TenantFiles, writeTenantFiles } from './tenant-files.ts';

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
  /** 1-minute load average at the start and end: the machine is shared, and this says how much. */
  load: { start: number; end: number };
  minutes: number;
  files: FileSizes[];
  sizes: Array<{
    profile: string;
    users: number;
    groups: number;
    selected: number;
    generateMs: number;
    /** In-process figures on the version 1 file, and on the version 2 file where there is one. */
    core: CoreResult;
    coreV2: CoreResult | null;
  }>;
  cli: CliResult[];
  graph: Array<GraphResult & { profile: string }>;
  memory: Array<MemoryResult & { profile: string }>;
  /** A 1,000,000-row HQ list read and reconciled against L (M with --quick). */
  reconcile?: ReconcileResult & { profile: string };
  browser: BrowserResult | null;
  notes: string[];
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
/**
 * --lean: what the issue's targets need, for a full run that must fit a deadline on a busy machine:
 * the command line at L and XL only, the browser on L (v1 and v2 gzip) and XL v2 gzip only, core
 * memory of the version 2 files only, no IndexedDB and no Graph reader. Noted in the results.
 */
const lean = args.has('--lean');
/** --sizes=L,XL: only those tenants (a focused rerun of one size after a change). */
const only = process.argv
  .find((arg) => arg.startsWith('--sizes='))
  ?.slice('--sizes='.length)
  .split(',');
const ALL_PROFILES = quick ? { S, M } : { S, M, L, XL };
const PROFILES = Object.fromEntries(
  Object.entries(ALL_PROFILES).filter(([name]) => only === undefined || only.includes(name)),
);
/**
 * Runs (in-process), rounds (command line) and page loads (browser) per size: fewer where one takes
 * minutes on a shared 2-core machine; `-- --runs=S:1,M:1,L:2` overrides. XL shows it completes.
 */
const RUNS: Record<string, number> = { S: 3, M: 3, L: 3, XL: 1 };
for (const pair of process.argv
  .find((arg) => arg.startsWith('--runs='))
  ?.slice('--runs='.length)
  .split(',') ?? []) {
  const [size, count] = pair.split(':');
  if (size !== undefined && Number(count) >= 1) RUNS[size] = Number(count);
}
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'dirsync-bench-'));
const tenants = new Map<string, TenantFiles>();
const results: BenchResults = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: machineInfo(),
  load: { start: round(loadavg()[0] ?? 0, 1), end: 0 },
  minutes: 0,
  files: [],
  sizes: [],
  cli: [],
  graph: [],
  memory: [],
  browser: null,
  notes: [],
};

// A run of some sizes only keeps its own file, so it never replaces a full run's results.
const out = join(
  import.meta.dirname,
  quick ? 'results.quick.json' : only === undefined ? 'results.json' : `results.${only.join('-')}.json`,
);
/** Written after every step, so a run stopped part-way keeps what it measured. */
const save = () => {
  results.load.end = round(loadavg()[0] ?? 0, 1);
  results.minutes = round((performance.now() - started) / 60_000, 1);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
};

async function sizesStep(): Promise<void> {
  for (const [name, options] of Object.entries(PROFILES)) {
    log(`${name}: generating and writing the files`);
    const files = await writeTenantFiles(work, name, options);
    tenants.set(name, files);
    results.files.push(fileSizes(files));
    const runs = RUNS[name] ?? 3;

    log(`${name}: in-process parse, validate, core, export × ${runs} (v1${files.v2 ? ', v2' : ''})`);
    const core = benchCore(files.v1.text, runs);
    const coreV2 = files.v2 === null ? null : benchCore(files.v2.text, runs);
    results.sizes.push({
      profile: name,
      users: options.users,
      groups: options.groups,
      selected: options.selected.length,
      generateMs: files.generateMs,
      core,
      coreV2,
    });
    log(`${name}: core ${core.coreRatio} × parse (v1)${coreV2 ? `, ${coreV2.coreRatio} × parse (v2)` : ''}`);
    if (name === (quick ? 'M' : 'L') && !args.has('--no-reconcile')) {
      log(`${name}: reconcile a 1,000,000-row list`);
      results.reconcile = { profile: name, ...benchReconcile(files.v1.text, 1_000_000, 3) };
      log(`${name}: reconcile ${results.reconcile.totalMs} ms (${results.reconcile.rowsPerSecond} rows/s)`);
    }

    log(`${name}: the command line end to end × ${runs}`);
    if (lean && (name === 'S' || name === 'M')) {
      save();
      continue;
    }
    const cli = await benchCli(files, runs);
    results.cli.push(cli);
    log(
      `${name}: preview --json v1 ${cli.v1OverParseV1} × parse v1${cli.v2OverParseV2 === null ? '' : `, v2 ${cli.v2OverParseV2} × parse v2`}`,
    );
    save();
  }
}

async function browserStep(): Promise<void> {
  if (args.has('--no-browser')) return;
  log('browser: building the app and the IndexedDB harness');
  const dist = await buildForBench();
  const uiFiles: UiFile[] = [];
  for (const name of quick ? ['M'] : ['L', 'XL']) {
    const files = tenants.get(name);
    if (files === undefined) continue;
    const runs = RUNS[name] ?? 1;
    if (!(lean && name === 'XL')) uiFiles.push({ label: `${name} v1`, file: files.v1.file, runs });
    if (files.v2 !== null) uiFiles.push({ label: `${name} v2 gzip`, file: files.v2.gzFile, runs });
  }
  const idb = tenants.get(quick ? 'M' : 'L');
  log(`browser: bundle sizes, IndexedDB (${idb?.profile}), UI (${uiFiles.map((f) => f.label).join(', ')})`);
  results.browser = await benchBrowser({
    dist,
    idbFile: lean ? null : (idb?.v1.file ?? null),
    idbProfile: idb?.profile ?? '',
    uiFiles,
    runs: RUNS[idb?.profile ?? ''] ?? 1,
  });
}

async function memoryStep(): Promise<void> {
  for (const name of quick ? ['M'] : ['L', 'XL']) {
    const files = tenants.get(name);
    if (files === undefined) continue;
    const heap = name === 'XL' ? 4_096 : 3_072;
    log(`${name}: core memory in a child process`);
    if (!(lean && files.v2 !== null))
      results.memory.push({ profile: `${name} v1`, ...(await benchMemory(files.v1.file, heap)) });
    if (files.v2 !== null)
      results.memory.push({ profile: `${name} v2`, ...(await benchMemory(files.v2.file, heap)) });
  }
}

async function graphStep(): Promise<void> {
  if (lean) return;
  for (const [name, options] of Object.entries(PROFILES)) {
    // The Graph reader at L serves 1,000,000 members through the fake: slow, but it completes.
    if (!(name === 'S' || name === 'M' || (name === 'L' && !args.has('--no-graph-l')))) continue;
    for (const throttled of name === 'L' ? [false] : [false, true]) {
      log(`${name}: Graph reader at ${LATENCY_MS} ms${throttled ? ', 5 % 429' : ''}`);
      results.graph.push({ profile: name, ...(await benchGraph(options, LATENCY_MS, throttled)) });
    }
  }
  results.notes.push(
    'Graph at L: fault-free only (the throttled run adds Retry-After waits, not information). XL: no Graph run (one group of 250,000 is M-like paging).',
  );
}

/** The steps in order: what the issue's targets need first, the Graph reader (slowest, apart) last. */
const STEPS: Array<[string, () => Promise<void>]> = [
  ['file sizes, in-process and the command line per size', sizesStep],
  ['the app in Chromium', browserStep],
  ['core memory', memoryStep],
  ['the Graph reader', graphStep],
];

if (only !== undefined) results.notes.push(`Sizes: ${Object.keys(PROFILES).join(', ')} only (--sizes).`);
if (lean)
  results.notes.push(
    'Lean run (--lean): the command line at L and XL only; the browser on L v1, L v2 gzip and XL v2 gzip; core memory of the v2 files; no IndexedDB, no Graph reader.',
  );
try {
  for (const [what, step] of STEPS) {
    log(`step: ${what}`);
    await step();
    save();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

process.stdout.write(`${formatTables(results)}\n`);
log(`wrote ${out} (${round(JSON.stringify(results).length / 1e3, 1)} KB)`);
