// The snapshot depth check folded into the pass that validates the bulk of a file (version 1's
// `members` lists, version 2's `objects`: fast-members.ts) against the plain walk over the whole
// value: random snapshots of both versions with nesting just under and just over the limit, inside
// an object's unknown property, inside an entry zod must copy, in a broken entry, and outside the
// bulk, are refused as too deep exactly when the plain walk says so, and otherwise give exactly the
// result of the path without the fast check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_DEPTH, parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { plainNestedDeeperThan } from '../../support/plain-references.ts';
import { groupRef, snapshotOf, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

/** A value nesting `levels` objects/arrays deep (0: a number). */
const nested = (levels: number, shape: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = (shape >> (i % 30)) & 1 ? [value] : { k: value };
  return value;
};
const deepish = fc
  .tuple(fc.integer({ min: MAX_SNAPSHOT_DEPTH - 8, max: MAX_SNAPSHOT_DEPTH }), fc.nat())
  .map(([levels, shape]) => nested(levels, shape));

const entry = fc.oneof(
  fc.constantFrom(user('u1'), groupRef('g2')),
  // Passes unchanged, with an unknown property holding the nesting.
  deepish.map((deep) => ({ ...user('u2'), extra: deep })),
  // Passes only through zod (known keys out of order), with the nesting.
  deepish.map((deep) => ({ id: 'u3', '@odata.type': '#microsoft.graph.user', extra: deep })),
  // Fails the schema, with the nesting.
  deepish.map((deep) => ({ ...user('u4', { mail: 5 }), extra: deep })),
  deepish,
);

const snapshot = fc
  .record({
    lists: fc.dictionary(fc.constantFrom('g1', 'g2', 'g3'), fc.array(entry, { maxLength: 3 }), {
      maxKeys: 3,
    }),
    elsewhere: fc.option(deepish, { nil: undefined }),
    listIsDeep: fc.option(deepish, { nil: undefined }),
    version: fc.constantFrom(1, 2),
  })
  .map(({ lists, elsewhere, listIsDeep, version }) => {
    let value: Record<string, unknown>;
    if (version === 1) {
      value = { ...snapshotV1Of({ members: {}, selected: [] }), members: lists };
      if (listIsDeep !== undefined) value.members = { ...lists, g9: listIsDeep };
    } else {
      // Version 2: the same entries as `objects` (ids may repeat: the answer must still match).
      const objects: unknown[] = Object.values(lists).flat();
      if (listIsDeep !== undefined) objects.push(listIsDeep);
      value = { ...snapshotOf({ members: {}, selected: [] }), objects };
    }
    if (elsewhere !== undefined) value.tenant = { id: 'tenant-1', extra: elsewhere };
    return value;
  });

describe('depth check inside the members pass', () => {
  it('refuses exactly what the plain walk refuses, and otherwise changes nothing', () => {
    let deep = 0;
    fc.assert(
      fc.property(snapshot, (value) => {
        const fast = parseSnapshotValue(value);
        const plain = parseSnapshotValue(value, { fastMembers: false });
        const tooDeep = plainNestedDeeperThan(value, MAX_SNAPSHOT_DEPTH);
        if (tooDeep) deep++;
        expect(!fast.ok && fast.errors[0]?.code === 'too_deep').toBe(tooDeep);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 300 },
    );
    // Both answers are common, so neither half of the property is vacuous.
    expect(deep).toBeGreaterThan(40);
    expect(deep).toBeLessThan(260);
  });

  it.each([
    {
      description: 'exactly at the limit in an unknown property',
      levels: MAX_SNAPSHOT_DEPTH - 4,
      deep: false,
    },
    { description: 'one past the limit in an unknown property', levels: MAX_SNAPSHOT_DEPTH - 3, deep: true },
  ])('$description (version 1)', ({ levels, deep }) => {
    // $ (1) › members (2) › list (3) › entry (4) › extra (5 …).
    const value = snapshotV1Of({
      members: { g1: [{ ...user('u1'), extra: nested(levels, 0) }] },
      selected: [],
    });
    expect(plainNestedDeeperThan(value, MAX_SNAPSHOT_DEPTH)).toBe(deep);
    const result = parseSnapshotValue(value);
    expect(!result.ok && result.errors[0]?.code === 'too_deep').toBe(deep);
  });

  it.each([
    {
      description: 'exactly at the limit in an unknown property',
      levels: MAX_SNAPSHOT_DEPTH - 3,
      deep: false,
    },
    { description: 'one past the limit in an unknown property', levels: MAX_SNAPSHOT_DEPTH - 2, deep: true },
  ])('$description (version 2)', ({ levels, deep }) => {
    // $ (1) › objects (2) › object (3) › extra (4 …).
    const value = {
      ...snapshotOf({ members: {}, selected: [] }),
      objects: [{ ...user('u1'), extra: nested(levels, 0) }],
    };
    expect(plainNestedDeeperThan(value, MAX_SNAPSHOT_DEPTH)).toBe(deep);
    const result = parseSnapshotValue(value);
    expect(!result.ok && result.errors[0]?.code === 'too_deep').toBe(deep);
  });
});
