// The files an admin takes away: the CSV to upload (refused from an incomplete snapshot unless the
// admin says "export anyway"), the exclusions with reasons, the snapshot itself (as opened, or
// pseudonymised for support). The submission document and the secret reminder live on Readiness,
// linked from here: one home each.
import { useEffect, useState } from 'preact/hooks';
import type { PreviewSummary } from '../core/preview-summary.ts';
import { REASON_CODES } from '../core/recipient-rules.ts';
import type { ExportState } from '../state/export-state.ts';
import type { ReportTab } from '../state/report-state.ts';
import { Banner, IncompleteReads } from './Banner.tsx';
import { DownloadResult } from './DownloadResult.tsx';
import { formatBytes, plural } from './format.ts';

export function ExportPanel({
  summary,
  exports,
  snapshotBytes,
  pseudonymised,
  onShowTab,
}: {
  summary: PreviewSummary;
  exports: ExportState;
  snapshotBytes: number;
  /** The open snapshot is itself pseudonymised (then "for support" would change nothing). */
  pseudonymised: boolean;
  /** Switches the report's tab (the link to Readiness). */
  onShowTab?: (tab: ReportTab) => void;
}) {
  const [segments, setSegments] = useState(false);
  const [anyway, setAnyway] = useState(false);
  const status = exports.status.value;
  // Counted again whenever the audience changes (the options re-run the rules into a new summary).
  useEffect(() => {
    void exports.loadUploadNotes();
  }, [summary, exports]);
  const guarded = exports.uploadNotes.value?.guardedNames ?? 0;
  const excluded = REASON_CODES.reduce((sum, code) => sum + summary.audience.excluded[code], 0);
  // Busy buttons are aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
  const working = (kind: keyof typeof status) => status[kind]?.state === 'working';

  return (
    <>
      <h2>Export</h2>
      <section class="card" aria-labelledby="export-upload">
        <h3 id="export-upload">Upload CSV</h3>
        <p>
          The audience's {plural(summary.audience.recipients, 'recipient', 'recipients')} as Name and Email,
          in the order the sync walks them. The product takes UTF-8 CSV files with <code>Name</code> and{' '}
          <code>Email</code> headers, up to 10 MB each: a larger audience is split into parts, each with a
          header row.
        </p>
        {guarded > 0 && (
          <p class="guarded-note">
            <span aria-hidden="true">⚠ </span>
            <strong>{plural(guarded, 'name starts', 'names start')} with =, +, -, @ or a tab</strong> (after
            any spaces or invisible characters): the CSV puts an apostrophe before{' '}
            {guarded === 1 ? 'it' : 'each'}, so a spreadsheet cannot run it as a formula, and the product
            shows that apostrophe.{' '}
            {onShowTab && (
              <button type="button" class="button-link" onClick={() => onShowTab('recipients')}>
                They are flagged ⚠ on Recipients.
              </button>
            )}
          </p>
        )}
        <label class="toggle">
          <input
            type="checkbox"
            checked={segments}
            onChange={(event) => setSegments((event.currentTarget as HTMLInputElement).checked)}
          />
          Add a Segments column (the selected groups each recipient is in)
        </label>
        {!summary.complete && (
          <Banner tone="warn" title="This snapshot is incomplete, so the CSV would miss people">
            <IncompleteReads reads={summary.incompleteReads} />
            <p>Read the tenant again for a complete CSV. To export what was read anyway:</p>
            <label class="toggle">
              <input
                type="checkbox"
                checked={anyway}
                onChange={(event) => setAnyway((event.currentTarget as HTMLInputElement).checked)}
              />
              Export anyway, knowing people may be missing
            </label>
          </Banner>
        )}
        <button
          type="button"
          class="button-primary"
          disabled={!summary.complete && !anyway}
          aria-disabled={working('upload')}
          onClick={() =>
            !working('upload') && void exports.exportUpload({ segments, allowIncomplete: anyway })
          }
        >
          Download upload CSV
        </button>
        <DownloadResult status={status.upload} onSave={exports.save} />
        {status.upload?.state === 'done' && status.upload.files.length > 1 && (
          <p class="parts-note" role="note">
            Upload the parts one at a time. Tick “Overwrite the existing audience” for the first part only: on
            a later part it would replace the parts uploaded before it.
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="export-exclusions">
        <h3 id="export-exclusions">Exclusions CSV</h3>
        <p>
          The {plural(excluded, 'object', 'objects')} of the audience that will not be synced, with the reason
          and the path each was reached by. Share it with whoever fixes the directory.
        </p>
        <button
          type="button"
          class="button-secondary"
          aria-disabled={working('exclusions')}
          onClick={() => !working('exclusions') && void exports.exportExclusions()}
        >
          Download exclusions CSV
        </button>
        <DownloadResult status={status.exclusions} onSave={exports.save} />
      </section>

      <section class="card" aria-labelledby="export-snapshot">
        <h3 id="export-snapshot">Snapshot</h3>
        <p>
          The snapshot as a compressed file (<code>.snapshot.json.gz</code>, each person once), to open again
          here or with the command line; the file opened was {formatBytes(snapshotBytes)}. It holds names and
          addresses{pseudonymised ? ', already pseudonymised' : ''}.
        </p>
        <button type="button" class="button-secondary" onClick={() => exports.exportSnapshot()}>
          Download snapshot (.json.gz)
        </button>
        <DownloadResult status={status.snapshot} onSave={exports.save} />
        {!pseudonymised && (
          <>
            <h4 class="subhead">For support</h4>
            <p>
              The same snapshot with every name and address replaced by a stand-in, so you can share it with
              Axios HQ support without personal data. Ids, group structure, the app registration and licences
              stay, so support sees exactly your counts and checks.
            </p>
            <button
              type="button"
              class="button-secondary"
              aria-disabled={working('support')}
              onClick={() => !working('support') && void exports.exportForSupport()}
            >
              Download for support (pseudonymised)
            </button>
            <DownloadResult status={status.support} onSave={exports.save} />
          </>
        )}
      </section>

      <section class="card" aria-labelledby="export-submission">
        <h3 id="export-submission">Submission document and secret reminder</h3>
        <p>
          Both are on the Readiness tab, beside the checks they come from: “Send your details to Axios HQ”
          makes the text document with your organization, setup owner and the app registration's IDs, and
          “Remember to renew the secret” gives a calendar reminder.
        </p>
        {onShowTab && (
          <button type="button" class="button-secondary" onClick={() => onShowTab('readiness')}>
            Go to Readiness
          </button>
        )}
      </section>
      <p class="meta">
        Files are written in this browser from the{' '}
        {plural(summary.groups.length, 'selected group', 'selected groups')} and saved to your downloads
        folder; nothing is uploaded.
      </p>
    </>
  );
}
