// Reads a snapshot file for a command, version 1 or 2, plain or gzip-compressed (recognised by its
// first two bytes): any problem (missing file, a truncated or corrupt gzip stream, broken JSON,
// schema mismatch) becomes one usage error naming the file and where in it, which the runner prints
// as `error: …`. The file is read in one piece and decoded once (Buffer.toString), the cheapest
// way from disk to the string JSON.parse needs.
import { gunzipSync } from 'node:zlib';
import { gzipProblem, isGzip } from '../core/gzip.ts';
import { parseSnapshotText } from '../core/parse-snapshot.ts';
import { plural } from '../core/plural.ts';
import { formatError } from '../core/result.ts';
import type { Snapshot } from '../core/snapshot-schema.ts';
import { type CliIo, UsageError } from './io.ts';
import { oneLine } from './terminal.ts';

export async function loadSnapshot(path: string, io: CliIo): Promise<Snapshot> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readBytes(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`${oneLine(path)}: ${what}`);
  }
  const result = parseSnapshotText(decodeSnapshotBytes(path, bytes));
  if (!result.ok) {
    const [first] = result.errors;
    const more =
      result.errors.length > 1
        ? ` (and ${plural(result.errors.length - 1, 'more problem', 'more problems')})`
        : '';
    throw new UsageError(
      `${oneLine(path)}: ${first ? oneLine(formatError(first)) : 'is not a snapshot'}${more}`,
    );
  }
  return result.data;
}

/** The file's text: gunzipped first when it starts with gzip's magic number. */
export function decodeSnapshotBytes(path: string, bytes: Uint8Array): string {
  let plain = bytes;
  if (isGzip(bytes)) {
    try {
      plain = gunzipSync(bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new UsageError(`${path}: ${gzipProblem(detail)}`);
    }
  }
  return Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8');
}
