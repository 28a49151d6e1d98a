// The benchmark's results as markdown tables (printed, and pasted into the README), each target
// marked met (✓) or missed (✗). Targets that the issue sets at L are marked at L only.
import type { CliTiming } from './cli-bench.ts';
import type { CoreResult } from './core-bench.ts';
import type { BenchResults } from './run.ts';

const n = (value: number | null | undefined, digits = 0): string =>
  value === undefined || value === null || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
/** A target mark where the target applies (`at` true), else nothing. */
const target = (value: number | null | undefined, ok: (v: number) => boolean, at = true): string =>
  !at || value === null || value === undefined ? '' : ` ${mark(ok(value))}`;
const mb = (bytes: number | null | undefined): string =>
  bytes === null || bytes === undefined ? '–' : `${n(bytes / 1e6, 1)} MB`;
const kb = (bytes: number): string => `${n(bytes / 1e3, 1)} KB`;
const pct = (share: number | null): string => (share === null ? '–' : `${n(share * 100, 1)} %`);
const secs = (t: CliTiming | null): string => (t === null ? '–' : `${n(t.ms / 1000, 2)} s`);

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
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node} (${m.platform}); ${results.mode} run, ${results.date}, ${n(results.minutes, 0)} minutes; 1-minute load average ${n(results.load.start, 1)} at the start, ${n(results.load.end, 1)} at the end (the machine is shared).`,
    ...results.notes.map((note) => `${note}\n`),
    '',
  ];
  out.push(
    table(
      ['size', 'users / groups / selected', 'v1 file', 'v2 file (≤ 33 % at L)', 'v2 gzip (≤ 11 % at L)'],
      results.files.map((f) => {
        const size = results.sizes.find((s) => s.profile === f.profile);
        const atL = f.profile === 'L';
        return [
          f.profile,
          size ? `${n(size.users)} / ${n(size.groups)} / ${n(size.selected)}` : '',
          mb(f.v1Bytes),
          `${mb(f.v2Bytes)} = ${pct(f.v2Share)}${target(f.v2Share, (v) => v <= 0.33, atL)}`,
          `${mb(f.v2GzipBytes)} = ${pct(f.v2GzipShare)}${target(f.v2GzipShare, (v) => v <= 0.11, atL)}`,
        ];
      }),
    ),
    '',
  );
  out.push(
    'The command line end to end (`npm run --silent cli -- preview <file> --json`, process start to exit) against `node -e "JSON.parse(readFileSync(f))"` of the same file; ratios per round, median:',
    '',
    table(
      [
        'size',
        'JSON.parse v1',
        'preview v1 (× parse v1 ≤ 1.6)',
        'JSON.parse v2',
        'preview v2 (× parse v2 ≤ 2.0)',
        'preview v2 × parse v1 (≤ 1.0)',
        'preview v2 gzip',
        '--csv adds (× parse ≤ 0.3) v1 / v2',
        '--csv --segments adds, v2',
        'peak RSS v1 / v2',
      ],
      results.cli.map((c) => {
        const atL = c.profile === 'L';
        return [
          c.profile,
          secs(c.parseV1),
          `${secs(c.previewV1)} = ${n(c.v1OverParseV1, 2)}${target(c.v1OverParseV1, (v) => v <= 1.6, atL)}`,
          secs(c.parseV2),
          `${secs(c.previewV2)} = ${n(c.v2OverParseV2, 2)}${target(c.v2OverParseV2, (v) => v <= 2.0, atL)}`,
          `${n(c.v2OverParseV1, 2)}${target(c.v2OverParseV1, (v) => v <= 1.0, atL)}`,
          `${secs(c.previewV2Gzip)} = ${n(c.v2GzipOverParseV2, 2)} × parse v2`,
          `${n(c.csvAddsV1, 2)}${target(c.csvAddsV1, (v) => v <= 0.3, atL)} / ${n(c.csvAddsV2, 2)}${target(c.csvAddsV2, (v) => v <= 0.3, atL)}`,
          n(c.csvSegmentsAddsV2, 2),
          `${n(c.previewV1.peakRssMiB)} / ${n(c.previewV2?.peakRssMiB)} MiB`,
        ];
      }),
    ),
    '',
  );
  const coreRows: string[][] = [];
  for (const s of results.sizes)
    for (const [format, core] of [
      ['v1', s.core],
      ['v2', s.coreV2],
    ] as Array<[string, CoreResult | null]>) {
      if (core === null) continue;
      coreRows.push([
        `${s.profile} ${format}`,
        mb(core.bytes),
        n(core.memberEdges),
        `${n(core.jsonParseMs)} ms`,
        `${n(core.validateMs)} ms = ${n(core.validateRatio, 2)}${target(core.validateRatio, (v) => v <= 1)}`,
        `${n(core.coreMs)} ms = ${n(core.coreRatio, 2)}${target(core.coreRatio, (v) => v <= 0.5, format === 'v2')}`,
        `${n(core.exportMs)} ms = ${n(core.exportRatio, 2)} (plain ${n(core.plainExportMs)} ms)`,
        `${n(core.exportSegmentsMs)} ms = ${n(core.exportSegmentsRatio, 2)} (plain ${n(core.plainExportSegmentsMs)} ms)`,
        `${n(core.csvVsUnparse, 2)}${target(core.csvVsUnparse, (v) => v >= 0.8)}`,
      ]);
    }
  out.push(
    'In-process, per file (ratios to `JSON.parse` of that file, run by run, median); the export as the user runs it (rows built, then serialised) beside the plain rows it replaced:',
    '',
    table(
      [
        'size',
        'file',
        'edges',
        'JSON.parse',
        'validation (× parse ≤ 1.0)',
        'core (× parse ≤ 0.5 on v2)',
        'export, Segments off',
        'export, Segments on',
        'serialiser × Papa.unparse (≥ 0.8)',
      ],
      coreRows,
    ),
    '',
  );
  out.push(
    'The fast paths beside the plain versions they replaced (same data, same run, median ms):',
    '',
    table(
      [
        'size',
        'segments: bitmask / address map',
        'depth check: second walk saved',
        'mailbox rule: ASCII pass / regex (addresses)',
      ],
      results.sizes.map((s) => {
        const c = s.coreV2 ?? s.core;
        return [
          `${s.profile} ${s.coreV2 ? 'v2' : 'v1'}`,
          `${n(c.segmentsMs, 1)} / ${n(c.plainSegmentsMs, 1)} ms`,
          `${n(s.core.plainDepthWalkMs, 1)} ms (v1)`,
          `${n(c.mailboxMs, 1)} / ${n(c.plainMailboxMs, 1)} ms (${n(c.mailboxes)})`,
        ];
      }),
    ),
    '',
  );
  if (results.graph.length > 0)
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
  if (results.memory.length > 0)
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
    const todays = (label: string) => b.ui.find((u) => u.label === label.replace(/ v2 gzip$/, ' v1'));
    out.push(
      'The app in Chromium from file pick (medians of the runs; longest task and tasks over 50 ms: the worst run, from a performance trace of the tab; peak tab memory: the renderer process, page and worker):',
      '',
      table(
        [
          'file',
          'runs',
          'completed',
          'to counts',
          'to first rows (v2 gzip ≤ 0.5 × v1 at L)',
          'longest main-thread task (≤ 50 ms)',
          'its CPU time; most CPU in one task',
          'tasks > 50 ms',
          "page's own observer",
          'peak tab memory',
        ],
        b.ui.map((u) => {
          const v1 = todays(u.label);
          const share =
            u.label.endsWith('v2 gzip') && v1?.firstRowsMs !== undefined && u.firstRowsMs !== undefined
              ? u.firstRowsMs / v1.firstRowsMs
              : null;
          return [
            `${u.label} (${mb(u.bytes)})`,
            n(u.runs),
            u.completed ? '✓' : `✗ ${u.crashed ? 'tab crashed' : (u.error ?? '')}`,
            u.countsMs === undefined ? '–' : `${n(u.countsMs / 1000, 1)} s`,
            u.firstRowsMs === undefined
              ? '–'
              : `${n(u.firstRowsMs / 1000, 1)} s${share === null ? '' : ` = ${n(share, 2)} × v1${target(share, (v) => v <= 0.5, u.label.startsWith('L '))}`}`,
            u.longestTaskMs === undefined
              ? '–'
              : `${n(u.longestTaskMs)} ms${u.longestTaskInside ? ` (${u.longestTaskInside})` : ''} ${mark(u.longestTaskMs <= 50)}`,
            `${n(u.longestTaskCpuMs)} ms; ${n(u.mostCpuInOneTaskMs)} ms`,
            n(u.tasksOver50),
            u.observerLongestMs === undefined ? '–' : `${n(u.observerLongestMs)} ms`,
            u.peakTabMiB === undefined ? '–' : `${n(u.peakTabMiB)} MiB`,
          ];
        }),
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
