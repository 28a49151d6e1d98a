// Versions 1 and 2 are one model (snapshot-format.md, "Version 2"): for random version 1 snapshots
// — objects repeated across `users`, `contacts`, `groups` and the member lists with differing,
// null and absent attributes, ids in other letters, types left to the list — the file and its
// version 2 conversion read to the same preview, audit and diff. The conversion's objects are also
// checked against a plain reading of the spec's merge rules, written here independently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/run-audit.ts';
import { diffSnapshots } from '../../../src/core/diff.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { audienceRecipients } from '../../../src/core/preview-rows.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import type { Snapshot, SnapshotV1 } from '../../../src/core/snapshot-schema.ts';
import { toSnapshotV1, toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { generateSnapshot, generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO, scaleProfile } from '../../../src/demo/profiles.ts';
import { snapshotV1Of } from '../../support/snapshot-builder.ts';

type Json = Record<string, unknown>;

const TYPES = [
  '#microsoft.graph.user',
  '#microsoft.graph.group',
  '#microsoft.graph.orgContact',
  '#microsoft.graph.device',
];
const id = fc.constantFrom('u1', 'U1', 'u2', 'u3', 'g1', 'G1', 'g2', 'g3', 'c1', 'C1');
const attribute = <T>(values: T[]) =>
  fc.option(fc.oneof(fc.constantFrom(...values), fc.constant(null)), { nil: undefined });
const attributes = fc.record({
  displayName: attribute(['Ann', ' Bo ', '', 'Cy']),
  mail: attribute(['a@contoso.example', 'A@CONTOSO.example', 'b@contoso.example', 'not an address', ' ']),
  userPrincipalName: attribute(['a@contoso.example', 'x#EXT#@contoso.example']),
  accountEnabled: attribute([true, false]),
  groupTypes: attribute([[], ['Unified'], ['DynamicMembership']]),
  securityEnabled: attribute([true, false]),
  extension: attribute(['kept']),
});
const withoutUndefined = (object: Json): Json =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
/** An object as one list holds it: its type optional where the list implies one. */
const object = (typed: boolean) =>
  fc
    .tuple(
      id,
      typed ? fc.constantFrom(...TYPES) : fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
      attributes,
    )
    .map(([objectId, type, attrs]) => withoutUndefined({ '@odata.type': type, id: objectId, ...attrs }));

const snapshotV1 = fc
  .record({
    users: fc.option(fc.array(object(false), { maxLength: 3 }), { nil: undefined }),
    contacts: fc.option(fc.array(object(false), { maxLength: 2 }), { nil: undefined }),
    groups: fc.array(object(false), { maxLength: 3 }),
    members: fc.dictionary(
      fc.constantFrom('g1', 'G1', 'g2', 'g3'),
      fc.array(object(true), { maxLength: 5 }),
      {
        maxKeys: 3,
      },
    ),
    selected: fc.subarray(['g1', 'G1', 'g2', 'g3', 'u1'], { minLength: 1 }),
    fallback: fc.boolean(),
    contactsOn: fc.boolean(),
  })
  .map(({ users, contacts, groups, members, selected, fallback, contactsOn }) => {
    const snapshot = snapshotV1Of({
      members: {},
      selected,
      usernameFallback: fallback,
      syncContacts: contactsOn,
    }) as Json;
    snapshot.groups = groups;
    snapshot.members = members;
    if (users !== undefined) snapshot.users = users;
    if (contacts !== undefined) snapshot.contacts = contacts;
    return snapshot as SnapshotV1;
  });

const read = (value: unknown): Snapshot => {
  const result = parseSnapshotText(JSON.stringify(value));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

/** What the user sees of a snapshot: counts, the upload rows, the readiness checks. */
function seen(snapshot: Snapshot) {
  const preview = computePreview(snapshot);
  return {
    summary: summarizePreview(preview),
    rows: audienceRecipients(preview),
    audit: runAudit(snapshot, { preview }),
  };
}

/** The spec's merge, read plainly: by lowercase id, in list order, non-null replaces, null never does. */
function mergedBySpec(snapshot: SnapshotV1): Map<string, Json> {
  const merged = new Map<string, Json>();
  const add = (raw: Json, type: string | undefined) => {
    const key = String(raw.id).toLowerCase();
    const current = merged.get(key);
    if (current === undefined) {
      merged.set(key, { ...raw, ...(typeof raw['@odata.type'] === 'string' ? {} : { '@odata.type': type }) });
      return;
    }
    for (const [name, value] of Object.entries(raw)) {
      if (name === 'id' || value === undefined) continue;
      if (value === null && name in current) continue;
      current[name] = value;
    }
  };
  for (const user of snapshot.users ?? []) add(user, '#microsoft.graph.user');
  for (const contact of snapshot.contacts ?? []) add(contact, '#microsoft.graph.orgContact');
  for (const group of snapshot.groups) add(group, '#microsoft.graph.group');
  for (const [groupId, list] of Object.entries(snapshot.members)) {
    add({ id: groupId }, '#microsoft.graph.group');
    for (const member of list) add(member, undefined);
  }
  for (const value of merged.values())
    if (typeof value['@odata.type'] !== 'string') throw new Error('an object without a type');
  return merged;
}

describe('version 1 and its version 2 conversion', () => {
  it('give the same preview, audit and diff, read from their files', () => {
    fc.assert(
      fc.property(snapshotV1, snapshotV1, (older, newer) => {
        const fromV1 = parseSnapshotText(JSON.stringify(older));
        fc.pre(fromV1.ok);
        const v2 = toSnapshotV2(older);
        expect(v2.version).toBe(2);
        const fromV2 = read(v2);
        expect(seen(fromV2)).toEqual(seen(fromV1.data as Snapshot));
        const newerFile: SnapshotV1 = { ...newer, capturedAt: '2026-12-01T00:00:00Z' };
        const newerV1 = parseSnapshotText(JSON.stringify(newerFile));
        fc.pre(newerV1.ok);
        const newerV2 = read(toSnapshotV2(newerFile));
        expect(diffSnapshots(fromV2, newerV2)).toEqual(
          diffSnapshots(fromV1.data as Snapshot, newerV1.data as Snapshot),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('merges each object by the spec: the conversion holds the merged copies, once, typed', () => {
    fc.assert(
      fc.property(snapshotV1, (v1) => {
        fc.pre(parseSnapshotText(JSON.stringify(v1)).ok);
        const v2 = toSnapshotV2(v1);
        const expected = mergedBySpec(v1);
        expect(v2.objects).toHaveLength(expected.size);
        for (const object of v2.objects) {
          const { '@odata.type': type, ...rest } = object;
          const { '@odata.type': expectedType, ...expectedRest } =
            expected.get(object.id.toLowerCase()) ?? {};
          expect(type).toBe(expectedType);
          expect(rest).toEqual(expectedRest);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not change its input', () => {
    fc.assert(
      fc.property(snapshotV1, (v1) => {
        const before = JSON.stringify(v1);
        toSnapshotV2(v1);
        expect(JSON.stringify(v1)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('holds on a generated tenant, and back to version 1 and again gives the same snapshot', () => {
    const v1 = generateTenant(scaleProfile(DEMO, 0.3));
    const v2 = toSnapshotV2(v1);
    expect(seen(read(v2))).toEqual(seen(read(v1)));
    expect(toSnapshotV2(toSnapshotV1(v2))).toEqual(v2);
    expect(generateSnapshot(scaleProfile(DEMO, 0.3))).toEqual(v2);
    // Each object once: no more objects than distinct ids, fewer than version 1's copies.
    const copies = Object.values(v1.members).reduce((n, list) => n + list.length, 0) + v1.groups.length;
    expect(v2.objects.length).toBeLessThan(copies);
    expect(JSON.stringify(v2).length).toBeLessThan(JSON.stringify(v1).length);
  });
});
