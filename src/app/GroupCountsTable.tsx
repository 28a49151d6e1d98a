// Each selected group's counts beside Entra's, then the audience: the numbers an admin compares
// with what the portal shows. Numbers are right-aligned with tabular figures so digits line up.
// On a narrow screen the table scrolls sideways under a fixed group column, with its title above.
import type { CountsSummary, PreviewSummary } from '../core/preview-summary.ts';
import { REASON_CODES } from '../core/recipient-rules.ts';
import { formatCount } from './format.ts';
import { SnapshotText } from './SnapshotText.tsx';

const excludedOf = (counts: CountsSummary) =>
  REASON_CODES.reduce((sum, code) => sum + counts.excluded[code], 0);

export function GroupCountsTable({ summary }: { summary: PreviewSummary }) {
  return (
    <section
      class="table-wrap"
      aria-labelledby="group-counts-title"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: on a narrow screen the table scrolls sideways, so it must take focus to scroll by keyboard
      tabIndex={0}
    >
      <p class="table-title" id="group-counts-title">
        Selected groups, each counted as if synced alone, and the audience (their union)
      </p>
      <table class="numbers" aria-labelledby="group-counts-title">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" class="num">
              Entra members
            </th>
            <th scope="col" class="num">
              Listed direct
            </th>
            <th scope="col" class="num">
              Reached
            </th>
            <th scope="col" class="num">
              Nested groups
            </th>
            <th scope="col" class="num">
              Excluded
            </th>
            <th scope="col" class="num">
              Recipients
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.groups.map((group) => (
            <tr key={group.id}>
              <th scope="row">
                {group.found ? (
                  <SnapshotText value={group.displayName ?? group.id} />
                ) : (
                  <span>
                    <span aria-hidden="true">✖ </span>Not found:{' '}
                    <code>
                      <SnapshotText value={group.id} address />
                    </code>
                  </span>
                )}
              </th>
              <td class="num">{formatCount(group.memberCount)}</td>
              <td class="num">{formatCount(group.direct)}</td>
              <td class="num">{formatCount(group.reached)}</td>
              <td class="num">{formatCount(group.nestedGroups)}</td>
              <td class="num">{formatCount(excludedOf(group))}</td>
              <td class="num strong">{formatCount(group.recipients)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Audience (union)</th>
            <td class="num" />
            <td class="num" />
            <td class="num">{formatCount(summary.audience.reached)}</td>
            <td class="num">{formatCount(summary.audience.nestedGroups)}</td>
            <td class="num">{formatCount(excludedOf(summary.audience))}</td>
            <td class="num strong" data-testid="audience-recipients">
              {formatCount(summary.audience.recipients)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
