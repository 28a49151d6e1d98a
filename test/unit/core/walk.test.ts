// The walk on hand-made indexes: pre-order, each object once, a cycle cut where it closes; and an
// index that breaks the walk's "each object once" (members pointing outside it) stops with a
// named error instead of looping until memory runs out.
import { describe, expect, it } from 'vitest';
import type { DirectoryIndex } from '../../../src/core/directory-index.ts';
import { createWalker } from '../../../src/core/walk.ts';

const USER = 0;
const GROUP = 1;

/** An index of `kinds.length` objects o0, o1, … with the given direct members per group. */
function indexOf(kinds: number[], members: Record<number, number[]>): DirectoryIndex {
  return {
    objects: kinds.map((_, i) => ({ id: `o${i}` })),
    kinds: Uint8Array.from(kinds),
    byId: new Map(kinds.map((_, i) => [`o${i}`, i])),
    members: new Map(Object.entries(members).map(([group, list]) => [Number(group), Int32Array.from(list)])),
  };
}

const walkOf = (index: DirectoryIndex, root: number) => {
  const { items, parents } = createWalker(index).walk(root);
  return { items: [...items], parents: [...parents] };
};

describe('walk', () => {
  it.each([
    {
      description: 'nested members come right after their group, before its next sibling',
      input: { kinds: [GROUP, GROUP, USER, USER, USER], members: { 0: [1, 4], 1: [2, 3] }, root: 0 },
      expected: { items: [1, 2, 3, 4], parents: [0, 1, 1, 0] },
    },
    {
      description: 'a cycle back to the root is cut: the root is not its own member',
      input: { kinds: [GROUP, GROUP, USER], members: { 0: [1], 1: [0, 2] }, root: 0 },
      expected: { items: [1, 2], parents: [0, 1] },
    },
    {
      description: 'a diamond counts its shared member once, where first reached',
      input: { kinds: [GROUP, GROUP, GROUP, USER], members: { 0: [1, 2], 1: [3], 2: [3] }, root: 0 },
      expected: { items: [1, 3, 2], parents: [0, 1, 0] },
    },
    {
      description: 'a group without a members entry is a leaf',
      input: { kinds: [GROUP, GROUP], members: { 0: [1] }, root: 0 },
      expected: { items: [1], parents: [0] },
    },
  ])('$description', ({ input, expected }) => {
    expect(walkOf(indexOf(input.kinds, input.members), input.root)).toEqual(expected);
  });

  it('walks again from another root over the same index without leftovers', () => {
    const walker = createWalker(indexOf([GROUP, GROUP, USER], { 0: [1, 2], 1: [2] }));
    expect([...walker.walk(0).items]).toEqual([1, 2]);
    expect([...walker.walk(1).items]).toEqual([2]);
    expect([...walker.walk(0).items]).toEqual([1, 2]);
  });

  it('stops with a named error when "each object once" breaks, instead of looping forever', () => {
    // Object 5 is a group that contains itself, but lies outside the index's 2 objects, so the walk
    // cannot mark it as seen: without a bound it would be walked without end.
    const full = indexOf([GROUP, GROUP, USER, USER, USER, GROUP], { 0: [1], 1: [5], 5: [5] });
    const broken: DirectoryIndex = { ...full, objects: full.objects.slice(0, 2) };
    expect(() => createWalker(broken).walk(0)).toThrow('walk: more members than the 2 objects of the index');
  });
});
