// One stored snapshot in the library: what it is (tenant, cloud, capture time, groups, recipients,
// size, pseudonymised), and open, rename (inline: Enter saves, Escape cancels), choose to compare,
// and delete behind a confirmation. Focus returns to the button that started a rename or delete.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LibraryState } from '../state/library-state.ts';
import type { SnapshotMeta } from '../storage/schema.ts';
import { formatBytes, formatCount, formatDateTime } from './format.ts';
import { SnapshotText } from './SnapshotText.tsx';

const SOURCE_WORDS: Record<SnapshotMeta['source'], string> = {
  demo: 'Demo tenant',
  import: 'Imported file',
  live: 'Read from the tenant',
};

export function SnapshotRow({
  meta,
  library,
  busy,
}: {
  meta: SnapshotMeta;
  library: LibraryState;
  busy: boolean;
}) {
  const [mode, setMode] = useState<'show' | 'rename' | 'confirm-delete'>('show');
  const [draft, setDraft] = useState(meta.name);
  const nameInput = useRef<HTMLInputElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const back = useRef<'rename' | 'delete' | null>(null);
  const chosen = library.chosen.value.includes(meta.id);
  const titleId = `snapshot-${meta.id}`;

  // A layout effect: focus moves in the same task as the render, so a key pressed right after
  // lands where focus was sent (a plain effect ran after paint and could take focus back).
  useLayoutEffect(() => {
    if (mode === 'rename') nameInput.current?.select();
    else if (mode === 'confirm-delete') keepButton.current?.focus();
    else if (back.current === 'rename') renameButton.current?.focus();
    else if (back.current === 'delete') deleteButton.current?.focus();
    back.current = null;
  }, [mode]);

  const finish = (from: 'rename' | 'delete') => {
    back.current = from;
    setMode('show');
  };
  const [nameError, setNameError] = useState<string | null>(null);
  const saveName = async () => {
    if (draft.trim() === '') {
      // Said at the field, which keeps focus: an empty name is never saved.
      setNameError('Enter a name, or Cancel to keep the current one.');
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    if (draft.trim() === meta.name) return finish('rename');
    if (await library.rename(meta.id, draft)) finish('rename');
  };

  return (
    <li class="snapshot">
      <h3 id={titleId} class="snapshot-name">
        <SnapshotText value={meta.name} />
      </h3>
      {mode === 'rename' ? (
        <form
          class="rename"
          onSubmit={(event) => {
            event.preventDefault();
            void saveName();
          }}
        >
          <label for={`${titleId}-name`}>New name</label>
          <input
            id={`${titleId}-name`}
            ref={nameInput}
            value={draft}
            aria-invalid={nameError === null ? undefined : true}
            aria-describedby={nameError === null ? undefined : `${titleId}-name-error`}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setDraft(meta.name);
                finish('rename');
              }
            }}
          />
          <button type="submit" class="button-primary">
            Save name
          </button>
          {nameError !== null && (
            <p class="field-error" id={`${titleId}-name-error`}>
              <span aria-hidden="true">✖ </span>
              {nameError}
            </p>
          )}
          <button
            type="button"
            onClick={() => {
              setDraft(meta.name);
              finish('rename');
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
      <dl class="snapshot-facts">
        <div>
          <dt>Tenant</dt>
          <dd>
            <SnapshotText value={meta.tenantName ?? meta.tenantId} />
          </dd>
        </div>
        <div>
          <dt>Cloud</dt>
          <dd>{meta.cloud === 'usgov' ? 'Azure Government' : 'Azure Global'}</dd>
        </div>
        <div>
          <dt>Captured</dt>
          <dd>
            <time dateTime={meta.capturedAt}>{formatDateTime(meta.capturedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Groups</dt>
          <dd class="tnum">{formatCount(meta.groupCount)}</dd>
        </div>
        <div>
          <dt>Recipients</dt>
          <dd class="tnum">{formatCount(meta.recipients)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd class="tnum">{formatBytes(meta.bytes)}</dd>
        </div>
        <div>
          <dt>Names</dt>
          <dd>{meta.pseudonymised ? 'Pseudonymised' : 'Real'}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{SOURCE_WORDS[meta.source]}</dd>
        </div>
      </dl>
      {mode === 'confirm-delete' ? (
        <div class="confirm">
          <p>
            Delete "<SnapshotText value={meta.name} />" from this browser? This cannot be undone.
          </p>
          <button
            type="button"
            class="button-danger"
            onClick={async () => {
              if (!(await library.remove(meta.id))) finish('delete');
            }}
          >
            Delete for good
          </button>
          <button type="button" ref={keepButton} onClick={() => finish('delete')}>
            Keep it
          </button>
        </div>
      ) : (
        <div class="snapshot-actions">
          <button
            type="button"
            class="button-primary"
            disabled={busy}
            onClick={() => void library.open(meta.id)}
            aria-describedby={titleId}
          >
            Open
          </button>
          <label class="toggle compare-choice">
            <input
              type="checkbox"
              checked={chosen}
              onChange={(event) => library.choose(meta.id, (event.currentTarget as HTMLInputElement).checked)}
              aria-describedby={titleId}
            />
            Compare
          </label>
          <button
            type="button"
            ref={renameButton}
            onClick={() => {
              setDraft(meta.name);
              setMode('rename');
            }}
            aria-describedby={titleId}
          >
            Rename
          </button>
          <button
            type="button"
            ref={deleteButton}
            class="button-quiet"
            onClick={() => setMode('confirm-delete')}
            aria-describedby={titleId}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
