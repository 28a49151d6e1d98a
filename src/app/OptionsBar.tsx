// The two sync options the admin tells Axios HQ (guide section 8). Toggling one re-runs the rules
// and the checks in the worker, so the counts show the effect before anything is sent. While that
// runs the boxes show what was asked for, not the old summary (else a box would spring back).
import { useState } from 'preact/hooks';
import type { PreviewSummary } from '../core/preview-summary.ts';

type Options = { usernameFallback: boolean; syncContacts: boolean };

export function OptionsBar({
  summary,
  snapshotChoice,
  busy,
  onChange,
}: {
  summary: PreviewSummary;
  /** The options as recorded in the snapshot, to say when the toggles differ from them. */
  snapshotChoice: { usernameFallback: boolean; syncContacts: boolean } | null;
  busy: boolean;
  onChange: (options: Options) => void;
}) {
  const [asked, setAsked] = useState<Options | null>(null);
  const { usernameFallback, syncContacts } = busy && asked ? asked : summary.selection;
  const change = (next: Options) => {
    setAsked(next);
    onChange(next);
  };
  const changed =
    snapshotChoice !== null &&
    (snapshotChoice.usernameFallback !== usernameFallback || snapshotChoice.syncContacts !== syncContacts);
  return (
    <fieldset class="options-bar" disabled={busy}>
      <legend>Sync options</legend>
      <label class="toggle">
        <input
          type="checkbox"
          checked={usernameFallback}
          onChange={(event) =>
            change({ usernameFallback: (event.currentTarget as HTMLInputElement).checked, syncContacts })
          }
        />
        Use the username when the email is empty
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          checked={syncContacts}
          onChange={(event) =>
            change({ usernameFallback, syncContacts: (event.currentTarget as HTMLInputElement).checked })
          }
        />
        Sync contacts too
      </label>
      {changed && (
        <p class="options-note" role="status">
          Counts show these options; the snapshot was saved with different ones. Tell Axios HQ the ones you
          want (they are in the submission document).
        </p>
      )}
    </fieldset>
  );
}
