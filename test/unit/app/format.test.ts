// Sizes read the way the upload's limit counts them: a part just under 10 MB never says "10 MB".
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/app/format.ts';

const n = (value: number, digits = 0) =>
  value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('formatBytes', () => {
  it.each([
    { description: 'bytes', input: 999, expected: `${n(999)} B` },
    { description: 'kilobytes, decimal', input: 73_900, expected: `${n(73.9, 1)} KB` },
    { description: 'just under the 10 MB limit', input: 9_999_999, expected: `${n(9.9, 1)} MB` },
    { description: 'whole megabytes drop the decimal', input: 3_000_000, expected: `${n(3)} MB` },
  ])('$description', ({ input, expected }) => {
    expect(formatBytes(input)).toBe(expected);
  });
});
