// One waterfall: each step a row with its name, a bar on a shared scale and its number, so the
// chart is also the table behind it (screen readers read the rows; numbers never hide in the
// picture). A bar whose people can be listed is a button: click it or press Enter on it.
import type { Outcome } from '../core/row-query.ts';
import { formatCount } from './format.ts';
import type { Waterfall as WaterfallData, WaterfallStep } from './waterfall.ts';

const WIDTH = 1000;

const signed = (step: WaterfallStep) =>
  step.kind === 'add'
    ? `+${formatCount(step.value)}`
    : step.kind === 'subtract'
      ? `−${formatCount(step.value)}`
      : formatCount(step.value);

/** What a bar needs: its kind (the bar's class) and its extent on the shared count axis. */
export interface BarExtent {
  readonly kind: string;
  readonly from: number;
  readonly to: number;
  readonly value: number;
}

/** One bar on a shared scale (the count explanation's and the reconcile chart's). */
export function Bar({ step, max }: { step: BarExtent; max: number }) {
  const x = (step.from / max) * WIDTH;
  const width = Math.max(step.value === 0 ? 0 : 3, ((step.to - step.from) / max) * WIDTH);
  return (
    <svg
      class={`bar bar-${step.kind}`}
      viewBox={`0 0 ${WIDTH} 20`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="bar-track" x="0" y="0" width={WIDTH} height="20" />
      <rect class="bar-fill" x={x} y="2" width={width} height="16" rx="2" />
    </svg>
  );
}

export function Waterfall({
  data,
  caption,
  scopeName,
  onShow,
}: {
  data: WaterfallData;
  caption: string;
  /** Whose waterfall (the audience or a group), named in each bar's button: one page holds several. */
  scopeName: string;
  onShow: (outcomes: Outcome[]) => void;
}) {
  return (
    <table class="waterfall">
      <caption class="visually-hidden">{caption}</caption>
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
        {data.steps.map((step) => (
          <tr key={step.key} class={`wf-row wf-${step.kind}`} data-step={step.key}>
            <th scope="row" class="wf-label">
              {step.label}
              {step.note && <span class="wf-note">{step.note}</span>}
            </th>
            <td class="wf-bar">
              {step.outcomes === null ? (
                <Bar step={step} max={data.max} />
              ) : (
                <button
                  type="button"
                  class="bar-button"
                  onClick={() => onShow(step.outcomes as Outcome[])}
                  aria-label={`List these ${formatCount(step.value)}: ${step.label} (${scopeName})`}
                >
                  <Bar step={step} max={data.max} />
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
