import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID_STORAGE_KEYS,
  type ClientIdEnv,
  resolveClientIds,
  saveClientIdOverride,
} from '../../../src/auth/app-client-ids.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = 'AAAAAAAA-3333-4333-8333-333333333333';

function memoryStorage(items: Record<string, string> = {}) {
  const map = new Map(Object.entries(items));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

const throwing = {
  getItem: (): string | null => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

const cases: Array<{
  description: string;
  input: { env: ClientIdEnv; stored: Record<string, string> };
  expected: { global: [string | null, string]; usgov: [string | null, string]; ignored?: string[] };
}> = [
  {
    description: 'build values only',
    input: { env: { VITE_CLIENT_ID_GLOBAL: A, VITE_CLIENT_ID_USGOV: B }, stored: {} },
    expected: { global: [A, 'build'], usgov: [B, 'build'] },
  },
  {
    description: 'nothing set anywhere',
    input: { env: {}, stored: {} },
    expected: { global: [null, 'none'], usgov: [null, 'none'] },
  },
  {
    description: 'an override wins for its cloud only, lower-cased',
    input: {
      env: { VITE_CLIENT_ID_GLOBAL: A, VITE_CLIENT_ID_USGOV: B },
      stored: { [CLIENT_ID_STORAGE_KEYS.usgov]: C },
    },
    expected: { global: [A, 'build'], usgov: [C.toLowerCase(), 'override'] },
  },
  {
    description: 'an override where the build has none',
    input: { env: {}, stored: { [CLIENT_ID_STORAGE_KEYS.global]: ` ${B} ` } },
    expected: { global: [B, 'override'], usgov: [null, 'none'] },
  },
  {
    description: 'a malformed override is ignored (and reported), the build value stays',
    input: { env: { VITE_CLIENT_ID_GLOBAL: A }, stored: { [CLIENT_ID_STORAGE_KEYS.global]: 'not-a-guid' } },
    expected: { global: [A, 'build'], usgov: [null, 'none'], ignored: ['override:not-a-guid'] },
  },
  {
    description: 'a malformed build value is ignored (and reported)',
    input: { env: { VITE_CLIENT_ID_GLOBAL: 'REPLACE-ME', VITE_CLIENT_ID_USGOV: '' }, stored: {} },
    expected: { global: [null, 'none'], usgov: [null, 'none'], ignored: ['build:REPLACE-ME'] },
  },
];

describe('resolveClientIds', () => {
  it.each(cases)('$description', ({ input, expected }) => {
    const resolved = resolveClientIds(input.env, memoryStorage(input.stored));
    expect([resolved.global.clientId, resolved.global.source]).toEqual(expected.global);
    expect([resolved.usgov.clientId, resolved.usgov.source]).toEqual(expected.usgov);
    const ignored = [...resolved.global.ignored, ...resolved.usgov.ignored].map(
      (i) => `${i.from}:${i.value}`,
    );
    expect(ignored).toEqual(expected.ignored ?? []);
  });

  it('keeps the build value beside an override, for "reset to default"', () => {
    const resolved = resolveClientIds(
      { VITE_CLIENT_ID_GLOBAL: A },
      memoryStorage({ [CLIENT_ID_STORAGE_KEYS.global]: B }),
    );
    expect(resolved.global).toMatchObject({ clientId: B, source: 'override', buildValue: A });
  });

  it('falls back to the build values when storage is blocked', () => {
    const resolved = resolveClientIds({ VITE_CLIENT_ID_GLOBAL: A }, throwing);
    expect(resolved.global.clientId).toBe(A);
  });
});

describe('saveClientIdOverride', () => {
  it('stores a valid id, lower-cased, under the cloud’s key', () => {
    const storage = memoryStorage();
    expect(saveClientIdOverride(storage, 'usgov', ` ${C} `)).toEqual({ ok: true, clientId: C.toLowerCase() });
    expect(storage.map).toEqual(new Map([[CLIENT_ID_STORAGE_KEYS.usgov, C.toLowerCase()]]));
  });

  it('removes the override when the value is empty', () => {
    const storage = memoryStorage({ [CLIENT_ID_STORAGE_KEYS.global]: A });
    expect(saveClientIdOverride(storage, 'global', '  ')).toEqual({ ok: true, clientId: null });
    expect(storage.map.size).toBe(0);
  });

  it('refuses what is not a GUID and stores nothing', () => {
    const storage = memoryStorage();
    const result = saveClientIdOverride(storage, 'global', 'contoso-app');
    expect(result.ok).toBe(false);
    expect(storage.map.size).toBe(0);
  });

  it('reports blocked storage instead of throwing', () => {
    expect(saveClientIdOverride(throwing, 'global', A)).toMatchObject({ ok: false });
  });
});
