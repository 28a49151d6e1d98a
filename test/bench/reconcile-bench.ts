// Reconcile at scale: a 1,000,000-row audience list against a tenant's preview (the L tenant in
// `npm run bench`). The list is built from the preview itself — most recipients (1 % left out, 2 %
// with another name), every listed-but-excluded address the audience has, repeats in another case,
// invalid rows, and strangers to reach the row count — then written as a semicolon CSV and read
// back in 1 MiB chunks, as the worker reads a dropped file. `npm run bench` runs it against L
// (M with --quick); alone: `npx tsx test/bench/reconcile-bench.ts` (generates L, prints JSON).

import { computePreview, type Preview } from '../../src/core/preview.ts';
import { audienceExclusions, audienceRecipients } from '../../src/core/preview-rows.ts';
import { reconcile } from '../../src/core/reconcile.ts';
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { L } from '../../src/demo/profiles.ts';
import { createAudienceListReader } from '../../src/export/read-audience-list.ts';
import { collectGarbage, median, round, timed } from './stats.ts';

export interface ReconcileResult {
  rows: number;
  bytes: number;
  predicted: number;
  runs: number;
  /** Reading the CSV (papaparse step mode, 1 MiB chunks) into the list's distinct addresses. */
  readMs: number;
  /** Classifying both sides once the list is read. */
  reconcileMs: number;
  totalMs: number;
  /** CPU time of reading and reconciling (this process, GC threads included): steadier than wall time on a shared machine. */
  cpuMs: number;
  rowsPerSecond: number;
}

const CHUNK = 1 << 20;

export function buildAudienceCsv(preview: Preview, rows: number): string {
  const lines = ['Full name;Email address'];
  const recipients = audienceRecipients(preview);
  recipients.forEach((row, i) => {
    if (i % 100 === 7) return; // missing-from-list
    lines.push(`${i % 50 === 3 ? `${row.name} (HQ)` : row.name};${row.email}`);
    if (i % 40 === 1) lines.push(`${row.name};${row.email.toUpperCase()}`); // a duplicate
  });
  for (const row of audienceExclusions(preview)) if (row.email !== '') lines.push(`${row.name};${row.email}`);
  for (let i = 0; lines.length <= rows; i++)
    lines.push(
      i % 97 === 0 ? `Broken ${i};not an address ${i}` : `Stranger ${i};stranger.${i}@elsewhere.example`,
    );
  return `${lines.slice(0, rows + 1).join('\r\n')}\r\n`;
}

/** Reads the snapshot (not timed) and times reading a `rows`-row list and reconciling it. */
export function benchReconcile(snapshotText: string, rows: number, runs: number): ReconcileResult {
  const preview = computePreview(JSON.parse(snapshotText) as Snapshot);
  const text = buildAudienceCsv(preview, rows);
  const readMs: number[] = [];
  const reconcileMs: number[] = [];
  const cpuMs: number[] = [];
  let predicted = 0;
  let counted = 0;
  // Run 0 warms the engine and is not counted.
  for (let run = 0; run <= runs; run++) {
    collectGarbage();
    const cpuBefore = process.cpuUsage();
    const read = timed(() => {
      const reader = createAudienceListReader();
      for (let at = 0; at < text.length; at += CHUNK) reader.push(text.slice(at, at + CHUNK));
      return reader.finish();
    });
    if (!read.value.ok) throw new Error(`the bench list was refused: ${JSON.stringify(read.value.errors)}`);
    const list = read.value.data.list;
    const result = timed(() => reconcile(preview, list, { kind: 'audience' }));
    const cpu = process.cpuUsage(cpuBefore);
    predicted = result.value.predicted;
    counted = list.rows;
    if (run === 0) continue;
    readMs.push(read.ms);
    reconcileMs.push(result.ms);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  if (counted !== rows) throw new Error(`the bench list has ${counted} rows, not ${rows}`);
  const total = median(readMs) + median(reconcileMs);
  return {
    rows,
    bytes: Buffer.byteLength(text),
    predicted,
    runs,
    readMs: round(median(readMs), 0),
    reconcileMs: round(median(reconcileMs), 0),
    totalMs: round(total, 0),
    cpuMs: round(median(cpuMs), 0),
    rowsPerSecond: Math.round(rows / (total / 1000)),
  };
}

if (process.argv[1] === import.meta.filename) {
  const result = benchReconcile(JSON.stringify(generateTenant(L)), 1_000_000, 3);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
