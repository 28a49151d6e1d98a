// Saving a file in the browser: a Blob behind an object URL, clicked through a temporary
// <a download>. The URL is revoked on the next task, once the click has handed the Blob to the
// download (revoking it synchronously can cancel the download in some browsers).

export type SaveFile = (fileName: string, blob: Blob) => void;

export function saveWithAnchor(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
