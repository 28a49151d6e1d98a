import { describe, expect, it } from 'vitest';
import { parseSnapshotText, parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const valid = () => snapshotOf({ members: { g1: [user('u1')] }, selected: ['g1'] });

describe('parseSnapshotText', () => {
  it('accepts a valid snapshot and keeps unknown properties', () => {
    const snapshot = { ...valid(), futureField: { x: 1 } };
    const first = snapshot.members.g1?.[0] as Record<string, unknown>;
    first.jobTitle = 'Chef';
    const result = parseSnapshotText(JSON.stringify(snapshot));
    expect(result.ok).toBe(true);
    expect((result.data as Record<string, unknown>).futureField).toEqual({ x: 1 });
    expect(result.data?.members.g1?.[0]?.jobTitle).toBe('Chef');
  });

  const cases: Array<{ description: string; text: string; path: string; message: RegExp; notes?: string }> = [
    { description: 'an empty file', text: '', path: 'line 1, column 1', message: /empty/ },
    {
      description: 'a truncated file',
      text: JSON.stringify(valid()).slice(0, 120),
      path: 'line 1, column 121',
      message: /truncated/,
    },
    {
      description: 'broken JSON in the middle',
      text: '{\n  "format": "dirsync-snapshot",\n  "version": 1,,\n}',
      path: 'line 3',
      message: /not valid JSON/,
    },
    { description: 'an array', text: '[]', path: '$', message: /not a JSON object/ },
    {
      description: 'another format',
      text: '{"format":"other"}',
      path: '$.format',
      message: /expected "dirsync-snapshot"/,
    },
    {
      description: 'an unknown version, refused by name',
      text: '{"format":"dirsync-snapshot","version":2}',
      path: '$.version',
      message: /is 2; this reader knows version 1 only/,
    },
    {
      description: 'a missing version',
      text: '{"format":"dirsync-snapshot"}',
      path: '$.version',
      message: /missing/,
    },
  ];
  it.each(cases)('$description', ({ text, path, message }) => {
    const result = parseSnapshotText(text);
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.path.startsWith(path)).toBe(true);
    expect(result.errors[0]?.message).toMatch(message);
  });
});

describe('parseSnapshotValue: schema errors name the JSON path', () => {
  const cases: Array<{
    description: string;
    mutate: (s: Record<string, any>) => void;
    path: string;
    message: RegExp;
  }> = [
    {
      description: 'a member without id',
      mutate: (s) => delete s.members.g1[0].id,
      path: '$.members.g1[0].id',
      message: /required/,
    },
    {
      description: 'a member without @odata.type',
      mutate: (s) => delete s.members.g1[0]['@odata.type'],
      path: '$.members.g1[0]["@odata.type"]',
      message: /required/,
    },
    {
      description: 'accountEnabled as a string',
      mutate: (s) => (s.members.g1[0].accountEnabled = 'yes'),
      path: '$.members.g1[0].accountEnabled',
      message: /boolean/,
    },
    {
      description: 'groupIds not an array',
      mutate: (s) => (s.selection.groupIds = 'g1'),
      path: '$.selection.groupIds',
      message: /array/,
    },
    {
      description: 'a bad cloud',
      mutate: (s) => (s.cloud = 'china'),
      path: '$.cloud',
      message: /global|usgov/,
    },
    {
      description: 'a bad capturedAt',
      mutate: (s) => (s.capturedAt = 'yesterday'),
      path: '$.capturedAt',
      message: /ISO-8601/,
    },
    {
      description: 'a bad read status',
      mutate: (s) =>
        (s.reads = [{ path: '/x', status: 'done', pages: 1, items: 1, httpStatus: null, error: null }]),
      path: '$.reads[0].status',
      message: /complete/,
    },
    {
      description: 'a negative member count',
      mutate: (s) => (s.memberCounts = { g1: -1 }),
      path: '$.memberCounts.g1',
      message: />=0|too small/i,
    },
  ];
  it.each(cases)('$description', ({ mutate, path, message }) => {
    const snapshot = structuredClone(valid()) as Record<string, any>;
    mutate(snapshot);
    const result = parseSnapshotValue(snapshot);
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => error.path)).toContain(path);
    expect(result.errors.find((error) => error.path === path)?.message).toMatch(message);
  });
});

describe('findJsonErrorPosition', () => {
  it.each([
    { text: 'vm\n', line: 'line 1, column 1', truncated: false },
    { text: '{"a": 1,}', line: 'line 1, column 9', truncated: false },
    { text: '{\n  "a": [1, 2\n', line: 'line 3, column 1', truncated: true },
    {
      text: '{"a": "x\ny"}',
      line: 'line 1, column 9',
      truncated: false,
      notes: 'a raw line break inside a string',
    },
    { text: '{"a": tru', line: 'line 1, column 10', truncated: true },
    { text: '{"a": 01}', line: 'line 1, column 8', truncated: false },
    { text: '[1] [2]', line: 'line 1, column 5', truncated: false },
  ])('$text → $line', ({ text, line, truncated }) => {
    const result = parseSnapshotText(text);
    expect(result.errors[0]?.path).toBe(line);
    expect(result.errors[0]?.message.includes('truncated')).toBe(truncated);
  });
});
