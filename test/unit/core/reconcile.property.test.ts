// Invariants of reconcile over random tenants and random lists: both sides add up in every scope,
// and the classes do not depend on the list's row order, on the case of its addresses, or on the
// delimiter the CSV was written with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AudienceList, audienceListOf } from '../../../src/core/audience-list.ts';
import { computePreview, type Preview } from '../../../src/core/preview.ts';
import { type ReconcileScope, type Reconciliation, reconcile } from '../../../src/core/reconcile.ts';
import type { SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { readAudienceListText } from '../../../src/export/read-audience-list.ts';
import { contact, device, groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const ADDRESSES = [
  'p0@x.example',
  'p1@x.example',
  'P2@x.example',
  'p3@x.example',
  'p4@x.example',
  'out@y.example',
];
const LIST_VALUES = [...ADDRESSES, 'P1@X.EXAMPLE', ' p3@x.example ', '', 'not an address', 'a@localhost'];
/** A name per address (ignoring case), so which duplicate row comes first cannot change `renamed`. */
const nameFor = (value: string) =>
  ['Ada', 'Smith, Jane', 'say "hi"', 'Bo;b', 'Tab\there', ''][value.trim().length % 6] as string;

const personArb = (id: string) =>
  fc.oneof(
    fc
      .record({ mail: fc.constantFrom(...ADDRESSES, null), enabled: fc.constantFrom(true, false, null) })
      .map(({ mail, enabled }) =>
        user(id, { mail, accountEnabled: enabled, displayName: nameFor(mail ?? '') }),
      ),
    fc.constantFrom(contact(id, { mail: 'p4@x.example' }), device(id)),
  );

const tenantArb = fc
  .record({ groups: fc.integer({ min: 1, max: 4 }), people: fc.integer({ min: 1, max: 10 }) })
  .chain(({ groups, people }) => {
    const groupIds = Array.from({ length: groups }, (_, i) => `group-${i}`);
    const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
    return fc
      .record({
        people: fc.tuple(...personIds.map(personArb)),
        lists: fc.tuple(
          ...groupIds.map(() => fc.array(fc.constantFrom(...groupIds, ...personIds), { maxLength: 8 })),
        ),
        selected: fc.subarray(groupIds, { minLength: 1 }),
        contacts: fc.boolean(),
      })
      .map(({ people: persons, lists, selected, contacts }) => {
        const byId = new Map<string, SnapshotMember>(persons.map((p) => [p.id, p]));
        const members: Record<string, SnapshotMember[]> = {};
        groupIds.forEach((id, i) => {
          members[id] = (lists[i] ?? []).map((memberId) => byId.get(memberId) ?? groupRef(memberId));
        });
        return snapshotOf({ members, selected, syncContacts: contacts });
      });
  });

const listArb = fc.array(fc.constantFrom(...LIST_VALUES), { maxLength: 14 });

const listOf = (values: readonly string[]): AudienceList =>
  audienceListOf(values.map((value, i) => [i + 2, value, nameFor(value)] as const));

const scopesOf = (preview: Preview): ReconcileScope[] => [
  { kind: 'audience' },
  ...preview.groups.map((_, position) => ({ kind: 'group', position }) as const),
];

/** The classes as sets of lowercase addresses (row numbers and order left out). */
function classes(result: Reconciliation) {
  const sorted = (emails: string[]) => emails.map((e) => e.toLowerCase()).sort();
  return {
    counts: result.counts,
    list: result.list,
    predicted: result.predicted,
    matched: sorted(result.matched.map((p) => p.email)),
    missing: sorted(result.missingFromList.map((p) => p.email)),
    excluded: sorted(result.excludedButListed.map((p) => `${p.email} ${p.reason}`)),
    outside: sorted(result.outsideScope.map((p) => `${p.email} ${p.id}`)),
    invalid: sorted(result.invalidInList.map((r) => r.value)),
  };
}

const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items];
  let state = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

describe('reconcile (properties)', () => {
  it('adds up on both sides in every scope', () => {
    fc.assert(
      fc.property(tenantArb, listArb, (snapshot, values) => {
        const preview = computePreview(snapshot);
        for (const scope of scopesOf(preview)) {
          const r = reconcile(preview, listOf(values), scope);
          expect(r.predicted).toBe(r.counts.matched + r.counts['missing-from-list']);
          expect(r.list.addresses).toBe(
            r.counts.matched + r.counts['excluded-but-listed'] + r.counts['outside-scope'],
          );
          expect(r.list.rows).toBe(values.length);
          expect(r.list.rows).toBe(r.list.addresses + r.list.duplicates + r.list.invalid);
          const recipients =
            scope.kind === 'audience'
              ? preview.audience.recipients
              : preview.groups[scope.position]?.recipients;
          expect(r.predicted).toBe(recipients);
        }
      }),
    );
  });

  it('does not depend on the order of the list rows', () => {
    fc.assert(
      fc.property(tenantArb, listArb, fc.integer(), (snapshot, values, seed) => {
        const preview = computePreview(snapshot);
        for (const scope of scopesOf(preview)) {
          expect(classes(reconcile(preview, listOf(shuffle(values, seed)), scope))).toEqual(
            classes(reconcile(preview, listOf(values), scope)),
          );
        }
      }),
    );
  });

  it('does not depend on the case of the addresses', () => {
    fc.assert(
      fc.property(tenantArb, listArb, fc.boolean(), (snapshot, values, upper) => {
        const preview = computePreview(snapshot);
        const recased = values.map((v) => (upper ? v.toUpperCase() : v.toLowerCase()));
        const a = classes(reconcile(preview, listOf(values), { kind: 'audience' }));
        const b = classes(reconcile(preview, listOf(recased), { kind: 'audience' }));
        expect({ ...b, invalid: [] }).toEqual({ ...a, invalid: [] });
        expect(b.invalid.length).toBe(a.invalid.length);
      }),
    );
  });

  it('reads the same list whatever the delimiter the CSV uses', () => {
    fc.assert(
      fc.property(
        tenantArb,
        listArb,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        (snapshot, values, delimiter, newline) => {
          const preview = computePreview(snapshot);
          const text = [['Name', 'Email'], ...values.map((v) => [nameFor(v), v])]
            .map((cells) => cells.map(quoted).join(delimiter))
            .join(newline);
          const read = readAudienceListText(text);
          if (!read.ok) throw new Error(JSON.stringify(read.errors));
          expect(read.data.delimiter).toBe(delimiter);
          const fromCsv = reconcile(preview, read.data.list, { kind: 'audience' });
          const direct = reconcile(preview, listOf(values), { kind: 'audience' });
          expect(fromCsv).toEqual(direct);
        },
      ),
    );
  });
});
