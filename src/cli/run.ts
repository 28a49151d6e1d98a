// Dispatches `npm run cli -- <command> …` and turns every failure into an exit code and one
// `error:` line: usage and input problems exit 2, anything unexpected exits 1 — never a stack trace.

import { runAuditCommand } from './audit.ts';
import { runCapture } from './capture.ts';
import { runDiff } from './diff.ts';
import { type CliIo, type Command, UsageError } from './io.ts';
import { runPreview } from './preview.ts';
import { runReconcile } from './reconcile.ts';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  preview: {
    run: runPreview,
    summary: 'preview <snapshot.json> [options]   who becomes a recipient, with counts and CSVs',
  },
  audit: {
    run: runAuditCommand,
    summary: 'audit <snapshot.json> [--now <ISO time>] [--json]   the readiness checks',
  },
  capture: {
    run: runCapture,
    summary:
      'capture --client-id <id> --groups <id,…> [--contacts] [--upn-fallback] [--cloud global|usgov] [--graph-url <base>] --out <snapshot.json>   read a live tenant (token in GRAPH_TOKEN)',
  },
  diff: {
    run: runDiff,
    summary: 'diff <older.json> <newer.json> [--json]   who joins and leaves the audience',
  },
  reconcile: {
    run: runReconcile,
    summary:
      "reconcile <snapshot.json> <audience.csv> [--group <id>] [--upn-fallback | --no-upn-fallback] [--contacts | --no-contacts] [--out <differences.csv>] [--json]   the product's audience list against the prediction",
  },
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    if (name === undefined || name === '--help' || name === 'help') {
      io.stdout(helpText());
      return name === undefined ? 2 : 0;
    }
    io.stderr(`error: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${name} failed unexpectedly: ${message}\n`);
    return 1;
  }
}

function helpText(): string {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.summary}`);
  return `usage: npm run --silent cli -- <command> …\n\ncommands:\n${lines.join('\n')}\n`;
}
