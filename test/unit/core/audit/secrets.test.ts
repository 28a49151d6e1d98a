import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../../../../src/core/audit/ics.ts';
import { secretLifecycle, secretReminderIcs } from '../../../../src/core/audit/secrets.ts';
import { applicationOf, readyTenant } from '../../../support/app-builder.ts';

const NOW = new Date('2026-11-23T06:00:00Z');
const secret = (keyId: string, endDateTime: string | null) => ({
  keyId,
  displayName: `secret ${keyId}`,
  hint: 'abc',
  startDateTime: '2026-01-01T00:00:00Z',
  endDateTime,
});

describe('secretLifecycle', () => {
  const cases = [
    {
      description: 'ended before now',
      input: '2026-11-23T05:59:59Z',
      expected: { state: 'expired', daysLeft: -1 },
    },
    {
      description: 'ends exactly now',
      input: '2026-11-23T06:00:00Z',
      expected: { state: 'expired', daysLeft: 0 },
    },
    {
      description: 'ends in 30 days exactly',
      input: '2026-12-23T06:00:00Z',
      expected: { state: 'expiring', daysLeft: 30 },
    },
    {
      description: 'ends in 30 days and a second',
      input: '2026-12-23T06:00:01Z',
      expected: { state: 'valid', daysLeft: 30 },
    },
    { description: 'no end date', input: null, expected: { state: 'valid', daysLeft: null } },
  ];
  it.each(cases)('$description', ({ input, expected }) => {
    const snapshot = readyTenant();
    applicationOf(snapshot).passwordCredentials = [secret('k', input)];
    expect(secretLifecycle(applicationOf(snapshot), NOW).secrets[0]).toMatchObject(expected);
  });

  it('orders secrets by end date and names the latest', () => {
    const snapshot = readyTenant();
    applicationOf(snapshot).passwordCredentials = [
      secret('a', '2027-01-01T00:00:00Z'),
      secret('b', '2029-01-01T00:00:00Z'),
      secret('c', '2026-01-01T00:00:00Z'),
    ];
    const lifecycle = secretLifecycle(applicationOf(snapshot), NOW);
    expect(lifecycle.secrets.map((s) => s.keyId)).toEqual(['b', 'a', 'c']);
    expect(lifecycle.latest?.keyId).toBe('b');
  });
});

describe('secretReminderIcs', () => {
  const ics = secretReminderIcs(secret('7C000000-0000-4000-8000-0000000000C7', '2027-03-15T10:00:00Z'), {
    tenantName: 'Contoso; Ltd, "EU"',
    appName: 'Axios HQ Directory Sync',
    now: '2026-11-23T06:00:00Z',
    link: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/x',
  });
  const lines = ics.split('\r\n');
  const unfolded = ics.replace(/\r\n /g, '');

  it('is one VCALENDAR with one VEVENT and a VALARM, CRLF everywhere', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfolded.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    expect(unfolded).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\n/);
    expect(unfolded).toContain('PRODID:');
  });

  it('dates the event 14 days before the end, stamped with "now", with a stable UID from the keyId', () => {
    expect(unfolded).toContain('DTSTAMP:20261123T060000Z\r\n');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20270301\r\n');
    expect(unfolded).toContain('DTEND;VALUE=DATE:20270302\r\n');
    expect(unfolded).toContain(
      'UID:7c000000-0000-4000-8000-0000000000c7-secret-expiry@dirsync-preflight\r\n',
    );
  });

  it('escapes text and folds lines at 75 octets', () => {
    expect(unfolded).toContain('Contoso\\; Ltd\\, "EU"');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(unfolded).toContain('Secret ID: 7C000000-0000-4000-8000-0000000000C7');
    expect(unfolded).toContain('Send the new Value and Secret ID to Axios HQ again');
  });

  it('lands today when the end is closer than the reminder lead', () => {
    const soon = secretReminderIcs(secret('k', '2026-11-30T00:00:00Z'), {
      tenantName: 't',
      appName: 'a',
      now: NOW,
    });
    expect(soon.replace(/\r\n /g, '')).toContain('DTSTART;VALUE=DATE:20261123');
  });

  it('refuses a secret without an end date', () => {
    expect(() => secretReminderIcs(secret('k', null), { tenantName: 't', appName: 'a', now: NOW })).toThrow(
      RangeError,
    );
  });
});

describe('ics text', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds any text into ≤75-octet lines that unfold to the original, never splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n'))
          expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });
});
