// The benchmark's tenants as files, the way users hold them: version 1 as today's readers wrote it
// (compact JSON), and, when this commit has a version 2 writer, the same tenant as version 2 and as
// version 2 gzip (zlib's default level, what Node's and the browser's gzip writers use). The texts
// stay in memory too, for the in-process parts. Version 2 comes through the writer's own
// conversion (src/core/snapshot-v2.ts), imported by path so this file also runs on a commit that
// has no such module yet (its version 2 rows then say so).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GenerateOptions } from '../../src/demo/generate-tenant.ts';
import { generateTenant } from '../../src/demo/generate-tenant.ts';
import { round, timed } from './stats.ts';

export interface TenantFiles {
  profile: string;
  options: GenerateOptions;
  generateMs: number;
  v1: { file: string; text: string; bytes: number };
  /** Null when this commit writes no version 2. */
  v2: { file: string; text: string; bytes: number; gzFile: string; gzBytes: number } | null;
}

export interface FileSizes {
  profile: string;
  v1Bytes: number;
  v2Bytes: number | null;
  v2GzipBytes: number | null;
  /** v2 ÷ v1 bytes. Target ≤ 0.33 at L. */
  v2Share: number | null;
  /** v2 gzip ÷ v1 bytes. Target ≤ 0.11 at L. */
  v2GzipShare: number | null;
}

type Writer = { toSnapshotV2(v1: unknown): unknown; snapshotFileText(snapshot: unknown): string };

let writer: Writer | null | undefined;
/** The version 2 writer of this commit, or null. */
export async function versionTwoWriter(): Promise<Writer | null> {
  if (writer !== undefined) return writer;
  const path = join(import.meta.dirname, '../../src/core/snapshot-v2.ts');
  try {
    const module = (await import(path)) as Partial<Writer>;
    writer =
      typeof module.toSnapshotV2 === 'function' && typeof module.snapshotFileText === 'function'
        ? (module as Writer)
        : null;
  } catch {
    writer = null;
  }
  return writer;
}

export async function writeTenantFiles(
  dir: string,
  profile: string,
  options: GenerateOptions,
): Promise<TenantFiles> {
  const generated = timed(() => generateTenant(options));
  const v1Text = JSON.stringify(generated.value);
  const v1File = join(dir, `${profile}.v1.json`);
  writeFileSync(v1File, v1Text);
  const v2Writer = await versionTwoWriter();
  let v2: TenantFiles['v2'] = null;
  if (v2Writer !== null) {
    const text = v2Writer.snapshotFileText(v2Writer.toSnapshotV2(generated.value));
    const file = join(dir, `${profile}.v2.json`);
    const gzFile = `${file}.gz`;
    writeFileSync(file, text);
    const gz = gzipSync(text);
    writeFileSync(gzFile, gz);
    v2 = { file, text, bytes: Buffer.byteLength(text), gzFile, gzBytes: gz.length };
  }
  return {
    profile,
    options,
    generateMs: Math.round(generated.ms),
    v1: { file: v1File, text: v1Text, bytes: Buffer.byteLength(v1Text) },
    v2,
  };
}

export function fileSizes(files: TenantFiles): FileSizes {
  const v1 = files.v1.bytes;
  return {
    profile: files.profile,
    v1Bytes: v1,
    v2Bytes: files.v2?.bytes ?? null,
    v2GzipBytes: files.v2?.gzBytes ?? null,
    v2Share: files.v2 ? round(files.v2.bytes / v1, 3) : null,
    v2GzipShare: files.v2 ? round(files.v2.gzBytes / v1, 3) : null,
  };
}
