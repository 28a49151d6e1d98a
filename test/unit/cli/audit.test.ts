import { describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../src/cli/audit.ts';
import { UsageError } from '../../../src/cli/io.ts';
import { CHECK_IDS } from '../../../src/core/audit/types.ts';
import { applicationOf, readyTenant } from '../../support/app-builder.ts';
import { createMemoryIo } from '../../support/memory-io.ts';

const ready = JSON.stringify(readyTenant());
const broken = (() => {
  const snapshot = readyTenant();
  applicationOf(snapshot).signInAudience = 'AzureADMultipleOrgs';
  applicationOf(snapshot).displayName = 'Sync';
  return JSON.stringify(snapshot);
})();

describe('cli audit', () => {
  it('prints the spec’s JSON and exits 0 when nothing fails', async () => {
    const io = createMemoryIo({ 's.json': ready });
    expect(await runAuditCommand(['s.json', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json).toMatchObject({ ready: true, asOf: '2026-11-23T06:00:00.000Z' });
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual([...CHECK_IDS]);
    for (const check of json.checks)
      expect(Object.keys(check)).toEqual([
        'id',
        'status',
        'title',
        'reason',
        'evidence',
        'fix',
        'severity',
        'portalLink',
      ]);
  });

  it('exits 1 when a check fails', async () => {
    const io = createMemoryIo({ 's.json': broken });
    expect(await runAuditCommand(['s.json', '--json'], io)).toBe(1);
    const json = JSON.parse(io.out());
    expect(json.ready).toBe(false);
    expect(json.checks.find((c: { id: string }) => c.id === 'sign-in-audience').status).toBe('fail');
  });

  it('judges at --now', async () => {
    const io = createMemoryIo({ 's.json': ready });
    expect(await runAuditCommand(['s.json', '--json', '--now', '2028-12-01T00:00:00Z'], io)).toBe(1);
    const json = JSON.parse(io.out());
    expect(json.asOf).toBe('2028-12-01T00:00:00.000Z');
    expect(json.checks.find((c: { id: string }) => c.id === 'client-secret').status).toBe('fail');
  });

  it('prints a readable list: failures first, with the fix and the portal link', async () => {
    const io = createMemoryIo({ 's.json': broken });
    await runAuditCommand(['s.json'], io);
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(
      /^Contoso: NOT READY as of 2026-11-23T06:00:00.000Z \(1 failed, 1 warning, 2 skipped, 13 passed\)$/,
    );
    expect(lines[2]).toMatch(/^FAIL {2}sign-in-audience +Accounts in this organizational directory only$/);
    expect(lines[3]).toMatch(/^ +fix: The app accepts/);
    expect(io.out()).toMatch(
      / +open: https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_RegisteredApps\/ApplicationMenuBlade\/~\/Authentication\/appId\//,
    );
    expect(io.out()).toMatch(/\nWARN {2}app-registration/);
    expect(io.out()).toMatch(/\nSKIP {2}contacts-permission +.*\n +skipped: contacts sync is off/);
    expect(io.out().indexOf('WARN')).toBeLessThan(io.out().indexOf('PASS'));
  });

  const usage = [
    {
      description: 'a bad --now',
      input: ['s.json', '--now', 'yesterday'],
      expected: /--now: "yesterday" is not an ISO-8601 time/,
    },
    { description: '--now without a value', input: ['s.json', '--now'], expected: /--now needs a value/ },
    { description: 'no file', input: [], expected: /expected 1 file argument/ },
    { description: 'a missing file', input: ['nope.json'], expected: /nope\.json: no such file/ },
    { description: 'not a snapshot', input: ['bad.json'], expected: /bad\.json: \$\.format/ },
    { description: 'an unknown option', input: ['s.json', '--csv', 'x'], expected: /unknown option --csv/ },
  ];
  it.each(usage)('$description → usage error (exit 2)', async ({ input, expected }) => {
    const io = createMemoryIo({ 's.json': ready, 'bad.json': '{"format":"other"}' });
    const error = await runAuditCommand(input, io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(expected);
    expect(io.out()).toBe('');
  });
});
