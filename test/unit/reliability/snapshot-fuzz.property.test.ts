// Hostile snapshot files against the import and the core (issue 7, item 2): random JSON, mutated
// valid snapshots, huge strings, deep nesting, long cycles and keys like `__proto__`. The import
// must answer with a result or errors that say where, the preview must neither throw nor hang, and
// Object.prototype must come out untouched after every run. Deep nesting is where a real bug was:
// JSON.parse takes 100,000 levels but JSON.stringify and the support export's walk overflowed;
// and an @odata.type of "constructor" or "__proto__" made a non-person a recipient.
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_DEPTH, parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import type { SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO, scaleProfile } from '../../../src/demo/profiles.ts';
import { createWorkerHandlers } from '../../../src/worker/handlers.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const HOSTILE_STRINGS = [
  ...HOSTILE_KEYS,
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '=HYPERLINK("https://evil.example","x")',
  '+1',
  '@SUM(A1)',
  '\u0000',
  '\uD800',
  '',
  ' ',
];

const figures = { inputs: 0, accepted: 0, refused: 0, previews: 0, pollution: 0, crashes: 0 };
afterAll(() => {
  console.info(`[reliability] snapshot fuzz: ${JSON.stringify(figures)}`);
});

const prototypeNames = (target: object) => Object.getOwnPropertyNames(target).sort();
const ORIGINAL = {
  object: prototypeNames(Object.prototype),
  array: prototypeNames(Array.prototype),
  func: prototypeNames(Function.prototype),
};
function expectNoPollution(): void {
  const clean =
    JSON.stringify(prototypeNames(Object.prototype)) === JSON.stringify(ORIGINAL.object) &&
    JSON.stringify(prototypeNames(Array.prototype)) === JSON.stringify(ORIGINAL.array) &&
    JSON.stringify(prototypeNames(Function.prototype)) === JSON.stringify(ORIGINAL.func) &&
    ({} as Record<string, unknown>).polluted === undefined;
  if (!clean) figures.pollution++;
  expect(clean).toBe(true);
}
afterEach(expectNoPollution);

/** Import, then preview what was accepted: errors must name a code, a path and a message. */
function importAndPreview(text: string): void {
  figures.inputs++;
  let result: ReturnType<typeof parseSnapshotText>;
  try {
    result = parseSnapshotText(text);
  } catch (error) {
    figures.crashes++;
    throw error;
  }
  if (result.ok) {
    figures.accepted++;
    const preview = computePreview(result.data);
    figures.previews++;
    expect(preview.audience.reached).toBeGreaterThanOrEqual(preview.audience.recipients);
  } else {
    figures.refused++;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.code).toMatch(/\S/);
      expect(error.path).toMatch(/\S/);
      expect(error.message).toMatch(/\S/);
    }
  }
  expectNoPollution();
}

const base = generateTenant(scaleProfile(DEMO, 0.02));
const baseText = JSON.stringify(base);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container in a JSON value with its parent slot, for picking a place to mutate. */
function slots(root: Json): Array<{ holder: Json[] | Record<string, Json>; key: string | number }> {
  const out: Array<{ holder: Json[] | Record<string, Json>; key: string | number }> = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as Json;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ holder: value, key: i });
        stack.push(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        out.push({ holder: value, key });
        stack.push(value[key] as Json);
      }
    }
  }
  return out;
}

const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>({ __proto__: { polluted: 'yes' } } as never, {
    constructor: { prototype: { polluted: 'yes' } },
  }),
);

const mutation = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('set', 'delete', 'hostile-key', 'duplicate'),
  value: replacement,
  key: fc.constantFrom(...HOSTILE_KEYS),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Applies mutations to a fresh copy; a hostile key is defined as an own property, as JSON.parse would. */
function mutated(mutations: readonly Mutation[]): string {
  const copy = JSON.parse(baseText) as Json;
  for (const change of mutations) {
    const all = slots(copy);
    const slot = all[change.at % all.length];
    if (slot === undefined) break;
    const holder = slot.holder as Record<string | number, Json>;
    const value = JSON.parse(JSON.stringify(change.value)) as Json;
    if (change.action === 'set') holder[slot.key] = value;
    else if (change.action === 'delete' && Array.isArray(holder)) holder.splice(slot.key as number, 1);
    else if (change.action === 'delete') delete holder[slot.key];
    else if (change.action === 'duplicate' && Array.isArray(holder))
      holder.push(holder[slot.key as number] ?? null);
    else {
      const target = holder[slot.key];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        Object.defineProperty(target, change.key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return JSON.stringify(copy);
}

describe('parseSnapshotText on random input', () => {
  it('answers any JSON text, any text and any mutation of a valid snapshot with a result or errors', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 6 }), fc.string({ maxLength: 200 })), importAndPreview),
      { numRuns: 500, seed: 1 },
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) =>
        importAndPreview(mutated(mutations)),
      ),
      { numRuns: 400, seed: 2 },
    );
  });

  it('accepts the unmutated base, so mutations start from a valid snapshot', () => {
    expect(parseSnapshotText(baseText).ok).toBe(true);
  });
});

describe('parseSnapshotText on hostile shapes', () => {
  const deep = (levels: number, inner = '0') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
  const inTenant = (value: string) => baseText.replace('"tenant":{', `"tenant":{"extra":${value},`);
  const cases: Array<{ description: string; input: () => string; expected: string | null; notes?: string }> =
    [
      { description: '100,000 unclosed [', input: () => '['.repeat(100_000), expected: 'invalid_json' },
      { description: '100,000 nested arrays', input: () => deep(100_000), expected: 'not_a_snapshot' },
      {
        description: 'format nested 100,000 deep',
        input: () => `{"format":${deep(100_000)}}`,
        expected: 'too_deep',
        notes: 'crashed with RangeError before: describe() called JSON.stringify on it',
      },
      {
        description: 'an unknown tenant property nested 100,000 deep',
        input: () => inTenant(deep(100_000)),
        expected: 'too_deep',
        notes: 'was accepted, then the support export overflowed the stack in scrub()',
      },
      {
        description: 'an unknown property 1,000 deep',
        input: () => inTenant(deep(1_000)),
        expected: 'too_deep',
      },
      {
        description: `an unknown property just inside the ${MAX_SNAPSHOT_DEPTH}-level limit`,
        input: () => inTenant(deep(MAX_SNAPSHOT_DEPTH - 2)),
        expected: null,
        notes: 'root object, tenant object, then the arrays',
      },
      {
        description: 'a __proto__ payload at the top',
        input: () => baseText.replace('{', '{"__proto__":{"polluted":"yes"},'),
        expected: null,
      },
      {
        description: 'a constructor.prototype payload in a member',
        input: () =>
          baseText.replace('"userType":', '"constructor":{"prototype":{"polluted":"yes"}},"userType":'),
        expected: null,
      },
    ];

  it.each(cases)('$description → $expected', ({ input, expected }) => {
    const result = parseSnapshotText(input());
    figures.inputs++;
    if (expected === null) expect(result.errors).toEqual([]);
    else expect(result.errors.map((error) => error.code)).toEqual([expected]);
    if (result.ok) computePreview(result.data);
    expectNoPollution();
  });

  it('a too-deep file names the limit in plain words', () => {
    expect(parseSnapshotText(`{"format":${deep(5_000)}}`).errors).toEqual([
      { code: 'too_deep', path: '$', message: 'is nested more than 64 levels deep, which no snapshot is' },
    ]);
  });

  it('keeps members keyed constructor and prototype; one keyed __proto__ shows as not read, not empty', () => {
    // zod drops a `__proto__` key on purpose (assigning it would swap the result's prototype), so
    // that group's member list is lost; the completeness check then names it. Graph ids are GUIDs,
    // so only a hand-made file can hit this.
    const ids = ['__proto__', 'constructor', 'prototype'];
    const members: Record<string, SnapshotMember[]> = Object.create(null);
    for (let i = 0; i < 1_000; i++) {
      const id = ids[i] ?? `g${i}`;
      const next = ids[(i + 1) % 1_000] ?? `g${(i + 1) % 1_000}`;
      members[id] = [groupRef(next), user(`u-${id}`)];
    }
    const text = JSON.stringify(snapshotOf({ members, selected: ['constructor', 'g500'] }));
    const result = parseSnapshotText(text);
    expect(result.errors).toEqual([]);
    if (!result.ok) return;
    expect(Object.keys(result.data.members)).toHaveLength(999);
    expect(Object.hasOwn(result.data.members, 'constructor')).toBe(true);
    expect(Object.hasOwn(result.data.members, 'prototype')).toBe(true);
    expect(Object.getPrototypeOf(result.data.members)).toBe(Object.prototype);
    const preview = computePreview(result.data);
    expect(preview.complete).toBe(false);
    expect(preview.incompleteReads).toEqual([
      {
        path: '/groups/__proto__/members',
        status: 'missing',
        reason: 'the members of this group were not read',
      },
    ]);
    // g500 reaches g999, then the unread __proto__: 500 people, and the gap is named above.
    expect(preview.groups.map((group) => group.recipients)).toEqual([999, 500]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'judges a member of @odata.type %j as not a person',
    (odataType) => {
      const text = JSON.stringify(
        snapshotOf({ members: { g: [user('a', { '@odata.type': odataType }), user('b')] }, selected: ['g'] }),
      );
      const result = parseSnapshotText(text);
      if (!result.ok) throw new Error('the file should parse');
      const { audience } = computePreview(result.data);
      expect(audience).toMatchObject({ reached: 2, recipients: 1 });
      expect(audience.excluded['not-a-person']).toBe(1);
    },
  );

  it('opens, previews and exports a snapshot with a 5 MB name', async () => {
    const huge = 'A'.repeat(5_000_000);
    const text = JSON.stringify(
      snapshotOf({ members: { g: [user('a', { displayName: huge }), user('b')] }, selected: ['g'] }),
    );
    const handlers = createWorkerHandlers();
    const opened = await handlers.open({ text }, { progress() {} });
    expect(opened.ok).toBe(true);
    const [upload] = handlers.exportUpload({ baseName: 'u', segments: true, allowIncomplete: false });
    expect(upload?.data.byteLength).toBeGreaterThan(5_000_000);
    expect((await handlers.exportForSupport({ baseName: 's', salt: 'x' })).data.byteLength).toBeGreaterThan(
      0,
    );
  });
});
