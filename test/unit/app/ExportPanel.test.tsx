// @vitest-environment happy-dom
// The Export tab (issue 15, item 6): the product's limits beside the upload CSV, the guidance for
// uploading split parts next to the parts, and the submission document linked to its one home.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ExportPanel } from '../../../src/app/ExportPanel.tsx';
import { computePreview } from '../../../src/core/preview.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import type { ExportState } from '../../../src/state/export-state.ts';
import { snapshotOf, user } from '../../support/snapshot-builder.ts';

const summary = summarizePreview(
  computePreview(snapshotOf({ members: { g1: [user('a')] }, selected: ['g1'] })),
);
const file = (n: number) => ({ fileName: `x-part${n}.csv`, rows: 10, bytes: 100, blob: new Blob(['x']) });

function mount(parts: number, guardedNames = 0) {
  const notes = signal<{ guardedNames: number } | null>(null);
  const exports = {
    status: signal({
      upload: { state: 'done', files: Array.from({ length: parts }, (_, i) => file(i + 1)) },
    }),
    save: () => {},
    uploadNotes: notes,
    loadUploadNotes: async () => {
      notes.value = { guardedNames };
    },
  } as unknown as ExportState;
  const shown: string[] = [];
  const root = document.createElement('div');
  document.body.append(root);
  act(() =>
    render(
      <ExportPanel
        summary={summary}
        exports={exports}
        snapshotBytes={1000}
        pseudonymised={false}
        onShowTab={(tab) => shown.push(tab)}
      />,
      root,
    ),
  );
  return { root, shown };
}

describe('ExportPanel', () => {
  it('says the product’s limits, and how to upload split parts beside them', () => {
    const { root } = mount(3);
    expect(root.textContent).toMatch(/UTF-8 CSV files with Name and Email headers, up to 10 MB each/);
    expect(root.querySelector('.parts-note')?.textContent).toMatch(/first part only/);
  });

  it('has no parts note for a single file', () => {
    expect(mount(1).root.querySelector('.parts-note')).toBeNull();
  });

  it('links the submission document to Readiness instead of a second form', () => {
    const { root, shown } = mount(1);
    expect(root.querySelector('form')).toBeNull();
    const go = [...root.querySelectorAll('button')].find(
      (button) => button.textContent === 'Go to Readiness',
    );
    act(() => go?.click());
    expect(shown).toEqual(['readiness']);
  });

  it('counts the names the formula guard changes, and links to where they are flagged', async () => {
    const { root, shown } = mount(1, 2);
    await vi.waitFor(() => expect(root.querySelector('.guarded-note')).not.toBeNull());
    expect(root.querySelector('.guarded-note')?.textContent).toMatch(
      /2 names start with =, \+, -, @ or a tab .*the CSV puts an apostrophe before each/,
    );
    act(() => (root.querySelector('.guarded-note button') as HTMLButtonElement).click());
    expect(shown).toEqual(['recipients']);
  });

  it('says nothing of the guard when no name needs it', async () => {
    const { root } = mount(1, 0);
    await act(async () => {});
    expect(root.querySelector('.guarded-note')).toBeNull();
  });
});
