// Invariants of the preview over random tenants: random group graphs (cycles, diamonds, self
// membership), random people (every reason code reachable), random member order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Counts, computePreview } from '../../../src/core/preview.ts';
import { audienceRecipients } from '../../../src/core/preview-rows.ts';
import { REASON_CODES } from '../../../src/core/recipient-rules.ts';
import type { Snapshot, SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { contact, device, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const MAILS = [
  'a@contoso.example',
  'A@contoso.example',
  'b@contoso.example',
  'bad@localhost',
  null,
  ' c@contoso.example ',
];

const personArb = (id: string) =>
  fc.oneof(
    fc
      .record({
        mail: fc.constantFrom(...MAILS),
        enabled: fc.constantFrom(true, false, null),
        upn: fc.constantFrom('u@contoso.example', 'x#EXT#@t.example', null),
      })
      .map(({ mail, enabled, upn }) => user(id, { mail, accountEnabled: enabled, userPrincipalName: upn })),
    fc.constantFrom(contact(id), contact(id, { mail: null }), device(id), {
      '@odata.type': '#microsoft.graph.user',
      id,
    } as SnapshotMember),
  );

const tenantArb = fc
  .record({ groups: fc.integer({ min: 1, max: 8 }), people: fc.integer({ min: 0, max: 25 }) })
  .chain(({ groups, people }) => {
    const groupIds = Array.from({ length: groups }, (_, i) => `group-${i}`);
    const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
    const memberIdArb = fc.constantFrom(...groupIds, ...(personIds.length > 0 ? personIds : groupIds));
    return fc
      .record({
        people: fc.tuple(...personIds.map(personArb)),
        lists: fc.tuple(...groupIds.map(() => fc.array(memberIdArb, { maxLength: 12 }))),
        selected: fc.subarray(groupIds, { minLength: 1 }),
        fallback: fc.boolean(),
        contacts: fc.boolean(),
      })
      .map(({ people: persons, lists, selected, fallback, contacts }) => {
        const byId = new Map<string, SnapshotMember>(persons.map((p) => [p.id, p]));
        const members: Record<string, SnapshotMember[]> = {};
        groupIds.forEach((id, i) => {
          members[id] = (lists[i] ?? []).map((memberId) => byId.get(memberId) ?? groupRef(memberId));
        });
        return snapshotOf({ members, selected, usernameFallback: fallback, syncContacts: contacts });
      });
  });

const shuffled = (snapshot: Snapshot, seed: number): Snapshot => {
  let state = seed || 1;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const members: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(snapshot.members)) {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
    }
    members[key] = copy;
  }
  return { ...snapshot, members };
};

const sum = (counts: Counts) =>
  counts.recipients +
  counts.nestedGroups +
  REASON_CODES.reduce((total, code) => total + counts.excluded[code], 0);
const countsOf = (counts: Counts) => ({
  reached: counts.reached,
  recipients: counts.recipients,
  nestedGroups: counts.nestedGroups,
  excluded: counts.excluded,
});

describe('preview invariants', () => {
  it('counts add up and every reached object is counted once', () => {
    fc.assert(
      fc.property(tenantArb, (snapshot) => {
        const preview = computePreview(snapshot);
        for (const counts of [preview.audience, ...preview.groups]) {
          expect(sum(counts)).toBe(counts.reached);
          expect(
            new Set(
              counts === preview.audience
                ? preview.audience.reach.items
                : (counts as (typeof preview.groups)[0]).reach.items,
            ).size,
          ).toBe(counts.reached);
        }
        const distinct = new Set<number>();
        for (const group of preview.groups) for (const item of group.reach.items) distinct.add(item);
        expect(preview.audience.reached).toBe(distinct.size);
      }),
      { numRuns: 300 },
    );
  });

  it('the set of addresses and every count do not depend on member order', () => {
    fc.assert(
      fc.property(tenantArb, fc.integer({ min: 1, max: 1_000_000 }), (snapshot, seed) => {
        const a = computePreview(snapshot);
        const b = computePreview(shuffled(snapshot, seed));
        expect(countsOf(b.audience)).toEqual(countsOf(a.audience));
        expect(b.groups.map(countsOf)).toEqual(a.groups.map(countsOf));
        const emails = (p: typeof a) => new Set(audienceRecipients(p).map((row) => row.email.toLowerCase()));
        expect(emails(b)).toEqual(emails(a));
      }),
      { numRuns: 300 },
    );
  });

  it('any graph of groups terminates, including a 1,000-group cycle', () => {
    const members: Record<string, SnapshotMember[]> = {};
    for (let i = 0; i < 1000; i++) members[`g${i}`] = [groupRef(`g${(i + 1) % 1000}`), user(`u${i}`)];
    const preview = computePreview(snapshotOf({ members, selected: ['g0', 'g500'] }));
    expect(preview.groups.map((group) => group.reached)).toEqual([1999, 1999]);
    expect(preview.audience).toMatchObject({ reached: 2000, nestedGroups: 1000, recipients: 1000 });
  });
});
