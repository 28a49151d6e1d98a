// Address domains that are not what they look like: a domain mixing scripts (Latin with a Cyrillic
// о, as in contоso.example) or whose confusable skeleton equals a verified domain's while the
// spelling differs. The skeleton follows UTS #39 ("Unicode Security Mechanisms", section 4) with a
// deliberately small table: the Latin look-alikes from Cyrillic, Greek and Armenian that a mail
// domain can hold, and the ASCII pairs 0/o, 1/l, m/rn. Source of every mapping below: Unicode's
// confusables.txt, https://www.unicode.org/Public/security/latest/confusables.txt (lines such as
// "0430 ; 0061 ; MA # ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A"), lower-cased.

/** Character → the prototype it is confusable with (confusables.txt, lower-cased, small subset). */
const CONFUSABLES: ReadonlyMap<string, string> = new Map([
  // ASCII among itself: 0 → O, 1 → l, I → l, | → l, m → rn (after lower-casing the domain).
  ['0', 'o'],
  ['1', 'l'],
  ['|', 'l'],
  ['m', 'rn'],
  // Cyrillic.
  ['\u0430', 'a'], // а
  ['\u0441', 'c'], // с
  ['\u0501', 'd'], // ԁ
  ['\u0435', 'e'], // е
  ['\u04bb', 'h'], // һ
  ['\u0456', 'i'], // і
  ['\u0458', 'j'], // ј
  ['\u04cf', 'l'], // ӏ
  ['\u043e', 'o'], // о
  ['\u0440', 'p'], // р
  ['\u051b', 'q'], // ԛ
  ['\u0455', 's'], // ѕ
  ['\u051d', 'w'], // ԝ
  ['\u0445', 'x'], // х
  ['\u0443', 'y'], // у
  ['\u0261', 'g'], // ɡ (Latin small script g, listed with the Cyrillic set in confusables.txt's g row)
  // Greek.
  ['\u03b1', 'a'], // α
  ['\u03b9', 'i'], // ι
  ['\u03ba', 'k'], // κ
  ['\u03bd', 'v'], // ν
  ['\u03bf', 'o'], // ο
  ['\u03c1', 'p'], // ρ
  ['\u03c4', 't'], // τ (confusables.txt maps it to ᴛ; kept here as t for domains)
  ['\u03c5', 'u'], // υ
  // Armenian.
  ['\u0570', 'h'], // հ
  ['\u0578', 'n'], // ո
  ['\u057d', 'u'], // ս
  ['\u0585', 'o'], // օ
]);

/** The UTS #39 skeleton of a domain over the table above: NFD, lower-case, mapped, NFD again. */
export function domainSkeleton(domain: string): string {
  let out = '';
  for (const character of domain.normalize('NFD').toLowerCase())
    out += CONFUSABLES.get(character) ?? character;
  return out.normalize('NFD');
}

/**
 * Scripts that writing systems legitimately mix count as one: Japanese (Han, Hiragana, Katakana),
 * Korean (Han, Hangul), Chinese (Han, Bopomofo), as UTS #39's "highly restrictive" level allows.
 */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

/** The scripts a domain's letters come from (digits, hyphens and dots belong to none). */
export function scriptsOf(domain: string): string[] {
  const found = new Set<string>();
  for (const character of domain) {
    if (!/\p{L}/u.test(character)) continue;
    const script = SCRIPTS.find(([, pattern]) => pattern.test(character));
    found.add(script ? script[0] : 'Other');
  }
  return [...found];
}

export type LookalikeKind = 'mixed-scripts' | 'confusable';

export interface LookalikeDomain {
  domain: string;
  kind: LookalikeKind;
  /** The scripts found (mixed-scripts) or the verified domain it looks like (confusable). */
  detail: string;
}

export interface VerifiedDomains {
  /** The verified domains, lower-cased. */
  names: ReadonlySet<string>;
  /** Skeleton → the verified domain it belongs to. */
  skeletons: ReadonlyMap<string, string>;
}

export function indexVerifiedDomains(domains: readonly string[]): VerifiedDomains {
  const names = new Set<string>();
  const skeletons = new Map<string, string>();
  for (const name of domains) {
    const lower = name.toLowerCase();
    names.add(lower);
    const skeleton = domainSkeleton(lower);
    if (!skeletons.has(skeleton)) skeletons.set(skeleton, lower);
  }
  return { names, skeletons };
}

/**
 * A label mixing scripts, e.g. Latin and Cyrillic in "contоso". Labels are judged one by one, so
 * an internationalised name under a Latin top-level domain (пример.example) is not mixed; Latin
 * with Han, Kana or Hangul is allowed as UTS #39's "highly restrictive" level allows it.
 */
function mixedLabel(domain: string): string[] | null {
  for (const label of domain.split('.')) {
    const scripts = scriptsOf(label);
    if (
      scripts.length > 2 ||
      (scripts.length === 2 && !(scripts.includes('Latin') && scripts.includes('CJK')))
    )
      return scripts;
  }
  return null;
}

/** Judges one address domain against the tenant's verified domains; null when it is what it looks like. */
export function judgeDomain(domain: string, verified: VerifiedDomains): LookalikeDomain | null {
  const lower = domain.toLowerCase();
  if (verified.names.has(lower)) return null;
  // A look-alike of one of the tenant's own domains says more than "mixed scripts": checked first.
  const twin = verified.skeletons.get(domainSkeleton(lower));
  if (twin !== undefined) return { domain: lower, kind: 'confusable', detail: twin };
  const scripts = mixedLabel(lower);
  if (scripts !== null) return { domain: lower, kind: 'mixed-scripts', detail: scripts.join(' + ') };
  return null;
}

/** The letters of a domain outside the Latin script, as `о (U+043E)`, for the admin to find them. */
export function foreignLetters(domain: string): string[] {
  const out: string[] = [];
  for (const character of new Set(domain)) {
    if (!/\p{L}/u.test(character) || /\p{Script=Latin}/u.test(character)) continue;
    const code = (character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    out.push(`${character} (U+${code})`);
  }
  return out;
}
