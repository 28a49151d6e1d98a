// `diff <older.json> <newer.json> [--json]`: who joins and who leaves the audience between two
// snapshots of one tenant, as JSON (command-line.md's exact shape) or an aligned summary. Two
// different tenants are bad input (exit 2). An incomplete snapshot still diffs, with a warning: a
// failed read in the newer one makes people look as if they left.
import {
  type DiffPerson,
  diffSnapshots,
  type GroupDiff,
  type SnapshotDiff,
  summarizeDiff,
} from '../core/diff.ts';
import { parseArgs } from './args.ts';
import { type CliIo, type Command, UsageError } from './io.ts';
import { loadSnapshot } from './load-snapshot.ts';
import { formatTable } from './table.ts';
import { oneLine } from './terminal.ts';

export const USAGE = 'diff <older.json> <newer.json> [--json]';

export const runDiff: Command = async (args, io) => {
  const parsed = parseArgs(args, { positionals: 2, usage: USAGE, flags: ['json'] });
  const [olderPath, newerPath] = parsed.positionals as [string, string];
  const older = await loadSnapshot(olderPath, io);
  const newer = await loadSnapshot(newerPath, io);
  const result = diffSnapshots(older, newer);
  if (!result.ok) {
    const message = result.errors[0]?.message ?? 'the snapshots cannot be compared';
    throw new UsageError(`${oneLine(olderPath)} and ${oneLine(newerPath)}: ${oneLine(message)}`);
  }
  const diff = result.data;
  warn(diff, olderPath, newerPath, io);
  io.stdout(parsed.flags.get('json') ? `${JSON.stringify(summarizeDiff(diff), null, 2)}\n` : diffText(diff));
  return 0;
};

function warn(diff: SnapshotDiff, olderFile: string, newerFile: string, io: CliIo): void {
  const olderPath = oneLine(olderFile);
  const newerPath = oneLine(newerFile);
  if (Date.parse(diff.newer.capturedAt) < Date.parse(diff.older.capturedAt))
    io.stderr(
      `warning: ${newerPath} was captured before ${olderPath}; "joined" and "left" are as you gave them (swap the files to compare forwards in time)\n`,
    );
  if (!diff.older.complete)
    io.stderr(
      `warning: ${olderPath} is incomplete: people may seem to join only because a read failed then\n`,
    );
  if (!diff.newer.complete)
    io.stderr(`warning: ${newerPath} is incomplete: people may seem to leave only because a read failed\n`);
}

function diffText(diff: SnapshotDiff): string {
  const { audience } = diff;
  const tenant = diff.tenantName
    ? `${oneLine(diff.tenantName)} (${oneLine(diff.tenantId)})`
    : oneLine(diff.tenantId);
  const lines = [
    `Tenant ${tenant}: ${oneLine(diff.older.capturedAt)} → ${oneLine(diff.newer.capturedAt)}`,
    `Audience: ${diff.older.recipients} → ${diff.newer.recipients} recipients (${audience.joined.length} joined, ${audience.left.length} left)`,
    '',
    formatTable(
      ['Group', 'Before', 'After', 'Joined', 'Left'],
      [
        ...diff.groups.map((group) => [
          groupLabel(group),
          String(group.olderRecipients),
          String(group.newerRecipients),
          String(group.joined.length),
          String(group.left.length),
        ]),
        [
          'Audience (union)',
          String(diff.older.recipients),
          String(diff.newer.recipients),
          String(audience.joined.length),
          String(audience.left.length),
        ],
      ],
      [1, 2, 3, 4],
    ),
    '',
    `Joined (${audience.joined.length}):`,
    peopleTable(audience.joined),
    '',
    `Left (${audience.left.length}):`,
    audience.left.length === 0
      ? '  none'
      : formatTable(
          ['Name', 'Email', 'Why', 'Id'],
          audience.left.map((p) => [p.name, p.email, p.why, p.id]),
        ),
  ];
  return `${lines.join('\n')}\n`;
}

function peopleTable(people: readonly DiffPerson[]): string {
  if (people.length === 0) return '  none';
  return formatTable(
    ['Name', 'Email', 'Id'],
    people.map((p) => [p.name, p.email, p.id]),
  );
}

function groupLabel(group: GroupDiff): string {
  const name = group.displayName ?? group.id;
  if (!group.selectedInOlder) return `${name} (newly selected)`;
  if (!group.selectedInNewer) return `${name} (no longer selected)`;
  if (!group.foundInNewer) return `${name} (not found now)`;
  if (!group.foundInOlder) return `${name} (not found before)`;
  return name;
}
