// The command line end to end, as a user runs it (`npm run --silent cli -- preview <file> …`, from
// process start to exit), against the least any reader of the file must do: a fresh node running
// `JSON.parse(require('fs').readFileSync(f, 'utf8'))` on the same file. Each round runs every
// command once, back to back, so a ratio compares like with like at that moment on a shared
// machine; the figures are medians over rounds of the per-round values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../e2e/support/start-e2e.ts';
import { type ProcessRun, runProcess } from './process-run.ts';
import { median, round } from './stats.ts';
import type { TenantFiles } from './tenant-files.ts';

/** How a user runs the command line (README, "The command line"). */
const CLI = { command: 'npm', args: ['run', '--silent', 'cli', '--'] };
const JSON_PARSE = "JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'))";

export interface CliTiming {
  ms: number;
  peakRssMiB: number;
}

export interface CliResult {
  profile: string;
  rounds: number;
  /** `node -e JSON.parse(readFileSync(f))` of each file. */
  parseV1: CliTiming;
  parseV2: CliTiming | null;
  /** `preview <file> --json`. */
  previewV1: CliTiming;
  previewV2: CliTiming | null;
  previewV2Gzip: CliTiming | null;
  /** `preview <file> --json --csv out.csv` (Segments off), and with `--segments`. */
  csvV1: CliTiming;
  csvV2: CliTiming | null;
  csvSegmentsV2: CliTiming | null;
  /** Ratios, per round, median. Targets at L: v2 ÷ parse(v1) ≤ 1.0, v2 ÷ parse(v2) ≤ 2.0, v1 ÷ parse(v1) ≤ 1.6. */
  v2OverParseV1: number | null;
  v2OverParseV2: number | null;
  v2GzipOverParseV2: number | null;
  v1OverParseV1: number;
  /** (preview --csv − preview --json) ÷ parse of that file, per round, median. Target ≤ 0.3. */
  csvAddsV1: number;
  csvAddsV2: number | null;
  csvSegmentsAddsV2: number | null;
}

type Case = { name: string; command: string; args: string[] };

export async function benchCli(files: TenantFiles, rounds: number): Promise<CliResult> {
  const out = mkdtempSync(join(tmpdir(), 'dirsync-bench-cli-'));
  const cli = (...args: string[]): Case => ({
    name: args.join(' '),
    command: CLI.command,
    args: [...CLI.args, ...args],
  });
  const parse = (file: string): Case => ({
    name: `parse ${file}`,
    command: process.execPath,
    args: ['-e', JSON_PARSE, file],
  });
  const csv = join(out, 'upload.csv');
  const cases: Record<string, Case> = {
    parseV1: parse(files.v1.file),
    previewV1: cli('preview', files.v1.file, '--json'),
    csvV1: cli('preview', files.v1.file, '--json', '--csv', csv),
  };
  if (files.v2 !== null) {
    cases.parseV2 = parse(files.v2.file);
    cases.previewV2 = cli('preview', files.v2.file, '--json');
    cases.previewV2Gzip = cli('preview', files.v2.gzFile, '--json');
    cases.csvV2 = cli('preview', files.v2.file, '--json', '--csv', csv);
    cases.csvSegmentsV2 = cli('preview', files.v2.file, '--json', '--csv', csv, '--segments');
  }
  const runs = new Map<string, ProcessRun[]>(Object.keys(cases).map((key) => [key, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [key, what] of Object.entries(cases)) {
        const run = await runProcess(what.command, what.args, { cwd: REPO_ROOT });
        if (run.exitCode !== 0)
          throw new Error(
            `${what.name} exited ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-2).join(' ')}`,
          );
        runs.get(key)?.push(run);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const timing = (key: string): CliTiming | null => {
    const list = runs.get(key);
    if (list === undefined || list.length === 0) return null;
    return {
      ms: Math.round(median(list.map((r) => r.ms))),
      peakRssMiB: median(list.map((r) => r.peakRssMiB)),
    };
  };
  const ratio = (top: string, bottom: string): number | null => {
    const a = runs.get(top);
    const b = runs.get(bottom);
    if (!a?.length || !b?.length) return null;
    return round(median(a.map((run, i) => run.ms / (b[i] as ProcessRun).ms)));
  };
  const adds = (withCsv: string, without: string, parsed: string): number | null => {
    const a = runs.get(withCsv);
    const b = runs.get(without);
    const p = runs.get(parsed);
    if (!a?.length || !b?.length || !p?.length) return null;
    return round(median(a.map((run, i) => (run.ms - (b[i] as ProcessRun).ms) / (p[i] as ProcessRun).ms)));
  };
  return {
    profile: files.profile,
    rounds,
    parseV1: timing('parseV1') as CliTiming,
    parseV2: timing('parseV2'),
    previewV1: timing('previewV1') as CliTiming,
    previewV2: timing('previewV2'),
    previewV2Gzip: timing('previewV2Gzip'),
    csvV1: timing('csvV1') as CliTiming,
    csvV2: timing('csvV2'),
    csvSegmentsV2: timing('csvSegmentsV2'),
    v2OverParseV1: ratio('previewV2', 'parseV1'),
    v2OverParseV2: ratio('previewV2', 'parseV2'),
    v2GzipOverParseV2: ratio('previewV2Gzip', 'parseV2'),
    v1OverParseV1: ratio('previewV1', 'parseV1') as number,
    csvAddsV1: adds('csvV1', 'previewV1', 'parseV1') as number,
    csvAddsV2: adds('csvV2', 'previewV2', 'parseV2'),
    csvSegmentsAddsV2: adds('csvSegmentsV2', 'previewV2', 'parseV2'),
  };
}
