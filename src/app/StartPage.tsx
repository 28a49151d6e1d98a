// The ways in: the built-in demo tenant, a snapshot file (picker or drag and drop), or a live tenant.
// A problem opening the demo or a file shows in that card and takes focus, so on a narrow screen it
// is not added far above, out of sight. While a snapshot is read the buttons say they are busy
// (aria-disabled) instead of being disabled, which would drop keyboard focus to the page.
import { useRef, useState } from 'preact/hooks';
import type { ReportState } from '../state/report-state.ts';
import { ProblemBanner } from './ProblemBanner.tsx';
import { useFocusWhenLost } from './use-focus-when-lost.ts';

export function StartPage({
  state,
  onConnect,
  online,
  takeFocus = false,
}: {
  state: ReportState;
  onConnect: () => void;
  online: boolean;
  /** Take focus to the heading when focus was lost (the view that had it was closed). */
  takeFocus?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(heading, takeFocus);
  const [dragging, setDragging] = useState(false);
  const [action, setAction] = useState<'demo' | 'file' | null>(null);
  const busy = state.busy.value;
  const problem = state.problem.value;
  const problemHere = (where: typeof action) =>
    problem && action === where ? (
      <ProblemBanner problem={problem} onDismiss={state.dismissProblem} takeFocus />
    ) : null;
  const openFirst = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (!file || busy) return;
    setAction('file');
    void state.openFile(file);
  };
  return (
    <section class="start" aria-labelledby="start-title">
      {problemHere(null)}
      <h1 id="start-title" ref={heading} tabIndex={-1}>
        Check a directory sync before you connect it
      </h1>
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
            aria-disabled={busy}
            onClick={() => {
              if (busy) return;
              setAction('demo');
              void state.openDemo();
            }}
          >
            Open the demo tenant
          </button>
          {problemHere('demo')}
        </div>
        <div class="card">
          <h2>Connect a tenant</h2>
          <p>
            Sign in to Microsoft Entra ID and read the sync app and up to 15 groups through Microsoft Graph.
          </p>
          {!online && <p class="inline-warn">Needs the network: this browser is offline.</p>}
          <button
            type="button"
            class="button-primary"
            onClick={() => !busy && onConnect()}
            aria-disabled={busy}
          >
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
            A snapshot file (.json or .json.gz) saved by this tool, e.g. one a customer shared with support.
            Or drop it here.
          </p>
          <label class="button-secondary file-button">
            Choose a snapshot file…
            <input
              ref={input}
              type="file"
              accept=".json,.gz,application/json,application/gzip"
              class="visually-hidden"
              onChange={(event) => {
                openFirst((event.currentTarget as HTMLInputElement).files);
                (event.currentTarget as HTMLInputElement).value = '';
              }}
            />
          </label>
          {problemHere('file')}
        </div>
      </div>
    </section>
  );
}
