// The ways in: the built-in demo tenant, a snapshot file (picker or drag and drop), or a live tenant.
import { useRef, useState } from 'preact/hooks';
import type { ReportState } from '../state/report-state.ts';

export function StartPage({
  state,
  onConnect,
  online,
}: {
  state: ReportState;
  onConnect: () => void;
  online: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const openFirst = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) void state.openFile(file);
  };
  return (
    <section class="start" aria-labelledby="start-title">
      <h1 id="start-title">Check a directory sync before you connect it</h1>
      <p class="lead">
        See whether the app registration is ready, exactly who will be synced, and why Entra's member counts
        differ from the recipient count. Everything runs in this browser: when you connect a tenant it talks
        only to Microsoft sign-in and Microsoft Graph, and nothing is sent anywhere else.
      </p>
      <div class="ways">
        <div class="card">
          <h2>Try the demo tenant</h2>
          <p>A synthetic tenant of about 2,000 people with the mistakes admins make most often.</p>
          <button
            type="button"
            class="button-primary"
            onClick={() => void state.openDemo()}
            disabled={state.busy.value}
          >
            Open the demo tenant
          </button>
        </div>
        <div class="card">
          <h2>Connect a tenant</h2>
          <p>
            Sign in to Microsoft Entra ID and read the sync app and up to 15 groups through Microsoft Graph.
          </p>
          {!online && <p class="inline-warn">Needs the network: this browser is offline.</p>}
          <button type="button" class="button-primary" onClick={onConnect} disabled={state.busy.value}>
            Connect a tenant
          </button>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file button inside is the keyboard and screen-reader path */}
        <div
          class={`card drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            openFirst(event.dataTransfer?.files);
          }}
        >
          <h2>Import a snapshot</h2>
          <p>
            A snapshot file (.json) saved by this tool, e.g. one a customer shared with support. Or drop it
            here.
          </p>
          <label class="button-secondary file-button">
            Choose a snapshot file…
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              class="visually-hidden"
              onChange={(event) => {
                openFirst((event.currentTarget as HTMLInputElement).files);
                (event.currentTarget as HTMLInputElement).value = '';
              }}
            />
          </label>
        </div>
      </div>
    </section>
  );
}
