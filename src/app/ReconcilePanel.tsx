// "Compare with HQ's list": the admin drops (or picks) the audience CSV exported from Axios HQ and
// chooses the scope; the comparison runs in the worker, on this computer, offline. The result reads
// like the count explanation (the two sides meeting in `matched`), says what each class means for
// the next weekly sync, lists each class's people and downloads the differences. Another file can
// be dropped at any time; changing the scope compares the same file again.
import { useRef, useState } from 'preact/hooks';
import type { PreviewSummary } from '../core/preview-summary.ts';
import { CLASS_SENTENCES, RENAMED_SENTENCE } from '../core/reconcile-summary.ts';
import type { ReconcileState } from '../state/reconcile-state.ts';
import type { PeopleClass } from '../worker/reconcile-jobs.ts';
import { Banner } from './Banner.tsx';
import { formatCount } from './format.ts';
import { groupName } from './RecipientsPanel.tsx';
import { ReconcileChart } from './ReconcileChart.tsx';
import { CLASS_LABELS, countOf, ReconcilePeople } from './ReconcilePeople.tsx';

const SENTENCE_ORDER: PeopleClass[] = [
  'matched',
  'missing-from-list',
  'excluded-but-listed',
  'outside-scope',
  'invalid-in-list',
];

export function ReconcilePanel({
  summary,
  pseudonymised,
  state,
  onShowRecipient,
}: {
  summary: PreviewSummary;
  pseudonymised: boolean;
  state: ReconcileState;
  onShowRecipient: (scope: 'audience' | number, email: string) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const status = state.status.value;
  const scope = state.scope.value;
  const compareFirst = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) void state.compare(file);
  };
  const people = useRef<HTMLDivElement>(null);
  const showClass = (cls: PeopleClass) => {
    void state
      .showPeople(cls)
      .then(() => people.current?.querySelector<HTMLElement>('[aria-pressed="true"]')?.focus());
  };

  if (pseudonymised)
    return (
      <>
        <h2>Compare with HQ’s list</h2>
        <Banner tone="warn" role="status" title="This snapshot is pseudonymised, so it cannot be compared">
          <p>
            Its names and addresses are stand-ins, so none would match HQ’s list. Compare where the original
            snapshot is: in the admin’s browser, or with an export made without “for support”.
          </p>
        </Banner>
      </>
    );

  const working = status.state === 'working';
  return (
    <>
      <h2>Compare with HQ’s list</h2>
      <p class="meta">
        “Entra says one number, HQ shows another: who is missing, and why?” Export the series audience from
        Axios HQ (Manage recipients → Export CSV) and drop it here. It is compared on this computer and sent
        nowhere.
      </p>
      <div class="reconcile-inputs">
        <div class="field">
          <label for="reconcile-scope">Compare with</label>
          <select
            id="reconcile-scope"
            value={scope ?? ''}
            disabled={working}
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              void state.setScope(value === '' ? null : value);
            }}
          >
            <option value="">The audience (all {formatCount(summary.groups.length)} selected groups)</option>
            {summary.groups.map((group, position) =>
              group.found ? (
                <option key={group.id} value={group.id}>
                  {groupName(summary, position)}, as if synced alone
                </option>
              ) : null,
            )}
          </select>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file button inside is the keyboard and screen-reader path */}
        <div
          class={`card drop-zone reconcile-drop${dragging ? ' dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            compareFirst(event.dataTransfer?.files);
          }}
        >
          <p>
            HQ’s audience list (.csv): comma, semicolon or tab separated, with an Email column. Or drop it
            here.
          </p>
          <label class="button-secondary file-button">
            {status.state === 'idle' ? 'Choose HQ’s list…' : 'Choose another list…'}
            <input
              ref={input}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              class="visually-hidden"
              disabled={working}
              onChange={(event) => {
                compareFirst((event.currentTarget as HTMLInputElement).files);
                (event.currentTarget as HTMLInputElement).value = '';
              }}
            />
          </label>
        </div>
      </div>
      <div aria-live="polite">
        {working && (
          <p class="progress-panel" role="status">
            {status.progress.phase}
            {status.progress.total
              ? ` (${Math.floor(((status.progress.done ?? 0) / status.progress.total) * 100)} %)`
              : ''}
            …
          </p>
        )}
        {status.state === 'refused' && (
          <Banner
            tone="error"
            role="alert"
            title={`${status.fileName} could not be compared`}
            problemCode="reconcile-refused"
          >
            <ul class="banner-details">
              {status.errors.map((error) => (
                <li key={`${error.path}:${error.message}`}>
                  {error.path}: {error.message}
                </li>
              ))}
            </ul>
            <p>
              Nothing was changed. Export the list from Axios HQ again (Manage recipients → Export CSV), or
              fix the row named, and choose it again.
            </p>
          </Banner>
        )}
        {status.state === 'failed' && (
          <Banner tone="error" role="alert" title="The comparison stopped">
            <p>{status.message}</p>
            <p>Choose the list again. If it keeps happening, reload the page.</p>
          </Banner>
        )}
      </div>
      {status.state === 'done' && (
        <>
          <section class="card explain" aria-labelledby="reconcile-summary-title">
            <h3 id="reconcile-summary-title">
              {status.view.fileName} against{' '}
              {status.view.group === null
                ? 'the audience'
                : `${groupName(summary, status.view.group.position)}, as if synced alone`}
            </h3>
            {!status.view.complete && (
              <p class="inline-warn">
                This snapshot is incomplete: people of the failed reads may show as outside the scope.
              </p>
            )}
            <p class="sentence">
              {agreeSentence(status.view.counts, status.view.predicted, status.view.list.addresses)}
            </p>
            <ReconcileChart view={status.view} onShow={showClass} />
            <h4>At the next weekly sync (Monday)</h4>
            <ul class="reconcile-sentences">
              {SENTENCE_ORDER.map((cls) => (
                <li key={cls}>
                  <strong>
                    {CLASS_LABELS[cls]} ({formatCount(countOf(status.view, cls))}):
                  </strong>{' '}
                  {CLASS_SENTENCES[cls as keyof typeof CLASS_SENTENCES]}
                  {cls === 'matched' &&
                    status.view.counts.renamed > 0 &&
                    ` ${formatCount(status.view.counts.renamed)} renamed: ${RENAMED_SENTENCE}`}
                </li>
              ))}
            </ul>
            <button type="button" class="button-primary" onClick={() => void state.downloadDifferences()}>
              Download the differences (CSV)
            </button>
          </section>
          <div ref={people}>
            <ReconcilePeople
              view={status.view}
              state={state}
              onShowRecipient={(email) => onShowRecipient(status.view.group?.position ?? 'audience', email)}
            />
          </div>
        </>
      )}
    </>
  );
}

function agreeSentence(
  counts: {
    matched: number;
    'missing-from-list': number;
    'excluded-but-listed': number;
    'outside-scope': number;
  },
  predicted: number,
  addresses: number,
): string {
  const differences = counts['missing-from-list'] + counts['excluded-but-listed'] + counts['outside-scope'];
  if (differences === 0)
    return `HQ’s list and the snapshot agree: all ${formatCount(predicted)} predicted recipients are in the list, and nobody else.`;
  return `The snapshot predicts ${formatCount(predicted)} recipients; HQ’s list has ${formatCount(addresses)} addresses. ${formatCount(counts.matched)} are in both; ${formatCount(differences)} differ.`;
}
