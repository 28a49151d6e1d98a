// Strings an attacker puts into a snapshot: terminal escapes (clear screen, OSC 52 clipboard,
// OSC 8 hidden link, OSC 0 window title, colours, 8-bit CSI), a bare CR, bidi overrides and
// isolates, zero-width and other invisible format characters, line breaks, formula triggers.
// Shared by the sink tests and the fuzzing suite, so every sink is tried with the same list.

export const HOSTILE_STRINGS: readonly string[] = [
  'Sales\x1b[2J\x1b[H',
  '\x1b]52;c;ZWNobyBwd25lZA==\x07Finance',
  '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\',
  '\x1b]0;owned\x07Title',
  '\x1b[31mRed\x1b[0m',
  'csi\u009b2Jend',
  'overwrite\rPASS',
  '\u202emoc.live@nimda',
  'admin\u202e@contoso.example\u202c',
  '\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069',
  'zero\u200bwidth\ufeffbom\u200dzwj\u00adshy',
  'line\u2028sep\u2029para\u0085nel',
  'first\nApplication (client) ID: 00000000-0000-0000-0000-000000000000',
  'tab\there\vvt\fff\u0000nul\u007fdel',
  'tag\u{E0041}\u{E0001}',
  '=1+1',
  ' =1+1',
  '\u00a0=HYPERLINK("https://evil.example")',
];

/**
 * A character the terminal (or a document line) must never receive raw: C0 controls other than
 * LF, DEL, C1 controls, bidi controls, and the invisible format characters above.
 */
export const RAW_HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\u{E0000}-\u{E007F}]/u;
