// Reading, validating and previewing one tenant size, and exporting its CSV. Per run, JSON.parse
// of the snapshot text is timed right before the zod schema and the core run on the same data,
// so both ratios compare like with like on this machine at that moment. The CSV export is held
// against a plain Papa.unparse of the same rows (papaparse is imported here only because this is
// test code; the app's own CSV writer lives in src/export).
import Papa from 'papaparse';
import { parseSnapshotValue } from '../../src/core/parse-snapshot.ts';
import { computePreview } from '../../src/core/preview.ts';
import { audienceRecipients } from '../../src/core/preview-rows.ts';
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { writeUploadCsv } from '../../src/export/csv.ts';
import { collectGarbage, median, round, timed } from './stats.ts';

export interface CoreResult {
  bytes: number;
  distinctMembers: number;
  memberEdges: number;
  reached: number;
  recipients: number;
  runs: number;
  jsonParseMs: number;
  validateMs: number;
  /** Validation ÷ JSON.parse, run by run, median. Target ≤ 1.0. */
  validateRatio: number;
  coreMs: number;
  /** computePreview ÷ JSON.parse, run by run, median. Target ≤ 0.5 at L. */
  coreRatio: number;
  csvRows: number;
  csvMs: number;
  csvRowsPerSecond: number;
  unparseMs: number;
  /** Our rows/s ÷ Papa.unparse's rows/s (= unparse time ÷ our time). Target ≥ 0.8. */
  csvVsUnparse: number;
}

export function benchCore(text: string, runs: number): CoreResult {
  const parseMs: number[] = [];
  const validateMs: number[] = [];
  const coreMs: number[] = [];
  const validateRatio: number[] = [];
  const coreRatio: number[] = [];
  let snapshot: Snapshot | null = null;
  let preview: ReturnType<typeof computePreview> | null = null;
  // Run 0 warms the engine (its first JSON.parse also grows the heap) and is not counted.
  for (let run = 0; run <= runs; run++) {
    snapshot = null;
    preview = null;
    collectGarbage();
    const parsed = timed(() => JSON.parse(text) as unknown);
    const validated = timed(() => parseSnapshotValue(parsed.value));
    if (!validated.value.ok) {
      throw new Error(`the generated snapshot does not validate: ${JSON.stringify(validated.value.errors)}`);
    }
    snapshot = validated.value.data;
    const core = timed(() => computePreview(snapshot as Snapshot));
    preview = core.value;
    if (run === 0) continue;
    parseMs.push(parsed.ms);
    validateMs.push(validated.ms);
    coreMs.push(core.ms);
    validateRatio.push(validated.ms / parsed.ms);
    coreRatio.push(core.ms / parsed.ms);
  }
  if (snapshot === null || preview === null) throw new Error('no run');

  const rows = audienceRecipients(preview).map((row) => ({ name: row.name, email: row.email }));
  const oursMs: number[] = [];
  const papaMs: number[] = [];
  const speed: number[] = [];
  for (let run = 0; run <= runs; run++) {
    collectGarbage();
    const ours = timed(() => writeUploadCsv(rows, { baseName: 'bench' }));
    const papa = timed(() =>
      Papa.unparse(
        { fields: ['Name', 'Email'], data: rows.map((row) => [row.name, row.email]) },
        { newline: '\r\n' },
      ),
    );
    if (run === 0) continue;
    oursMs.push(ours.ms);
    papaMs.push(papa.ms);
    speed.push(papa.ms / ours.ms);
  }
  const csvMs = median(oursMs);
  return {
    bytes: Buffer.byteLength(text),
    distinctMembers: countDistinctMembers(snapshot),
    memberEdges: Object.values(snapshot.members).reduce((sum, list) => sum + list.length, 0),
    reached: preview.audience.reached,
    recipients: preview.audience.recipients,
    runs,
    jsonParseMs: round(median(parseMs), 0),
    validateMs: round(median(validateMs), 0),
    validateRatio: round(median(validateRatio)),
    coreMs: round(median(coreMs), 0),
    coreRatio: round(median(coreRatio)),
    csvRows: rows.length,
    csvMs: round(csvMs, 1),
    csvRowsPerSecond: Math.round(rows.length / (csvMs / 1000)),
    unparseMs: round(median(papaMs), 1),
    csvVsUnparse: round(median(speed)),
  };
}

/** A selection-based snapshot has no `users` list: count the distinct member ids instead. */
function countDistinctMembers(snapshot: Snapshot): number {
  const ids = new Set<string>();
  for (const list of Object.values(snapshot.members)) for (const id of list) ids.add(id.toLowerCase());
  return ids.size;
}
