import { describe, expect, it } from 'vitest';
import { parseSnapshotText, parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { contact, groupRef, snapshotOf, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

const valid = () => snapshotOf({ members: { g1: [user('u1')] }, selected: ['g1'] });
const validV1 = () => snapshotV1Of({ members: { g1: [user('u1')] }, selected: ['g1'] });

describe('parseSnapshotText', () => {
  it('accepts a valid snapshot and keeps unknown properties', () => {
    const snapshot = { ...valid(), futureField: { x: 1 } };
    const first = snapshot.objects.find((o) => o.id === 'u1') as Record<string, unknown>;
    first.jobTitle = 'Chef';
    const result = parseSnapshotText(JSON.stringify(snapshot));
    expect(result.ok).toBe(true);
    expect((result.data as Record<string, unknown>).futureField).toEqual({ x: 1 });
    expect(result.data?.objects.find((o) => o.id === 'u1')?.jobTitle).toBe('Chef');
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
      text: '{"format":"dirsync-snapshot","version":3}',
      path: '$.version',
      message: /is 3; this reader knows versions 1 and 2/,
    },
    {
      description: 'a version given as a string',
      text: '{"format":"dirsync-snapshot","version":"2"}',
      path: '$.version',
      message: /is "2"; this reader knows versions 1 and 2/,
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

describe('parseSnapshotValue: version 1 schema errors name the JSON path', () => {
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
    const snapshot = structuredClone(validV1()) as Record<string, any>;
    mutate(snapshot);
    const result = parseSnapshotValue(snapshot);
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => error.path)).toContain(path);
    expect(result.errors.find((error) => error.path === path)?.message).toMatch(message);
  });
});

describe('parseSnapshotValue: version 2', () => {
  /** g1 lists u1, the contact c1 and g2; g2 lists u2; u1 also in `users`, c1 in `contacts`. */
  const v2 = () =>
    structuredClone(
      snapshotOf({
        members: { g1: [user('u1'), contact('c1'), groupRef('g2')], g2: [user('u2')] },
        selected: ['g1'],
        syncContacts: true,
        extra: { users: [user('u1')], contacts: [contact('c1')] },
      }),
    ) as Record<string, any>;

  it('reads a version 2 snapshot as it is, objects once, lists by id', () => {
    const snapshot = v2();
    const result = parseSnapshotValue(snapshot);
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual(snapshot);
    expect(result.data?.objects.map((o) => o.id)).toEqual(['u1', 'c1', 'g1', 'g2', 'u2']);
  });

  it('reads version 1 into the same form: the version 2 conversion of the file', () => {
    const v1 = snapshotV1Of({
      members: { g1: [user('u1'), user('U2')], g2: [user('u2')] },
      selected: ['g1'],
    });
    const read = parseSnapshotText(JSON.stringify(v1));
    expect(read.data).toEqual(toSnapshotV2(v1));
    expect(read.data?.version).toBe(2);
    // U2 and u2 are one object (ids ignore case), kept once under the first spelling.
    expect(read.data?.objects.filter((o) => o.id.toLowerCase() === 'u2').map((o) => o.id)).toEqual(['U2']);
  });

  it('compares ids ignoring case: a reference in other letters finds its object', () => {
    const snapshot = v2();
    snapshot.members.g1 = ['U1', 'C1', 'G2'];
    snapshot.groups = ['G1', 'g2'];
    expect(parseSnapshotValue(snapshot).errors).toEqual([]);
  });

  const cases: Array<{
    description: string;
    mutate: (s: Record<string, any>) => void;
    path: string;
    message: RegExp;
    notes?: string;
  }> = [
    {
      description: 'two objects with one id',
      mutate: (s) => s.objects.push(user('u2', { displayName: 'Again' })),
      path: '$.objects[5].id',
      message: /"u2" is the id of \$\.objects\[4\] already/,
    },
    {
      description: 'two objects whose ids differ only in case',
      mutate: (s) => s.objects.push(user('U1')),
      path: '$.objects[5].id',
      message: /"U1" is the id of \$\.objects\[0\] already \(ids compare ignoring case/,
    },
    {
      description: 'a member id that is no object',
      mutate: (s) => s.members.g2.push('ghost'),
      path: '$.members.g2[1]',
      message: /"ghost" is not the id of any object in \$\.objects/,
    },
    {
      description: 'a members key that is no object',
      mutate: (s) => (s.members.g9 = []),
      path: '$.members.g9',
      message: /"g9" is not the id of any object/,
    },
    {
      description: 'a group id that is no object',
      mutate: (s) => s.groups.push('g9'),
      path: '$.groups[2]',
      message: /"g9" is not the id of any object/,
    },
    {
      description: 'a user id that is no object',
      mutate: (s) => s.users.push('nobody'),
      path: '$.users[1]',
      message: /"nobody" is not the id of any object/,
    },
    {
      description: 'a contact id that is no object',
      mutate: (s) => (s.contacts = ['c9']),
      path: '$.contacts[0]',
      message: /"c9" is not the id of any object/,
    },
    {
      description: 'an object without @odata.type',
      mutate: (s) => delete s.objects[0]['@odata.type'],
      path: '$.objects[0]["@odata.type"]',
      message: /required/,
      notes: 'in version 2 an object is what its @odata.type says: there is no list to take it from',
    },
    {
      description: 'an object without id',
      mutate: (s) => delete s.objects[4].id,
      path: '$.objects[4].id',
      message: /required/,
    },
    {
      description: 'a member given as an object, as in version 1',
      mutate: (s) => (s.members.g2 = [user('u2')]),
      path: '$.members.g2[0]',
      message: /string/,
    },
    {
      description: 'version 2 without objects',
      mutate: (s) => delete s.objects,
      path: '$.objects',
      message: /required/,
    },
    {
      description: 'accountEnabled as a string',
      mutate: (s) => (s.objects[0].accountEnabled = 'yes'),
      path: '$.objects[0].accountEnabled',
      message: /boolean/,
    },
  ];
  it.each(cases)('$description', ({ mutate, path, message }) => {
    const snapshot = v2();
    mutate(snapshot);
    for (const fastMembers of [true, false]) {
      const result = parseSnapshotValue(snapshot, { fastMembers });
      expect(result.ok).toBe(false);
      expect(result.errors.map((error) => error.path)).toContain(path);
      expect(result.errors.find((error) => error.path === path)?.message).toMatch(message);
    }
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
