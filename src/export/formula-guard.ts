// The formula-injection guard of every CSV we write (recipient-rules.md, "Export"; OWASP's CSV
// injection advice): a cell that starts with a spreadsheet trigger gets a leading apostrophe.
// Papaparse's own `escapeFormulae: true` pattern, /^[=+\-@\t\r].*$/, misses LF, the full-width
// forms ＝＋－＠, and — because `.` stops at a line break and `$` is not multiline — every cell that
// starts with a trigger and also holds a line break ("=1\n2"). Ours is anchored at the start only.
// Spreadsheets skip what does not show before a formula, so the trigger is looked for after any
// run of whitespace (NBSP, U+3000, VT, FF, BOM…), controls (NUL, U+0085…) and invisible format
// characters (ZWSP, U+202E…): " =1+1" and "\u200B=1+1" are formulas too (issue #10, item 5).
// It has no `g` flag on purpose: RegExp#test with `g` keeps `lastIndex` between calls.

/**
 * A cell is neutralised when it starts with tab, CR or LF, or when its first character that is not
 * whitespace, a control or an invisible format character is `=`, `+`, `-`, `@` or the full-width
 * U+FF1D, U+FF0B, U+FF0D, U+FF20. Also valid as papaparse's `escapeFormulae` option. Linear: the
 * skipped run and the trigger cannot overlap, so there is no backtracking.
 */
export const FORMULA_TRIGGER: RegExp =
  /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

export function startsWithFormulaTrigger(value: string): boolean {
  return FORMULA_TRIGGER.test(value);
}

/** The cell as written: `'` + value when the value starts with a trigger, else the value itself. */
export function neutraliseCell(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/**
 * Undoes `neutraliseCell`: drops a leading `'` that is followed by a trigger. Exact for every value
 * except one that itself begins with `'` and then a trigger (e.g. `'=x`): that one is written
 * unchanged and so reads back as `=x`. Addresses never start with a trigger (recipient-rules.md),
 * so only a Name, Id or path could be affected.
 */
export function restoreCell(cell: string): string {
  return cell.charCodeAt(0) === 0x27 && FORMULA_TRIGGER.test(cell.slice(1)) ? cell.slice(1) : cell;
}
