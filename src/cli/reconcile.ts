// `reconcile <snapshot.json> <audience.csv> [--group <id>] …`: the product's audience list against
// the recipients the snapshot predicts (reconcile.md), as JSON (command-line.md's shape) or an
// aligned summary with the first differences of each class; `--out` writes the differences CSV.
// Exit 0 when every address on both sides matched, 1 when they differ, 2 for bad input — which
// includes a pseudonymised snapshot (its addresses are stand-ins) and a list with no address column.
import { idKey } from '../core/ids.ts';
import { plural } from '../core/plural.ts';
import { computePreview, type PreviewOptions, resolveSelection } from '../core/preview.ts';
import { listAgrees, type ReconcileScope, reconcile } from '../core/reconcile.ts';
import { differenceRows, summarizeReconciliation } from '../core/reconcile-summary.ts';
import { formatError } from '../core/result.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { writeDifferencesCsv } from '../export/differences-csv.ts';
import { type ReadList, readAudienceListText } from '../export/read-audience-list.ts';
import { parseArgs } from './args.ts';
import { type CliIo, type Command, UsageError } from './io.ts';
import { loadSnapshot } from './load-snapshot.ts';
import { reconcileText } from './reconcile-text.ts';

export const USAGE =
  'reconcile <snapshot.json> <audience.csv> [--group <id>] [--upn-fallback | --no-upn-fallback] [--contacts | --no-contacts] [--out <differences.csv>] [--json]';

export const runReconcile: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    positionals: 2,
    usage: USAGE,
    flags: ['upn-fallback', 'contacts', 'json'],
    options: ['group', 'out'],
  });
  const [snapshotPath, listPath] = parsed.positionals as [string, string];
  const snapshot = await loadSnapshot(snapshotPath, io);
  if (snapshot.pseudonymised === true) {
    throw new UsageError(
      `${snapshotPath}: this snapshot is pseudonymised (its names and addresses are stand-ins), so it cannot be matched against a real list; run the comparison where the original snapshot is (the admin's app, or an export made without "for support")`,
    );
  }
  const read = await loadList(listPath, io);

  const options: PreviewOptions = {};
  const fallback = parsed.flags.get('upn-fallback');
  if (fallback !== undefined) options.usernameFallback = fallback;
  const contacts = parsed.flags.get('contacts');
  if (contacts !== undefined) options.syncContacts = contacts;
  const groupArg = parsed.options.get('group');
  const { preview, scope } =
    groupArg === undefined
      ? { preview: computePreview(snapshot, options), scope: { kind: 'audience' } as ReconcileScope }
      : groupScope(snapshot, options, groupArg, io);

  if (scope.kind === 'audience' && preview.groups.length === 0)
    io.stderr('warning: no group is selected, so the snapshot predicts no recipient\n');
  if (!preview.complete)
    io.stderr(
      `warning: ${snapshotPath} is incomplete (${plural(preview.incompleteReads.length, 'read', 'reads')} failed or partial): people of those reads may show as outside-scope, and the predicted count may be low\n`,
    );

  const result = reconcile(preview, read.list, scope);
  const out = parsed.options.get('out');
  if (out !== undefined) await io.writeTextAtomic(out, writeDifferencesCsv(differenceRows(result, preview)));
  const summary = summarizeReconciliation(result, preview, groupArg ?? 'audience');
  io.stdout(
    parsed.flags.get('json')
      ? `${JSON.stringify(summary, null, 2)}\n`
      : reconcileText(result, preview, { listPath, read }),
  );
  return listAgrees(result) ? 0 : 1;
};

async function loadList(path: string, io: CliIo): Promise<ReadList> {
  let text: string;
  try {
    text = await io.readText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`${path}: ${what}`);
  }
  const result = readAudienceListText(text);
  if (!result.ok) {
    const first = result.errors[0];
    throw new UsageError(`${path}: ${first ? formatError(first) : 'is not a readable list'}`);
  }
  return result.data;
}

/**
 * `--group <id>`: a selected group as if synced alone. A group the snapshot holds but the selection
 * does not (a nested group, say) is compared too, with a warning; an id that is no group of the
 * snapshot is bad input, since every address would only look "outside".
 */
function groupScope(snapshot: Snapshot, options: PreviewOptions, id: string, io: CliIo) {
  const key = idKey(id.trim());
  const selectedIds = resolveSelection(snapshot, options).groupIds;
  const selected = selectedIds.some((g) => idKey(g) === key);
  const preview = computePreview(snapshot, selected ? options : { ...options, groupIds: [id.trim()] });
  const position = preview.groups.findIndex((group) => idKey(group.id) === key);
  const group = preview.groups[position];
  if (group === undefined || !group.found) {
    const why = selected
      ? 'is selected but is not a group in this snapshot (Graph did not return it)'
      : 'is not a group in this snapshot';
    const ids = selectedIds.length === 0 ? 'none' : selectedIds.join(', ');
    throw new UsageError(`--group ${id} ${why}; the selected groups are: ${ids}`);
  }
  if (!selected)
    io.stderr(
      `warning: --group ${id} is not among the selected groups; comparing it as if it were synced alone\n`,
    );
  return { preview, scope: { kind: 'group', position } as ReconcileScope };
}
