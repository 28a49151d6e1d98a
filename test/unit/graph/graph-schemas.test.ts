import { describe, expect, it } from 'vitest';
import { graphErrorText, parseCount } from '../../../src/graph/graph-schemas.ts';

describe('parseCount', () => {
  it.each([
    { description: 'text/plain', input: '1240', expected: 1_240 },
    { description: 'with a BOM and a newline', input: '\uFEFF42\n', expected: 42 },
    { description: 'a JSON number', input: 7, expected: 7 },
    {
      description: 'base64 inside a $batch',
      input: 'MTI0MA==',
      expected: 1_240,
      notes: 'Graph base64-encodes non-JSON batch bodies',
    },
    {
      description: 'base64 of a BOM and the text inside a $batch',
      input: '77u/ODkz',
      expected: 893,
      notes: 'issue #11: the BOM was stripped from plain text but not after base64 decoding',
    },
    { description: 'base64 of bytes that are not UTF-8', input: '/w==', expected: null },
    { description: 'past the largest safe integer', input: '9007199254740993', expected: null },
    { description: 'negative', input: -1, expected: null },
    { description: 'not a count', input: 'many', expected: null },
    { description: 'an object', input: { value: 3 }, expected: null },
  ])('$description', ({ input, expected }) => {
    expect(parseCount(input)).toBe(expected);
  });
});

describe('graphErrorText', () => {
  it('reads Graph error bodies and nothing else', () => {
    expect(graphErrorText({ error: { code: 'Request_ResourceNotFound', message: 'gone' } })).toEqual({
      code: 'Request_ResourceNotFound',
      message: 'gone',
    });
    expect(graphErrorText('<html>Bad gateway</html>')).toBeNull();
  });
});
