// Stand-ins for names and addresses, consistent within one snapshot: the same value always gets the
// same stand-in (addresses compared with toLowerCase, as the recipient rules compare them). Distinct
// values are numbered in first-seen order and the number goes through a bijection chosen by the
// salt, so stand-ins never collide and two exports with different salts cannot be linked. An address
// keeps its skeleton — `@`, `.`, whitespace and control characters, `#EXT#`, a leading formula
// character — and only the runs of ordinary characters between them are replaced, so every rule
// (plausible mailbox, `#EXT#`, first character, equal ignoring case) judges the stand-in as the original.

export type AddressRole = 'user' | 'group' | 'contact' | 'other';
export type TextRole =
  | 'person'
  | 'given'
  | 'surname'
  | 'group'
  | 'contact'
  | 'device'
  | 'object'
  | 'tenant'
  | 'description'
  | 'value';

export interface Pseudonyms {
  /** An address (surrounding whitespace kept); mail of one object and UPN of another map alike. */
  address(raw: string, role: AddressRole): string;
  /** A name or other free text; a value containing `@` is treated as an address. */
  text(raw: string, role: TextRole): string;
  /** A domain name, mapped label by label exactly as the domain part of addresses. */
  domainName(raw: string): string;
  /** A dynamic-membership rule: its double-quoted literals replaced, the syntax kept. */
  rule(raw: string): string;
}

const TEXT_PREFIX: Record<TextRole, string> = {
  person: 'Person',
  given: 'Given',
  surname: 'Surname',
  group: 'Group',
  contact: 'Contact',
  device: 'Device',
  object: 'Object',
  tenant: 'Tenant',
  description: 'Description',
  value: 'Value',
};
const ADDRESS_PREFIX: Record<AddressRole, string> = {
  user: 'user',
  group: 'group',
  contact: 'contact',
  other: 'mail',
};

// Characters an address keeps: the ones isPlausibleMailbox looks at (`@`, `.`, Zs/Zl/Zp/Cc/Cf).
const SKELETON = /[@.\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}]/u;
// A leading spreadsheet formula character (recipient-rules.md); all are single UTF-16 units.
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const GUEST_MARK = /#EXT#/gi;
const QUOTED = /"([^"]*)"/g;

interface Segment {
  text: string;
  /** Kept as is (skeleton), or an ordinary run to replace. */
  kept: boolean;
}

export function createPseudonyms(salt: string): Pseudonyms {
  const addressCode = createCoder(`${salt}|address`);
  const textCode = createCoder(`${salt}|text`);
  const labelCode = createCoder(`${salt}|domain`);
  const addresses = new Map<string, string>();
  const texts = new Map<string, string>();
  const labels = new Map<string, string>();
  const topLevels = new Map<string, string>();

  const label = (token: string): string => {
    const key = token.toLowerCase();
    let standIn = labels.get(key);
    if (standIn === undefined) {
      standIn = `d${labelCode(labels.size)}`;
      labels.set(key, standIn);
    }
    return standIn;
  };
  const topLevel = (token: string): string => {
    const key = token.toLowerCase();
    let standIn = topLevels.get(key);
    if (standIn === undefined) {
      standIn = topLevels.size === 0 ? 'example' : `example${topLevels.size + 1}`;
      topLevels.set(key, standIn);
    }
    return standIn;
  };
  /** The stand-in of a domain token: the last label after a dot is a top-level domain. */
  const domainToken = (segments: Segment[], at: number): string => {
    const isLast = segments.slice(at + 1).every((segment) => segment.kept);
    const before = segments[at - 1];
    const text = (segments[at] as Segment).text;
    return isLast && before?.text.endsWith('.') ? topLevel(text) : label(text);
  };

  const addressCore = (core: string, role: AddressRole): string => {
    const key = core.toLowerCase();
    let head = addresses.get(key);
    if (head === undefined) {
      head = `${ADDRESS_PREFIX[role]}${addressCode(addresses.size)}`;
      addresses.set(key, head);
    }
    const segments = segmentAddress(core);
    let first = true;
    let inDomain = false;
    let localTokens = 0;
    const out: string[] = [];
    segments.forEach((segment, at) => {
      if (segment.kept) {
        out.push(segment.text);
        if (segment.text.includes('@')) inDomain = true;
        return;
      }
      let standIn: string;
      // The first ordinary run carries the address's own number, so distinct addresses stay distinct.
      if (first) standIn = head as string;
      else if (inDomain) standIn = domainToken(segments, at);
      else standIn = `x${++localTokens}`;
      first = false;
      out.push(caseLike(segment.text, standIn));
    });
    return out.join('');
  };

  const textCore = (core: string, role: TextRole): string => {
    let standIn = texts.get(core);
    if (standIn === undefined) {
      standIn = `${TEXT_PREFIX[role]} ${textCode(texts.size)}`;
      texts.set(core, standIn);
    }
    return standIn;
  };

  const pseudonyms: Pseudonyms = {
    address: (raw, role) => keepSurroundings(raw, (core) => addressCore(core, role)),
    text: (raw, role) =>
      keepSurroundings(raw, (core) => {
        if (core.includes('@')) return addressCore(core, 'other');
        // A leading formula character stays, so the CSV's neutralising can be reproduced.
        const lead = FORMULA_START.test(core) ? core.charAt(0) : '';
        const rest = core.slice(lead.length);
        return rest === '' ? core : lead + textCore(rest, role);
      }),
    domainName: (raw) =>
      keepSurroundings(raw, (core) => {
        const segments = segmentAddress(core);
        return segments
          .map((segment, at) =>
            segment.kept ? segment.text : caseLike(segment.text, domainToken(segments, at)),
          )
          .join('');
      }),
    rule: (raw) =>
      raw.replace(
        QUOTED,
        (_match, literal: string) => `"${literal === '' ? '' : pseudonyms.text(literal, 'value')}"`,
      ),
  };
  return pseudonyms;
}

/** Applies `map` to the trimmed value and keeps the surrounding whitespace; blank values stay as they are. */
function keepSurroundings(raw: string, map: (core: string) => string): string {
  const core = raw.trim();
  if (core === '') return raw;
  const start = raw.length - raw.trimStart().length;
  return raw.slice(0, start) + map(core) + raw.slice(start + core.length);
}

/** Splits an address into skeleton runs (kept) and ordinary runs (replaced). */
function segmentAddress(core: string): Segment[] {
  const kept = new Uint8Array(core.length);
  for (const match of core.matchAll(GUEST_MARK)) kept.fill(1, match.index, match.index + match[0].length);
  if (FORMULA_START.test(core)) kept[0] = 1;
  const segments: Segment[] = [];
  let offset = 0;
  for (const char of core) {
    const isKept = kept[offset] === 1 || SKELETON.test(char);
    offset += char.length;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.kept === isKept) last.text += char;
    else segments.push({ text: char, kept: isKept });
  }
  return segments;
}

/** The stand-in in the original's case pattern: UPPER, Capitalised or lower. */
function caseLike(original: string, standIn: string): string {
  const upper = original.toUpperCase();
  const lower = original.toLowerCase();
  if (upper === lower) return standIn;
  if (original === upper) return standIn.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return standIn.charAt(0).toUpperCase() + standIn.slice(1);
  return standIn;
}

/**
 * Numbers → 7-character codes by n ↦ a·n + b (mod 2³²) with a odd: a bijection, so distinct
 * numbers never share a code. a and b come from the salt (FNV-1a), not from a clock or Math.random.
 */
export function createCoder(salt: string): (n: number) => string {
  const a = (fnv1a(`${salt}|a`) | 1) >>> 0;
  const b = fnv1a(`${salt}|b`);
  return (n) => ((Math.imul(n, a) + b) >>> 0).toString(36).padStart(7, '0');
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
