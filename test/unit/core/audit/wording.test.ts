// The checks' words (issue 15, item 9) on the demo tenant, whose two planted failures carry the
// longest fixes: a check is named by its title, never its id, and no quotation nests inside another
// of the same kind ("… "username" …" inside "…").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../../src/core/audit/run-audit.ts';
import { CHECK_TITLES } from '../../../../src/core/audit/types.ts';
import { parseSnapshotText } from '../../../../src/core/parse-snapshot.ts';
import { toSnapshotV2 } from '../../../../src/core/snapshot-v2.ts';
import { generateTenant } from '../../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../../src/demo/profiles.ts';

const parsed = parseSnapshotText(
  readFileSync(new URL('../../../../public/demo/demo-tenant.json', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error('the demo snapshot does not parse');
const fixes = (snapshot = parsed.data) =>
  runAudit(snapshot)
    .checks.map((check) => check.fix ?? '')
    .filter((fix) => fix !== '');

describe('the checks’ wording', () => {
  it('names another check by its title, not its id', () => {
    const all = fixes().join('\n');
    expect(all).toContain(`(see the check “${CHECK_TITLES['application-permissions']}”)`);
    for (const id of Object.keys(CHECK_TITLES)) expect(all).not.toContain(`(see ${id})`);
  });

  it('never nests straight double quotes: "a "b" c"', () => {
    const withoutMail = toSnapshotV2(generateTenant({ ...DEMO, seed: 7 }));
    for (const fix of [...fixes(), ...fixes(withoutMail)]) {
      for (const line of fix.split('\n')) expect(line).not.toMatch(/"[^"\n]*\s"[^"\n]+"\s[^"\n]*"/);
    }
  });
});
