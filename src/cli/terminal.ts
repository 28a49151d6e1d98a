// The terminal sink: everything the command line prints goes through `terminalIo`, which runCli
// wraps around the io before any command sees it, so no command (today's or a new one) can print
// a raw ESC, CSI (U+009B), bidi override or zero-width character from a snapshot. Values that must
// stay on one line (table cells, names in messages) also go through `oneLine`, which caps them at
// 256 characters and escapes line breaks too. The escapes are valid JSON escapes, so `--json`
// output passes through the same sink unchanged in meaning.
import { escapeHidden, shortText } from '../core/display-text.ts';
import type { CliIo } from './io.ts';

/** A block of output: hidden characters escaped, the program's own line breaks kept. */
export function terminalText(text: string): string {
  return escapeHidden(text, { keepNewlines: true });
}

/** A value shown inside a line: at most 256 characters, nothing hidden, no line break. */
export function oneLine(value: string): string {
  return escapeHidden(shortText(value));
}

/** An error message on one line: values inside it are capped where they are put in; this bounds the rest. */
export function messageLine(message: string): string {
  return escapeHidden(shortText(message, 2_000));
}

/** The io every command gets: stdout and stderr escape what they are given. */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalText(text)),
    stderr: (text) => io.stderr(terminalText(text)),
  };
}
