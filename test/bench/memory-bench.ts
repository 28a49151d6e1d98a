// Peak memory of the core at a tenant size: the snapshot is written to a temporary file and a
// fresh node process (memory-child.ts) reads, validates and previews it under a heap limit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface MemoryResult {
  maxOldSpaceMiB: number;
  completed: boolean;
  error?: string;
  coreMs?: number;
  heapBeforeMiB?: number;
  heapAfterMiB?: number;
  coreRetainedMiB?: number;
  /** The largest heap any garbage collection saw while the core ran (from --trace-gc). */
  peakHeapDuringCoreMiB?: number;
  rssBeforeMiB?: number;
  peakRssMiB?: number;
}

const CHILD = join(import.meta.dirname, 'memory-child.ts');

export function benchMemory(snapshotFile: string, maxOldSpaceMiB: number): Promise<MemoryResult> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        `--max-old-space-size=${maxOldSpaceMiB}`,
        '--expose-gc',
        '--trace-gc',
        CHILD,
        snapshotFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code === 0 && line)
        resolve({
          maxOldSpaceMiB,
          completed: true,
          peakHeapDuringCoreMiB: peakHeapBetweenMarkers(out),
          ...(JSON.parse(line) as object),
        });
      else
        resolve({
          maxOldSpaceMiB,
          completed: false,
          error: `exit ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`,
        });
    });
  });
}

/** Trace-gc lines read "… Scavenge 812.3 (850.1) -> 790.2 (851.0) MB …": the largest heap before a GC. */
function peakHeapBetweenMarkers(out: string): number {
  const during = out.slice(out.indexOf('core: start'), out.indexOf('core: end'));
  let peak = 0;
  for (const match of during.matchAll(/ (\d+(?:\.\d+)?) \(\d+(?:\.\d+)?\) -> /g))
    peak = Math.max(peak, Number(match[1]));
  return Math.round(peak);
}
