// Segments from address numbers and bitmasks (preview-rows.ts computeSegments) against the plain
// map of lowercased addresses they replaced: for random tenants with up to 70 selected groups
// (so masks of one, two and three 32-bit words, and the sign bit of each word, are all used),
// every recipient gets the same positions in the same order, the audit's overlaps are the same,
// and switching segments off changes nothing but the empty `groups`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupOverlaps } from '../../../src/core/audit/classify-groups.ts';
import { emailKey } from '../../../src/core/ids.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { audienceRecipients, computeSegments } from '../../../src/core/preview-rows.ts';
import { createRowTable } from '../../../src/core/row-query.ts';
import type { SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { plainOverlapCounts, plainSegmentsByEmail } from '../../support/plain-references.ts';
import { contact, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const MAILS = ['a@contoso.example', 'A@Contoso.example', 'b@contoso.example', 'c@contoso.example', null];

const tenantArb = fc
  .record({ groups: fc.integer({ min: 1, max: 70 }), people: fc.integer({ min: 1, max: 30 }) })
  .chain(({ groups, people }) => {
    const groupIds = Array.from({ length: groups }, (_, i) => `group-${i}`);
    const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
    const personArb = (id: string) =>
      fc.oneof(
        fc
          .record({ mail: fc.constantFrom(...MAILS), enabled: fc.boolean() })
          .map(({ mail, enabled }) => user(id, { mail, accountEnabled: enabled })),
        fc.constant(contact(id)),
      );
    const memberIdArb = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...personIds) },
      { weight: 1, arbitrary: fc.constantFrom(...groupIds) },
    );
    return fc
      .record({
        persons: fc.tuple(...personIds.map(personArb)),
        lists: fc.tuple(...groupIds.map(() => fc.array(memberIdArb, { maxLength: 8 }))),
        selected: fc.shuffledSubarray(groupIds, { minLength: 1 }),
        contacts: fc.boolean(),
      })
      .map(({ persons, lists, selected, contacts }) => {
        const byId = new Map<string, SnapshotMember>(persons.map((p) => [p.id, p]));
        const members: Record<string, SnapshotMember[]> = {};
        groupIds.forEach((id, i) => {
          members[id] = (lists[i] ?? []).map((memberId) => byId.get(memberId) ?? groupRef(memberId));
        });
        return snapshotOf({ members, selected, syncContacts: contacts });
      });
  });

describe('segments from address numbers', () => {
  it('give every recipient the positions the plain address map gives, in order', () => {
    fc.assert(
      fc.property(tenantArb, (snapshot) => {
        const preview = computePreview(snapshot);
        const plain = plainSegmentsByEmail(preview);
        const rows = audienceRecipients(preview);
        for (const row of rows) expect(row.groups).toEqual(plain.get(emailKey(row.email)) ?? []);
        // Every address any group holds, not only the audience's rows.
        const segments = computeSegments(preview);
        preview.groups.forEach((group) => {
          for (const item of group.reach.items) {
            if (preview.addressNumbers[item] === -1) continue;
            expect(segments.of(item)).toEqual(plain.get(emailKey(preview.emails[item] as string)) ?? []);
          }
        });
        const off = audienceRecipients(preview, { segments: false });
        expect(off).toEqual(rows.map((row) => ({ ...row, groups: [] })));
      }),
      { numRuns: 150 },
    );
  });

  it('give the audit the overlaps the plain address map gives', () => {
    fc.assert(
      fc.property(tenantArb, (snapshot) => {
        const preview = computePreview(snapshot);
        const count = preview.groups.length;
        const expected = [...plainOverlapCounts(preview)].map(([key, shared]) => ({
          a: preview.groups[Math.floor(key / count)]?.id,
          b: preview.groups[key % count]?.id,
          shared,
        }));
        expected.sort((x, y) => y.shared - x.shared);
        expect(groupOverlaps(preview).map(({ a, b, shared }) => ({ a, b, shared }))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('filter the recipient table by segment as the plain address map does', () => {
    fc.assert(
      fc.property(tenantArb, fc.nat(), (snapshot, pick) => {
        const preview = computePreview(snapshot);
        const plain = plainSegmentsByEmail(preview);
        const segment = pick % preview.groups.length;
        const table = createRowTable(preview);
        const n = table.select({ scope: 'audience', outcomes: ['recipient'], segment });
        const expected = audienceRecipients(preview).filter((row) =>
          (plain.get(emailKey(row.email)) ?? []).includes(segment),
        );
        expect(n).toBe(expected.length);
        expect(table.all().map((row) => row.id)).toEqual(expected.map((row) => row.id));
      }),
      { numRuns: 100 },
    );
  });

  it('handle more than 32 selected groups (positions past one word, the sign bit included)', () => {
    const groupIds = Array.from({ length: 66 }, (_, i) => `g${i}`);
    const members: Record<string, SnapshotMember[]> = {};
    for (const id of groupIds) members[id] = [user('shared')];
    const preview = computePreview(snapshotOf({ members, selected: groupIds }));
    expect(audienceRecipients(preview)[0]?.groups).toEqual(groupIds.map((_, i) => i));
  });
});
