// The readiness checklist, failures first, judged "as of" the snapshot's capture time; then what
// to send Axios HQ: the submission document and a calendar reminder before the secret expires.
import { portalFor } from '../core/audit/portal.ts';
import type { AuditReport, CheckResult, CheckStatus } from '../core/audit/types.ts';
import type { Cloud } from '../core/snapshot-schema.ts';
import type { ExportState } from '../state/export-state.ts';
import { Banner } from './Banner.tsx';
import { CheckItem } from './CheckItem.tsx';
import { DownloadResult } from './DownloadResult.tsx';
import { formatCount, formatDateTime } from './format.ts';
import { STATUS_WORDS } from './outcomes.ts';
import { SubmissionForm } from './SubmissionForm.tsx';

const ORDER: CheckStatus[] = ['fail', 'warn', 'skip', 'pass'];

/**
 * Failures first, then warnings, skips, passes, each in the spec's order (as run-audit's byUrgency,
 * kept here so the page bundle does not carry the checks themselves, which run in the worker).
 */
export const byUrgency = (checks: readonly CheckResult[]): CheckResult[] =>
  [...checks].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));

export function countByStatus(audit: AuditReport): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { fail: 0, warn: 0, skip: 0, pass: 0 };
  for (const check of audit.checks) counts[check.status]++;
  return counts;
}

/** The latest secret's end date, as the client-secret check found it. */
export function secretEnd(audit: AuditReport | null): string | null {
  const evidence = audit?.checks.find((check) => check.id === 'client-secret')?.evidence;
  const secrets = evidence?.secrets;
  if (!Array.isArray(secrets)) return null;
  const end = (secrets[0] as { endDateTime?: unknown } | undefined)?.endDateTime;
  return typeof end === 'string' ? end : null;
}

export function ReadinessVerdict({ audit }: { audit: AuditReport }) {
  const counts = countByStatus(audit);
  return (
    <div class={`verdict ${audit.ready ? 'verdict-ready' : 'verdict-blocked'}`}>
      <p class="verdict-title">
        <span aria-hidden="true">{audit.ready ? '✔ ' : '✖ '}</span>
        {audit.ready
          ? 'Ready: no check fails.'
          : `Not ready: ${formatCount(counts.fail)} ${counts.fail === 1 ? 'check fails' : 'checks fail'}.`}
      </p>
      <p class="verdict-counts">
        {ORDER.map((status) => (
          <span key={status} class={`status status-${status}`}>
            <span class="status-icon" aria-hidden="true">
              {STATUS_WORDS[status].icon}
            </span>
            {formatCount(counts[status])} {STATUS_WORDS[status].word.toLowerCase()}
          </span>
        ))}
      </p>
    </div>
  );
}

export function ReadinessPanel({
  audit,
  auditError,
  cloud,
  exports,
}: {
  audit: AuditReport | null;
  auditError: string | null;
  cloud: Cloud;
  exports: ExportState;
}) {
  const portal = portalFor(cloud);
  const end = secretEnd(audit);
  return (
    <>
      <h2>Readiness</h2>
      {audit === null ? (
        <Banner tone="error" role="alert" title="The readiness checks could not run">
          {auditError && <p>{auditError}</p>}
          <p>The counts and exports still work. Reopen the snapshot to try the checks again.</p>
        </Banner>
      ) : (
        <>
          <ReadinessVerdict audit={audit} />
          <p class="meta">
            As of the snapshot's capture time, <time dateTime={audit.asOf}>{formatDateTime(audit.asOf)}</time>
            . Fix what fails in the {portal.name}, then read the tenant again to confirm.
          </p>
          <ul class="checklist">
            {byUrgency(audit.checks).map((check) => (
              <CheckItem key={check.id} check={check} portalName={portal.name} />
            ))}
          </ul>
        </>
      )}
      <section class="card send" aria-labelledby="send-title">
        <h3 id="send-title">Send your details to Axios HQ</h3>
        <p>
          The guide asks for a text document with your organization, the setup owner and the app
          registration's IDs. The IDs come from the snapshot; add the rest here.
        </p>
        <SubmissionForm exports={exports} idPrefix="readiness-submission" />
      </section>
      <section class="card send" aria-labelledby="reminder-title">
        <h3 id="reminder-title">Remember to renew the secret</h3>
        {end === null ? (
          <p>No client secret with an end date was found, so there is nothing to remind you of yet.</p>
        ) : (
          <>
            <p>
              The client secret expires on <time dateTime={end}>{formatDateTime(end)}</time>. When it does,
              the sync stops. Add a reminder to your calendar, two weeks ahead.
            </p>
            <button
              type="button"
              class="button-secondary"
              onClick={() => void exports.downloadReminder()}
              disabled={exports.status.value.reminder?.state === 'working'}
            >
              Download calendar reminder (.ics)
            </button>
            <DownloadResult status={exports.status.value.reminder} onSave={exports.save} />
          </>
        )}
      </section>
    </>
  );
}
