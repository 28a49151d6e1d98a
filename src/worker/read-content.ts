// A snapshot's bytes to text in the worker, and text to gzip bytes for the exports and the library. A gzip file
// (recognised by its first two bytes, not its name) is decompressed as a stream with progress in
// compressed bytes read, into one buffer sized from gzip's trailer (the uncompressed size modulo
// 2^32, RFC 1952), so a 100 MB snapshot is neither copied chunk by chunk nor held twice. A
// truncated or corrupt stream is a JobError with a plain message (FILE_PROBLEMS: the open job
// reports it as a problem of the file), never an uncaught failure.
import { gzipProblem, isGzip } from '../core/gzip.ts';
import { JobError } from './job-error.ts';

/** A snapshot to open: its text, or the file itself (read here, off the page). */
export type SnapshotContent = { text: string } | { file: Blob };

export type ReadProgress = (done: number, total: number) => void;

/** JobError codes that say the file is bad (not that the job failed). */
export const FILE_PROBLEMS: ReadonlySet<string> = new Set(['invalid_gzip', 'too_large']);

/** V8's longest string is 2^29 - 24 characters: no longer text can be decoded, so stop there. */
export const MAX_TEXT_BYTES = 2 ** 29 - 24;
/** Deflate compresses at most about 1032:1, so a trailer claiming more is not believed. */
const MAX_RATIO = 1032;

export async function readSnapshotText(content: SnapshotContent, progress: ReadProgress): Promise<string> {
  if ('text' in content) return content.text;
  const file = content.file;
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (!isGzip(head)) return readPlainText(file);
  return new TextDecoder().decode(await gunzipBlob(file, progress));
}

/** FileReaderSync (dedicated workers only) decodes without a promise per chunk; elsewhere, text(). */
function readPlainText(file: Blob): Promise<string> {
  const Reader = (globalThis as { FileReaderSync?: new () => { readAsText(blob: Blob): string } })
    .FileReaderSync;
  return Reader === undefined ? file.text() : Promise.resolve(new Reader().readAsText(file));
}

async function gunzipBlob(file: Blob, progress: ReadProgress): Promise<Uint8Array> {
  let buffer = new Uint8Array(await expectedSize(file));
  let size = 0;
  let read = 0;
  let shown = -1;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        // Once per percent: a message per 64 KB chunk would only keep the page (and a screen
        // reader's live region) busy.
        const percent = Math.floor((100 * read) / file.size);
        if (percent !== shown) {
          shown = percent;
          progress(read, file.size);
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = counted.pipeThrough(new DecompressionStream('gzip')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > MAX_TEXT_BYTES)
        throw new JobError(
          'too_large',
          'holds more than 512 MB of text once decompressed, more than a browser can open: open it with the command line instead',
        );
      if (size + value.byteLength > buffer.length) {
        // The trailer was wrong (several members, or over 4 GiB): grow by doubling.
        const grown = new Uint8Array(
          Math.min(Math.max(buffer.length * 2, size + value.byteLength), MAX_TEXT_BYTES),
        );
        grown.set(buffer.subarray(0, size));
        buffer = grown;
      }
      buffer.set(value, size);
      size += value.byteLength;
    }
  } catch (error) {
    if (error instanceof JobError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new JobError('invalid_gzip', gzipProblem(detail));
  }
  return buffer.subarray(0, size);
}

/** gzip's ISIZE: the last four bytes, little-endian. A guess only (see gunzipBlob). */
async function expectedSize(file: Blob): Promise<number> {
  if (file.size < 18) return 0;
  const tail = new DataView(await file.slice(file.size - 4).arrayBuffer());
  const claimed = tail.getUint32(0, true);
  return Math.min(claimed, file.size * MAX_RATIO, MAX_TEXT_BYTES);
}

/**
 * The snapshot as the library keeps it: gzip-compressed, streamed through CompressionStream on
 * this thread (the worker's), so a large pick never holds the page; a gzip file is kept as it is.
 */
export async function gzipForStorage(content: SnapshotContent): Promise<Blob> {
  const source = 'text' in content ? new Blob([content.text], { type: 'application/json' }) : content.file;
  if (isGzip(new Uint8Array(await source.slice(0, 2).arrayBuffer()))) return source;
  const compressed = await new Response(source.stream().pipeThrough(new CompressionStream('gzip'))).blob();
  return new Blob([compressed], { type: 'application/gzip' });
}

/** The text gzip-compressed, as the exports write it. */
export async function gzipText(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
