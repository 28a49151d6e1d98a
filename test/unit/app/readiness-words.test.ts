// Evidence labels in words (issue 15, item 9): Graph's field names read like the portal, not code.
import { describe, expect, it } from 'vitest';
import { keyWords } from '../../../src/app/EvidenceList.tsx';

describe('keyWords', () => {
  it.each([
    { input: 'otherApis', expected: 'Other APIs' },
    { input: 'createdDateTime', expected: 'Created' },
    { input: 'requestedApplication', expected: 'Requested as Application permissions' },
    { input: 'clientId', expected: 'Application (client) ID' },
    { input: 'maxDepth', expected: 'Max depth' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(keyWords(input)).toBe(expected);
  });
});

describe('passDetail', () => {
  it('shows when a valid client secret ends, on its folded row', async () => {
    const { passDetail } = await import('../../../src/app/CheckItem.tsx');
    const check = {
      id: 'client-secret',
      status: 'pass',
      title: 'Client secret valid',
      reason: null,
      fix: null,
      severity: 'high',
      portalLink: null,
      evidence: { secrets: [{ keyId: 'k1', endDateTime: '2027-06-01T00:00:00Z' }], latestKeyId: 'k1' },
    } as const;
    expect(passDetail(check as never)).toMatch(/^until .*2027/);
    expect(passDetail({ ...check, status: 'warn' } as never)).toBeNull();
  });
});
