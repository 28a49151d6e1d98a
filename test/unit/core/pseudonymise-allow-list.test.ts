// Issue #10, item 10: "Snapshot for support" still identified the customer (publisherDomain, the
// app's name, the secret's hint). This walks every string of the exported file: a string that also
// occurs in the original must sit at a place the allow-list below keeps (ids, types, enums, dates,
// permission and licence names), and no original string of other places may survive even inside
// another. The allow-list is written here, apart from the production rules, so the two can disagree.
import { describe, expect, it } from 'vitest';
import { pseudonymiseSnapshot } from '../../../src/core/pseudonymise.ts';
import type { SnapshotV1 as Snapshot } from '../../../src/core/snapshot-schema.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../src/demo/profiles.ts';

/** Keys whose string values name no one: kept verbatim by design. */
const ALLOWED_KEYS = new Set([
  'id',
  '@odata.type',
  'appId',
  'clientId',
  'keyId',
  'resourceAppId',
  'appRoleId',
  'resourceId',
  'principalId',
  'principalType',
  'type',
  'usage',
  'status',
  'signInAudience',
  'consentType',
  'scope',
  'skuId',
  'skuPartNumber',
  'capabilityStatus',
  'servicePlanId',
  'servicePlanName',
  'provisioningStatus',
  'appliesTo',
  'accountId',
  'subscriptionIds',
  'format',
  'cloud',
  'capturedAt',
  'userType',
  'groupTypes',
  'visibility',
  'membershipRuleProcessingState',
  'securityIdentifier',
  'onPremisesSecurityIdentifier',
  'graphServicePrincipalId',
  'tenantType',
  'countryLetterCode',
  'preferredLanguage',
  'capabilities',
  'authenticationType',
  'groupIds',
  'notFound',
]);

type Visit = (text: string, key: string, path: string) => void;

function walkStrings(value: unknown, visit: Visit, key = '', path = '$'): void {
  if (typeof value === 'string') visit(value, key, path);
  else if (Array.isArray(value))
    value.forEach((item, i) => {
      walkStrings(item, visit, key, `${path}[${i}]`);
    });
  else if (typeof value === 'object' && value !== null)
    for (const [name, item] of Object.entries(value)) {
      // Object keys are strings of the file too: the members map and memberCounts are keyed by group id.
      visit(name, path.endsWith('.members') || path.endsWith('.memberCounts') ? 'id' : '(key)', path);
      walkStrings(item, visit, name, `${path}.${name}`);
    }
}

const isAllowed = (key: string, path: string, text: string) =>
  ALLOWED_KEYS.has(key) ||
  key.endsWith('DateTime') ||
  key === '(key)' ||
  (key === 'value' && path.includes('graphAppRoles')) ||
  (key === 'path' && path.includes('.reads[') && /^\/[A-Za-z0-9/$._()'=,-]*$/.test(text));

function hostileOriginal(): Snapshot {
  const snapshot = generateTenant(DEMO);
  const application = snapshot.app?.application;
  if (!application) throw new Error('the demo tenant has an app');
  application.displayName = 'Contoso Directory Sync';
  (application as Record<string, unknown>).publisherDomain = 'contoso.example';
  application.web = { redirectUris: ['https://intranet.contoso.example/callback'] };
  for (const secret of application.passwordCredentials ?? []) secret.hint = 'Q7~';
  (snapshot as Record<string, unknown>).supportNote = 'Ask Jane Contoso-Doe, CFO';
  (snapshot.tenant as Record<string, unknown>).street = '1 Contoso Way';
  snapshot.reads.push({
    path: '/users/jane.doe@contoso.example',
    status: 'failed',
    pages: 0,
    items: 0,
    httpStatus: 404,
    error: "Resource 'jane.doe@contoso.example' does not exist",
  });
  return snapshot;
}

describe('pseudonymised snapshot, string by string', () => {
  const original = hostileOriginal();
  const exported = JSON.parse(JSON.stringify(pseudonymiseSnapshot(original, { salt: 'case-7' })));

  const allowed = new Set<string>();
  const identifying = new Set<string>();
  walkStrings(original, (text, key, path) => {
    if (isAllowed(key, path, text)) allowed.add(text);
    else identifying.add(text);
  });
  for (const text of allowed) identifying.delete(text);
  // Empty and blank values are kept as such (the rules read empty vs not): they name no one.
  for (const text of identifying) if (text.trim() === '') identifying.delete(text);

  it('keeps no original string outside the allow-list', () => {
    const leaks: string[] = [];
    walkStrings(exported, (text, _key, path) => {
      if (identifying.has(text)) leaks.push(`${path}: ${text}`);
    });
    expect(leaks).toEqual([]);
  });

  it('keeps no identifying original text inside another string either', () => {
    const long = [...identifying].filter((text) => text.length >= 6);
    expect(long.length).toBeGreaterThan(1000);
    const all: string[] = [];
    walkStrings(exported, (text) => void all.push(text));
    const blob = all.join('\n');
    expect(long.filter((text) => blob.includes(text))).toEqual([]);
  });

  it('drops the secret hint and replaces the app’s names, domain and redirect URIs', () => {
    const application = exported.app.application;
    expect(application.passwordCredentials.every((secret: object) => !('hint' in secret))).toBe(true);
    expect(application.displayName).not.toContain('Contoso');
    expect(application.publisherDomain).not.toContain('contoso');
    expect(application.web.redirectUris).toHaveLength(1);
    expect(JSON.stringify(exported).toLowerCase()).not.toContain('contoso');
  });
});
