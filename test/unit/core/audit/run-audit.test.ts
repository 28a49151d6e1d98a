import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../../src/core/audit/run-audit.ts';
import { CHECK_IDS, SPEC_CHECK_IDS } from '../../../../src/core/audit/types.ts';
import { computePreview } from '../../../../src/core/preview.ts';
import { generateSnapshot } from '../../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../../src/demo/profiles.ts';
import { applicationOf, CAPTURED_AT, CLIENT_ID, readyTenant } from '../../../support/app-builder.ts';

describe('runAudit', () => {
  it('passes a fully ready tenant: ready, nothing fails or warns', () => {
    const report = runAudit(readyTenant({ selected: ['g1'] }));
    expect(report.ready).toBe(true);
    const notPassing = report.checks.filter((check) => check.status !== 'pass');
    // One selected group: nothing to overlap; contacts are off.
    expect(notPassing.map((check) => [check.id, check.status])).toEqual([
      ['contacts-permission', 'skip'],
      ['group-overlap', 'skip'],
    ]);
    for (const check of report.checks) if (check.status === 'pass') expect(check.fix).toBeNull();
  });

  it('lists every check once, the spec’s first in its table order', () => {
    const ids = runAudit(readyTenant()).checks.map((check) => check.id);
    expect(ids).toEqual([...CHECK_IDS]);
    expect(ids.slice(0, SPEC_CHECK_IDS.length)).toEqual([...SPEC_CHECK_IDS]);
  });

  it('is judged as of the capture time unless told otherwise', () => {
    const snapshot = readyTenant();
    expect(runAudit(snapshot).asOf).toBe(new Date(CAPTURED_AT).toISOString());
    expect(runAudit(snapshot, { now: new Date('2027-01-01T00:00:00Z') }).asOf).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(() => runAudit(snapshot, { now: 'soon' })).toThrow(RangeError);
  });

  it('is not ready when one check fails, and still ready with warnings and skips', () => {
    const failing = readyTenant();
    applicationOf(failing).signInAudience = 'AzureADMultipleOrgs';
    expect(runAudit(failing).ready).toBe(false);
    const warning = readyTenant();
    applicationOf(warning).displayName = 'Other name';
    warning.app!.oauth2PermissionGrants = null;
    expect(runAudit(warning).ready).toBe(true);
  });

  it('gives evidence that survives JSON and never a secret value', () => {
    const snapshot = readyTenant();
    const secret = applicationOf(snapshot).passwordCredentials?.[0] as Record<string, unknown>;
    secret.secretText = 'Q~xTHIS-IS-NOT-FOR-THE-REPORT';
    const report = runAudit(snapshot);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(JSON.stringify(report)).not.toContain('THIS-IS-NOT-FOR-THE-REPORT');
  });

  it('links into the portal of the snapshot’s cloud', () => {
    const global = readyTenant();
    global.app!.appRoleAssignments = [];
    const check = runAudit(global).checks.find((c) => c.id === 'admin-consent');
    expect(check?.portalLink).toBe(
      `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${CLIENT_ID}`,
    );
    expect(check?.fix).toContain(
      'Entra admin center → App registrations → Axios HQ Directory Sync → API permissions',
    );
    const government = structuredClone(global);
    government.cloud = 'usgov';
    const gov = runAudit(government).checks.find((c) => c.id === 'admin-consent');
    expect(gov?.portalLink).toMatch(/^https:\/\/portal\.azure\.us\/#view\/Microsoft_AAD_RegisteredApps\//);
    expect(gov?.fix).toContain('portal.azure.us) → Microsoft Entra ID → App registrations');
  });

  it('reuses a preview it is given', () => {
    const snapshot = readyTenant();
    const preview = computePreview(snapshot);
    expect(runAudit(snapshot, { preview })).toEqual(runAudit(snapshot));
  });

  it('judges an app-less snapshot by its groups alone', () => {
    const snapshot = readyTenant();
    snapshot.app = null;
    const report = runAudit(snapshot);
    const skipped = report.checks.filter((c) => c.status === 'skip').map((c) => c.id);
    expect(skipped).toEqual(expect.arrayContaining(['app-registration', 'admin-consent', 'client-secret']));
    expect(report.ready).toBe(true);
  });
});

describe('the demo tenant', () => {
  it('finds the planted mistake: GroupMember.Read.All added as Delegated', () => {
    const report = runAudit(generateSnapshot(DEMO));
    const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(status['application-permissions']).toBe('fail');
    expect(status['admin-consent']).toBe('fail');
    expect(report.ready).toBe(false);
    const permissions = report.checks.find((c) => c.id === 'application-permissions');
    expect(permissions?.evidence.addedAsDelegated).toEqual(['GroupMember.Read.All']);
    expect(permissions?.fix).toContain('My groups have no users');
    // Nothing else fails: the mistake is the only one planted.
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'application-permissions',
      'admin-consent',
    ]);
  });

  it('is ready without the mistake', () => {
    const report = runAudit(generateSnapshot({ ...DEMO, appMistake: 'none' }));
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.ready).toBe(true);
  });
});
