// Issue #10, item 2: a 20,000-deep chain of groups with one device per level. Building every
// excluded object's full path was quadratic (past 120 s and 1.7 GB for audit and for
// `preview --excluded`); paths are now built only for rows asked for, and a long one keeps its
// first and last hops with a count between. The time itself is a bench matter; this holds the shape.
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/run-audit.ts';
import { computePreview } from '../../../src/core/preview.ts';
import {
  audienceExclusions,
  createPathFinder,
  hopsOf,
  MAX_PATH_HOPS,
} from '../../../src/core/preview-rows.ts';
import { createRowTable } from '../../../src/core/row-query.ts';
import { exclusionsCsvOf } from '../../../src/export/preview-csv.ts';
import { deepChainSnapshot } from '../../support/deep-chain.ts';

const DEPTH = 20_000;

describe('a 20,000-deep chain of groups', () => {
  const snapshot = deepChainSnapshot(DEPTH);
  const preview = computePreview(snapshot);

  it('lists every device once, each with a short path naming the first and last hops', () => {
    const rows = audienceExclusions(preview);
    expect(rows).toHaveLength(DEPTH);
    const deepest = rows.find((row) => row.id === `d${DEPTH - 1}`);
    expect(deepest?.via).toEqual([
      'Level 0',
      'Group c1',
      `… ${(DEPTH - 5).toLocaleString('en-US')} more …`,
      `Group c${DEPTH - 3}`,
      `Group c${DEPTH - 2}`,
      `Group c${DEPTH - 1}`,
      `Device d${DEPTH - 1}`,
    ]);
    expect(rows.find((row) => row.id === 'd2')?.via).toEqual([
      'Level 0',
      'Group c1',
      'Group c2',
      'Device d2',
    ]);
    for (const row of rows) expect(row.via.length).toBeLessThanOrEqual(MAX_PATH_HOPS);
  });

  it('keeps the full path available hop by hop, and the short one agrees with it', () => {
    const paths = createPathFinder(preview);
    const device = preview.index.byId.get(`d${DEPTH - 1}`) as number;
    const full = paths.pathTo(0, device);
    expect(full).toHaveLength(DEPTH + 1);
    const short = paths.shortPathTo(0, device);
    expect([...short.head, ...short.tail]).toEqual([...full.slice(0, 2), ...full.slice(-4)]);
    expect(short.skipped).toBe(full.length - 6);
    expect(hopsOf(short, String)).toHaveLength(7);
  });

  it('writes the exclusions CSV in size linear in the rows', () => {
    const parts = exclusionsCsvOf(preview, { baseName: 'excluded' });
    const bytes = parts.reduce((sum, part) => sum + part.text.length, 0);
    expect(parts).toHaveLength(1);
    expect(bytes).toBeLessThan(DEPTH * 200);
  });

  it('audits to the end, with the nesting depth found', () => {
    const report = runAudit(snapshot, { now: '2026-11-23T06:00:00Z' });
    expect(report.checks.length).toBeGreaterThan(10);
    const attributes = report.checks.find((check) => check.id === 'required-attributes');
    expect(attributes?.status).toBe('pass');
  });

  it('pages the recipient table with short paths', () => {
    const table = createRowTable(preview);
    expect(table.select({ scope: 'audience' })).toBe(2 * DEPTH - 1);
    for (const row of table.page(DEPTH - 10, 20)) expect(row.via).toHaveLength(MAX_PATH_HOPS);
    expect(table.select({ scope: 'audience', search: `Device d${DEPTH - 1}` })).toBe(1);
    expect(table.page(0, 1)[0]?.via[2]).toBe(`… ${(DEPTH - 5).toLocaleString('en-US')} more …`);
  });
});
