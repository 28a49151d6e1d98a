// The read log's own rules (read-log.ts): what it keeps of each field, and that a line can carry
// no raw control, format or line-separator character whatever a path holds.
import { describe, expect, it } from 'vitest';
import { createReadLog, type ReadLogEntry, toJsonLine } from '../../../src/graph/read-log.ts';

const entry = (overrides: Partial<ReadLogEntry> = {}): ReadLogEntry => ({
  time: '2026-11-26T06:00:00.000Z',
  method: 'GET',
  path: '/organization',
  status: 200,
  durationMs: 12,
  bytes: 345,
  retry: 0,
  retryAfter: null,
  requestId: '0b3c9e2a-5555-4000-8000-000000000a01',
  clientRequestId: '0b3c9e2a-5555-4000-8000-000000000a02',
  ...overrides,
});

describe('createReadLog', () => {
  it.each([
    {
      description: 'a $skiptoken value is replaced (Graph can spell the last UPN in it)',
      input: { path: '/groups/x/members?$top=999&$skiptoken=RFNwdAIAAQAAACM6cGVyc29uQGNvbnRvc28uY29t' },
      expected: { path: '/groups/x/members?$top=999&$skiptoken=…' },
    },
    {
      description: 'request ids that are not GUIDs are dropped',
      input: { requestId: 'Bearer eyJ0eXAi', clientRequestId: 'person@contoso.example' },
      expected: { requestId: null, clientRequestId: null },
    },
    {
      description: 'fractional Retry-After kept',
      input: { retryAfter: '2.128' },
      expected: { retryAfter: '2.128' },
    },
    {
      description: 'an HTTP-date Retry-After kept',
      input: { retryAfter: 'Thu, 26 Nov 2026 06:00:30 GMT' },
      expected: { retryAfter: 'Thu, 26 Nov 2026 06:00:30 GMT' },
    },
    {
      description: 'any other Retry-After dropped',
      input: { retryAfter: 'soon; token=abc' },
      expected: { retryAfter: null },
    },
  ])('$description', ({ input, expected }) => {
    const log = createReadLog();
    log.add(entry(input));
    expect(log.entries[0]).toMatchObject(expected);
    expect(JSON.parse(log.text())).toMatchObject(expected);
  });

  it('keeps exactly the listed fields, one line each', () => {
    const log = createReadLog();
    log.add({ ...entry(), ...({ authorization: 'Bearer secret', body: { mail: 'a@b.example' } } as object) });
    log.add(entry({ batch: '0b3c9e2a-5555-4000-8000-000000000a03' }));
    const lines = log.text().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(Object.keys(JSON.parse(lines[0] ?? '{}'))).toEqual([
      'time',
      'method',
      'path',
      'status',
      'durationMs',
      'bytes',
      'retry',
      'retryAfter',
      'requestId',
      'clientRequestId',
    ]);
    expect(JSON.parse(lines[1] ?? '{}').batch).toBe('0b3c9e2a-5555-4000-8000-000000000a03');
    expect(log.text()).not.toContain('secret');
  });
});

describe('toJsonLine', () => {
  it('escapes controls, bidi and line separators that JSON.stringify leaves raw, and parses back', () => {
    const hostile = 'a\u0085b\u2028c\u2029d\u202ee\u200bf\ufeffg\u007fh\u0000i\nj';
    const line = toJsonLine({ path: hostile });
    expect(rawControls(line)).toEqual([]);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ path: hostile });
  });
});

/** Characters no log line may carry raw: C0 controls but the line break, DEL and C1, U+2028/9, bidi and zero-width marks. */
function rawControls(text: string): string[] {
  return [...text].filter((char) => {
    const code = char.codePointAt(0) as number;
    return (
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202e ||
      code === 0x200b ||
      code === 0xfeff
    );
  });
}
