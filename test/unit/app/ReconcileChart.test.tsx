// @vitest-environment happy-dom
// The comparison chart as rendered: the prediction comes down to `matched` and HQ's list comes down
// to the same row, the numbers read back from the page add up on both sides, and each class's bar
// is a named button that lists those people.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ReconcileChart, reconcileSteps } from '../../../src/app/ReconcileChart.tsx';
import type { PeopleClass, ReconcileView } from '../../../src/worker/reconcile-jobs.ts';

const view: ReconcileView = {
  fileName: 'hq.csv',
  group: null,
  complete: true,
  delimiter: ',',
  addressHeader: 'Email',
  nameHeader: 'Name',
  list: { rows: 1195, addresses: 1187, duplicates: 5, invalid: 3 },
  predicted: 1240,
  counts: {
    matched: 1180,
    'missing-from-list': 60,
    'excluded-but-listed': 3,
    'outside-scope': 4,
    renamed: 2,
  },
};

const readNumber = (text: string) => (text.startsWith('−') ? -1 : 1) * Number(text.replace(/[^\d]/g, ''));

describe('ReconcileChart', () => {
  it('meets in matched from both sides, and the numbers add up', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const shown: PeopleClass[] = [];
    act(() => render(<ReconcileChart view={view} onShow={(cls) => shown.push(cls)} />, root));
    const count = (step: string) =>
      readNumber(root.querySelector(`[data-step="${step}"] .wf-count`)?.textContent ?? '');
    expect(count('predicted') + count('missing')).toBe(count('matched'));
    expect(count('matched') + count('excluded') + count('outside')).toBe(count('list'));
    expect(root.querySelector('[data-step="matched"]')?.textContent).toContain('2 with another name');

    const buttons = [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual([
      'List these 60: Not in HQ’s list yet',
      'List these 1,180: Matched: in both',
      'List these 3: In HQ’s list, excluded now',
      'List these 4: In HQ’s list, outside the scope',
    ]);
    act(() => (root.querySelectorAll('button')[2] as HTMLButtonElement).click());
    expect(shown).toEqual(['excluded-but-listed']);
    root.remove();
  });

  it('draws each change from where the matched bar ends', () => {
    const steps = Object.fromEntries(reconcileSteps(view).map((step) => [step.key, step]));
    expect(steps.missing).toMatchObject({ from: 1180, to: 1240 });
    expect(steps.excluded).toMatchObject({ from: 1180, to: 1183 });
    expect(steps.outside).toMatchObject({ from: 1183, to: 1187 });
  });
});
