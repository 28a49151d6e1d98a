// The command line as one prebuilt JavaScript file that plain node runs, so a call does not pay
// for npm → tsx → TypeScript on every run. Built by `npm install` (the prepare script) and again
// on first use whenever a source it was built from is newer or gone, so it never runs stale code,
// whichever commands exist. Plain JavaScript (not TypeScript) because it must run before any build.
// The bundle lives in node_modules/.cache (ignored by git, wiped by `npm ci`, which rebuilds it)
// and holds its packages too (zod, papaparse): one file to load is what makes it start fast.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(REPO, 'src/cli/main.ts');
const CACHE = join(REPO, 'node_modules/.cache/dirsync-preflight');
export const BUNDLE = join(CACHE, 'cli.mjs');
const INPUTS = join(CACHE, 'cli-inputs.json');

/** True when the bundle exists and no file it was built from changed since. */
async function isFresh() {
  let built;
  let inputs;
  try {
    [built, inputs] = await Promise.all([stat(BUNDLE), readFile(INPUTS, 'utf8').then(JSON.parse)]);
  } catch {
    return false;
  }
  // Built from another checkout sharing this node_modules (a linked worktree): not these sources.
  if (inputs?.root !== REPO || !Array.isArray(inputs.files) || inputs.files.length === 0) return false;
  const times = await Promise.all(
    inputs.files.map((file) =>
      stat(join(REPO, file)).then(
        (info) => info.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      ),
    ),
  );
  return times.every((time) => time <= built.mtimeMs);
}

/** Bundles src/cli/main.ts with esbuild; writes the bundle and its list of inputs atomically. */
export async function buildBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    write: false,
    outfile: BUNDLE,
    logLevel: 'silent',
    banner: { js: '// Built from src/cli by src/cli/bundle.mjs: edit the sources, not this file.' },
  });
  const code = result.outputFiles.find((file) => file.path === BUNDLE)?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(REPO, resolve(file)));
  await mkdir(CACHE, { recursive: true });
  // Inputs first, bundle last: a bundle newer than its inputs list is never half-written.
  const suffix = `${process.pid}.tmp`;
  await writeFile(`${INPUTS}.${suffix}`, JSON.stringify({ root: REPO, files: inputs }));
  await rename(`${INPUTS}.${suffix}`, INPUTS);
  await writeFile(`${BUNDLE}.${suffix}`, code);
  await rename(`${BUNDLE}.${suffix}`, BUNDLE);
  return BUNDLE;
}

/** The bundle's path, built first when missing or older than any of its sources. */
export async function ensureBundle() {
  return (await isFresh()) ? BUNDLE : buildBundle();
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle();
}
