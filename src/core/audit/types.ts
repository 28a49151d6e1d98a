// The shapes of a readiness audit (readiness-checks.md): one result per check under a stable id,
// with the evidence it used and the fix in the admin's words. Evidence holds only plain JSON values
// (ids, names, dates, counts), so the command line can print it as is and the UI can show it.

/** The checks of readiness-checks.md, in its table order: a stable contract, never renamed. */
export const SPEC_CHECK_IDS = [
  'app-registration',
  'sign-in-audience',
  'redirect-uris',
  'application-permissions',
  'delegated-user-read',
  'admin-consent',
  'client-secret',
  'contacts-permission',
  'group-limit',
  'selected-groups',
  'dynamic-groups-license',
  'required-attributes',
  'email-coverage',
] as const;

/** Checks of ours, reported after the spec's. */
export const ADDED_CHECK_IDS = [
  'snapshot-complete',
  'group-types',
  'group-overlap',
  'lookalike-addresses',
] as const;

export const CHECK_IDS = [...SPEC_CHECK_IDS, ...ADDED_CHECK_IDS] as const;

export type CheckId = (typeof CHECK_IDS)[number];
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
/** How much the finding matters; on pass or skip, how much the check matters when it does not pass. */
export type Severity = 'high' | 'medium' | 'low';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  title: string;
  /** Why the check could not be judged (only on skip), else null. */
  reason: string | null;
  evidence: Record<string, unknown>;
  /** What to do, in the admin's words with the portal place to click; null on pass. */
  fix: string | null;
  severity: Severity;
  /** A deep link into the portal of the snapshot's cloud, where one exists. */
  portalLink: string | null;
}

export interface AuditReport {
  /** True when no check fails (skips and warnings do not block). */
  ready: boolean;
  /** The "now" the checks were judged at, as an ISO-8601 UTC time. */
  asOf: string;
  checks: CheckResult[];
}

export const CHECK_TITLES: Record<CheckId, string> = {
  'app-registration': 'App registration exists',
  'sign-in-audience': 'Accounts in this organizational directory only',
  'redirect-uris': 'No redirect URIs',
  'application-permissions': 'Graph permissions requested as Application permissions',
  'delegated-user-read': 'Delegated User.Read removed',
  'admin-consent': 'Admin consent granted',
  'client-secret': 'Client secret valid',
  'contacts-permission': 'OrgContact.Read.All granted for contacts',
  'group-limit': 'At most 15 groups selected',
  'selected-groups': 'Selected groups exist and can be read',
  'dynamic-groups-license': 'Dynamic groups have an Entra ID P1 licence',
  'required-attributes': 'Required attributes can be read',
  'email-coverage': 'Audience members have an email address',
  'snapshot-complete': 'Snapshot read completely',
  'group-types': 'Kinds of the selected groups',
  'group-overlap': 'Overlap between selected groups',
  'lookalike-addresses': 'Recipient address domains are what they look like',
};

/** The check's weight when it does not pass (a finding may say otherwise). */
export const CHECK_SEVERITY: Record<CheckId, Severity> = {
  'app-registration': 'high',
  'sign-in-audience': 'medium',
  'redirect-uris': 'low',
  'application-permissions': 'high',
  'delegated-user-read': 'high',
  'admin-consent': 'high',
  'client-secret': 'high',
  'contacts-permission': 'high',
  'group-limit': 'high',
  'selected-groups': 'high',
  'dynamic-groups-license': 'high',
  'required-attributes': 'high',
  'email-coverage': 'medium',
  'snapshot-complete': 'high',
  'group-types': 'low',
  'group-overlap': 'low',
  'lookalike-addresses': 'medium',
};

/** Builds a result with the check's title and default severity filled in. */
export function result(
  id: CheckId,
  status: CheckStatus,
  parts: {
    evidence?: Record<string, unknown>;
    fix?: string | null;
    reason?: string | null;
    severity?: Severity;
    portalLink?: string | null;
  } = {},
): CheckResult {
  return {
    id,
    status,
    title: CHECK_TITLES[id],
    reason: status === 'skip' ? (parts.reason ?? 'could not be judged from this snapshot') : null,
    evidence: parts.evidence ?? {},
    fix: status === 'pass' ? null : (parts.fix ?? null),
    severity: parts.severity ?? CHECK_SEVERITY[id],
    portalLink: parts.portalLink ?? null,
  };
}

export const skip = (id: CheckId, reason: string, evidence: Record<string, unknown> = {}): CheckResult =>
  result(id, 'skip', { reason, evidence });
