// One recipient-table row in full, in a modal dialog: the name, address and path a narrow cell
// cuts to an ellipsis, each on its own line and wrapped. Opened from the row's name button; the
// native <dialog> keeps focus inside, closes on Escape, and focus goes back to where it was.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { KeptBy, TableRow } from '../core/row-query.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS, TYPE_WORDS } from './outcomes.ts';
import { SnapshotText } from './SnapshotText.tsx';

export function RecipientDetail({
  row,
  onClose,
  onShowPerson,
}: {
  row: TableRow;
  onClose: () => void;
  /** Lists the recipient who keeps a duplicate's address (the table then shows only them). */
  onShowPerson?: (person: KeptBy) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const box = dialog.current;
    if (box && !box.open) box.showModal();
  }, []);
  const words = OUTCOME_WORDS[row.outcome];
  return (
    <dialog ref={dialog} class="row-detail" aria-labelledby="row-detail-title" onClose={onClose}>
      <h3 id="row-detail-title">{row.name ? <SnapshotText value={row.name} /> : '(no name)'}</h3>
      <dl class="row-detail-list">
        <div>
          <dt>Email address</dt>
          <dd>
            {row.email ? <SnapshotText value={row.email} address /> : <span class="muted">(no address)</span>}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{TYPE_WORDS[row.type]}</dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd class={`tone-${words.tone}`}>
            <span aria-hidden="true">{words.icon} </span>
            {words.short}
          </dd>
        </div>
        {row.keptBy && (
          <div>
            <dt>Address kept by</dt>
            <dd>
              <SnapshotText value={row.keptBy.name || '(no name)'} />, number{' '}
              <span class="tnum">{formatCount(row.keptBy.order)}</span> in the walk, who gets the messages for
              this address; this object is left out.{' '}
              {onShowPerson && (
                <button type="button" class="button-link" onClick={() => onShowPerson(row.keptBy as KeptBy)}>
                  Show them in the list
                </button>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>Reached via</dt>
          <dd>
            {row.via.map((hop, i) => (
              <span key={String(i)}>
                {i > 0 && ' › '}
                <SnapshotText value={hop} />
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>Position in the walk</dt>
          <dd class="tnum">{formatCount(row.order)}</dd>
        </div>
      </dl>
      <form method="dialog">
        <button type="submit" class="button-secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}
