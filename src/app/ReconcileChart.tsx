// The comparison in the count explanation's visual language: the snapshot's prediction comes down
// to `matched` (minus those missing from HQ's list), and HQ's list comes down to the same `matched`
// (minus those excluded now and those outside the scope) — the two sides meet in the middle row.
// Each row is also the table behind the picture; a bar whose people can be listed is a button.
import type { PeopleClass, ReconcileView } from '../worker/reconcile-jobs.ts';
import { formatCount } from './format.ts';
import { Bar } from './Waterfall.tsx';

interface Step {
  key: string;
  label: string;
  note: string | null;
  kind: 'total' | 'add' | 'subtract' | 'meet';
  value: number;
  from: number;
  to: number;
  cls: PeopleClass | null;
}

export function reconcileSteps(view: ReconcileView): Step[] {
  const { counts, predicted, list } = view;
  const matched = counts.matched;
  const excluded = counts['excluded-but-listed'];
  const outside = counts['outside-scope'];
  return [
    {
      key: 'predicted',
      label: 'Predicted by this snapshot',
      note: 'recipients of the scope',
      kind: 'total',
      value: predicted,
      from: 0,
      to: predicted,
      cls: null,
    },
    {
      key: 'missing',
      label: 'Not in HQ’s list yet',
      note: 'missing-from-list: join at the next sync',
      kind: 'subtract',
      value: counts['missing-from-list'],
      from: matched,
      to: predicted,
      cls: 'missing-from-list',
    },
    {
      key: 'matched',
      label: 'Matched: in both',
      note: counts.renamed > 0 ? `${formatCount(counts.renamed)} with another name in HQ’s list` : null,
      kind: 'meet',
      value: matched,
      from: 0,
      to: matched,
      cls: 'matched',
    },
    {
      key: 'excluded',
      label: 'In HQ’s list, excluded now',
      note: 'excluded-but-listed: leave at the next sync',
      kind: 'add',
      value: excluded,
      from: matched,
      to: matched + excluded,
      cls: 'excluded-but-listed',
    },
    {
      key: 'outside',
      label: 'In HQ’s list, outside the scope',
      note: 'outside-scope: not brought by these groups',
      kind: 'add',
      value: outside,
      from: matched + excluded,
      to: list.addresses,
      cls: 'outside-scope',
    },
    {
      key: 'list',
      label: 'Addresses in HQ’s list',
      note: `${formatCount(list.rows)} rows: also ${formatCount(list.duplicates)} repeated, ${formatCount(list.invalid)} without a usable address`,
      kind: 'total',
      value: list.addresses,
      from: 0,
      to: list.addresses,
      cls: null,
    },
  ];
}

export function ReconcileChart({
  view,
  onShow,
}: {
  view: ReconcileView;
  onShow: (cls: PeopleClass) => void;
}) {
  const steps = reconcileSteps(view);
  const max = Math.max(1, view.predicted, view.list.addresses);
  const signed = (step: Step) =>
    step.kind === 'add'
      ? `+${formatCount(step.value)}`
      : step.kind === 'subtract'
        ? `−${formatCount(step.value)}`
        : formatCount(step.value);
  return (
    <table class="waterfall reconcile-chart">
      <caption class="visually-hidden">
        The snapshot’s prediction and HQ’s list, meeting in the people matched
      </caption>
      <colgroup>
        <col class="wf-col-label" />
        <col />
        <col class="wf-col-count" />
      </colgroup>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Bar</th>
          <th scope="col">Count</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr
            key={step.key}
            class={`wf-row wf-${step.kind === 'meet' ? 'total wf-meet' : step.kind}`}
            data-step={step.key}
          >
            <th scope="row" class="wf-label">
              {step.label}
              {step.note && <span class="wf-note">{step.note}</span>}
            </th>
            <td class="wf-bar">
              {step.cls === null ? (
                <Bar step={step} max={max} />
              ) : (
                <button
                  type="button"
                  class="bar-button"
                  onClick={() => onShow(step.cls as PeopleClass)}
                  aria-label={`List these ${formatCount(step.value)}: ${step.label}`}
                >
                  <Bar step={step} max={max} />
                </button>
              )}
            </td>
            <td class="wf-count num">{signed(step)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
