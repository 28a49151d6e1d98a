// The hand-written check of `members` (fast-members.ts) against zod: for random member lists —
// valid and invalid values of every known property, unknown properties, any key order, entries
// that are no objects, odd record keys — parseSnapshotValue gives exactly what the full schema
// gives: the same data (key order included) or the same errors with the same paths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMembers, checkObjects } from '../../../src/core/fast-members.ts';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { memberSchema } from '../../../src/core/snapshot-schema.ts';
import { generateSnapshot, generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../src/demo/profiles.ts';
import { groupRef, snapshotOf, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const KNOWN = Object.keys(memberSchema.shape);
const value = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.constantFrom('', 'x@contoso.example', '#microsoft.graph.user', '#microsoft.graph.group'),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 1 }),
);
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 1, arbitrary: fc.constantFrom('extra', 'onPremisesImmutableId', 'constructor', 'toString') },
);
const entryFromPairs = (pairs: ReadonlyArray<readonly [string, unknown]>) => {
  const entry: Record<string, unknown> = {};
  for (const [name, v] of pairs) entry[name] = v;
  return entry;
};
const position = (name: string) => (KNOWN.includes(name) ? KNOWN.indexOf(name) : KNOWN.length);
const inSchemaOrder = (pairs: ReadonlyArray<readonly [string, unknown]>) =>
  [...pairs].sort((a, b) => position(a[0]) - position(b[0]));
// Mostly well-formed members (so the fast path is taken often), sometimes anything.
const member = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(user('u1'), user('u2', { mail: null }), groupRef('g9')) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('#microsoft.graph.user', '#microsoft.graph.group'),
        fc.constantFrom('a', 'b', ''),
        fc.array(fc.tuple(key, value), { maxLength: 6 }),
        fc.constantFrom('schema order', 'as drawn', 'type and id last'),
      )
      .map(([type, id, rest, order]) =>
        entryFromPairs(
          order === 'type and id last'
            ? [...rest, ['id', id], ['@odata.type', type]]
            : [['@odata.type', type], ['id', id], ...(order === 'as drawn' ? rest : inSchemaOrder(rest))],
        ),
      ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 5, 'member', [], [user('u3')]) },
);
const members = fc.dictionary(
  fc.oneof(fc.constantFrom('g1', 'G1', 'g2'), fc.string({ maxLength: 2 })),
  fc.array(member, { maxLength: 4 }),
  { maxKeys: 3 },
);

describe('fast members check', () => {
  it('gives what the full schema gives, data and errors alike', () => {
    fc.assert(
      fc.property(members, fc.boolean(), (lists, brokenElsewhere) => {
        const snapshot: Record<string, unknown> = {
          ...snapshotV1Of({ members: {}, selected: [] }),
          members: lists,
        };
        if (brokenElsewhere) snapshot.cloud = 'mars';
        const fast = parseSnapshotValue(snapshot);
        const full = parseSnapshotValue(snapshot, { fastMembers: false });
        expect(fast).toEqual(full);
        // toEqual ignores key order and undefined-valued keys; the text does not.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
        if (fast.ok) expect(Object.keys(fast.data)).toEqual(Object.keys(full.data ?? {}));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the fast path for some random snapshots (so the property above is not vacuous)', () => {
    const taken = fc
      .sample(members, { numRuns: 500, seed: 7 })
      .filter(
        (lists) =>
          checkMembers(lists) !== null &&
          parseSnapshotValue({ ...snapshotV1Of({ members: {}, selected: [] }), members: lists }).ok,
      );
    expect(taken.length).toBeGreaterThan(100);
  });

  it('gives what the full schema gives for version 2 objects and id lists, data and errors alike', () => {
    // Objects with random ids (some repeated, some in other letters) and random id lists, so
    // duplicate and dangling ids are drawn as well as shapes.
    const id = fc.constantFrom('u1', 'U1', 'g1', 'g9', 'x');
    const object = fc.oneof(
      { weight: 3, arbitrary: member },
      { weight: 2, arbitrary: fc.tuple(id, member).map(([i, m]) => (isRecord(m) ? { ...m, id: i } : m)) },
    );
    const lists = fc.record({
      objects: fc.oneof({ weight: 9, arbitrary: fc.array(object, { maxLength: 5 }) }, fc.constant('none')),
      groups: fc.oneof({ weight: 9, arbitrary: fc.array(id, { maxLength: 2 }) }, fc.constant([5])),
      members: fc.dictionary(fc.constantFrom('g1', 'G1', 'g9'), fc.array(id, { maxLength: 3 }), {
        maxKeys: 2,
      }),
      users: fc.option(fc.array(id, { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(lists, fc.boolean(), ({ users, ...drawn }, brokenElsewhere) => {
        const snapshot: Record<string, unknown> = {
          ...snapshotOf({ members: {}, selected: [] }),
          ...drawn,
          ...(users === undefined ? {} : { users }),
        };
        if (brokenElsewhere) snapshot.cloud = 'mars';
        const fast = parseSnapshotValue(snapshot);
        const full = parseSnapshotValue(snapshot, { fastMembers: false });
        expect(JSON.stringify(fast)).toBe(JSON.stringify(full));
        if (fast.ok) expect(Object.keys(fast.data)).toEqual(Object.keys(full.data ?? {}));
      }),
      { numRuns: 2_000 },
    );
    const taken = fc.sample(lists, { numRuns: 500, seed: 7 }).filter(({ users, ...drawn }) => {
      const snapshot = {
        ...snapshotOf({ members: {}, selected: [] }),
        ...drawn,
        ...(users ? { users } : {}),
      };
      return checkObjects(drawn.objects) !== null && parseSnapshotValue(snapshot).ok;
    });
    // Random references rarely all resolve, so few draws pass; the generated tenant below does.
    expect(taken.length).toBeGreaterThan(5);
    const tenant = generateSnapshot(DEMO);
    expect(checkObjects(tenant.objects)).not.toBeNull();
    const fast = parseSnapshotValue(tenant);
    expect(fast.ok).toBe(true);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parseSnapshotValue(tenant, { fastMembers: false })));
  });

  it('takes the fast path for a generated tenant (so the property above is not vacuous there)', () => {
    const tenant = generateTenant(DEMO);
    expect(checkMembers(tenant.members)).not.toBeNull();
    const fast = parseSnapshotValue(tenant);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parseSnapshotValue(tenant, { fastMembers: false })));
  });

  it.each([
    { description: 'an entry that is no object', input: { g1: [5] }, expected: null },
    { description: 'a list that is no array', input: { g1: {} }, expected: null },
    {
      description: 'a known property of the wrong type',
      input: { g1: [user('u1', { mail: 5 })] },
      expected: null,
    },
    { description: 'an empty id', input: { g1: [user('')] }, expected: null },
    { description: 'a well-formed list', input: { g1: [user('u1')] }, expected: { g1: [user('u1')] } },
  ])('$description', ({ input, expected }) => {
    expect(checkMembers(input)).toEqual(expected);
  });
});
