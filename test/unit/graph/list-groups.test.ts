// The group picker's list: every group of the tenant, pages of 999 followed to the end, with the
// attributes the picker shows; a page that keeps failing makes the list `partial`, not short.
import { describe, expect, it } from 'vitest';
import { listGroups } from '../../../src/graph/list-groups.ts';
import { graphTenant } from '../../fixtures/graph-tenant.ts';
import { createHarness } from '../../support/graph-harness.ts';

const extraGroups = Array.from({ length: 1_500 }, (_, i) => ({
  id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  displayName: `Team ${i}`,
  description: 'not asked for',
  mail: i % 3 === 0 ? `team${i}@fabrikam.example` : null,
  mailEnabled: i % 3 === 0,
  securityEnabled: i % 3 !== 0,
  groupTypes: i % 5 === 0 ? ['Unified'] : [],
  visibility: i % 5 === 0 ? 'Private' : null,
  membershipRule: i % 7 === 0 ? 'user.department -eq "Sales"' : null,
  membershipRuleProcessingState: i % 7 === 0 ? 'On' : null,
  onPremisesSyncEnabled: null,
}));

describe('listGroups', () => {
  it('lists every group in pages of 999 with the picker attributes', async () => {
    const harness = createHarness(graphTenant(), { extraGroups });
    const list = await listGroups({ cloud: 'global' }, harness.deps);
    expect(list.groups).toHaveLength(1_504);
    expect(list.read).toMatchObject({ path: '/groups', status: 'complete', pages: 2, items: 1_504 });
    expect(harness.fake.stats).toMatchObject({ requests: 2, batches: 0 });
    const { description: _description, ...team7 } = extraGroups[7] as (typeof extraGroups)[number];
    expect(list.groups.find((group) => group.id === team7.id)).toEqual(team7);
    expect(harness.progress.at(-1)?.phase).toBe('done');
  });

  it('says the list is partial when a later page keeps failing', async () => {
    const harness = createHarness(graphTenant(), {
      extraGroups,
      faults: [
        {
          path: '/groups',
          page: 'next',
          times: Number.POSITIVE_INFINITY,
          effect: { kind: 'status', status: 504 },
        },
      ],
    });
    const list = await listGroups({ cloud: 'global' }, harness.deps);
    expect(list.groups).toHaveLength(999);
    expect(list.read).toMatchObject({ status: 'partial', pages: 1, httpStatus: 504 });
  });
});
