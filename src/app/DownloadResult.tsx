// What became of one download: being prepared, saved (with a way to save again), split into parts
// to save one by one (each marked once saved), refused with the reason, or failed. Announced
// politely to screen readers. When a download finishes while focus is on its button (or was
// lost), focus moves to the result: its first Save button, or the message when there is none.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { DownloadFile, ExportStatus } from '../state/export-state.ts';
import { formatBytes, formatCount, plural } from './format.ts';
import { focusWasLost } from './use-focus-when-lost.ts';

function FileLine({
  file,
  onSave,
  label,
  saved = false,
}: {
  file: DownloadFile;
  onSave: (file: DownloadFile) => void;
  label: string;
  saved?: boolean;
}) {
  return (
    <li class="file-line">
      {saved && (
        <span class="status status-pass">
          <span class="status-icon" aria-hidden="true">
            ✔
          </span>
          Saved
        </span>
      )}
      <span class="file-name">{file.fileName}</span>
      <span class="file-size tnum">
        {file.rows === null ? '' : `${plural(file.rows, 'row', 'rows')} · `}
        {formatBytes(file.bytes)}
      </span>
      {file.blob === null ? (
        <span class="muted file-dropped">
          Saved. It held the client secret, so this page kept no copy: to save it again, type the secret again
          and download.
        </span>
      ) : (
        <button type="button" class="button-secondary" onClick={() => onSave(file)}>
          {label}
          <span class="visually-hidden"> {file.fileName}</span>
        </button>
      )}
    </li>
  );
}

export function DownloadResult({
  status,
  onSave,
}: {
  status: ExportStatus | undefined;
  onSave: (file: DownloadFile) => void;
}) {
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  const wasWorking = useRef(false);
  useLayoutEffect(() => {
    const finished = wasWorking.current && status !== undefined && status.state !== 'working';
    wasWorking.current = status?.state === 'working';
    const here = box.current;
    if (!finished || here === null) return;
    // Only when the admin is still at this download: its button (just before the result) or nowhere.
    const active = document.activeElement;
    const atTrigger = active instanceof HTMLElement && active === here.previousElementSibling;
    if (!atTrigger && !focusWasLost()) return;
    (here.querySelector<HTMLElement>('button') ?? here).focus();
  }, [status]);
  // A new export starts unmarked, even when its parts have the same names.
  useEffect(() => setSaved(new Set()), [status]);
  const saveMarked = (file: DownloadFile) => {
    onSave(file);
    setSaved(new Set(saved).add(file.fileName));
  };
  return (
    <div class="download-result" role="status" aria-live="polite" ref={box} tabIndex={-1}>
      {status?.state === 'working' && <p class="muted">Preparing the file…</p>}
      {status?.state === 'done' && status.files.length === 1 && (
        <ul class="file-list">
          <FileLine file={status.files[0] as DownloadFile} onSave={onSave} label="Save again" />
        </ul>
      )}
      {status?.state === 'done' && status.files.length > 1 && (
        <>
          <p>
            <span class="status-icon status-pass" aria-hidden="true">
              ✔{' '}
            </span>
            Split into {formatCount(status.files.length)} parts, each under the upload's 10 MB limit and with
            its own header row. Save each part and upload them one after another.
          </p>
          <ul class="file-list">
            {status.files.map((file, index) => (
              <FileLine
                key={file.fileName}
                file={file}
                onSave={saveMarked}
                saved={saved.has(file.fileName)}
                label={`Save part ${index + 1}`}
              />
            ))}
          </ul>
        </>
      )}
      {status?.state === 'done' && status.files.length === 0 && <p>There was nothing to write.</p>}
      {status?.state === 'refused' && (
        <p class="inline-warn">
          <span aria-hidden="true">▲ </span>
          Not exported: {status.reason} Tick “Export anyway” if you still want it.
        </p>
      )}
      {status?.state === 'failed' && (
        <p class="field-error">
          <span aria-hidden="true">✖ </span>
          The file could not be written: {status.message}
        </p>
      )}
    </div>
  );
}
