// Counted nouns in English ("1 group", "2 groups") through Intl.PluralRules, so no message says
// "group(s)". English only: every message of this tool is English.
const RULES = new Intl.PluralRules('en-US');

/** `count` and the noun in the form its number takes: plural(2, 'warning', 'warnings') → "2 warnings". */
export function plural(
  count: number,
  one: string,
  other: string,
  format: (n: number) => string = String,
): string {
  return `${format(count)} ${RULES.select(count) === 'one' ? one : other}`;
}
