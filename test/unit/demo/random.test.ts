import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, createSampler, insertAtRandom } from '../../../src/demo/random.ts';

const draws = (seed: number | string, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.uint32());
};

describe('createRandom', () => {
  it.each([
    { description: 'same number seed', input: [7, 7], expected: true },
    { description: 'same string seed', input: ['demo', 'demo'], expected: true },
    { description: 'neighbouring seeds', input: [7, 8], expected: false },
    { description: 'number and its string spell the same seed', input: [7, '7'], expected: true },
  ])('$description → same stream: $expected', ({ input, expected }) => {
    const [a, b] = input as [number | string, number | string];
    expect(JSON.stringify(draws(a, 20)) === JSON.stringify(draws(b, 20))).toBe(expected);
  });

  it('keeps next() in [0, 1) and int(n) in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1_000_000 }), (seed, n) => {
        const random = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const x = random.next();
          expect(x >= 0 && x < 1).toBe(true);
          const k = random.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        }
      }),
    );
  });

  it('makes lowercase version-4-shaped GUIDs and base64url tokens', () => {
    const random = createRandom('guids');
    for (let i = 0; i < 200; i++) {
      expect(random.guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(random.token(43)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = createRandom(1).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('createSampler', () => {
  it('draws distinct indexes from [from, size), and the next draw starts afresh', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
        (seed, size, asks) => {
          const random = createRandom(seed);
          const sampler = createSampler(size);
          for (const [a, b] of asks) {
            const from = a % size;
            const count = b % (size - from + 1);
            const drawn = sampler.sample(random, count, from);
            expect(drawn).toHaveLength(count);
            expect(new Set(drawn).size).toBe(count);
            expect(drawn.every((i) => i >= from && i < size)).toBe(true);
          }
          // A full draw after any others is still a permutation: the scratch was restored.
          expect([...sampler.sample(random, size)].sort((x, y) => x - y)).toEqual(
            Array.from({ length: size }, (_, i) => i),
          );
        },
      ),
    );
  });

  it('refuses to draw more than there is', () => {
    expect(() => createSampler(5).sample(createRandom(1), 4, 2)).toThrow(RangeError);
  });
});

describe('insertAtRandom', () => {
  it('adds the item once and keeps every other', () => {
    const items = [1, 2, 3, 4, 5];
    insertAtRandom(createRandom(3), items, 99);
    expect(items).toHaveLength(6);
    expect([...items].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 99]);
  });
});
