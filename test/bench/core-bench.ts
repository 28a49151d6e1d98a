// Reading, validating and previewing one tenant file in-process, and exporting its upload CSV the
// way the user runs it (rows built, then serialised; Segments off and on). Per run, JSON.parse of
// the file's text is timed right before everything else on the same data, so each ratio compares
// like with like on this machine at that moment. Beside each fast path of the core, the plain
// version it replaced (test/support/plain-references.ts) is timed on the same data: segments from
// a map of lowercased addresses, the depth check as a second walk of every value, the mailbox
// rule with the Unicode class regex on every address. The serialiser alone is held against a
// plain Papa.unparse of the same rows (papaparse is imported here only because this is test code).
import Papa from 'papaparse';
import { MAX_SNAPSHOT_DEPTH, parseSnapshotValue } from '../../src/core/parse-snapshot.ts';
import { computePreview, type Preview } from '../../src/core/preview.ts';
import { audienceRecipients, computeSegments } from '../../src/core/preview-rows.ts';
import { isPlausibleMailbox } from '../../src/core/recipient-rules.ts';
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { writeUploadCsv } from '../../src/export/csv.ts';
import { uploadCsvOf } from '../../src/export/preview-csv.ts';
import {
  plainIsPlausibleMailbox,
  plainNestedDeeperThan,
  plainSegmentsByEmail,
  plainUploadCsvOf,
} from '../support/plain-references.ts';
import { collectGarbage, median, round, timed } from './stats.ts';

export interface CoreResult {
  bytes: number;
  objects: number;
  memberEdges: number;
  reached: number;
  recipients: number;
  runs: number;
  jsonParseMs: number;
  validateMs: number;
  /** Validation ÷ JSON.parse, run by run, median. Target ≤ 1.0. */
  validateRatio: number;
  coreMs: number;
  /** computePreview ÷ JSON.parse, run by run, median. Target ≤ 0.5 (of the version 2 file). */
  coreRatio: number;
  /** The upload CSV as the user exports it: rows built and serialised, Segments off / on. */
  exportMs: number;
  exportRatio: number;
  exportSegmentsMs: number;
  exportSegmentsRatio: number;
  /** The same exports through the plain rows (segments from lowercased addresses, built even when off). */
  plainExportMs: number;
  plainExportSegmentsMs: number;
  /** Fast paths beside their plain versions, same data, same run. */
  segmentsMs: number;
  plainSegmentsMs: number;
  /** The second depth walk the members pass now saves (the plain check walked every value). */
  plainDepthWalkMs: number;
  mailboxes: number;
  mailboxMs: number;
  plainMailboxMs: number;
  csvRows: number;
  csvRowsPerSecond: number;
  /** Our serialiser's rows/s ÷ Papa.unparse's (= unparse time ÷ ours). Target ≥ 0.8. */
  csvVsUnparse: number;
}

const series = () => new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

export function benchCore(text: string, runs: number): CoreResult {
  const ms = series();
  const ratio = series();
  let snapshot: Snapshot | null = null;
  let preview: Preview | null = null;
  let addresses: string[] = [];
  // Run 0 warms the engine (its first JSON.parse also grows the heap) and is not counted; with a
  // single run (the largest sizes, after the smaller ones warmed the engine) there is none.
  const first = runs === 1 ? 1 : 0;
  for (let run = first; run <= runs; run++) {
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
    const p = core.value;
    preview = p;
    const depth = timed(() => plainNestedDeeperThan(parsed.value as object, MAX_SNAPSHOT_DEPTH));
    const exported = timed(() => uploadCsvOf(p, { baseName: 'bench', segments: false }));
    const exportedSegments = timed(() => uploadCsvOf(p, { baseName: 'bench', segments: true }));
    const plainExported = timed(() => plainUploadCsvOf(p, { baseName: 'bench', segments: false }));
    const plainExportedSegments = timed(() => plainUploadCsvOf(p, { baseName: 'bench', segments: true }));
    const segments = timed(() => computeSegments(p));
    const plainSegments = timed(() => plainSegmentsByEmail(p));
    if (run === first) addresses = p.emails.filter((email) => email !== '');
    const mailbox = timed(() => addresses.filter(isPlausibleMailbox).length);
    const plainMailbox = timed(() => addresses.filter(plainIsPlausibleMailbox).length);
    if (mailbox.value !== plainMailbox.value)
      throw new Error('the mailbox fast path disagrees with the plain rule');
    if (run === 0) continue;
    const each: Array<[string, number]> = [
      ['parse', parsed.ms],
      ['validate', validated.ms],
      ['core', core.ms],
      ['export', exported.ms],
      ['exportSegments', exportedSegments.ms],
      ['plainExport', plainExported.ms],
      ['plainExportSegments', plainExportedSegments.ms],
      ['segments', segments.ms],
      ['plainSegments', plainSegments.ms],
      ['plainDepth', depth.ms],
      ['mailbox', mailbox.ms],
      ['plainMailbox', plainMailbox.ms],
    ];
    for (const [key, value] of each) {
      push(ms, key, value);
      push(ratio, key, value / parsed.ms);
    }
  }
  if (snapshot === null || preview === null) throw new Error('no run');

  const rows = audienceRecipients(preview, { segments: false }).map((row) => ({
    name: row.name,
    email: row.email,
  }));
  const oursMs: number[] = [];
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
    speed.push(papa.ms / ours.ms);
  }
  const m = (key: string, digits = 0) => round(median(ms.get(key) ?? []), digits);
  const r = (key: string) => round(median(ratio.get(key) ?? []));
  let memberEdges = 0;
  for (const list of preview.index.members.values()) memberEdges += list.length;
  return {
    bytes: Buffer.byteLength(text),
    objects: preview.index.objects.length,
    memberEdges,
    reached: preview.audience.reached,
    recipients: preview.audience.recipients,
    runs,
    jsonParseMs: m('parse'),
    validateMs: m('validate'),
    validateRatio: r('validate'),
    coreMs: m('core'),
    coreRatio: r('core'),
    exportMs: m('export'),
    exportRatio: r('export'),
    exportSegmentsMs: m('exportSegments'),
    exportSegmentsRatio: r('exportSegments'),
    plainExportMs: m('plainExport'),
    plainExportSegmentsMs: m('plainExportSegments'),
    segmentsMs: m('segments', 1),
    plainSegmentsMs: m('plainSegments', 1),
    plainDepthWalkMs: m('plainDepth', 1),
    mailboxes: addresses.length,
    mailboxMs: m('mailbox', 1),
    plainMailboxMs: m('plainMailbox', 1),
    csvRows: rows.length,
    csvRowsPerSecond: Math.round(rows.length / (median(oursMs) / 1000)),
    csvVsUnparse: round(median(speed)),
  };
}
