// @vitest-environment happy-dom
// Where focus goes when a download finishes: to the result's Save button when the admin is still
// at the download's button (or focus was lost), never away from something else they moved to.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadResult } from '../../../src/app/DownloadResult.tsx';
import type { DownloadFile, ExportStatus } from '../../../src/state/export-state.ts';

const file: DownloadFile = { fileName: 'contoso-upload.csv', rows: 2, bytes: 40, blob: new Blob(['x']) };
const done: ExportStatus = { state: 'done', files: [file] };

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

/** A download button followed by its result, as in the Export tab; and an unrelated field. */
function mount(status: ExportStatus | undefined) {
  root = document.createElement('div');
  document.body.append(root);
  const draw = (next: ExportStatus | undefined) =>
    act(() =>
      render(
        <>
          <input aria-label="elsewhere" />
          <section>
            <button type="button">Download upload CSV</button>
            <DownloadResult status={next} onSave={() => undefined} />
          </section>
        </>,
        root as HTMLElement,
      ),
    );
  draw(status);
  const trigger = root.querySelector('section > button') as HTMLButtonElement;
  const elsewhere = root.querySelector('input') as HTMLInputElement;
  return { draw, trigger, elsewhere };
}

const activeText = () => (document.activeElement?.textContent ?? '').trim();

describe('DownloadResult focus', () => {
  it('moves from the download button to "Save again" when the file is ready', () => {
    const { draw, trigger } = mount(undefined);
    trigger.focus();
    draw({ state: 'working' });
    draw(done);
    expect(activeText()).toBe('Save again contoso-upload.csv');
  });

  it('takes focus back from <body> when the button lost it meanwhile', () => {
    const { draw } = mount({ state: 'working' });
    (document.activeElement as HTMLElement | null)?.blur();
    draw(done);
    expect(activeText()).toBe('Save again contoso-upload.csv');
  });

  it('moves to the message when a download is refused, since it has no button', () => {
    const { draw, trigger } = mount({ state: 'working' });
    trigger.focus();
    draw({ state: 'refused', reason: 'The snapshot is incomplete.' });
    expect(document.activeElement?.classList.contains('download-result')).toBe(true);
  });

  it('leaves focus where the admin put it meanwhile', () => {
    const { draw, elsewhere } = mount({ state: 'working' });
    elsewhere.focus();
    draw(done);
    expect(document.activeElement).toBe(elsewhere);
  });

  it('does not move focus for a result that was already there', () => {
    const { draw, trigger } = mount(done);
    trigger.focus();
    draw(done);
    expect(document.activeElement).toBe(trigger);
  });
});
