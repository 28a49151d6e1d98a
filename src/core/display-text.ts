// Text from a snapshot as people are shown it: at most DISPLAY_LIMIT characters (Entra's own limit
// for names, so a real name is never cut) with the full length said, and the characters that do
// not show — controls, bidi controls, zero-width and other format characters — found by one
// pattern that every sink (terminal, page, CSV guard, documents) shares. Pure: no DOM, no Node.
// Everything here is linear in the input and never spreads a string into an array, because a
// hostile file may hold a 300 MiB name.

/** Entra caps display names at 256 characters; nothing longer is shown whole. */
export const DISPLAY_LIMIT = 256;

/**
 * Characters that are invisible or that change how the text around them is shown: C0 and C1
 * controls and DEL (Cc), format characters (Cf: bidi embeddings/overrides/isolates U+202A–U+202E
 * and U+2066–U+2069, the marks U+200E/U+200F, zero-width U+200B–U+200D, U+FEFF, soft hyphen, tags),
 * the line and paragraph separators U+2028/U+2029, lone surrogates, and the other default-ignorable
 * code points (Hangul fillers, U+034F, Mongolian selectors). Variation selectors are left alone:
 * they only pick a glyph for the character before them. Global and sticky-free: use with replace.
 */
export const HIDDEN_CHARACTER =
  /(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

/** Bidi controls only: embeddings, overrides, isolates and the implicit marks (ALM, LRM, RLM). */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const C0_NAMES: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/** `\x1b` for a C0 control, `\u202e` (`\ud83d\ude00` for an astral one) for everything else. */
export function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (code < 0x20) return C0_NAMES[code] ?? `\\x${code.toString(16).padStart(2, '0')}`;
  let out = '';
  for (let i = 0; i < character.length; i++)
    out += `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * Every hidden character as a visible escape (`\x1b`, `\u202e`); with `keepNewlines`, LF stays a
 * line break (for whole blocks of output whose lines the program itself separates). Backslashes
 * are not doubled, so applying it twice changes nothing: writers may escape a cell early to
 * measure its width and the sink escapes the block again. The escapes are valid JSON escapes,
 * so JSON text stays JSON with the same values.
 */
export function escapeHidden(text: string, options: { keepNewlines?: boolean } = {}): string {
  const keep = options.keepNewlines === true;
  return text.replace(HIDDEN_CHARACTER, (character) =>
    keep && character === '\n' ? character : escapeCharacter(character),
  );
}

/** True when the text holds any hidden character (see HIDDEN_CHARACTER). */
export function hasHiddenCharacter(text: string): boolean {
  HIDDEN_CHARACTER.lastIndex = 0;
  const found = HIDDEN_CHARACTER.test(text);
  HIDDEN_CHARACTER.lastIndex = 0;
  return found;
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** How many characters (code points) a string has, without building an array of them. */
export function characterCount(text: string): number {
  // A native scan first: most text has no surrogate at all, and counting by hand costs seconds on a
  // 300 MiB name.
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

export interface CappedText {
  /** The first `limit` characters (a surrogate pair is never split). */
  text: string;
  /** True when characters were cut off. */
  capped: boolean;
  /** The full length in characters (code points). */
  length: number;
}

/** The first `limit` characters of a value, and whether (and from how long) it was cut. */
export function capText(value: string, limit = DISPLAY_LIMIT): CappedText {
  // Fewer UTF-16 units than the limit means fewer characters too: the common case costs nothing.
  if (value.length <= limit) return { text: value, capped: false, length: characterCount(value) };
  let end = 0;
  let characters = 0;
  while (end < value.length && characters < limit) {
    const code = value.charCodeAt(end);
    const next = value.charCodeAt(end + 1);
    end += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    characters++;
  }
  const length = characterCount(value);
  return { text: value.slice(0, end), capped: end < value.length, length };
}

/** The note shortText puts after a cut value: `… (300,000 characters)`. */
export const SHORTENED = /… \([\d,]+ characters\)$/;
const COUNT = new Intl.NumberFormat('en-US');

/** A value as shown in one line of text: capped, with `… (300,000 characters)` when cut. */
export function shortText(value: string, limit = DISPLAY_LIMIT): string {
  // Already shortened (a name passed through twice) stays as it is, note included.
  if (
    value.length <= limit + 40 &&
    SHORTENED.test(value) &&
    capText(value.slice(0, value.lastIndexOf('…')), limit).capped === false
  )
    return value;
  const capped = capText(value, limit);
  return capped.capped ? `${capped.text}… (${COUNT.format(capped.length)} characters)` : value;
}

/**
 * A snapshot value put inside a sentence the program writes (a fix, a document line, an error):
 * capped, and with every hidden character and line break escaped, so it can neither reorder the
 * sentence around it nor start a line of its own.
 */
export function inlineText(value: string): string {
  return escapeHidden(shortText(value));
}
