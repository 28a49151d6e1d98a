// The count explanation as data: every waterfall walks from its first total to the recipients in
// steps that add up, and the sentences say the numbers an admin compares with the portal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceSentence, groupSentence, notSyncedPhrase, waterfallOf } from '../../../src/app/waterfall.ts';
import type { CountsSummary, GroupSummary, PreviewSummary } from '../../../src/core/preview-summary.ts';
import { REASON_CODES, type ReasonCode } from '../../../src/core/recipient-rules.ts';

/** Numbers as the reader's locale writes them, as the app does. */
const n = (value: number) => new Intl.NumberFormat().format(value);
const none = Object.fromEntries(REASON_CODES.map((code) => [code, 0])) as Record<ReasonCode, number>;

function counts(
  recipients: number,
  nestedGroups: number,
  excluded: Partial<Record<ReasonCode, number>>,
): CountsSummary {
  const all = { ...none, ...excluded };
  const dropped = REASON_CODES.reduce((sum, code) => sum + all[code], 0);
  return { reached: recipients + nestedGroups + dropped, recipients, nestedGroups, excluded: all };
}

function group(memberCount: number | null, direct: number, base: CountsSummary): GroupSummary {
  return {
    id: 'g',
    found: true,
    displayName: 'All Staff',
    direct,
    directByType: { user: direct, group: 0, orgContact: 0, device: 0, servicePrincipal: 0, other: 0 },
    memberCount,
    ...base,
  };
}

/** Replays the steps: each total must equal the running value the changes before it led to. */
function replay(steps: ReturnType<typeof waterfallOf>['steps']): number {
  let running: number | null = null;
  for (const step of steps) {
    if (step.kind === 'total') {
      if (running !== null && step.key !== 'direct' && step.key !== 'reached' && step.key !== 'recipients')
        throw new Error(`unexpected total ${step.key}`);
      if (running !== null) expect(step.value).toBe(running);
      running = step.value;
      expect([step.from, step.to]).toEqual([0, step.value]);
    } else {
      const before = running as number;
      const after = step.kind === 'add' ? before + step.value : before - step.value;
      expect(step.from).toBe(Math.min(before, after));
      expect(step.to).toBe(Math.max(before, after));
      running = after;
    }
  }
  return running as number;
}

describe('waterfallOf', () => {
  it('adds up from Entra’s count to the recipients, for any counts', () => {
    const reasons = fc.record(Object.fromEntries(REASON_CODES.map((code) => [code, fc.nat(500)])) as never);
    fc.assert(
      fc.property(
        fc.nat(5_000),
        fc.nat(50),
        reasons,
        fc.option(fc.nat(8_000), { nil: null }),
        fc.nat(100),
        (recipients, nested, excluded, memberCount, fromNesting) => {
          const base = counts(recipients, nested, excluded as Record<ReasonCode, number>);
          const direct = Math.max(0, base.reached - fromNesting);
          const waterfall = waterfallOf(group(memberCount, direct, base));
          expect(replay(waterfall.steps)).toBe(recipients);
          expect(waterfall.steps.at(-1)).toMatchObject({ key: 'recipients', outcomes: ['recipient'] });
          expect(waterfall.max).toBeGreaterThanOrEqual(Math.max(1, memberCount ?? 0, base.reached));
          // Every step an admin can list is a set of rows; Entra's own numbers are not.
          for (const step of waterfall.steps)
            expect(step.outcomes === null).toBe(
              ['entra', 'unlisted', 'count-lag', 'direct', 'nested-members'].includes(step.key),
            );
        },
      ),
    );
  });

  it.each([
    {
      description: 'service principals counted by Entra but not listed',
      input: { memberCount: 50, direct: 48 },
      expected: [
        'entra',
        'unlisted',
        'direct',
        'nested-members',
        'reached',
        'nested-group',
        'disabled',
        'recipients',
      ],
    },
    {
      description: 'Entra’s count lagging behind the listed members',
      input: { memberCount: 40, direct: 48 },
      expected: [
        'entra',
        'count-lag',
        'direct',
        'nested-members',
        'reached',
        'nested-group',
        'disabled',
        'recipients',
      ],
    },
    {
      description: 'no member count in the snapshot',
      input: { memberCount: null, direct: 48 },
      expected: ['direct', 'nested-members', 'reached', 'nested-group', 'disabled', 'recipients'],
    },
  ])('steps: $description', ({ input, expected }) => {
    const base = counts(200, 3, { disabled: 7 });
    expect(waterfallOf(group(input.memberCount, input.direct, base)).steps.map((step) => step.key)).toEqual(
      expected,
    );
  });

  it('starts the audience at what the groups reach, since a union has no member count', () => {
    const steps = waterfallOf(counts(10, 0, { 'no-email': 2 })).steps;
    expect(steps.map((step) => [step.key, step.value])).toEqual([
      ['reached', 12],
      ['no-email', 2],
      ['recipients', 10],
    ]);
    expect(steps[0]?.outcomes).toEqual([]);
  });
});

describe('sentences', () => {
  it('answers "Entra says 1,240, HQ shows 1,187" in one line', () => {
    const base = counts(1_187, 0, { disabled: 31, 'no-email': 12, 'duplicate-email': 1 });
    const sentence = groupSentence(group(1_240, base.reached - 9, base));
    expect(sentence).toContain(`Entra says ${n(1_240)} members; ${n(1_187)} will be synced.`);
    expect(sentence).toContain(
      'Not synced: 31 disabled, 12 without an email address and 1 duplicate address.',
    );
    expect(sentence).toContain('9 more objects');
  });

  it('says when a group was not found', () => {
    expect(groupSentence({ ...group(null, 0, counts(0, 0, {})), found: false })).toMatch(/not found/);
  });

  it('says how much the groups overlap', () => {
    const a = group(null, 5, counts(5, 0, {}));
    const summary: PreviewSummary = {
      complete: true,
      incompleteReads: [],
      selection: { groupIds: ['a', 'b'], usernameFallback: false, syncContacts: false, repeatedIds: [] },
      audience: counts(7, 1, { 'not-a-person': 1 }),
      groups: [a, { ...a, id: 'b' }],
    };
    expect(audienceSentence(summary)).toBe(
      'The selected groups reach 9 objects in all; 7 will be synced. Not synced: 1 nested group and 1 is not a person. Counted group by group the recipients add up to 10; people in several selected groups are synced once.',
    );
    expect(notSyncedPhrase(counts(3, 0, {}))).toBe('');
  });
});
