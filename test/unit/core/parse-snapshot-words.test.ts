// A snapshot field of the wrong type is said in words with its JSON path (issue 15, item 9), not as
// zod's "Invalid input: expected string, received number".
import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const base = () => JSON.parse(JSON.stringify(snapshotOf({ members: { g1: [user('a')] }, selected: ['g1'] })));

describe('wrong types, in words', () => {
  it.each([
    {
      description: 'a capture time given as a number',
      mutate: (s: Record<string, unknown>) => (s.capturedAt = 1764136800),
      expected: { path: '$.capturedAt', message: 'should be text (a string), but is the number 1764136800' },
    },
    {
      description: 'a list where text belongs',
      mutate: (s: { tenant: Record<string, unknown> }) => (s.tenant.id = ['t']),
      expected: { path: '$.tenant.id', message: 'should be text (a string), but is a list (an array, […])' },
    },
  ])('$description', ({ mutate, expected }) => {
    const snapshot = base();
    mutate(snapshot);
    const result = parseSnapshotText(JSON.stringify(snapshot));
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject(expected);
    expect(result.errors[0]?.message).not.toMatch(/Invalid input|received/);
  });
});
