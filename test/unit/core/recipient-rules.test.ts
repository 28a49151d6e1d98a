import { describe, expect, it } from 'vitest';
import { computePreview } from '../../../src/core/preview.ts';
import { audienceExclusions, audienceRecipients } from '../../../src/core/preview-rows.ts';
import { displayNameOf, isPlausibleMailbox, type ReasonCode } from '../../../src/core/recipient-rules.ts';
import type { SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { contact, device, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

interface Case {
  description: string;
  member: SnapshotMember;
  options?: { usernameFallback?: boolean; syncContacts?: boolean };
  /** null = recipient; 'nested' = counted as a nested group. */
  expected: ReasonCode | null | 'nested';
  email?: string;
  notes?: string;
}

const cases: Case[] = [
  {
    description: 'an enabled user with mail is a recipient',
    member: user('u1'),
    expected: null,
    email: 'u1@contoso.example',
  },
  { description: 'step 1: a group is expanded, not a recipient', member: groupRef('g2'), expected: 'nested' },
  { description: 'step 2: a device is not a person', member: device('d1'), expected: 'not-a-person' },
  {
    description: 'step 2: a service principal is not a person',
    member: { '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp1', displayName: 'App' },
    expected: 'not-a-person',
  },
  {
    description: 'step 2: an unknown @odata.type counts as not-a-person, not fatal',
    member: { '@odata.type': '#microsoft.graph.somethingNew', id: 'x1', mail: 'x@contoso.example' },
    expected: 'not-a-person',
  },
  {
    description: 'step 2: a member the reader marked malformed is excluded for that reason',
    member: {
      '@odata.type': '#microsoft.graph.directoryObject',
      id: 'x2',
      mail: 'kept@contoso.example',
      '@dirsync.malformed': "Graph's answer for this member at @odata.type: expected string",
    },
    expected: 'malformed',
    notes: 'issue #11: a member Graph sent without @odata.type or id keeps its page (read-members.ts)',
  },
  {
    description: 'step 2: a directoryObject without the mark stays not-a-person',
    member: { '@odata.type': '#microsoft.graph.directoryObject', id: 'x3', mail: 'x@contoso.example' },
    expected: 'not-a-person',
  },
  {
    description: 'step 3: a contact while contacts are off',
    member: contact('c1'),
    expected: 'contacts-off',
  },
  {
    description: 'step 3 before 4: an unreadable contact while contacts are off is contacts-off',
    member: { '@odata.type': '#microsoft.graph.orgContact', id: 'c2', displayName: null, mail: null },
    expected: 'contacts-off',
  },
  {
    description: 'a contact with mail while contacts are on',
    member: contact('c1'),
    options: { syncContacts: true },
    expected: null,
  },
  {
    description: 'step 4: limited-information user (all null) is unreadable',
    member: {
      '@odata.type': '#microsoft.graph.user',
      id: 'u2',
      displayName: null,
      mail: null,
      accountEnabled: null,
    },
    expected: 'unreadable',
    notes: "Graph's answer when the reader lacks a permission",
  },
  {
    description: 'step 4: a user with nothing but id and type is unreadable',
    member: { '@odata.type': '#microsoft.graph.user', id: 'u3' },
    expected: 'unreadable',
  },
  {
    description: 'step 4: a contact readable only as id is unreadable when contacts are on',
    member: { '@odata.type': '#microsoft.graph.orgContact', id: 'c3', displayName: null, mail: null },
    options: { syncContacts: true },
    expected: 'unreadable',
    notes: 'contacts without OrgContact.Read.All',
  },
  {
    description: 'step 5: disabled user',
    member: user('u4', { accountEnabled: false }),
    expected: 'disabled',
  },
  {
    description: 'step 5 before 6: a disabled user without mail is disabled',
    member: user('u5', { accountEnabled: false, mail: null }),
    expected: 'disabled',
  },
  {
    description: 'accountEnabled null counts as enabled',
    member: user('u6', { accountEnabled: null }),
    expected: null,
  },
  {
    description: 'accountEnabled absent counts as enabled',
    member: user('u7', { accountEnabled: undefined }),
    expected: null,
  },
  { description: 'step 6: no mail, fallback off', member: user('u8', { mail: null }), expected: 'no-email' },
  {
    description: 'step 6: whitespace-only mail is empty',
    member: user('u9', { mail: '   ' }),
    expected: 'no-email',
  },
  {
    description: 'fallback on: UPN is used when mail is empty',
    member: user('u10', { mail: null, userPrincipalName: ' u10@contoso.example ' }),
    options: { usernameFallback: true },
    expected: null,
    email: 'u10@contoso.example',
  },
  {
    description: "fallback on: a guest's #EXT# UPN is no mailbox",
    member: user('u11', {
      mail: null,
      userType: 'Guest',
      userPrincipalName: 'ann_fabrikam.example#EXT#@contoso.onmicrosoft.com',
    }),
    options: { usernameFallback: true },
    expected: 'no-email',
  },
  {
    description: 'fallback on: #ext# in lower case is still external',
    member: user('u12', {
      mail: null,
      userPrincipalName: 'ann_fabrikam.example#ext#@contoso.onmicrosoft.com',
    }),
    options: { usernameFallback: true },
    expected: 'no-email',
  },
  {
    description: 'fallback never applies to contacts',
    member: contact('c4', { mail: null, userPrincipalName: 'c4@partner.example' }),
    options: { usernameFallback: true, syncContacts: true },
    expected: 'no-email',
  },
  {
    description: 'mail wins over UPN and is trimmed',
    member: user('u13', { mail: '  Mail@Contoso.example ' }),
    options: { usernameFallback: true },
    expected: null,
    email: 'Mail@Contoso.example',
  },
  {
    description: 'step 7: no @',
    member: user('u14', { mail: 'nobody.contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: two @',
    member: user('u15', { mail: 'a@b@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: single-label domain',
    member: user('u16', { mail: 'a@localhost' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: empty label',
    member: user('u17', { mail: 'a@x..com' }),
    expected: 'invalid-email',
  },
  { description: 'step 7: trailing dot', member: user('u18', { mail: 'a@com.' }), expected: 'invalid-email' },
  { description: 'step 7: leading dot', member: user('u19', { mail: 'a@.com' }), expected: 'invalid-email' },
  {
    description: 'step 7: inner space',
    member: user('u20', { mail: 'a b@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: NBSP',
    member: user('u21', { mail: 'a\u00a0b@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: zero-width space (Cf)',
    member: user('u22', { mail: 'ab\u200b@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: BOM inside (Cf)',
    member: user('u23', { mail: 'a\ufeffb@contoso.example' }),
    expected: 'invalid-email',
    notes: 'a leading BOM is removed by trim() like other surrounding whitespace',
  },
  {
    description: 'step 7: line separator (Zl)',
    member: user('u24', { mail: 'ab\u2028@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: control character (Cc)',
    member: user('u25', { mail: 'ab\u0007@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7 (ours): leading =',
    member: user('u26', { mail: '=cmd@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7 (ours): leading +',
    member: user('u27', { mail: '+1@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7 (ours): leading -',
    member: user('u28', { mail: '-x@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7 (ours): full-width ＝',
    member: user('u29', { mail: '＝x@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'step 7: empty local part',
    member: user('u30', { mail: '@contoso.example' }),
    expected: 'invalid-email',
  },
  {
    description: 'a + inside the local part is fine',
    member: user('u31', { mail: 'a+news@contoso.example' }),
    expected: null,
  },
  {
    description: 'non-Latin local part is plausible',
    member: user('u32', { mail: '王伟@contoso.example' }),
    expected: null,
  },
];

describe('recipient rules, one member at a time', () => {
  it.each(cases)('$description', ({ member, options, expected, email }) => {
    const snapshot = snapshotOf({
      members: { g1: [member], ...(expected === 'nested' ? { g2: [] } : {}) },
      selected: ['g1'],
      ...options,
    });
    const preview = computePreview(snapshot);
    const group = preview.groups[0];
    expect(group?.reached).toBe(1);
    if (expected === 'nested') {
      expect(group?.nestedGroups).toBe(1);
      expect(group?.recipients).toBe(0);
    } else if (expected === null) {
      expect(group?.recipients).toBe(1);
      const [row] = audienceRecipients(preview);
      if (email !== undefined) expect(row?.email).toBe(email);
    } else {
      expect(group?.excluded[expected]).toBe(1);
      expect(audienceExclusions(preview)[0]?.reason).toBe(expected);
    }
  });
});

describe('duplicate-email (step 8)', () => {
  it('keeps the first in walk order and compares ignoring case', () => {
    const snapshot = snapshotOf({
      members: {
        g1: [
          user('a', { mail: 'J.Doe@contoso.example' }),
          user('b', { mail: 'j.doe@CONTOSO.example', displayName: 'Second' }),
        ],
      },
      selected: ['g1'],
    });
    const preview = computePreview(snapshot);
    expect(audienceRecipients(preview).map((row) => row.id)).toEqual(['a']);
    expect(audienceExclusions(preview)).toMatchObject([
      { id: 'b', reason: 'duplicate-email', email: 'j.doe@CONTOSO.example' },
    ]);
  });

  it('an excluded object does not take an address', () => {
    const snapshot = snapshotOf({
      members: {
        g1: [
          user('a', { mail: 'x@contoso.example', accountEnabled: false }),
          user('b', { mail: 'x@contoso.example' }),
        ],
      },
      selected: ['g1'],
    });
    expect(audienceRecipients(computePreview(snapshot)).map((row) => row.id)).toEqual(['b']);
  });
});

describe('plausible mailbox and names', () => {
  it.each([
    ['a@b.c', true],
    ['first.last@sub.contoso.example', true],
    ['a@b', false],
    ['', false],
    ['@', false],
    ['＠x@b.c', false],
    ['a@b.c\t', false],
  ])('%s → %s', (address, expected) => {
    expect(isPlausibleMailbox(address)).toBe(expected);
  });

  it.each([
    [{ id: '1', displayName: '  Ann  ' }, 'Ann'],
    [{ id: '1', displayName: ' ', givenName: ' Ann ', surname: 'Lee' }, 'Ann Lee'],
    [{ id: '1', displayName: null, givenName: null, surname: 'Lee' }, 'Lee'],
    [{ id: '1', displayName: null }, ''],
  ])('name of %j is %s', (object, expected) => {
    expect(displayNameOf(object)).toBe(expected);
  });
});
