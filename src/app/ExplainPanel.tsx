// Why Entra's member count and the recipient count differ: the audience, then each selected group
// counted as if synced alone, each as a sentence and a waterfall whose bars list their people.
import type { PreviewSummary } from '../core/preview-summary.ts';
import type { Outcome } from '../core/row-query.ts';
import { groupName } from './RecipientsPanel.tsx';
import { Waterfall } from './Waterfall.tsx';
import { audienceSentence, groupSentence, waterfallOf } from './waterfall.ts';

export function ExplainPanel({
  summary,
  onShow,
}: {
  summary: PreviewSummary;
  onShow: (scope: 'audience' | number, outcomes: Outcome[]) => void;
}) {
  return (
    <>
      <h2>Count explanation</h2>
      <p class="meta">
        From the member count Entra shows to the people Axios HQ will sync. Select a bar to list those people.
        {summary.complete ? '' : ' This snapshot is incomplete, so some counts may be low.'}
      </p>
      <section class="card explain" aria-labelledby="explain-audience">
        <h3 id="explain-audience">Audience (all selected groups)</h3>
        <p class="sentence">{audienceSentence(summary)}</p>
        <Waterfall
          data={waterfallOf(summary.audience)}
          caption="Audience: from objects reached to recipients"
          scopeName="Audience"
          onShow={(outcomes) => onShow('audience', outcomes)}
        />
      </section>
      {summary.groups.map((group, position) => (
        <section class="card explain" key={group.id} aria-labelledby={`explain-${position}`}>
          <h3 id={`explain-${position}`}>{groupName(summary, position)}</h3>
          <p class="sentence">{groupSentence(group)}</p>
          {group.found && (
            <Waterfall
              data={waterfallOf(group)}
              caption={`${groupName(summary, position)}: from Entra's member count to recipients`}
              scopeName={groupName(summary, position)}
              onShow={(outcomes) => onShow(position, outcomes)}
            />
          )}
        </section>
      ))}
    </>
  );
}
