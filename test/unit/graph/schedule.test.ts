import { describe, expect, it } from 'vitest';
import { roundSize } from '../../../src/graph/schedule.ts';

describe('roundSize', () => {
  it.each([
    { description: 'less than a batch: all of it', input: [15, 0, 1], expected: 15 },
    { description: 'exactly a batch', input: [20, 0, 9], expected: 20 },
    { description: 'no long chain: whole batches, the rest waits', input: [155, 0, 1], expected: 140 },
    { description: 'a chain of 10 rounds: a tenth, in whole batches', input: [155, 1, 10], expected: 20 },
    { description: 'a chain of 3 rounds', input: [155, 1, 3], expected: 60 },
    { description: 'never fewer than the urgent (next pages)', input: [155, 45, 10], expected: 60 },
    { description: 'never more than there is', input: [30, 25, 2], expected: 30 },
  ])('$description', ({ input, expected }) => {
    expect(roundSize(input[0] as number, input[1] as number, input[2] as number)).toBe(expected);
  });
});
