// Everything the checks share, computed once per audit: the preview (walks and verdicts), the
// permission analysis, the secrets, the licence, the group classification, and the names and
// portal the fixes speak of. Checks are then small functions of this context.

import { inlineText } from '../display-text.ts';
import { computePreview, type Preview } from '../preview.ts';
import type { ReadEntry, Snapshot } from '../snapshot-schema.ts';
import { classifyGroups, type GroupClassification } from './classify-groups.ts';
import { type PremiumLicense, premiumLicense } from './licenses.ts';
import { analyzePermissions, isGranted, type PermissionAnalysis } from './permissions.ts';
import { type Portal, portalFor } from './portal.ts';
import { type SecretLifecycle, secretLifecycle } from './secrets.ts';

export const SUGGESTED_APP_NAME = 'Axios HQ Directory Sync';

export interface AuditContext {
  snapshot: Snapshot;
  now: Date;
  preview: Preview;
  portal: Portal;
  /** The registration's name, or the guide's suggested one when it was not read. */
  appName: string;
  tenantName: string;
  /** The Application (client) ID looked up, or null when the app was not read at all. */
  clientId: string | null;
  permissions: PermissionAnalysis;
  secrets: SecretLifecycle;
  license: PremiumLicense;
  groups: GroupClassification;
}

export function buildAuditContext(snapshot: Snapshot, now: Date, preview?: Preview): AuditContext {
  const app = snapshot.app;
  const permissions = analyzePermissions(snapshot);
  const license = premiumLicense(snapshot);
  const walked = preview ?? computePreview(snapshot);
  return {
    snapshot,
    now,
    preview: walked,
    portal: portalFor(snapshot.cloud),
    // Both are put inside the fixes' sentences: made safe there once, here.
    appName: inlineText(app?.application?.displayName?.trim() || SUGGESTED_APP_NAME),
    tenantName: inlineText(snapshot.tenant.displayName?.trim() || snapshot.tenant.id),
    clientId: app?.clientId ?? null,
    permissions,
    secrets: secretLifecycle(app?.application ?? null, now),
    license,
    groups: classifyGroups(snapshot, walked, {
      memberReadHidden: app === null ? null : isGranted(permissions, 'Member.Read.Hidden'),
      premiumP1: license.read ? license.active : null,
    }),
  };
}

/** The first read under `prefix` (a Graph path, case-insensitive) that did not complete, if any. */
export function failedRead(snapshot: Snapshot, matches: (path: string) => boolean): ReadEntry | undefined {
  return snapshot.reads.find(
    (read) => (read.status === 'failed' || read.status === 'partial') && matches(read.path.toLowerCase()),
  );
}

export function describeRead(read: ReadEntry): string {
  const http = read.httpStatus === null ? '' : ` (HTTP ${read.httpStatus})`;
  return `${inlineText(read.path)} ${read.status === 'partial' ? 'was read only in part' : 'could not be read'}${http}${read.error ? `: ${inlineText(read.error)}` : ''}`;
}

/** "a, b and c" for lists in fixes; each item may come from the snapshot, so each is made inline-safe. */
export function listWords(list: readonly string[]): string {
  const items = list.map(inlineText);
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Up to `max` items for evidence, so a 50,000-person tenant gives a readable report. */
export function sample<T>(items: readonly T[], max = 10): T[] {
  return items.slice(0, max);
}
