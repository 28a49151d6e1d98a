// The worker's readiness and document jobs give what the core gives when called directly, and
// refuse with a plain reason when there is nothing to write.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/core/audit/run-audit.ts';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { createWorkerHandlers } from '../../../src/worker/handlers.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const demoText = readFileSync(new URL('../../../public/demo/demo-tenant.json', import.meta.url), 'utf8');
const context = { progress() {} };
const decode = (data: ArrayBuffer) => new TextDecoder().decode(data);

describe('worker document handlers', () => {
  it('audits with the options in force, as runAudit does', async () => {
    const handlers = createWorkerHandlers();
    await handlers.open({ text: demoText }, context);
    handlers.repreview({ usernameFallback: true });
    const parsed = parseSnapshotText(demoText);
    if (!parsed.ok) throw new Error('demo does not parse');
    const preview = computePreview(parsed.data, { usernameFallback: true });
    expect(handlers.audit({})).toEqual(runAudit(parsed.data, { preview }));
  });

  it('writes the options in force into the submission document', async () => {
    const handlers = createWorkerHandlers();
    await handlers.open({ text: demoText }, context);
    handlers.repreview({ syncContacts: true });
    const built = handlers.submissionDocument({
      baseName: 'doc',
      organizationNames: ['Contoso Comms'],
      ownerName: 'Avery Admin',
      ownerEmail: 'avery@contoso.example',
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.file.fileName).toBe('doc.txt');
    expect(decode(built.file.data)).toContain('Contacts: Yes, sync Contacts in addition to Users');
  });

  it('refuses a reminder when there is no secret with an end date', async () => {
    const handlers = createWorkerHandlers();
    await handlers.open(
      { text: JSON.stringify(snapshotOf({ members: { g: [user('a')] }, selected: ['g'] })) },
      context,
    );
    expect(() => handlers.secretReminder({ baseName: 'r', now: '2026-11-27T00:00:00Z' })).toThrowError(
      expect.objectContaining({ code: 'no-secret' }),
    );
  });

  it('the support export is pseudonymised and says so', async () => {
    const handlers = createWorkerHandlers();
    await handlers.open({ text: demoText }, context);
    const file = await handlers.exportForSupport({ baseName: 's', salt: 'x' });
    expect(file.fileName).toBe('s.snapshot.json.gz');
    const parsed = parseSnapshotText(gunzipSync(file.data).toString('utf8'));
    expect(parsed.ok && parsed.data.pseudonymised).toBe(true);
    expect(JSON.parse(gunzipSync(file.data).toString('utf8')).version).toBe(2);
  });
});
