// One readiness check: status as icon and word, the title, its weight, and then what to do (the
// fix and the portal link) before the evidence. Checks that fail or warn open with their details
// (the evidence itself only for failures, it can be long); passed and skipped ones stay folded so
// the list reads as a to-do list.
import type { CheckResult } from '../core/audit/types.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { formatDateTime } from './format.ts';
import { SEVERITY_WORDS, STATUS_WORDS } from './outcomes.ts';

export function StatusTag({ status }: { status: CheckResult['status'] }) {
  const words = STATUS_WORDS[status];
  return (
    <span class={`status status-${status}`}>
      <span class="status-icon" aria-hidden="true">
        {words.icon}
      </span>
      {words.word}
    </span>
  );
}

/** What a passing check's row says besides its title: the secret's end date, so it is seen folded. */
export function passDetail(check: CheckResult): string | null {
  if (check.id !== 'client-secret' || check.status !== 'pass') return null;
  const { secrets, latestKeyId } = check.evidence as {
    secrets?: Array<{ keyId?: string | null; endDateTime?: string | null }>;
    latestKeyId?: string | null;
  };
  const end = secrets?.find((secret) => secret.keyId === latestKeyId)?.endDateTime;
  return end ? `until ${formatDateTime(end)}` : null;
}

export function CheckItem({ check, portalName }: { check: CheckResult; portalName: string }) {
  const open = check.status === 'fail' || check.status === 'warn';
  return (
    <li class={`check check-${check.status}`}>
      <details open={open}>
        <summary>
          <StatusTag status={check.status} />
          <span class="check-title">{check.title}</span>
          {passDetail(check) !== null && <span class="check-detail">{passDetail(check)}</span>}
          {check.status !== 'pass' && check.status !== 'skip' && (
            <span class={`severity severity-${check.severity}`}>{SEVERITY_WORDS[check.severity]}</span>
          )}
          <span class="chevron" aria-hidden="true">
            ▸
          </span>
        </summary>
        <div class="check-body">
          {check.reason !== null && (
            <p>
              <strong>Not judged:</strong> {check.reason}.
            </p>
          )}
          {check.fix !== null && (
            <div class="fix">
              <p class="fix-title">What to do</p>
              <p class="fix-text">{check.fix}</p>
            </div>
          )}
          {check.portalLink !== null && (
            <p>
              <a href={check.portalLink} target="_blank" rel="noopener noreferrer">
                Open in {portalName}
                <span class="visually-hidden"> (opens in a new tab)</span>
                <span aria-hidden="true"> ↗</span>
              </a>
            </p>
          )}
          <details class="evidence-box" open={check.status === 'fail'}>
            <summary>Evidence</summary>
            <EvidenceList evidence={check.evidence} />
          </details>
          <p class="check-id">
            Check id <code>{check.id}</code>
          </p>
        </div>
      </details>
    </li>
  );
}
