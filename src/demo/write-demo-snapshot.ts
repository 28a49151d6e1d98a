// Writes the built-in demo tenant to public/demo/demo-tenant.json: `npx tsx src/demo/write-demo-snapshot.ts`.
// The file is checked in, so the app serves it without running the generator; rerun this after any
// change to src/demo. It refuses to write a snapshot the reader would not accept. One-space
// indentation keeps the file readable in a diff while staying well under 2 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSnapshotValue } from '../core/parse-snapshot.ts';
import { formatError } from '../core/result.ts';
import { generateSnapshot } from './generate-tenant.ts';
import { DEMO } from './profiles.ts';

const target = fileURLToPath(new URL('../../public/demo/demo-tenant.json', import.meta.url));
const snapshot = generateSnapshot(DEMO);
const checked = parseSnapshotValue(snapshot);
if (!checked.ok) {
  process.stderr.write(`error: the generated demo is not a valid snapshot:\n`);
  for (const error of checked.errors) process.stderr.write(`  ${formatError(error)}\n`);
  process.exit(1);
}
const text = `${JSON.stringify(snapshot, null, 1)}\n`;
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text, 'utf8');
process.stderr.write(`wrote ${target} (${(Buffer.byteLength(text) / 1_048_576).toFixed(2)} MB)\n`);
