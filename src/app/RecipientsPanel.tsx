// Who will be synced and who will not: pick the audience or one selected group, narrow by outcome,
// by the group a recipient is in, or by name or address, and read the rows. The counts in the
// outcome picker come from the summary, so choosing a filter never costs a query to learn its size.
import type { CountsSummary, PreviewSummary } from '../core/preview-summary.ts';
import { REASON_CODES } from '../core/recipient-rules.ts';
import type { Outcome } from '../core/row-query.ts';
import type { RecipientsState } from '../state/recipients-state.ts';
import { formatCount } from './format.ts';
import { OUTCOME_WORDS } from './outcomes.ts';
import { RecipientTable } from './RecipientTable.tsx';
import { plainText } from './SnapshotText.tsx';
import { useMediaQuery } from './use-media-query.ts';

type OutcomeChoice = '' | 'excluded' | Outcome;

export function outcomesOf(choice: OutcomeChoice): Outcome[] {
  if (choice === '') return [];
  if (choice === 'excluded') return [...REASON_CODES];
  return [choice];
}

export function choiceOf(outcomes: readonly Outcome[]): OutcomeChoice {
  if (outcomes.length === 0) return '';
  if (outcomes.length === REASON_CODES.length && REASON_CODES.every((code) => outcomes.includes(code)))
    return 'excluded';
  return outcomes.length === 1 ? (outcomes[0] as Outcome) : '';
}

export const groupName = (summary: PreviewSummary, position: number): string => {
  const group = summary.groups[position];
  // Used in <option>s, captions and headings alike: the plain-text sink (isolated, capped, escaped).
  return group ? plainText(group.displayName ?? group.id) : `Group ${position + 1}`;
};

const excludedOf = (counts: CountsSummary) =>
  REASON_CODES.reduce((sum, code) => sum + counts.excluded[code], 0);

export function RecipientsPanel({
  summary,
  recipients,
}: {
  summary: PreviewSummary;
  recipients: RecipientsState;
}) {
  const filter = recipients.filter.value;
  const narrow = useMediaQuery('(max-width: 720px)');
  const counts: CountsSummary =
    filter.scope === 'audience' ? summary.audience : (summary.groups[filter.scope] ?? summary.audience);
  const choice = choiceOf(filter.outcomes);
  const total = recipients.total.value;
  const scopeLabel =
    filter.scope === 'audience' ? 'Audience (all selected groups)' : groupName(summary, filter.scope);
  const outcomeLabel =
    choice === ''
      ? 'everything reached'
      : choice === 'excluded'
        ? 'excluded'
        : OUTCOME_WORDS[choice].short.toLowerCase();

  return (
    <>
      <h2>Recipients</h2>
      <p class="meta">
        Every object the selected groups reach, in the order the sync walks them: who becomes a recipient, and
        for everyone else the reason and the path they were reached by.
      </p>
      <div class="filters">
        <div class="field">
          <label for="rcp-scope">Show</label>
          <select
            id="rcp-scope"
            value={String(filter.scope)}
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              recipients.setScope(value === 'audience' ? 'audience' : Number(value));
            }}
          >
            <option value="audience">Audience (all selected groups)</option>
            {summary.groups.map((group, position) => (
              <option key={group.id} value={String(position)} disabled={!group.found}>
                {groupName(summary, position)}
                {group.found ? '' : ' (not found)'}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="rcp-outcome">Outcome</label>
          <select
            id="rcp-outcome"
            value={choice}
            onChange={(event) =>
              recipients.setOutcomes(
                outcomesOf((event.currentTarget as HTMLSelectElement).value as OutcomeChoice),
              )
            }
          >
            <option value="">Everything reached ({formatCount(counts.reached)})</option>
            <option value="recipient">Recipients ({formatCount(counts.recipients)})</option>
            <option value="excluded">Excluded, any reason ({formatCount(excludedOf(counts))})</option>
            <option value="nested-group">Nested groups ({formatCount(counts.nestedGroups)})</option>
            {REASON_CODES.map((code) => (
              <option key={code} value={code}>
                {OUTCOME_WORDS[code].short} ({formatCount(counts.excluded[code])})
              </option>
            ))}
          </select>
        </div>
        {summary.groups.length > 1 && (
          <div class="field">
            <label for="rcp-segment">Recipient of group</label>
            <select
              id="rcp-segment"
              value={filter.segment === null ? '' : String(filter.segment)}
              aria-describedby="rcp-segment-hint"
              onChange={(event) => {
                const value = (event.currentTarget as HTMLSelectElement).value;
                recipients.setSegment(value === '' ? null : Number(value));
              }}
            >
              <option value="">Any group</option>
              {summary.groups.map((group, position) =>
                group.found ? (
                  <option key={group.id} value={String(position)}>
                    {groupName(summary, position)}
                  </option>
                ) : null,
              )}
            </select>
            <span class="visually-hidden" id="rcp-segment-hint">
              Shows only recipients, those the chosen group syncs (its segment).
            </span>
          </div>
        )}
        <div class="field field-grow">
          <label for="rcp-search">Search name or address</label>
          <input
            id="rcp-search"
            type="search"
            value={recipients.searchText.value}
            autoComplete="off"
            spellcheck={false}
            onInput={(event) => recipients.setSearch((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </div>
      <p class="row-count" role="status" aria-live="polite">
        {total === null ? (
          'Counting…'
        ) : (
          <>
            <strong class="tnum">{formatCount(total)}</strong> of{' '}
            <span class="tnum">{formatCount(counts.reached)}</span> rows
            {recipients.counting.value ? ' (updating…)' : ''}
          </>
        )}
      </p>
      {total === 0 && !recipients.counting.value ? (
        // In place of the table, not under an empty one.
        <p class="empty">Nothing matches. Clear the search or pick another outcome.</p>
      ) : (
        <RecipientTable
          state={recipients}
          rowHeight={narrow ? 84 : 36}
          pageScroll={narrow}
          label={`${scopeLabel}: ${outcomeLabel}`}
        />
      )}
    </>
  );
}
