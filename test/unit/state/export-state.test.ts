// Downloads against the real worker handlers: what is saved at once, what is listed, what is
// refused, and that the typed secret ends up in the file and nowhere in the state.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { baseNameFor, createExportState, type ExportStateDeps } from '../../../src/state/export-state.ts';
import type { FileOut } from '../../../src/worker/handlers.ts';
import { createInProcessWorkerClient } from '../../support/in-process-worker.ts';
import { snapshotOf, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

const demoText = readFileSync(new URL('../../../public/demo/demo-tenant.json', import.meta.url), 'utf8');
const SECRET = 'Q7~8Q~not.a.real.secret.value.for.tests';

async function setup(text = demoText, call?: ExportStateDeps['call']) {
  const worker = createInProcessWorkerClient();
  await worker.call('open', { text });
  const saved: Array<{ fileName: string; text: string; bytes: Uint8Array }> = [];
  const pending: Promise<void>[] = [];
  const state = createExportState({
    call: call ?? ((method, args) => worker.call(method, args)),
    source: () => ({ tenantName: 'Contoso Ltd.', capturedAt: '2026-11-26T06:00:00Z', content: { text } }),
    saveFile: (fileName, blob) => {
      // A gzip download is read back decompressed, so a test reads every file as text.
      pending.push(
        blob.arrayBuffer().then((buffer) => {
          const bytes = new Uint8Array(buffer);
          const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
          saved.push({ fileName, text: new TextDecoder().decode(plain), bytes });
        }),
      );
    },
    now: () => new Date('2026-11-27T09:00:00Z'),
    salt: () => 'test-salt',
  });
  const files = async () => {
    await Promise.all(pending);
    return saved;
  };
  return { state, files };
}

describe('export state', () => {
  it.each([
    {
      description: 'tenant name and capture day',
      input: ['Contoso Ltd.', '2026-11-26T06:00:00Z'],
      expected: 'contoso-ltd-2026-11-26-upload',
    },
    {
      description: 'accents dropped',
      input: ['Société Générale', '2026-01-02T00:00:00Z'],
      expected: 'societe-generale-2026-01-02-upload',
    },
    { description: 'nothing usable', input: ['！！', 'later'], expected: 'tenant-snapshot-upload' },
  ])('names files: $description', ({ input, expected }) => {
    expect(baseNameFor({ tenantName: input[0] as string, capturedAt: input[1] as string }, 'upload')).toBe(
      expected,
    );
  });

  it('saves a single upload CSV at once and keeps it listed', async () => {
    const { state, files } = await setup();
    await state.exportUpload({ segments: true, allowIncomplete: false });
    const status = state.status.value.upload;
    expect(status?.state).toBe('done');
    const [saved] = await files();
    // With Segments the file is named apart from the plain upload CSV (issue 15, item 6).
    expect(saved?.fileName).toBe('contoso-ltd-2026-11-26-upload-with-segments.csv');
    expect(saved?.text.startsWith('Name,Email,Segments\r\n')).toBe(true);
    await state.exportUpload({ segments: false, allowIncomplete: false });
    const plain = (await files()).find((file) => file.fileName.endsWith('-upload.csv'));
    expect(plain?.fileName).toBe('contoso-ltd-2026-11-26-upload.csv');
    expect(plain?.text.startsWith('Name,Email\r\n')).toBe(true);
  });

  it('counts the names the upload CSV guards: as many as its cells that begin with the apostrophe', async () => {
    const { state, files } = await setup();
    expect(state.uploadNotes.value).toBeNull();
    await state.loadUploadNotes();
    await state.exportUpload({ segments: false, allowIncomplete: false });
    const [saved] = await files();
    const guardedCells = (saved?.text ?? '')
      .split('\r\n')
      .slice(1)
      .filter((line) => line.startsWith("'") || line.startsWith('"\''));
    expect(guardedCells.length).toBeGreaterThan(0);
    expect(state.uploadNotes.value).toEqual({ guardedNames: guardedCells.length });
    state.reset();
    expect(state.uploadNotes.value).toBeNull();
  });

  it('lists several parts without saving any, so the browser does not block a burst', async () => {
    const part = (n: number): FileOut => ({
      fileName: `x-part${n}.csv`,
      rows: 10,
      data: new TextEncoder().encode('Name,Email\r\n').buffer as ArrayBuffer,
    });
    const { state, files } = await setup(demoText, async () => [part(1), part(2), part(3)] as never);
    await state.exportUpload({ segments: false, allowIncomplete: false });
    const status = state.status.value.upload;
    expect(status?.state === 'done' && status.files.map((file) => file.fileName)).toEqual([
      'x-part1.csv',
      'x-part2.csv',
      'x-part3.csv',
    ]);
    expect(await files()).toEqual([]);
    if (status?.state === 'done' && status.files[1]) state.save(status.files[1]);
    expect((await files()).map((file) => file.fileName)).toEqual(['x-part2.csv']);
  });

  it('refuses an upload from an incomplete snapshot until the admin says export anyway', async () => {
    const broken = snapshotOf({
      members: { g1: [user('a')] },
      selected: ['g1'],
      extra: {
        reads: [
          {
            path: '/groups/g1/members',
            status: 'partial',
            pages: 1,
            items: 1,
            httpStatus: 503,
            error: 'timeout',
          },
        ],
      },
    });
    const { state, files } = await setup(JSON.stringify(broken));
    await state.exportUpload({ segments: false, allowIncomplete: false });
    expect(state.status.value.upload).toMatchObject({
      state: 'refused',
      reason: expect.stringMatching(/incomplete/),
    });
    expect(await files()).toEqual([]);
    await state.exportUpload({ segments: false, allowIncomplete: true });
    expect(state.status.value.upload?.state).toBe('done');
    expect(await files()).toHaveLength(1);
  });

  it('writes the secret into the submission document and keeps it nowhere else', async () => {
    const { state, files } = await setup();
    state.editDraft({
      organizationNames: 'Contoso Comms\nContoso, Inc.',
      ownerName: 'Avery Admin',
      ownerEmail: 'avery@contoso.example',
    });
    expect(await state.downloadSubmission(SECRET)).toBe(true);
    const [doc] = await files();
    expect(doc?.fileName).toBe('contoso-ltd-2026-11-26-axios-hq-submission.txt');
    expect(doc?.text).toContain(`Client credentials Secret Value: ${SECRET}`);
    expect(doc?.text).toContain('Organization name: Contoso, Inc.');
    const kept = JSON.stringify({ status: state.status.value, draft: state.draft.value });
    expect(kept).not.toContain(SECRET);
  });

  it('drops the file holding the secret once the browser has it; "Save again" cannot re-save it', async () => {
    // Issue #10, item 7: the Blob in the status kept the secret until the snapshot was closed.
    const { state, files } = await setup();
    state.editDraft({
      organizationNames: 'Contoso',
      ownerName: 'Avery',
      ownerEmail: 'avery@contoso.example',
    });
    expect(await state.downloadSubmission(SECRET)).toBe(true);
    const status = state.status.value.submission;
    expect(status?.state).toBe('done');
    const [file] = status?.state === 'done' ? status.files : [];
    expect(file).toMatchObject({ fileName: 'contoso-ltd-2026-11-26-axios-hq-submission.txt', blob: null });
    if (file) state.save(file);
    expect(await files()).toHaveLength(1);
    // Without a secret there is nothing to drop: the file can be saved again.
    expect(await state.downloadSubmission('')).toBe(true);
    const again = state.status.value.submission;
    const [plain] = again?.state === 'done' ? again.files : [];
    expect(plain?.blob).toBeInstanceOf(Blob);
    if (plain) state.save(plain);
    const saved = await files();
    expect(saved).toHaveLength(3);
    expect(saved[2]?.text).not.toContain(SECRET);
  });

  it('names the fields to correct, without echoing the secret', async () => {
    const { state, files } = await setup();
    state.editDraft({ organizationNames: ' ', ownerName: 'Avery', ownerEmail: 'not-an-address' });
    expect(await state.downloadSubmission('4b3b89bd-c342-4280-9e4f-c0cf02ea5b15')).toBe(false);
    const status = state.status.value.submission;
    expect(status?.state === 'invalid' && status.errors.map((error) => error.path).sort()).toEqual([
      'organizationNames',
      'ownerEmail',
      'secretValue',
    ]);
    expect(JSON.stringify(status)).not.toContain('4b3b89bd');
    expect(await files()).toEqual([]);
  });

  it('saves the secret reminder, and the snapshot as version 2 gzip', async () => {
    const v1 = snapshotV1Of({ members: { g1: [user('a'), user('b')], g2: [user('a')] }, selected: ['g1'] });
    const { state, files } = await setup(JSON.stringify(v1));
    await state.exportSnapshot();
    const [snapshot] = await files();
    expect(snapshot?.fileName).toBe('contoso-ltd-2026-11-26.snapshot.json.gz');
    expect([snapshot?.bytes[0], snapshot?.bytes[1]]).toEqual([0x1f, 0x8b]);
    // An opened version 1 file is exported as its version 2 conversion.
    expect(JSON.parse(snapshot?.text ?? '')).toEqual(toSnapshotV2(v1));
    const demo = await setup();
    await demo.state.downloadReminder();
    const [reminder] = await demo.files();
    expect(reminder?.fileName).toBe('contoso-ltd-2026-11-26-secret-reminder.ics');
    expect(reminder?.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it('exports a pseudonymised snapshot that reopens with the same counts', async () => {
    const { state, files } = await setup();
    await state.exportForSupport();
    const [file] = await files();
    expect(file?.fileName).toBe('contoso-ltd-2026-11-26-for-support.snapshot.json.gz');
    expect(JSON.parse(file?.text ?? '').version).toBe(2);
    const worker = createInProcessWorkerClient();
    const original = await worker.call('open', { text: demoText });
    const support = await worker.call('open', { text: file?.text ?? '' });
    expect(support.ok && support.meta.pseudonymised).toBe(true);
    // Group names are replaced too; every count stays.
    const counts = (opened: typeof original) =>
      opened.ok && {
        ...opened.summary,
        groups: opened.summary.groups.map(({ displayName, ...group }) => group),
      };
    expect(counts(support)).toEqual(counts(original));
    expect(file?.text).not.toContain('Jason Johnson');
  });
});
