// Runs a command as a user would and measures what they wait for: wall time from spawn to exit,
// and the peak resident memory of the largest process in its tree (npm starts sh, which starts
// node; tsx may start one more node). Peaks are read from Linux's own high-water mark (VmHWM in
// /proc/<pid>/status), sampled every 25 ms while the tree lives, so a short spike between samples
// still counts; only a process living under 25 ms can be missed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessRun {
  ms: number;
  exitCode: number | null;
  /** Largest VmHWM of any process of the tree, MiB (0 where /proc is not there). */
  peakRssMiB: number;
  stderr: string;
}

const SAMPLE_MS = 25;

export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString();
    });
    const peaks = new Map<number, number>();
    const sample = () => {
      if (child.pid !== undefined)
        for (const pid of treeOf(child.pid)) peaks.set(pid, hwmKiB(pid) || (peaks.get(pid) ?? 0));
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      clearInterval(timer);
      resolve({
        ms,
        exitCode: code,
        peakRssMiB: Math.round(Math.max(0, ...peaks.values()) / 1024),
        stderr,
      });
    });
  });
}

/** The process and its descendants, from /proc's children lists. */
function treeOf(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    out.push(pid);
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ')) if (child.trim() !== '') queue.push(Number(child));
  }
  return out;
}

function hwmKiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
