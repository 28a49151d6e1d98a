// Reads a snapshot file for a command: any problem (missing file, broken JSON, schema mismatch)
// becomes one usage error naming the file and where in it, which the runner prints as `error: …`.
import { parseSnapshotText } from '../core/parse-snapshot.ts';
import { formatError } from '../core/result.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { type CliIo, UsageError } from './io.ts';

export async function loadSnapshot(path: string, io: CliIo): Promise<Snapshot> {
  let text: string;
  try {
    text = await io.readText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`${path}: ${what}`);
  }
  const result = parseSnapshotText(text);
  if (!result.ok) {
    const [first] = result.errors;
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problem(s))` : '';
    throw new UsageError(`${path}: ${first ? formatError(first) : 'is not a snapshot'}${more}`);
  }
  return result.data;
}
