import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyGroup,
  classifyGroups,
  type GroupContext,
} from '../../../../src/core/audit/classify-groups.ts';
import { findGroupCycles } from '../../../../src/core/audit/group-graph.ts';
import { buildDirectoryIndex } from '../../../../src/core/directory-index.ts';
import { computePreview } from '../../../../src/core/preview.ts';
import { fullGroup } from '../../../support/app-builder.ts';
import { groupRef, snapshotOf, user } from '../../../support/snapshot-builder.ts';

const unknown: GroupContext = { memberReadHidden: null, premiumP1: null };

describe('classifyGroup', () => {
  const cases = [
    {
      description: 'Microsoft 365 group',
      input: { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false },
      expected: { kind: 'microsoft-365', kindLabel: 'Microsoft 365 group', dynamic: false },
    },
    { description: 'security group', input: {}, expected: { kind: 'security', syncable: true } },
    {
      description: 'mail-enabled security group',
      input: { mailEnabled: true, securityEnabled: true },
      expected: { kind: 'mail-enabled-security' },
    },
    {
      description: 'distribution list synced from on-premises',
      input: { mailEnabled: true, securityEnabled: false, onPremisesSyncEnabled: true },
      expected: { kind: 'distribution', onPremisesSynced: true },
    },
    {
      description: 'attributes Graph would not show',
      input: { mailEnabled: null, securityEnabled: null, groupTypes: null },
      expected: { kind: 'unknown' },
    },
    {
      description: 'dynamic Microsoft 365 group, paused (case-insensitive)',
      input: { groupTypes: ['Unified', 'DynamicMembership'], membershipRuleProcessingState: 'paused' },
      expected: {
        kind: 'microsoft-365',
        dynamic: true,
        dynamicPaused: true,
        needs: ['Entra ID P1'],
        syncable: null,
      },
    },
    {
      description: 'hidden membership needs Member.Read.Hidden',
      input: { groupTypes: ['Unified'], visibility: 'HiddenMembership' },
      expected: { hiddenMembership: true, needs: ['Member.Read.Hidden'], unmet: [] },
    },
    {
      description: 'a paused state on an assigned group means nothing',
      input: { membershipRuleProcessingState: 'Paused' },
      expected: { dynamic: false, dynamicPaused: false },
    },
  ];
  it.each(cases)('$description', ({ input, expected }) => {
    expect(classifyGroup(fullGroup('g', input), unknown)).toMatchObject(expected);
  });

  it('says which needs are unmet in the given context', () => {
    const group = fullGroup('g', { groupTypes: ['DynamicMembership'], visibility: 'HiddenMembership' });
    expect(classifyGroup(group, { memberReadHidden: true, premiumP1: true })).toMatchObject({
      unmet: [],
      syncable: true,
    });
    expect(classifyGroup(group, { memberReadHidden: false, premiumP1: true })).toMatchObject({
      unmet: ['Member.Read.Hidden'],
      syncable: false,
    });
    expect(classifyGroup(group, { memberReadHidden: true, premiumP1: false }).unmet).toEqual(['Entra ID P1']);
  });
});

describe('classifyGroups', () => {
  const snapshot = snapshotOf({
    members: {
      top: [user('a'), groupRef('mid')],
      mid: [groupRef('leaf'), user('b')],
      leaf: [user('c'), groupRef('mid')],
      other: [user('a'), user('z')],
    },
    selected: ['top', 'other', 'leaf', 'ghost', 'a', 'lost', 'TOP'],
    extra: { notFound: ['ghost'] },
  });
  const result = classifyGroups(snapshot, computePreview(snapshot));

  it('counts slots by distinct id and names the repeated ones', () => {
    expect(result).toMatchObject({ limit: 15, used: 6, free: 9, repeatedIds: ['TOP'] });
  });

  it('tells found, not-found (404), not-a-group and not-read apart', () => {
    expect(result.selected.map((g) => [g.id, g.status, g.objectType])).toEqual([
      ['top', 'found', null],
      ['other', 'found', null],
      ['leaf', 'found', null],
      ['ghost', 'not-found', null],
      ['a', 'not-a-group', 'user'],
      ['lost', 'not-read', null],
    ]);
  });

  it('measures nesting depth and lists nested groups at their shallowest level', () => {
    expect(result.selected.map((g) => g.depth)).toEqual([2, 0, 1, 0, 0, 0]);
    expect(result.nested.map((g) => [g.id, g.depth, g.viaSelected])).toEqual([['mid', 1, 'top']]);
  });

  it('finds the cycle mid ⇄ leaf once', () => {
    expect(result.cycles.map((cycle) => [...cycle].sort())).toEqual([['leaf', 'mid']]);
  });

  it('says which selected groups another selected group already contains', () => {
    expect(result.selected.find((g) => g.id === 'leaf')?.containedIn).toEqual(['top']);
    expect(result.selected.find((g) => g.id === 'top')?.containedIn).toEqual([]);
  });

  it('counts shared recipients per pair of selected groups', () => {
    const pair = (a: string, b: string) => result.overlaps.find((o) => o.a === a && o.b === b);
    expect(pair('top', 'other')).toMatchObject({ shared: 1, ofSmaller: 0.5 });
    expect(pair('top', 'leaf')).toMatchObject({ shared: 2, ofSmaller: 1 });
  });
});

describe('findGroupCycles', () => {
  it('reports a group that contains itself', () => {
    const snapshot = snapshotOf({ members: { a: [groupRef('a'), user('x')] }, selected: ['a'] });
    const index = buildDirectoryIndex(snapshot);
    expect(findGroupCycles(index, [index.byId.get('a') as number])).toEqual([[index.byId.get('a')]]);
  });

  it('puts exactly the groups that can reach themselves in some cycle (any graph)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 })),
          ),
        ([n, edges]) => {
          const members: Record<string, ReturnType<typeof groupRef>[]> = {};
          for (let i = 0; i < n; i++) members[`g${i}`] = [];
          for (const [from, to] of edges) members[`g${from}`]?.push(groupRef(`g${to}`));
          const index = buildDirectoryIndex(snapshotOf({ members, selected: [] }));
          const roots = Object.keys(members).map((id) => index.byId.get(id) as number);
          const inCycles = new Set(findGroupCycles(index, roots).flat());
          const canReachItself = (start: number) => {
            const seen = new Set<number>();
            const stack = [...(index.members.get(start) ?? [])];
            while (stack.length > 0) {
              const next = stack.pop() as number;
              if (next === start) return true;
              if (seen.has(next)) continue;
              seen.add(next);
              stack.push(...(index.members.get(next) ?? []));
            }
            return false;
          };
          for (const root of roots) expect(inCycles.has(root)).toBe(canReachItself(root));
        },
      ),
    );
  });
});
