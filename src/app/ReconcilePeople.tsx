// The people of one class of the comparison: chosen with a row of toggle buttons (each with its
// count), searched by name or address, read a hundred at a time. A person the scope reaches links
// to their row in the recipient table, where the reason and the path that reached them are shown.
import { useEffect, useState } from 'preact/hooks';
import type { ReasonCode } from '../core/recipient-rules.ts';
import type { ReconcileState } from '../state/reconcile-state.ts';
import type { PeopleClass, ReconcileView } from '../worker/reconcile-jobs.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS } from './outcomes.ts';

export const CLASS_LABELS: Record<PeopleClass, string> = {
  'missing-from-list': 'Missing from HQ’s list',
  'excluded-but-listed': 'Excluded but listed',
  'outside-scope': 'Outside the scope',
  'invalid-in-list': 'Rows without an address',
  matched: 'Matched',
  renamed: 'Renamed',
};

const ORDER: PeopleClass[] = [
  'missing-from-list',
  'excluded-but-listed',
  'outside-scope',
  'invalid-in-list',
  'matched',
  'renamed',
];

export function countOf(view: ReconcileView, cls: PeopleClass): number {
  return cls === 'invalid-in-list' ? view.list.invalid : view.counts[cls];
}

export function ReconcilePeople({
  view,
  state,
  onShowRecipient,
}: {
  view: ReconcileView;
  state: ReconcileState;
  onShowRecipient: (email: string) => void;
}) {
  const people = state.people.value;
  const [text, setText] = useState(people?.search ?? '');
  const cls = people?.cls ?? 'missing-from-list';
  useEffect(() => setText(people?.search ?? ''), [people?.cls]);
  useEffect(() => {
    if (people !== null && text === people.search) return;
    const timer = setTimeout(() => void state.showPeople(cls, text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const listed =
    cls === 'matched' || cls === 'renamed' || cls === 'excluded-but-listed' || cls === 'outside-scope';
  return (
    <section class="card reconcile-people" aria-labelledby="reconcile-people-title">
      <h3 id="reconcile-people-title">People by class</h3>
      <fieldset class="reconcile-classes">
        <legend class="visually-hidden">Class of people to list</legend>
        {ORDER.map((option) => (
          <button
            key={option}
            type="button"
            class="chip"
            aria-pressed={option === cls}
            onClick={() => void state.showPeople(option, '')}
          >
            {CLASS_LABELS[option]} <span class="tnum">({formatCount(countOf(view, option))})</span>
          </button>
        ))}
      </fieldset>
      <label class="reconcile-search">
        Search these people by name or address
        <input
          type="search"
          value={text}
          onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <p class="meta" role="status">
        {people === null
          ? 'Loading…'
          : `Showing ${formatCount(people.rows.length)} of ${formatCount(people.total)}${people.search.trim() === '' ? '' : ` matching “${people.search.trim()}”`}.`}
      </p>
      {people !== null && people.rows.length > 0 && (
        <div class="evidence-table-wrap">
          <table class="evidence-table reconcile-table">
            <caption class="visually-hidden">{CLASS_LABELS[cls]}</caption>
            <thead>
              <tr>
                <th scope="col">{cls === 'invalid-in-list' ? 'Value' : 'Email'}</th>
                <th scope="col">Name</th>
                {listed && <th scope="col">Name in HQ’s list</th>}
                <th scope="col">
                  {cls === 'excluded-but-listed' || cls === 'outside-scope' ? 'Why' : 'Selected groups'}
                </th>
                <th scope="col" class="num">
                  Row in list
                </th>
                <th scope="col">
                  <span class="visually-hidden">Recipient table</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.rows.map((row) => (
                <tr key={row.key}>
                  <td class="email">{row.email === '' ? <span class="muted">(empty)</span> : row.email}</td>
                  <td>{row.name}</td>
                  {listed && <td>{row.listName}</td>}
                  <td>
                    {row.reason === null
                      ? row.groups.join('; ')
                      : (OUTCOME_WORDS[row.reason as ReasonCode]?.short ?? row.reason)}
                    {cls === 'outside-scope' && row.id !== null && (
                      <span class="wf-note">object {row.id}</span>
                    )}
                  </td>
                  <td class="num">{row.row === null ? '–' : formatCount(row.row)}</td>
                  <td>
                    {row.inScope && (
                      <button type="button" class="button-quiet" onClick={() => onShowRecipient(row.email)}>
                        Show in Recipients<span class="visually-hidden">: {row.email}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people !== null && people.rows.length < people.total && (
        <button type="button" class="button-secondary" onClick={() => void state.showMore()}>
          Show {formatCount(Math.min(100, people.total - people.rows.length))} more
        </button>
      )}
    </section>
  );
}
