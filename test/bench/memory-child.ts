// Child process of the memory benchmark: reads a snapshot file, parses and validates it, then runs
// the core once, and prints one JSON line with the memory before and after the core and the
// process's peak RSS. Run apart from the benchmark so earlier sizes' garbage does not count, and
// under --max-old-space-size, so "completes" means "completes within that heap".
import { readFileSync } from 'node:fs';
import { parseSnapshotText } from '../../src/core/parse-snapshot.ts';
import { computePreview } from '../../src/core/preview.ts';

const MiB = 2 ** 20;
const file = process.argv[2];
if (file === undefined) throw new Error('usage: memory-child.ts <snapshot.json>');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const text = readFileSync(file, 'utf8');
const parsed = parseSnapshotText(text);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
gc();
const before = process.memoryUsage();
// With --trace-gc, the GC lines after this marker show the heap while the core runs (memory-bench.ts).
process.stdout.write('core: start\n');
const start = performance.now();
const preview = computePreview(parsed.data);
const coreMs = performance.now() - start;
const after = process.memoryUsage();
process.stdout.write('core: end\n');
gc();
const retained = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    recipients: preview.audience.recipients,
    coreMs: Math.round(coreMs),
    heapBeforeMiB: Math.round(before.heapUsed / MiB),
    heapAfterMiB: Math.round(after.heapUsed / MiB),
    coreRetainedMiB: Math.round((retained.heapUsed - before.heapUsed) / MiB),
    rssBeforeMiB: Math.round(before.rss / MiB),
    peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
  })}\n`,
);
