// Compressed snapshot files (snapshot-format.md, "Compressed files"): gzip is recognised by its
// first two bytes, never by the file's name, so a renamed file still opens. Decompressing is the
// reader's own (Node's zlib on the command line, DecompressionStream in the browser).

/** gzip's magic number (RFC 1952, section 2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The one line every reader gives for a stream zlib or the browser refused. */
export function gzipProblem(detail: string): string {
  return `is gzip-compressed but cannot be decompressed (${detail}): the file is truncated or corrupt; copy or download it again`;
}
