// A Chromium performance trace of one page (CDP Tracing, the data the Performance panel shows),
// reduced to what the benchmark reports: the page's main-thread tasks (RunTask on CrRendererMain
// of the page's renderer process), the longest one and what inside it took longest, and the
// renderer's peak resident memory (main thread and the page's workers live in that process).
// Why a trace: the page's own PerformanceObserver for long tasks missed a 51–65 ms Layout at the
// first rows (issue #16), and cannot see past its own document.
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the task cost the thread, without the time it waited for a core. */
  tdur?: number;
  args?: {
    name?: string;
    data?: {
      frames?: Array<{ processId?: number; url?: string; parent?: string }>;
      /** EventDispatch: the DOM event's type (click, message, …). */
      type?: string;
      /** FunctionCall: the script function called, and where it is. */
      functionName?: string;
      url?: string;
      lineNumber?: number;
    };
  };
}

export interface TraceSummary {
  /** Longest main-thread task of the page, ms (wall time, as the user waits). */
  longestTaskMs: number;
  /** The CPU time of that task, ms: far below the wall time when the machine made it wait for a core. */
  longestTaskCpuMs: number | null;
  /** The most CPU time any one main-thread task took, ms. */
  mostCpuInOneTaskMs: number | null;
  /** The longest events inside that task, task wrappers aside (e.g. "Layout 48 ms, FunctionCall 3 ms"). */
  longestTaskInside: string;
  tasksOver50: number;
  tasks: number;
  rendererPid: number | null;
  /** VmHWM of the renderer process: its peak resident memory since it started, MiB. */
  peakRendererMiB: number | null;
}

const WRAPPERS = new Set([
  'RunTask',
  'ThreadControllerImpl::RunTask',
  'Receive mojo message',
  'ThreadPool_RunTask',
]);

const CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
];

export async function startTrace(page: Page): Promise<{ stop(): Promise<TraceSummary> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    // Only what the summary reads, so a long trace stays small in memory.
    for (const event of data.value as unknown as TraceEvent[])
      if (event.ph === 'M' || event.ph === 'X' || event.name === 'TracingStartedInBrowser')
        events.push(event);
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] },
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => undefined);
      return summarize(events, page.url());
    },
  };
}

function summarize(events: readonly TraceEvent[], pageUrl: string): TraceSummary {
  const frames = events
    .filter((event) => event.name === 'TracingStartedInBrowser')
    .flatMap((event) => event.args?.data?.frames ?? []);
  const top = frames.find((frame) => frame.parent === undefined && frame.url === pageUrl) ?? frames[0];
  const mainThreads = events.filter(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  const rendererPid = top?.processId ?? mainThreads[0]?.pid ?? null;
  const main = mainThreads.find((event) => event.pid === rendererPid);
  const onMain = events.filter(
    (event) => event.ph === 'X' && main !== undefined && event.pid === main.pid && event.tid === main.tid,
  );
  const tasks = onMain.filter(
    (event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask',
  );
  let longest: TraceEvent | null = null;
  for (const task of tasks) if (longest === null || (task.dur ?? 0) > (longest.dur ?? 0)) longest = task;
  // The longest events inside it, generic task wrappers aside: what the task was busy with.
  const inside: string[] = [];
  if (longest !== null) {
    const start = longest.ts;
    const end = start + (longest.dur ?? 0);
    const within = onMain
      .filter(
        (event) => event !== longest && !WRAPPERS.has(event.name) && event.ts >= start && event.ts <= end,
      )
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
    for (const event of within) {
      if (inside.length === 3) break;
      const label = `${event.name}${detailOf(event)} ${Math.round((event.dur ?? 0) / 1000)} ms`;
      if (!inside.some((seen) => seen.startsWith(`${event.name} `))) inside.push(label);
    }
  }
  return {
    longestTaskMs: longest === null ? 0 : Math.round((longest.dur ?? 0) / 1000),
    longestTaskCpuMs: longest?.tdur === undefined ? null : Math.round(longest.tdur / 1000),
    mostCpuInOneTaskMs: tasks.some((task) => task.tdur !== undefined)
      ? Math.round(Math.max(...tasks.map((task) => task.tdur ?? 0)) / 1000)
      : null,
    longestTaskInside: inside.join(', '),
    tasksOver50: tasks.filter((task) => (task.dur ?? 0) > 50_000).length,
    tasks: tasks.length,
    rendererPid,
    peakRendererMiB: rendererPid === null ? null : peakMiB(rendererPid),
  };
}

function peakMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** What a trace event was about, when the trace says: ` (click)`, ` (onMessage main-x.js:1)`. */
function detailOf(event: TraceEvent): string {
  const data = event.args?.data;
  if (event.name === 'EventDispatch' && data?.type) return ` (${data.type})`;
  if (event.name === 'FunctionCall' && (data?.functionName || data?.url)) {
    const file = data.url?.split('/').pop() ?? '';
    return ` (${[data.functionName || '(anonymous)', file && `${file}:${data.lineNumber ?? '?'}`].filter(Boolean).join(' ')})`;
  }
  return '';
}
