import { describe, expect } from 'vitest';
import { grant, P1_SKU, ROLE, readyTenant, request } from '../../../support/app-builder.ts';
import { runCases } from '../../../support/audit-cases.ts';
import { groupRef, user } from '../../../support/snapshot-builder.ts';

const manyGroups = (n: number) => {
  const members: Record<string, ReturnType<typeof user>[]> = {};
  for (let i = 0; i < n; i++) members[`g${i}`] = [user(`u${i}`)];
  return readyTenant({ members, selected: Object.keys(members) });
};

describe('group-limit', () => {
  runCases('group-limit', [
    {
      description: 'one group passes',
      input: () => {},
      expected: { status: 'pass', evidence: { distinct: 1, free: 14 } },
    },
    {
      description: 'exactly 15 passes',
      input: () => manyGroups(15),
      expected: { status: 'pass', evidence: { free: 0 } },
    },
    {
      description: '16 groups → fail',
      input: () => manyGroups(16),
      expected: { status: 'fail', fix: ['16 groups are selected', 'at most 15'], evidence: { distinct: 16 } },
    },
    {
      description: 'none selected → warn: whole-directory sync is not operational',
      input: (s) => {
        s.selection.groupIds = [];
      },
      expected: {
        status: 'warn',
        fix: ['Sync entire directory', 'all-staff group'],
        link: 'GroupsManagementMenuBlade',
      },
      notes: 'guide section 11',
    },
    {
      description: 'the same id twice (other case) → warn naming it',
      input: (s) => {
        s.selection.groupIds = ['g1', 'G1'];
      },
      expected: {
        status: 'warn',
        fix: ['Selected more than once: G1'],
        evidence: { selected: 2, distinct: 1, repeatedIds: ['G1'] },
      },
    },
  ]);
});

describe('selected-groups', () => {
  runCases('selected-groups', [
    { description: 'found groups with members pass', input: () => {}, expected: { status: 'pass' } },
    {
      description: 'an id Graph answered 404 for → fail, and mention Exchange dynamic distribution groups',
      input: (s) => {
        s.selection.groupIds.push('ddg-1');
        s.notFound = ['ddg-1'];
      },
      expected: {
        status: 'fail',
        fix: ['ddg-1', '(404)', 'Exchange dynamic distribution group', 'Entra dynamic group'],
        evidence: { notFound: ['ddg-1'], note: expectString('never appear in Microsoft Graph') },
      },
    },
    {
      description: 'the id of a user instead of a group → fail',
      input: (s) => {
        s.selection.groupIds = ['u1'];
      },
      expected: {
        status: 'fail',
        fix: ['u1 is a user, not a group'],
        evidence: { notAGroup: [{ id: 'u1', objectType: 'user' }] },
      },
    },
    {
      description: 'an id neither found nor 404 → warn that it was not read',
      input: (s) => {
        s.selection.groupIds.push('unread');
      },
      expected: { status: 'warn', fix: ['could not be read'], evidence: { notRead: ['unread'] } },
    },
    {
      description: 'a group with no members → warn',
      input: () => readyTenant({ members: { g1: [user('u1')], empty: [] }, selected: ['g1', 'empty'] }),
      expected: {
        status: 'warn',
        fix: ['Group empty has no members', '+ Add members'],
        evidence: { empty: ['empty'] },
        link: 'groupId/empty',
      },
    },
    {
      description: 'no listed members but Entra counts some (service principals) → warn explaining it',
      input: () => {
        const s = readyTenant({ members: { g1: [] }, selected: ['g1'] });
        s.memberCounts = { g1: 3 };
        return s;
      },
      expected: { status: 'warn', fix: ['Entra counts 3', 'service principals'] },
    },
    {
      description: 'hidden membership without Member.Read.Hidden → warn',
      input: () =>
        readyTenant({ groupAttrs: { g1: { groupTypes: ['Unified'], visibility: 'HiddenMembership' } } }),
      expected: {
        status: 'warn',
        fix: ['Member.Read.Hidden', 'Grant admin consent'],
        evidence: { hiddenWithoutPermission: ['g1'] },
      },
    },
    {
      description: 'hidden membership with Member.Read.Hidden granted → pass',
      input: () => {
        const s = readyTenant({
          groupAttrs: { g1: { groupTypes: ['Unified'], visibility: 'HiddenMembership' } },
        });
        request(s, ROLE['Member.Read.Hidden'], 'Role');
        s.app?.appRoleAssignments.push(grant('Member.Read.Hidden'));
        return s;
      },
      expected: { status: 'pass' },
    },
    {
      description: 'nothing selected → skip',
      input: (s) => {
        s.selection.groupIds = [];
      },
      expected: { status: 'skip' },
    },
  ]);
});

function expectString(part: string) {
  return expect.stringContaining(part);
}

const dynamic = {
  groupTypes: ['DynamicMembership'],
  membershipRule: '(user.department -eq "Sales")',
  membershipRuleProcessingState: 'On',
};

describe('dynamic-groups-license', () => {
  runCases('dynamic-groups-license', [
    {
      description: 'no dynamic group → pass',
      input: () => {},
      expected: { status: 'pass', evidence: { dynamicGroups: [] } },
    },
    {
      description: 'a selected dynamic group with P1 → pass',
      input: () => readyTenant({ groupAttrs: { g1: dynamic } }),
      expected: { status: 'pass', evidence: { premiumPlans: [{ plan: 'AAD_PREMIUM' }] } },
    },
    {
      description: 'a selected dynamic group without P1 → fail',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        s.subscribedSkus = [];
        return s;
      },
      expected: {
        status: 'fail',
        fix: ['Entra ID P1', 'Membership type: Assigned'],
        link: 'LicensesMenuBlade',
        evidence: { dynamicGroups: [{ id: 'g1', selected: true }] },
      },
    },
    {
      description: 'a nested dynamic group without P1 → fail',
      input: () => {
        const s = readyTenant({ groupAttrs: { g2: dynamic } });
        s.subscribedSkus = [];
        return s;
      },
      expected: { status: 'fail', evidence: { dynamicGroups: [{ id: 'g2', selected: false }] } },
    },
    {
      description: 'P2 only counts as P1',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        const plan = s.subscribedSkus[0]?.servicePlans?.[0];
        if (plan) {
          plan.servicePlanId = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';
          plan.servicePlanName = 'AAD_PREMIUM_P2';
        }
        return s;
      },
      expected: { status: 'pass' },
    },
    {
      description: 'a suspended SKU does not count',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        s.subscribedSkus = [{ ...structuredClone(P1_SKU), capabilityStatus: 'Suspended' }];
        return s;
      },
      expected: { status: 'fail' },
    },
    {
      description: 'a SKU in its grace period (Warning) still counts',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        s.subscribedSkus = [{ ...structuredClone(P1_SKU), capabilityStatus: 'Warning' }];
        return s;
      },
      expected: { status: 'pass' },
    },
    {
      description: 'a plan not provisioned does not count',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        const plan = s.subscribedSkus[0]?.servicePlans?.[0];
        if (plan) plan.provisioningStatus = 'PendingProvisioning';
        return s;
      },
      expected: { status: 'fail' },
    },
    {
      description: 'paused rule processing → warn with how to resume it',
      input: () =>
        readyTenant({ groupAttrs: { g2: { ...dynamic, membershipRuleProcessingState: 'Paused' } } }),
      expected: {
        status: 'warn',
        fix: [
          'paused',
          'My group is not up-to-date',
          'Update-MgGroup -GroupId g2 -MembershipRuleProcessingState On',
        ],
        evidence: { dynamicGroups: [{ id: 'g2', paused: true }] },
      },
    },
    {
      description: 'SKUs not read → skip',
      input: () => {
        const s = readyTenant({ groupAttrs: { g1: dynamic } });
        s.subscribedSkus = [];
        const read = s.reads.find((r) => r.path === '/subscribedSkus');
        if (read) read.status = 'failed';
        return s;
      },
      expected: { status: 'skip', reason: /subscribedSkus was not read/ },
    },
    {
      description: 'SKUs not read but no dynamic group → pass',
      input: (s) => {
        s.subscribedSkus = [];
        s.reads = s.reads.filter((r) => r.path !== '/subscribedSkus');
      },
      expected: { status: 'pass' },
    },
  ]);
});

describe('selected-groups with nesting', () => {
  runCases('selected-groups', [
    {
      description: 'nested groups do not count as selected',
      input: () => readyTenant({ members: { g1: [groupRef('g2')], g2: [user('a')] }, selected: ['g1'] }),
      expected: { status: 'pass', evidence: { groups: [{ id: 'g1', direct: 1 }] } },
    },
  ]);
});
