// lookalike-addresses (issue #10, item 6): ceo@contоso.example with a Cyrillic о became a recipient
// silently; now it is a warning naming the domain and its foreign letters.
import { describe, expect, it } from 'vitest';
import {
  domainSkeleton,
  indexVerifiedDomains,
  judgeDomain,
  scriptsOf,
} from '../../../../src/core/audit/lookalike-domains.ts';
import type { Snapshot } from '../../../../src/core/snapshot-schema.ts';
import { runCases } from '../../../support/audit-cases.ts';
import { addMember, user } from '../../../support/snapshot-builder.ts';

const withRecipient = (mail: string) => (snapshot: Snapshot) => {
  addMember(snapshot, 'g1', user('odd', { mail, userPrincipalName: 'odd@contoso.example' }));
  return snapshot;
};

describe('lookalike-addresses', () => {
  runCases('lookalike-addresses', [
    {
      description: 'every recipient on a verified domain',
      input: () => undefined,
      expected: { status: 'pass', evidence: { lookalikeRecipients: 0 } },
    },
    {
      description: 'a Cyrillic о in the verified domain',
      input: withRecipient('ceo@cont\u043eso.example'),
      expected: {
        status: 'warn',
        fix: ['cont\u043eso.example (looks like the verified contoso.example', '\u043e (U+043E)'],
        evidence: { lookalikeRecipients: 1 },
      },
      notes: 'issue #10 item 6',
    },
    {
      description: 'Latin and Cyrillic in one label, like no verified domain',
      input: withRecipient('ceo@p\u0430ypal-secure.example'),
      expected: { status: 'warn', fix: ['mixes Latin + Cyrillic', '\u0430 (U+0430)'] },
    },
    {
      description: 'a Cyrillic name under a Latin top-level domain is one script per label',
      input: withRecipient('info@\u043f\u0440\u0438\u043c\u0435\u0440.example'),
      expected: { status: 'pass' },
    },
    {
      description: 'an all-Cyrillic look-alike of a verified domain is confusable',
      input: (snapshot) => {
        snapshot.tenant.verifiedDomains.push({ name: 'cope.example', isDefault: false });
        return withRecipient('ceo@\u0441\u043e\u0440\u0435.example')(snapshot);
      },
      expected: { status: 'warn', fix: ['looks like the verified cope.example'] },
    },
    {
      description: 'rn for m in a verified domain',
      input: (snapshot) => {
        snapshot.tenant.verifiedDomains.push({ name: 'summit.example', isDefault: false });
        return withRecipient('ceo@surnrnit.example')(snapshot);
      },
      expected: { status: 'warn', fix: ['looks like the verified summit.example'] },
    },
    {
      description: 'a digit 0 for the letter o',
      input: withRecipient('ceo@c0ntoso.example'),
      expected: { status: 'warn', fix: ['c0ntoso.example (looks like the verified contoso.example'] },
    },
    {
      description: 'a partner on its own plain domain is fine',
      input: withRecipient('someone@fabrikam.example'),
      expected: { status: 'pass' },
    },
    {
      description: 'a Japanese domain mixing Han and Katakana is one writing system',
      input: withRecipient('info@\u65e5\u672c\u30c6\u30b9\u30c8.jp'),
      expected: { status: 'pass' },
    },
  ]);
});

describe('domain helpers', () => {
  it('maps look-alikes to one skeleton', () => {
    expect(domainSkeleton('cont\u043eso.example')).toBe(domainSkeleton('contoso.example'));
    expect(domainSkeleton('PAYPA1.example')).toBe(domainSkeleton('paypal.example'));
    expect(domainSkeleton('rnicrosoft.example')).toBe(domainSkeleton('microsoft.example'));
    expect(domainSkeleton('fabrikam.example')).not.toBe(domainSkeleton('contoso.example'));
  });

  it('names the scripts of the letters only', () => {
    expect(scriptsOf('cont\u043eso-1.example')).toEqual(['Latin', 'Cyrillic']);
    expect(scriptsOf('\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444')).toEqual(['Cyrillic']);
  });

  it('lets a verified domain through whatever its letters', () => {
    const verified = indexVerifiedDomains(['Contoso.example', 'exarnple.example']);
    expect(judgeDomain('contoso.EXAMPLE', verified)).toBeNull();
    expect(judgeDomain('exarnple.example', verified)).toBeNull();
    expect(judgeDomain('example.example', verified)).toMatchObject({
      kind: 'confusable',
      detail: 'exarnple.example',
    });
  });
});
