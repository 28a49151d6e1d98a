import { describe } from 'vitest';
import { readyTenant } from '../../../support/app-builder.ts';
import { runCases } from '../../../support/audit-cases.ts';
import { contact, groupRef, user } from '../../../support/snapshot-builder.ts';

const limited = (id: string, type = '#microsoft.graph.user') => ({
  '@odata.type': type,
  id,
  displayName: null,
  mail: null,
  userPrincipalName: null,
  accountEnabled: null,
});

describe('required-attributes', () => {
  runCases('required-attributes', [
    {
      description: 'every attribute present (null counts as present) → pass',
      input: () => {},
      expected: { status: 'pass', evidence: { groupsChecked: 2, usersChecked: 3 } },
    },
    {
      description: 'description not requested on the selected group → fail',
      input: (s) => {
        const group = s.objects.find((g) => g.id === 'g1');
        if (group) delete group.description;
      },
      expected: {
        status: 'fail',
        fix: ['description', 'Review attributes'],
        evidence: { missingOnGroups: { description: 1 } },
      },
    },
    {
      description: 'visibility not requested on a nested group → fail',
      input: (s) => {
        const group = s.objects.find((g) => g.id === 'g2');
        if (group) delete group.visibility;
      },
      expected: {
        status: 'fail',
        evidence: {
          missingOnGroups: { visibility: 1 },
          groupsMissing: [{ id: 'g2', missing: ['visibility'] }],
        },
      },
    },
    {
      description: 'accountEnabled not requested on reached users → fail',
      input: () => {
        const u = user('u1');
        delete (u as Record<string, unknown>).accountEnabled;
        return readyTenant({ members: { g1: [u, user('u2')] }, selected: ['g1'] });
      },
      expected: {
        status: 'fail',
        evidence: { missingOnUsers: { accountEnabled: 1 }, usersMissing: [{ id: 'u1' }] },
      },
    },
    {
      description: 'a person Graph answered with "limited information" → fail',
      input: () =>
        readyTenant({
          members: { g1: [user('u1'), groupRef('g2')], g2: [limited('ghost')] },
          selected: ['g1'],
        }),
      expected: {
        status: 'fail',
        fix: ['1 person', 'limited information', 'User.Read.All'],
        evidence: {
          unreadable: 1,
          unreadableExamples: [{ id: 'ghost', via: ['Group g1', 'Group g2', 'ghost'] }],
        },
        link: '/CallAnAPI/',
      },
    },
    {
      description: 'an unreadable contact while contacts are off is not reported (it is contacts-off)',
      input: () =>
        readyTenant({
          members: { g1: [user('u1'), limited('c1', '#microsoft.graph.orgContact')] },
          selected: ['g1'],
        }),
      expected: { status: 'pass' },
    },
    {
      description: 'an unreadable contact while contacts are on → fail',
      input: () => {
        const s = readyTenant({
          members: { g1: [user('u1'), limited('c1', '#microsoft.graph.orgContact')] },
          selected: ['g1'],
        });
        s.selection.syncContacts = true;
        return s;
      },
      expected: { status: 'fail', evidence: { unreadable: 1 } },
    },
  ]);
});

describe('email-coverage', () => {
  runCases('email-coverage', [
    {
      description: 'everyone has mail → pass',
      input: () => {},
      expected: { status: 'pass', evidence: { noEmail: 0 } },
    },
    {
      description: 'no mail, fallback off → warn with how many the fallback would use',
      input: () =>
        readyTenant({
          members: {
            g1: [
              user('u1', { mail: null }),
              user('u2', { mail: '  ' }),
              user('guest', { mail: null, userPrincipalName: 'g_partner.example#EXT#@contoso.example' }),
              user('u3'),
            ],
          },
          selected: ['g1'],
        }),
      expected: {
        status: 'warn',
        fix: [
          '3 audience members have no email address',
          '2 of them have a username',
          'fallback for email addresses',
          'guide section 8, “Optional fields”',
          'turn on “Use the username when the email is empty” in this tool (--upn-fallback',
          'Contact information',
        ],
        evidence: {
          noEmail: 3,
          withUsableUserPrincipalName: 2,
          guestsWithExternalUsername: 1,
          byGroup: [{ id: 'g1', noEmail: 3 }],
        },
      },
    },
    {
      description: 'no mail, fallback on → pass',
      input: () =>
        readyTenant({
          members: { g1: [user('u1', { mail: null })] },
          selected: ['g1'],
          usernameFallback: true,
        }),
      expected: { status: 'pass', evidence: { usernameFallback: true } },
    },
    {
      description: 'a contact without mail never has a username to fall back on',
      input: () =>
        readyTenant({
          members: { g1: [contact('c1', { mail: null })] },
          selected: ['g1'],
          syncContacts: true,
        }),
      expected: {
        status: 'warn',
        fix: ['None of them has a username'],
        evidence: { withUsableUserPrincipalName: 0 },
      },
    },
  ]);
});

describe('snapshot-complete', () => {
  runCases('snapshot-complete', [
    { description: 'complete reads → pass', input: () => {}, expected: { status: 'pass' } },
    {
      description: 'a failed members read → warn naming it',
      input: (s) => {
        const read = s.reads.find((r) => r.path === '/groups/g2/members');
        if (read) Object.assign(read, { status: 'failed', httpStatus: 503, error: 'Service unavailable' });
      },
      expected: { status: 'warn', fix: ['/groups/g2/members', 'Read the tenant again'] },
    },
    {
      description: 'a group without a members list → warn',
      input: (s) => {
        delete s.members.g2;
      },
      expected: {
        status: 'warn',
        evidence: { incompleteReads: [{ path: '/groups/g2/members', status: 'missing' }] },
      },
    },
  ]);
});

describe('group-types', () => {
  runCases('group-types', [
    {
      description: 'describes each selected group',
      input: () =>
        readyTenant({
          groupAttrs: {
            g1: { groupTypes: ['Unified'], mailEnabled: true, mail: 'all@contoso.example' },
            g2: { onPremisesSyncEnabled: true },
          },
        }),
      expected: {
        status: 'pass',
        evidence: {
          selected: [{ id: 'g1', kind: 'Microsoft 365 group', depth: 1 }],
          nestedByKind: { security: 1 },
          maxDepth: 1,
          cycles: [],
        },
      },
    },
    {
      description: 'nothing found → skip',
      input: (s) => {
        s.selection.groupIds = ['nope'];
      },
      expected: { status: 'skip' },
    },
  ]);
});

describe('group-overlap', () => {
  runCases('group-overlap', [
    { description: 'one group → skip', input: () => {}, expected: { status: 'skip' } },
    {
      description: 'a selected group nested in another selected group → warn (a slot for no one new)',
      input: (s) => {
        s.selection.groupIds = ['g1', 'g2'];
      },
      expected: {
        status: 'warn',
        fix: ['Group g2 is already a member of Group g1', '15 slots'],
        evidence: { containedIn: [{ id: 'g2', containedIn: ['g1'] }] },
      },
    },
    {
      description: 'two groups that contain each other are named once as a pair',
      input: () =>
        readyTenant({
          members: { a: [groupRef('b'), user('x')], b: [groupRef('a'), user('y')] },
          selected: ['a', 'b'],
        }),
      expected: { status: 'warn', fix: ['Group a and Group b contain each other'] },
    },
    {
      description: 'two separate groups sharing people → pass with the shared count',
      input: () =>
        readyTenant({
          members: { a: [user('x'), user('y')], b: [user('y'), user('z')] },
          selected: ['a', 'b'],
        }),
      expected: {
        status: 'pass',
        evidence: { pairs: [{ a: 'a', b: 'b', sharedRecipients: 1, shareOfSmaller: 0.5 }] },
      },
    },
  ]);
});
