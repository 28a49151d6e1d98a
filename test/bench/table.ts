// The benchmark's results as markdown tables (printed, and pasted into the README), each target
// marked met (✓) or missed (✗).
import type { BenchResults } from './run.ts';

const n = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const mb = (bytes: number): string => `${n(bytes / 1e6, 1)} MB`;
const kb = (bytes: number): string => `${n(bytes / 1e3, 1)} KB`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

export function formatTables(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node} (${m.platform}); ${results.mode} run, ${results.date}.`,
    '',
  ];
  out.push(
    table(
      [
        'size',
        'snapshot',
        'edges',
        'JSON.parse',
        'validation (× parse ≤ 1.0)',
        'core (× parse ≤ 0.5)',
        'CSV rows/s',
        'CSV (× unparse ≥ 0.8)',
      ],
      results.sizes.map((s) => [
        s.profile,
        mb(s.core.bytes),
        n(s.core.memberEdges),
        `${n(s.core.jsonParseMs)} ms`,
        `${n(s.core.validateMs)} ms = ${n(s.core.validateRatio, 2)} ${mark(s.core.validateRatio <= 1)}`,
        `${n(s.core.coreMs)} ms = ${n(s.core.coreRatio, 2)} ${mark(s.core.coreRatio <= 0.5)}`,
        n(s.core.csvRowsPerSecond),
        `${n(s.core.csvVsUnparse, 2)} ${mark(s.core.csvVsUnparse >= 0.8)}`,
      ]),
    ),
    '',
  );
  out.push(
    table(
      [
        'Graph @ latency',
        '429s',
        'requests / min (≤ 1.05)',
        'round trips / min',
        'wall / min × latency (≤ 1.5)',
        'CPU (reader + fake)',
      ],
      results.graph.map((g) => [
        `${g.profile} @ ${g.latencyMs} ms`,
        g.throttled ? `5 % (${n(g.answered429)} answered, Retry-After 1 s)` : 'none',
        `${n(g.requests)} / ${n(g.minRequests)} = ${n(g.requestsRatio, 2)} ${mark(g.requestsRatio <= 1.05)}`,
        `${n(g.roundTrips)} / ${n(g.minRoundTrips)}`,
        `${n(g.wallMs / 1000, 1)} s / ${n(g.minWallMs / 1000, 1)} s = ${n(g.wallRatio, 2)} ${g.throttled ? '(waits)' : mark(g.wallRatio <= 1.5)}`,
        `${n(g.cpuMs / 1000, 1)} s`,
      ]),
    ),
    '',
  );
  out.push(
    table(
      [
        'core memory',
        'heap limit',
        'completed',
        'heap before core',
        'heap after core',
        'peak heap during core',
        'peak RSS',
      ],
      results.memory.map((r) => [
        r.profile,
        `${n(r.maxOldSpaceMiB)} MiB`,
        r.completed ? '✓' : `✗ ${r.error ?? ''}`,
        `${n(r.heapBeforeMiB)} MiB`,
        `${n(r.heapAfterMiB)} MiB`,
        `${n(r.peakHeapDuringCoreMiB)} MiB`,
        `${n(r.peakRssMiB)} MiB`,
      ]),
    ),
    '',
  );
  const b = results.browser;
  if (b !== null) {
    if (b.idb) {
      const idb = b.idb;
      const line = (what: string, t: typeof idb.store) =>
        t.error === null
          ? `${what}: save ${n(t.saveMs ?? undefined)} ms, load ${n(t.loadMs ?? undefined)} ms`
          : `${what}: ✗ ${t.error}`;
      out.push(
        `IndexedDB in Chromium, ${idb.profile} (${mb(idb.bytes)}), median of ${idb.runs}:`,
        '',
        `- ${line("the app's snapshot store (the file as a Blob, made and read back in the timing)", idb.store)}`,
        `- ${line('the same text as a Blob (bare object store, for comparison)', idb.blob)}`,
        '',
      );
    }
    out.push(
      table(
        [
          'UI (Chromium)',
          'completed',
          'first rows',
          'longest main-thread task (≤ 50 ms)',
          'tasks > 50 ms',
          'recipient table DOM nodes',
        ],
        b.ui.map((u) => [
          `${u.profile} (${mb(u.bytes)})`,
          u.completed ? (u.crashed ? '✗ tab crashed' : '✓') : `✗ ${u.error ?? ''}`,
          `${n(u.firstRowsMs)} ms`,
          `${n(u.longestTaskMs)} ms ${u.longestTaskMs === undefined ? '' : mark(u.longestTaskMs <= 50)}`,
          n(u.longTasksOver50),
          n(u.tableDomNodes),
        ]),
      ),
      '',
    );
    out.push(
      table(
        ['loaded', 'file', 'gzip'],
        [
          ...b.bundle.startPage.map((f) => ['start page', f.file, kb(f.gzip)]),
          [
            'start page',
            `**total** (≤ 150 KB ${mark(b.bundle.startPageGzip <= 150_000)})`,
            `**${kb(b.bundle.startPageGzip)}**`,
          ],
          ...b.bundle.later.map((f) => [f.loadedWhen, f.file, kb(f.gzip)]),
        ],
      ),
      '',
    );
  }
  return out.join('\n');
}
