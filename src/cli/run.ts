// Dispatches `npm run cli -- <command> …` and turns every failure into an exit code and one
// `error:` line: usage and input problems exit 2, anything unexpected exits 1 — never a stack trace.

import { USAGE as AUDIT_USAGE, runAuditCommand } from './audit.ts';
import { USAGE as CAPTURE_USAGE, runCapture } from './capture.ts';
import { USAGE as DIFF_USAGE, runDiff } from './diff.ts';
import { type CliIo, type Command, UsageError } from './io.ts';
import { USAGE as PREVIEW_USAGE, runPreview } from './preview.ts';
import { USAGE as RECONCILE_USAGE, runReconcile } from './reconcile.ts';
import { messageLine, oneLine, terminalIo } from './terminal.ts';

/** Each command with its full usage (every option) and what it is for. */
const COMMANDS: Record<string, { run: Command; usage: string; summary: string }> = {
  preview: {
    run: runPreview,
    usage: PREVIEW_USAGE,
    summary: 'who becomes a recipient, with counts and CSVs',
  },
  audit: {
    run: runAuditCommand,
    usage: AUDIT_USAGE,
    summary: 'the readiness checks (exit 1 when one fails)',
  },
  capture: {
    run: runCapture,
    usage: CAPTURE_USAGE,
    summary: 'read a live tenant into a snapshot (a Graph token in GRAPH_TOKEN)',
  },
  diff: {
    run: runDiff,
    usage: DIFF_USAGE,
    summary: 'who joins and leaves the audience between two snapshots',
  },
  reconcile: {
    run: runReconcile,
    usage: RECONCILE_USAGE,
    summary: "the product's audience list against the prediction",
  },
};

export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Every byte a command prints passes the terminal sink (src/cli/terminal.ts).
  const io = terminalIo(rawIo);
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    // Asked for, help goes to stdout (exit 0); a bare call is a usage error (stderr, exit 2).
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(helpText());
      return 0;
    }
    if (name === undefined) {
      io.stderr(helpText());
      return 2;
    }
    io.stderr(`error: unknown command "${oneLine(name)}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${messageLine(error.message)}\n`);
      return 2;
    }
    const message = messageLine(error instanceof Error ? error.message : String(error));
    io.stderr(`error: ${name} failed unexpectedly: ${message}\n`);
    return 1;
  }
}

const WIDTH = 100;

/** A usage line wrapped at option boundaries (an option and its value stay together). */
function wrapUsage(usage: string, indent: string): string {
  const words = usage.match(/\[[^\]]*\]|--\S+(?: <[^>]*>| [^-\s[]\S*)?|\S+/g) ?? [usage];
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}    ${word}`;
    } else {
      line = line.trim() === '' ? `${indent}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

export function helpText(): string {
  const commands = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name}: ${command.summary}\n${wrapUsage(command.usage, '    ')}`,
  );
  return `usage: npm run --silent cli -- <command> [arguments]\n\ncommands:\n${commands.join('\n\n')}\n\nnpm run --silent cli -- --help prints this.\n`;
}
