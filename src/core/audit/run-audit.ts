// The readiness audit: every check of readiness-checks.md in its table order, then ours, judged
// from one snapshot at one "now" (by default the capture time, so a snapshot always gets the same
// verdict). `ready` is true when nothing fails; skipped checks stay listed with their reason.
import type { Preview } from '../preview.ts';
import type { Snapshot } from '../snapshot-schema.ts';
import { checkLookalikeAddresses } from './checks-addresses.ts';
import {
  checkAppRegistration,
  checkClientSecret,
  checkRedirectUris,
  checkSignInAudience,
} from './checks-app.ts';
import { checkGroupOverlap, checkGroupTypes, checkSnapshotComplete } from './checks-extra.ts';
import { checkDynamicGroupsLicense, checkGroupLimit, checkSelectedGroups } from './checks-groups.ts';
import { checkEmailCoverage, checkRequiredAttributes } from './checks-people.ts';
import {
  checkAdminConsent,
  checkApplicationPermissions,
  checkContactsPermission,
  checkDelegatedUserRead,
} from './checks-permissions.ts';
import { type AuditContext, buildAuditContext } from './context.ts';
import type { AuditReport, CheckId, CheckResult } from './types.ts';

export interface AuditOptions {
  /** When to judge expiry at; defaults to the snapshot's capturedAt. */
  now?: string | Date;
  /** A preview of this snapshot with its own selection, to avoid walking it twice. */
  preview?: Preview;
}

const CHECKS: ReadonlyArray<readonly [CheckId, (context: AuditContext) => CheckResult]> = [
  ['app-registration', checkAppRegistration],
  ['sign-in-audience', checkSignInAudience],
  ['redirect-uris', checkRedirectUris],
  ['application-permissions', checkApplicationPermissions],
  ['delegated-user-read', checkDelegatedUserRead],
  ['admin-consent', checkAdminConsent],
  ['client-secret', checkClientSecret],
  ['contacts-permission', checkContactsPermission],
  ['group-limit', checkGroupLimit],
  ['selected-groups', checkSelectedGroups],
  ['dynamic-groups-license', checkDynamicGroupsLicense],
  ['required-attributes', checkRequiredAttributes],
  ['email-coverage', checkEmailCoverage],
  ['snapshot-complete', checkSnapshotComplete],
  ['group-types', checkGroupTypes],
  ['group-overlap', checkGroupOverlap],
  ['lookalike-addresses', checkLookalikeAddresses],
];

/** Parses "now"; throws a RangeError for a value that is not a date. */
export function resolveNow(snapshot: Snapshot, now?: string | Date): Date {
  const date = now === undefined ? new Date(snapshot.capturedAt) : new Date(now);
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(now)}" is not a valid date-time`);
  return date;
}

export function runAudit(snapshot: Snapshot, options: AuditOptions = {}): AuditReport {
  const now = resolveNow(snapshot, options.now);
  const context = buildAuditContext(snapshot, now, options.preview);
  const checks = CHECKS.map(([, check]) => check(context));
  return { ready: checks.every((check) => check.status !== 'fail'), asOf: now.toISOString(), checks };
}

/** Checks in the order a person reads them: failures first, then warnings, skips, passes. */
export function byUrgency(checks: readonly CheckResult[]): CheckResult[] {
  const rank = { fail: 0, warn: 1, skip: 2, pass: 3 } as const;
  return [...checks].sort((a, b) => rank[a.status] - rank[b.status]);
}
