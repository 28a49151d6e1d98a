// `preview`: the recipient rules over a snapshot file, as counts (`--json` or a table), the
// upload CSV and the exclusions CSV. An incomplete snapshot still gets its counts and exclusions,
// but no upload CSV unless `--allow-incomplete`: a silent partial upload would drop people.

import { plural } from '../core/plural.ts';
import { type Counts, computePreview, type Preview, type PreviewOptions } from '../core/preview.ts';
import { summarizePreview } from '../core/preview-summary.ts';
import { REASON_CODES } from '../core/recipient-rules.ts';
import { exclusionsCsvOf, uploadCsvOf } from '../export/preview-csv.ts';
import { parseArgs } from './args.ts';
import type { CliIo, Command } from './io.ts';
import { loadSnapshot } from './load-snapshot.ts';
import { formatTable } from './table.ts';
import { oneLine } from './terminal.ts';

export const USAGE =
  'preview <snapshot.json> [--groups <id,id,…>] [--upn-fallback | --no-upn-fallback] [--contacts | --no-contacts] [--csv <out.csv>] [--excluded <out.csv>] [--segments] [--allow-incomplete] [--json]';
const GROUP_LIMIT = 15;

export const runPreview: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    positionals: 1,
    usage: USAGE,
    flags: ['upn-fallback', 'contacts', 'allow-incomplete', 'json', 'segments'],
    options: ['groups', 'csv', 'excluded'],
  });
  const path = parsed.positionals[0] as string;
  const snapshot = await loadSnapshot(path, io);
  const options: PreviewOptions = {};
  const groups = parsed.options.get('groups');
  if (groups !== undefined) options.groupIds = groups.split(',').filter((id) => id.trim() !== '');
  const fallback = parsed.flags.get('upn-fallback');
  if (fallback !== undefined) options.usernameFallback = fallback;
  const contacts = parsed.flags.get('contacts');
  if (contacts !== undefined) options.syncContacts = contacts;

  const preview = computePreview(snapshot, options);
  warn(preview, io);

  let exit = 0;
  const excludedPath = parsed.options.get('excluded');
  if (excludedPath !== undefined) {
    await writeParts(io, excludedPath, exclusionsCsvOf(preview, { baseName: baseNameOf(excludedPath) }));
  }
  const csvPath = parsed.options.get('csv');
  if (csvPath !== undefined) {
    if (!preview.complete && !parsed.flags.get('allow-incomplete')) {
      const reads = preview.incompleteReads
        .map((read) => `${oneLine(read.path)} (${oneLine(read.reason)})`)
        .join('; ');
      io.stderr(
        `error: ${oneLine(path)}: the snapshot is incomplete, so no CSV was written: ${reads}. Capture it again, or pass --allow-incomplete to write the CSV anyway.\n`,
      );
      exit = 1;
    } else {
      const segments = parsed.flags.get('segments') === true;
      await writeParts(io, csvPath, uploadCsvOf(preview, { baseName: baseNameOf(csvPath), segments }));
    }
  }
  io.stdout(
    parsed.flags.get('json')
      ? `${JSON.stringify(summarizePreview(preview), null, 2)}\n`
      : previewTable(preview),
  );
  return exit;
};

function warn(preview: Preview, io: CliIo): void {
  const { groupIds, repeatedIds } = preview.selection;
  if (groupIds.length === 0)
    io.stderr(
      'warning: no group is selected, so there is no audience (select groups, e.g. an all-staff group)\n',
    );
  if (groupIds.length > GROUP_LIMIT)
    io.stderr(`warning: ${groupIds.length} groups are selected; the sync takes at most ${GROUP_LIMIT}\n`);
  if (repeatedIds.length > 0)
    io.stderr(`warning: selected more than once: ${repeatedIds.map(oneLine).join(', ')}\n`);
  for (const group of preview.groups)
    if (!group.found)
      io.stderr(`warning: selected id ${oneLine(group.id)} is not a group in this snapshot\n`);
  if (!preview.complete)
    io.stderr(
      `warning: the snapshot is incomplete (${plural(preview.incompleteReads.length, 'read', 'reads')} failed or partial): counts may be low\n`,
    );
}

function baseNameOf(path: string): string {
  return path.replace(/\.csv$/i, '');
}

async function writeParts(
  io: CliIo,
  path: string,
  parts: ReadonlyArray<{ fileName: string; text: string }>,
): Promise<void> {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash + 1);
  for (const part of parts) {
    const target = part.fileName.includes('/') ? part.fileName : `${dir}${part.fileName}`;
    await io.writeTextAtomic(target, part.text);
    if (parts.length > 1) io.stderr(`wrote ${oneLine(target)}\n`);
  }
}

function previewTable(preview: Preview): string {
  const header = ['Group', 'Entra', 'Direct', 'Reached', 'Nested', 'Excluded', 'Recipients'];
  const excludedOf = (counts: Counts) => REASON_CODES.reduce((sum, code) => sum + counts.excluded[code], 0);
  const rows = preview.groups.map((group) => [
    group.found ? (group.displayName ?? group.id) : `${group.id} (not found)`,
    group.memberCount === null ? '–' : String(group.memberCount),
    String(group.direct),
    String(group.reached),
    String(group.nestedGroups),
    String(excludedOf(group)),
    String(group.recipients),
  ]);
  const a = preview.audience;
  rows.push([
    'Audience (union)',
    '',
    '',
    String(a.reached),
    String(a.nestedGroups),
    String(excludedOf(a)),
    String(a.recipients),
  ]);
  const reasons = REASON_CODES.filter((code) => a.excluded[code] > 0).map((code) => [
    code,
    String(a.excluded[code]),
  ]);
  const status = preview.complete ? 'complete snapshot' : 'INCOMPLETE snapshot: counts may be low';
  const lines = [formatTable(header, rows, [1, 2, 3, 4, 5, 6]), '', `Audience exclusions (${status}):`];
  lines.push(reasons.length > 0 ? formatTable(['Reason', 'Objects'], reasons, [1]) : '  none');
  return `${lines.join('\n')}\n`;
}
