// The measurements that need Chromium, against a production build of the current source made
// into node_modules/.cache (so a build another session runs into dist/ meanwhile cannot change
// what is measured): bytes the start page loads before any click (gzip), every later chunk,
// IndexedDB save/load through the app's own store, and the UI while previewing a big snapshot
// opened through the app's file input as a user picks it: time to the overview's counts and to the
// first recipient rows, the longest main-thread task from a Chromium performance trace (trace.ts;
// the page's own long-task observer beside it), peak tab memory and the recipient table's DOM nodes.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { REPO_ROOT, startE2E } from '../e2e/support/start-e2e.ts';
import type { IdbRun, IdbTimes } from './idb-harness/main.ts';
import { median, round } from './stats.ts';
import { startTrace } from './trace.ts';

const CACHE = join(REPO_ROOT, 'node_modules/.cache');
const APP_OUT = join(CACHE, 'bench-dist');
const IDB_OUT = join(CACHE, 'bench-idb-harness');
const IDB_PATH = '/__bench/idb/';
const DATA_PATH = '/__bench/data/';

export async function buildForBench(): Promise<string> {
  await build({
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir: APP_OUT, emptyOutDir: true },
  });
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'idb-harness'),
    base: IDB_PATH,
    logLevel: 'warn',
    publicDir: false,
    build: { outDir: IDB_OUT, emptyOutDir: true, target: 'es2022', sourcemap: false },
  });
  return APP_OUT;
}

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleResult {
  /** What the start page requests before any click (service worker blocked: its precache is not the page's need). */
  startPage: FileSize[];
  startPageGzip: number;
  /** Every other script or stylesheet of the build, loaded later (or never) by the page. */
  later: Array<FileSize & { loadedWhen: string }>;
}

async function sizeOf(root: string, file: string): Promise<FileSize> {
  const bytes = await readFile(join(root, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, path)));
    else out.push(relative(root, path));
  }
  return out;
}

const LONGTASKS = `
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longtasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

export interface IdbSummary {
  saveMs: number | null;
  loadMs: number | null;
  error: string | null;
}

const summarize = (times: IdbTimes): IdbSummary => ({
  saveMs: times.saveMs.length > 0 ? round(median(times.saveMs), 0) : null,
  loadMs: times.loadMs.length > 0 ? round(median(times.loadMs), 0) : null,
  error: times.error,
});

export interface BrowserResult {
  bundle: BundleResult;
  idb?: {
    profile: string;
    bytes: number;
    runs: number;
    /** Through the app's snapshot store (the file as a Blob, as the app keeps it). */
    store: IdbSummary;
    /** The same text as a Blob in a bare object store, for comparison. */
    blob: IdbSummary;
  };
  ui: UiResult[];
}

export async function benchBrowser(options: {
  dist: string;
  idbFile: string | null;
  idbProfile: string;
  uiFiles: readonly UiFile[];
  runs: number;
}): Promise<BrowserResult> {
  const dataDir = dirname(options.idbFile ?? options.uiFiles[0]?.file ?? REPO_ROOT);
  const e2e = await startE2E({
    dist: options.dist,
    mounts: { [IDB_PATH]: IDB_OUT, [DATA_PATH]: `${dataDir}/` },
    serviceWorkers: 'block',
  });
  try {
    const { page, baseUrl } = e2e;
    await page.addInitScript(LONGTASKS);
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const startFiles = [...new Set(e2e.requests.filter((url) => url.startsWith(baseUrl)).map(localPath))];
    const startPage = await Promise.all(startFiles.map((file) => sizeOf(options.dist, file)));

    const ui: UiResult[] = [];
    for (const file of options.uiFiles) ui.push(await previewInUi(e2e, file));

    const loaded = new Set(e2e.requests.filter((url) => url.startsWith(baseUrl)).map(localPath));
    const built = (await listFiles(options.dist)).filter(
      (file) => /\.(js|css)$/.test(file) && file !== 'sw.js',
    );
    const later = await Promise.all(
      built
        .filter((file) => !startFiles.includes(file))
        .map(async (file) => ({
          ...(await sizeOf(options.dist, file)),
          loadedWhen: loaded.has(file) ? 'opening a snapshot' : await laterUse(options.dist, file),
        })),
    );
    const bundle = { startPage, startPageGzip: startPage.reduce((sum, f) => sum + f.gzip, 0), later };

    let idb: BrowserResult['idb'];
    if (options.idbFile !== null) {
      const idbPage = await e2e.context.newPage();
      await idbPage.goto(`${baseUrl}${IDB_PATH}index.html`);
      await idbPage.waitForFunction(() => 'benchIdb' in window);
      const url = `${DATA_PATH}${options.idbFile.slice(dataDir.length + 1)}`;
      const run = (await idbPage.evaluate(
        ([u, n]) =>
          (window as unknown as { benchIdb(u: string, n: number): Promise<unknown> }).benchIdb(u, n),
        [url, options.runs] as const,
      )) as IdbRun;
      idb = {
        profile: options.idbProfile,
        bytes: run.bytes,
        runs: options.runs,
        store: summarize(run.store),
        blob: summarize(run.blob),
      };
      await idbPage.close();
    }
    return { bundle, ...(idb ? { idb } : {}), ui };
  } finally {
    await e2e.close();
  }
}

/** What a chunk this run did not load is for, told by its content (MSAL names itself in its code). */
async function laterUse(root: string, file: string): Promise<string> {
  const code = await readFile(join(root, file), 'utf8');
  if (/msal|@azure\//i.test(code)) return 'connecting a tenant (MSAL and its loader)';
  if (file.startsWith('assets/redirect')) return 'the sign-in redirect page';
  return 'not during this run (a lazy part of MSAL or another action)';
}

function localPath(url: string): string {
  const path = new URL(url).pathname.replace(/^\//, '');
  return path === '' ? 'index.html' : path;
}

export interface UiFile {
  /** e.g. "L v1", "L v2 gzip". */
  label: string;
  file: string;
  runs: number;
}

export interface UiResult {
  label: string;
  snapshot: string;
  bytes: number;
  runs: number;
  completed: boolean;
  crashed: boolean;
  error?: string;
  /** From setting the file on the input to the overview's recipient count on screen, median. */
  countsMs?: number;
  /** From setting the file to the first recipient row on screen (Recipients tab clicked once the counts show), median. */
  firstRowsMs?: number;
  /** Longest main-thread task in the Chromium trace, pick to settled, worst run. */
  longestTaskMs?: number;
  /** What inside that task took longest (a trace event name). */
  longestTaskInside?: string;
  /** CPU time of that task, and the most CPU time of any one main-thread task, worst run (ms). */
  longestTaskCpuMs?: number;
  mostCpuInOneTaskMs?: number;
  tasksOver50?: number;
  /** The longest task the page's own PerformanceObserver saw, worst run (for comparison). */
  observerLongestMs?: number;
  /** Peak resident memory of the tab's renderer process (page and worker), median. */
  peakTabMiB?: number;
  tableDomNodes?: number;
  pageDomNodes?: number;
}

async function previewInUi(e2e: Awaited<ReturnType<typeof startE2E>>, target: UiFile): Promise<UiResult> {
  const bytes = (await stat(target.file)).size;
  const base = { label: target.label, snapshot: target.file, bytes, runs: target.runs };
  const runs: Array<Omit<UiResult, 'label' | 'snapshot' | 'bytes' | 'runs' | 'completed' | 'crashed'>> = [];
  for (let run = 0; run < target.runs; run++) {
    const page = await e2e.context.newPage();
    await page.addInitScript(LONGTASKS);
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    try {
      await page.goto(`${e2e.baseUrl}/`, { waitUntil: 'networkidle' });
      const trace = await startTrace(page);
      const startedAt = await page.evaluate(() => performance.now());
      await page.setInputFiles('input[type=file]', target.file);
      await page.getByTestId('recipient-count').waitFor({ timeout: 300_000 });
      const countsAt = await page.evaluate(() => performance.now());
      await page.getByRole('tab', { name: /Recipients/ }).click({ timeout: 300_000 });
      await page.locator('.vt-body tr.vt-row:not(.vt-loading)').first().waitFor({ timeout: 300_000 });
      const firstRowsAt = await page.evaluate(() => performance.now());
      // Let what the first rows set off finish (the count of the filter, the audit, and keeping
      // the snapshot in IndexedDB, which compresses it), so the trace holds their tasks too.
      await page.locator('.vt-table[aria-busy="false"]').waitFor({ timeout: 300_000 });
      await page.waitForFunction(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('dirsync-preflight');
            open.onerror = () => resolve(false);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('snapshots')) {
                db.close();
                resolve(false);
                return;
              }
              const count = db.transaction('snapshots').objectStore('snapshots').count();
              count.onsuccess = () => {
                db.close();
                resolve(count.result > 0);
              };
              count.onerror = () => {
                db.close();
                resolve(false);
              };
            };
          }),
        undefined,
        { polling: 250, timeout: 300_000 },
      );
      const measured = await page.evaluate((since) => {
        const tasks = (
          window as unknown as { __longtasks: Array<{ start: number; ms: number }> }
        ).__longtasks.filter((task) => task.start >= since);
        return {
          longest: Math.max(0, ...tasks.map((task) => task.ms)),
          table: document.querySelector('.vt-table')?.querySelectorAll('*').length ?? 0,
          all: document.querySelectorAll('*').length,
        };
      }, startedAt);
      const traced = await trace.stop();
      if (crashed) throw new Error('the tab crashed');
      runs.push({
        countsMs: Math.round(countsAt - startedAt),
        firstRowsMs: Math.round(firstRowsAt - startedAt),
        longestTaskMs: traced.longestTaskMs,
        longestTaskInside: traced.longestTaskInside,
        ...(traced.longestTaskCpuMs === null ? {} : { longestTaskCpuMs: traced.longestTaskCpuMs }),
        ...(traced.mostCpuInOneTaskMs === null ? {} : { mostCpuInOneTaskMs: traced.mostCpuInOneTaskMs }),
        tasksOver50: traced.tasksOver50,
        observerLongestMs: Math.round(measured.longest),
        ...(traced.peakRendererMiB === null ? {} : { peakTabMiB: traced.peakRendererMiB }),
        tableDomNodes: measured.table,
        pageDomNodes: measured.all,
      });
    } catch (error) {
      return { ...base, completed: false, crashed, error: String(error).split('\n')[0] ?? '' };
    } finally {
      await page.close().catch(() => undefined);
    }
  }
  const worst = runs.reduce((a, b) => ((b.longestTaskMs ?? 0) > (a.longestTaskMs ?? 0) ? b : a));
  const med = (pick: (r: (typeof runs)[number]) => number | undefined) => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : Math.round(median(values));
  };
  const out: UiResult = { ...base, completed: true, crashed: false };
  const assign = <K extends keyof UiResult>(key: K, value: UiResult[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  assign(
    'countsMs',
    med((r) => r.countsMs),
  );
  assign(
    'firstRowsMs',
    med((r) => r.firstRowsMs),
  );
  assign('longestTaskMs', worst.longestTaskMs);
  assign('longestTaskInside', worst.longestTaskInside);
  assign('longestTaskCpuMs', worst.longestTaskCpuMs);
  const cpu = runs.map((r) => r.mostCpuInOneTaskMs).filter((v): v is number => v !== undefined);
  assign('mostCpuInOneTaskMs', cpu.length === 0 ? undefined : Math.max(...cpu));
  assign('tasksOver50', Math.max(...runs.map((r) => r.tasksOver50 ?? 0)));
  assign('observerLongestMs', Math.max(...runs.map((r) => r.observerLongestMs ?? 0)));
  assign(
    'peakTabMiB',
    med((r) => r.peakTabMiB),
  );
  assign('tableDomNodes', worst.tableDomNodes);
  assign('pageDomNodes', worst.pageDomNodes);
  return out;
}
