// Seeded randomness for the demo generator: sfc32 (small, fast, 128 bits of state) seeded through
// cyrb128 from a number or a string, plus the few helpers the generator needs. Every draw of one
// tenant goes through one Random, so the same seed and the same options give the same tenant.
// Surprise: determinism holds per generator version only; adding one draw anywhere changes every
// object after it, so tests compare two runs of the same code, never a stored file.

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A standard normal draw (Box–Muller). */
  gaussian(): number;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** A lowercase GUID shaped like a version-4 one, as Entra object ids are. */
  guid(): string;
  /** `length` characters of base64url, e.g. for appRoleAssignment ids. */
  token(length: number): string;
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** cyrb128: spreads a string over four 32-bit words, so nearby seeds give unrelated streams. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = cyrb128(String(seed));
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32's first outputs still echo the seed words; the reference implementation discards some.
  for (let i = 0; i < 15; i++) uint32();

  const next = (): number => uint32() / 4294967296;
  const int = (n: number): number => Math.floor(next() * n);

  return {
    next,
    uint32,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick: no items');
      return items[int(items.length)] as T;
    },
    gaussian() {
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const held = items[i] as T;
        items[i] = items[j] as T;
        items[j] = held;
      }
      return items;
    },
    guid() {
      const w0 = uint32();
      const w1 = uint32();
      const w2 = uint32();
      const w3 = uint32();
      const byte = (word: number, shift: number): string => HEX[(word >>> shift) & 0xff] as string;
      return (
        `${byte(w0, 24)}${byte(w0, 16)}${byte(w0, 8)}${byte(w0, 0)}-${byte(w1, 24)}${byte(w1, 16)}-` +
        `4${(HEX[(w1 >>> 8) & 0xff] as string)[1]}${byte(w1, 0)}-` +
        `${HEX[0x80 | ((w2 >>> 24) & 0x3f)]}${byte(w2, 16)}-${byte(w2, 8)}${byte(w2, 0)}` +
        `${byte(w3, 24)}${byte(w3, 16)}${byte(w3, 8)}${byte(w3, 0)}`
      );
    },
    token(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += BASE64URL[uint32() & 63];
      return out;
    },
  };
}

/**
 * Draws distinct indexes from [from, size) in random order, in time proportional to the draw, not
 * to `size`: a partial Fisher–Yates over one shared scratch permutation, undone after each draw so
 * the next draw starts from the identity again. This is what keeps a 200,000-user tenant with a
 * million memberships linear.
 */
export type Sampler = {
  readonly size: number;
  sample(random: Random, count: number, from?: number): number[];
};

export function createSampler(size: number): Sampler {
  const scratch = new Int32Array(size);
  for (let i = 0; i < size; i++) scratch[i] = i;
  return {
    size,
    sample(random, count, from = 0) {
      const available = size - from;
      if (count > available) throw new RangeError(`sample: ${count} from ${available} items`);
      const out: number[] = new Array(count);
      const swaps = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const at = from + i;
        const j = at + random.int(size - at);
        const held = scratch[at] as number;
        scratch[at] = scratch[j] as number;
        scratch[j] = held;
        swaps[i] = j;
        out[i] = scratch[at] as number;
      }
      for (let i = count - 1; i >= 0; i--) {
        const at = from + i;
        const j = swaps[i] as number;
        const held = scratch[at] as number;
        scratch[at] = scratch[j] as number;
        scratch[j] = held;
      }
      return out;
    },
  };
}

/** Puts `item` at a uniformly random position of `items` in O(1) (the displaced one goes last). */
export function insertAtRandom<T>(random: Random, items: T[], item: T): void {
  items.push(item);
  const j = random.int(items.length);
  const last = items.length - 1;
  items[last] = items[j] as T;
  items[j] = item;
}
