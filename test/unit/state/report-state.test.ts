import { gunzipSync, gzipSync } from 'node:zlib';
import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createReportState } from '../../../src/state/report-state.ts';
import { createInProcessWorkerClient } from '../../support/in-process-worker.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';
import { until } from '../../support/wait.ts';

const text = JSON.stringify(
  snapshotOf({ members: { g1: [user('a'), user('b', { mail: null })] }, selected: ['g1'] }),
);

function setup(demo = text, worker = createInProcessWorkerClient()) {
  return createReportState({
    worker,
    saveFile: () => {},
    demoUrl: '/demo/demo-tenant.json',
    fetchText: async (url) => {
      if (url !== '/demo/demo-tenant.json') throw new Error('wrong url');
      return demo;
    },
  });
}

describe('report state', () => {
  it('opens the demo and exposes its counts', async () => {
    const state = setup();
    expect(await state.openDemo()).toBe(true);
    expect(state.report.value?.source).toEqual({ kind: 'demo' });
    expect(state.report.value?.summary.audience.recipients).toBe(1);
    expect(state.busy.value).toBe(false);
  });

  it('a bad file gives a problem naming the JSON path and keeps the open report', async () => {
    const state = setup();
    await state.openDemo();
    const before = state.report.value;
    const ok = await state.openFile({
      name: 'broken.json',
      text: async () => '{"format":"dirsync-snapshot","version":1}',
    });
    expect(ok).toBe(false);
    expect(state.report.value).toBe(before);
    expect(state.problem.value?.title).toContain('broken.json');
    expect(state.problem.value?.details.join('\n')).toMatch(/\$\.capturedAt/);
    state.dismissProblem();
    expect(state.problem.value).toBeNull();
  });

  it('changing options re-runs the rules', async () => {
    const state = setup();
    await state.openFile({ name: 's.json', text: async () => text });
    await state.changeOptions({ usernameFallback: true });
    expect(state.report.value?.summary.audience.recipients).toBe(2);
  });

  it('cancelling leaves no progress and no problem', async () => {
    const state = setup();
    const pending = state.openDemo();
    state.cancel();
    expect(await pending).toBe(false);
    expect(state.progress.value).toBeNull();
    expect(state.problem.value).toBeNull();
  });

  it('runs the readiness checks with the preview and again when the options change', async () => {
    const state = setup();
    await state.openDemo();
    const coverage = () => state.report.value?.audit?.checks.find((check) => check.id === 'email-coverage');
    expect(state.report.value?.auditError).toBeNull();
    expect(coverage()?.status).toBe('warn');
    await state.changeOptions({ usernameFallback: true });
    expect(coverage()?.status).toBe('pass');
    expect(state.report.value?.savedOptions).toEqual({ usernameFallback: false, syncContacts: false });
  });

  it('"list these people" opens the recipient tab on that scope and outcome', async () => {
    const state = setup();
    await state.openDemo();
    expect(state.tab.value).toBe('overview');
    state.showPeople(0, ['no-email']);
    expect(state.tab.value).toBe('recipients');
    expect(state.recipients.filter.value).toMatchObject({ scope: 0, outcomes: ['no-email'] });
    await until(() => expect(state.recipients.total.value).toBe(1));
    expect(state.recipients.rowAt(0)?.id).toBe('b');
  });

  it('re-opens the snapshot with the options shown when the worker was replaced', async () => {
    const worker = createInProcessWorkerClient();
    const state = setup(text, worker);
    await state.openDemo();
    await state.changeOptions({ usernameFallback: true });
    worker.dispose();
    state.recipients.setOutcomes(['recipient']);
    await until(() => expect(state.recipients.total.value).toBe(2));
    expect(state.problem.value).toBeNull();
  });

  it('closing forgets the report, its table and its downloads', async () => {
    const state = setup();
    await state.openDemo();
    state.exports.exportSnapshot();
    state.close();
    expect(state.report.value).toBeNull();
    expect(state.exports.status.value).toEqual({});
    expect(state.recipients.total.value).toBeNull();
  });

  it('opens a picked File (read in the worker) and exports it as version 2 gzip', async () => {
    const saved: Blob[] = [];
    const state = createReportState({
      worker: createInProcessWorkerClient(),
      saveFile: (_name, blob) => void saved.push(blob),
      demoUrl: '/demo/demo-tenant.json',
      fetchText: async () => text,
    });
    const file = new File([text], 'tenant.json', { type: 'application/json' });
    expect(await state.openFile(file)).toBe(true);
    expect(state.problem.value).toBeNull();
    expect(state.report.value?.source).toEqual({ kind: 'file', fileName: 'tenant.json' });
    expect(state.report.value?.meta.bytes).toBe(file.size);
    await state.exports.exportSnapshot();
    const [exported] = saved;
    const bytes = new Uint8Array(await (exported as Blob).arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const written = JSON.parse(gunzipSync(bytes).toString('utf8'));
    expect(written.version).toBe(2);
    expect(written.tenant).toEqual(JSON.parse(text).tenant);
  });

  it.each([
    { description: 'a gzip file', bytes: () => gzipSync(text), ok: true },
    { description: 'a gzip file named .json', bytes: () => gzipSync(text), ok: true, name: 'x.json' },
    {
      description: 'a truncated gzip file',
      bytes: () => gzipSync(text).subarray(0, 200),
      ok: false,
      problem: /is gzip-compressed but cannot be decompressed .*truncated or corrupt/,
    },
    {
      description: 'a corrupt gzip file',
      bytes: () =>
        Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0]),
      ok: false,
      problem: /is gzip-compressed but cannot be decompressed/,
    },
    {
      description: 'a gzip file whose trailer claims 4 GiB',
      bytes: () => {
        const bytes = new Uint8Array(gzipSync(text));
        bytes.fill(0xff, bytes.length - 4);
        return bytes;
      },
      ok: false,
      problem: /is gzip-compressed but cannot be decompressed/,
      notes: 'the trailer sizes the buffer only up to what deflate can reach from the file',
    },
    { description: 'an empty file', bytes: () => new Uint8Array(0), ok: false, problem: /the file is empty/ },
  ])('imports $description', async ({ bytes, ok, problem, name }) => {
    const state = createReportState({
      worker: createInProcessWorkerClient(),
      saveFile: () => {},
      demoUrl: '/demo/demo-tenant.json',
      fetchText: async () => text,
    });
    const phases: string[] = [];
    const file = new File([new Uint8Array(bytes())], name ?? 'tenant.json.gz');
    const opening = state.openFile(file);
    const stop = effect(() => {
      const phase = state.progress.value?.phase;
      if (phase !== undefined) phases.push(phase);
    });
    expect(await opening).toBe(ok);
    stop();
    if (ok) {
      expect(state.report.value?.summary.audience.recipients).toBeGreaterThan(0);
      if (bytes().length > 0 && name === undefined)
        expect(phases).toContain('Decompressing the file (bytes read)');
    } else expect(state.problem.value?.details.join(' ')).toMatch(problem as RegExp);
  });
});
