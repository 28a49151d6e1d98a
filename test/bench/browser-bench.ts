// The measurements that need Chromium, against a production build of the current source made
// into node_modules/.cache (so a build another session runs into dist/ meanwhile cannot change
// what is measured): bytes the start page loads before any click (gzip), every later chunk,
// IndexedDB save/load through the app's own store, and the UI while previewing a big snapshot
// opened through the app's file input: the longest main-thread task (PerformanceObserver long
// tasks), the time to the first recipient rows and the DOM nodes of the recipient table.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { REPO_ROOT, startE2E } from '../e2e/support/start-e2e.ts';
import type { IdbRun, IdbTimes } from './idb-harness/main.ts';
import { median, round } from './stats.ts';

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

export interface UiResult {
  snapshot: string;
  bytes: number;
  completed: boolean;
  crashed: boolean;
  error?: string;
  /** From setting the file on the input to the first recipient row on screen (Recipients tab clicked as soon as it shows). */
  firstRowsMs?: number;
  longestTaskMs?: number;
  longTasksOver50?: number;
  tableDomNodes?: number;
  pageDomNodes?: number;
}

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
  uiFiles: readonly string[];
  runs: number;
}): Promise<BrowserResult> {
  const dataDir = dirname(options.idbFile ?? options.uiFiles[0] ?? REPO_ROOT);
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

async function previewInUi(e2e: Awaited<ReturnType<typeof startE2E>>, file: string): Promise<UiResult> {
  const page = await e2e.context.newPage();
  await page.addInitScript(LONGTASKS);
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  const bytes = (await stat(file)).size;
  try {
    await page.goto(`${e2e.baseUrl}/`, { waitUntil: 'networkidle' });
    const startedAt = await page.evaluate(() => performance.now());
    await page.setInputFiles('input[type=file]', file);
    await page.getByRole('tab', { name: /Recipients/ }).click({ timeout: 180_000 });
    await page.locator('.vt-body tr.vt-row:not(.vt-loading)').first().waitFor({ timeout: 180_000 });
    const firstRowsAt = await page.evaluate(() => performance.now());
    // Let anything the first rows set off (counting, the audit) finish before reading the tasks.
    await page.waitForTimeout(3_000);
    const measured = await page.evaluate((since) => {
      const tasks = (
        window as unknown as { __longtasks: Array<{ start: number; ms: number }> }
      ).__longtasks.filter((task) => task.start >= since);
      return {
        longest: Math.max(0, ...tasks.map((task) => task.ms)),
        over50: tasks.filter((task) => task.ms > 50).length,
        table: document.querySelector('.vt-table')?.querySelectorAll('*').length ?? 0,
        all: document.querySelectorAll('*').length,
      };
    }, startedAt);
    return {
      snapshot: file,
      bytes,
      completed: true,
      crashed,
      firstRowsMs: Math.round(firstRowsAt - startedAt),
      longestTaskMs: Math.round(measured.longest),
      longTasksOver50: measured.over50,
      tableDomNodes: measured.table,
      pageDomNodes: measured.all,
    };
  } catch (error) {
    return { snapshot: file, bytes, completed: false, crashed, error: String(error).split('\n')[0] ?? '' };
  } finally {
    await page.close().catch(() => undefined);
  }
}
