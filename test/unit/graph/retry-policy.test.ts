import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createLimiter,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelay,
} from '../../../src/graph/retry-policy.ts';

const now = new Date('2026-11-26T06:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    { description: 'seconds', input: '7', expected: 7_000 },
    { description: 'seconds with spaces', input: ' 12 ', expected: 12_000 },
    { description: 'zero', input: '0', expected: 0 },
    { description: 'an HTTP date', input: 'Thu, 26 Nov 2026 06:00:30 GMT', expected: 30_000 },
    { description: 'a date in the past', input: 'Thu, 26 Nov 2026 05:00:00 GMT', expected: 0 },
    { description: 'absent', input: null, expected: null },
    { description: 'nonsense', input: 'soon', expected: null },
  ])('$description', ({ input, expected }) => {
    expect(parseRetryAfter(input, now)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it.each([
    { description: 'first retry, no jitter', input: [1, 0], expected: 500 },
    { description: 'first retry, full jitter', input: [1, 1], expected: 1_000 },
    { description: 'doubles', input: [3, 0.5], expected: 3_000 },
    { description: 'capped at 32 s', input: [12, 1], expected: 32_000 },
  ])('$description', ({ input, expected }) => {
    expect(backoffDelay(input[0] as number, DEFAULT_RETRY_POLICY, () => input[1] as number)).toBe(expected);
  });
});

describe('retryDelay', () => {
  it.each([
    { description: 'Retry-After as given', input: { retryAfterMs: 7_000, cap: undefined }, expected: 7_000 },
    {
      description: 'Retry-After exactly at the 5-minute cap',
      input: { retryAfterMs: 300_000, cap: undefined },
      expected: 300_000,
    },
    {
      description: 'an hour’s Retry-After cut to the 5-minute cap',
      input: { retryAfterMs: 3_600_000, cap: undefined },
      expected: 300_000,
    },
    {
      description: 'a policy with its own cap',
      input: { retryAfterMs: 60_000, cap: 5_000 },
      expected: 5_000,
    },
    { description: 'no Retry-After: backoff', input: { retryAfterMs: null, cap: 5_000 }, expected: 1_000 },
  ])('$description', ({ input, expected }) => {
    const policy = {
      ...DEFAULT_RETRY_POLICY,
      ...(input.cap === undefined ? {} : { maxRetryAfterMs: input.cap }),
    };
    expect(retryDelay(input.retryAfterMs, 1, policy, () => 1)).toBe(expected);
  });
});

describe('createLimiter', () => {
  it('lets a waiting turn leave the queue when its signal aborts', async () => {
    const limiter = createLimiter(1);
    const controller = new AbortController();
    await limiter.acquire(controller.signal);
    const waiting = new AbortController();
    const turn = limiter.acquire(waiting.signal);
    waiting.abort();
    await expect(turn).rejects.toMatchObject({ name: 'AbortError' });
    limiter.release();
    await expect(limiter.acquire(controller.signal)).resolves.toBeUndefined();
  });
});
