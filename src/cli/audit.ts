// `audit`: the readiness checks over a snapshot file, as JSON (`--json`, the checks in the spec's
// order) or as a list for people (failures first, each with its fix and portal link). Exit 1 when a
// check fails, so scripts can gate on it; a bad file or --now is a usage error (exit 2).

import { byUrgency, runAudit } from '../core/audit/run-audit.ts';
import type { AuditReport, CheckResult } from '../core/audit/types.ts';
import { escapeHidden } from '../core/display-text.ts';
import { plural } from '../core/plural.ts';
import { parseArgs } from './args.ts';
import { type Command, UsageError } from './io.ts';
import { loadSnapshot } from './load-snapshot.ts';
import { oneLine } from './terminal.ts';

export const USAGE = 'audit <snapshot.json> [--now <ISO time>] [--json]';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const runAuditCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { positionals: 1, usage: USAGE, flags: ['json'], options: ['now'] });
  const nowText = parsed.options.get('now');
  if (nowText !== undefined && (!ISO_TIME.test(nowText) || Number.isNaN(Date.parse(nowText))))
    throw new UsageError(`--now: "${oneLine(nowText)}" is not an ISO-8601 time such as 2026-11-23T06:00:00Z`);
  const snapshot = await loadSnapshot(parsed.positionals[0] as string, io);
  const report = runAudit(snapshot, nowText === undefined ? {} : { now: nowText });
  io.stdout(
    parsed.flags.get('json')
      ? `${JSON.stringify(auditJson(report), null, 2)}\n`
      : auditText(report, snapshot.tenant.displayName ?? snapshot.tenant.id),
  );
  return report.ready ? 0 : 1;
};

export function auditJson(report: AuditReport) {
  return {
    ready: report.ready,
    asOf: report.asOf,
    checks: report.checks.map((check) => ({
      id: check.id,
      status: check.status,
      title: check.title,
      reason: check.reason,
      evidence: check.evidence,
      fix: check.fix,
      severity: check.severity,
      portalLink: check.portalLink,
    })),
  };
}

const WORDS: Record<CheckResult['status'], string> = {
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
  pass: 'PASS',
};

function auditText(report: AuditReport, tenant: string): string {
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const lines = [
    `${oneLine(tenant)}: ${report.ready ? 'READY' : 'NOT READY'} as of ${report.asOf} (${count('fail')} failed, ${plural(count('warn'), 'warning', 'warnings')}, ${count('skip')} skipped, ${count('pass')} passed)`,
    '',
  ];
  const checks = byUrgency(report.checks);
  const idWidth = Math.max(...checks.map((c) => c.id.length));
  const indent = ' '.repeat(4 + 2 + idWidth + 2);
  for (const check of checks) {
    lines.push(`${WORDS[check.status]}  ${check.id.padEnd(idWidth)}  ${oneLine(check.title)}`);
    if (check.reason !== null) lines.push(`${indent}skipped: ${oneLine(check.reason)}`);
    if (check.fix !== null) {
      // The fix's own lines stay lines; each is escaped (a name inside it cannot add a line).
      const [first, ...rest] = check.fix.split('\n').map((line) => escapeHidden(line));
      lines.push(`${indent}fix: ${first}`, ...rest.map((line) => `${indent}     ${line}`));
    }
    if (check.status !== 'pass' && check.portalLink !== null)
      lines.push(`${indent}open: ${oneLine(check.portalLink)}`);
  }
  return `${lines.join('\n')}\n`;
}
