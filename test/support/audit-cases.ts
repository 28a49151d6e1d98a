// Runs a table of audit cases: each starts from a ready tenant (or its own snapshot), breaks one
// thing, and pins the status of one check plus words its fix must contain and evidence it must show.
import { expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/run-audit.ts';
import type { CheckId, CheckResult, CheckStatus } from '../../src/core/audit/types.ts';
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { readyTenant } from './app-builder.ts';

export interface AuditCase {
  description: string;
  /** Mutates a ready tenant (or returns a snapshot of its own). */
  input: (snapshot: Snapshot) => Snapshot | undefined;
  now?: string;
  expected: {
    status: CheckStatus;
    /** Words the fix must contain (case-sensitive). */
    fix?: string[];
    reason?: RegExp;
    evidence?: Record<string, unknown>;
    severity?: CheckResult['severity'];
    link?: string;
  };
  notes?: string;
}

export function checkOf(snapshot: Snapshot, id: CheckId, now?: string): CheckResult {
  const report = runAudit(snapshot, now === undefined ? {} : { now });
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

export function runCases(id: CheckId, cases: readonly AuditCase[]): void {
  it.each(cases)('$description', ({ input, now, expected }) => {
    const base = readyTenant();
    const snapshot = input(base) ?? base;
    const check = checkOf(snapshot, id, now);
    expect(check.status, JSON.stringify(check, null, 1)).toBe(expected.status);
    if (expected.status === 'pass') expect(check.fix).toBeNull();
    else if (expected.status !== 'skip') expect(check.fix).toEqual(expect.any(String));
    for (const words of expected.fix ?? []) expect(check.fix).toContain(words);
    if (expected.reason) expect(check.reason).toMatch(expected.reason);
    if (expected.evidence) expect(check.evidence).toMatchObject(expected.evidence);
    if (expected.severity) expect(check.severity).toBe(expected.severity);
    if (expected.link) expect(check.portalLink).toContain(expected.link);
  });
}
