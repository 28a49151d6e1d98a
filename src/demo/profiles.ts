// Named tenant sizes: DEMO is the built-in demo (public/demo/demo-tenant.json), S to XL are the
// benchmark sizes. Each is a complete GenerateOptions, so `generateTenant(L)` works as is and a
// test changes one field with a spread. Selected sizes are direct members listed by Graph, in
// selection order; the roles follow SELECTED_ROLES (All Staff, Engineering ⇄ Product Management,
// Microsoft 365, distribution list, dynamic, hidden membership, mail-enabled security, departments).
import type { GenerateOptions } from './generate-tenant.ts';

const CAPTURED_AT = '2026-11-26T06:00:00Z';

export const DEMO: GenerateOptions = {
  seed: 'contoso-demo',
  users: 2_000,
  groups: 40,
  selected: [1_400, 48, 36, 260, 120, 85, 14, 28],
  nestedEdges: 1_500,
  capturedAt: CAPTURED_AT,
  cloud: 'global',
  appMistake: 'delegated-group-member',
};

export const S: GenerateOptions = {
  ...DEMO,
  seed: 'bench-s',
  users: 2_000,
  groups: 100,
  selected: [1_000, 200, 150, 100, 100, 60, 20, 20],
  nestedEdges: 6_000,
};

export const M: GenerateOptions = {
  ...DEMO,
  seed: 'bench-m',
  users: 50_000,
  groups: 1_000,
  selected: [25_000, 5_000, 5_000, 2_000, 2_000, 1_000, 500, 500, 200, 100],
  nestedEdges: 250_000,
};

export const L: GenerateOptions = {
  ...DEMO,
  seed: 'bench-l',
  users: 200_000,
  groups: 5_000,
  selected: [100_000, 20_000, 20_000, 5_000, 5_000, 5_000, 5_000, ...new Array<number>(8).fill(500)],
  nestedEdges: 1_000_000,
};

export const XL: GenerateOptions = {
  ...DEMO,
  seed: 'bench-xl',
  users: 500_000,
  groups: 1_000,
  selected: [250_000],
  nestedEdges: 500_000,
};

export const PROFILES = { DEMO, S, M, L, XL } as const;
export type ProfileName = keyof typeof PROFILES;

/** The same shape at `factor` times the size (e.g. L at 0.05 for a fast unit test). */
export function scaleProfile(profile: GenerateOptions, factor: number): GenerateOptions {
  const scale = (n: number, least: number) => Math.max(least, Math.round(n * factor));
  return {
    ...profile,
    users: scale(profile.users, 40),
    groups: scale(profile.groups, profile.selected.length),
    selected: profile.selected.map((size) => scale(size, 1)),
    nestedEdges: scale(profile.nestedEdges, 0),
  };
}
