// @vitest-environment happy-dom
// The count explanation as rendered for the demo tenant: each waterfall's numbers, read back from
// the page, add up to the recipients shown, and a bar lists its people when clicked.
import { readFileSync } from 'node:fs';
// happy-dom gives import.meta.url an http scheme; tests run from the repository root.
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ExplainPanel } from '../../../src/app/ExplainPanel.tsx';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';
import { computePreview } from '../../../src/core/preview.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import type { Outcome } from '../../../src/core/row-query.ts';

const parsed = parseSnapshotText(readFileSync(resolve('public/demo/demo-tenant.json'), 'utf8'));
if (!parsed.ok) throw new Error('the demo snapshot does not parse');
const summary = summarizePreview(computePreview(parsed.data));

/** "1,234" / "−12" / "+5" in the reader's locale back to numbers. */
function readNumber(text: string): number {
  const sign = text.startsWith('−') ? -1 : 1;
  return sign * Number(text.replace(/[^\d]/g, ''));
}

function mount() {
  const shown: Array<['audience' | number, Outcome[]]> = [];
  const root = document.createElement('div');
  document.body.append(root);
  act(() =>
    render(
      <ExplainPanel summary={summary} onShow={(scope, outcomes) => shown.push([scope, outcomes])} />,
      root,
    ),
  );
  return { root, shown };
}

describe('ExplainPanel', () => {
  it('shows one waterfall for the audience and one per found group, whose numbers add up', () => {
    const { root } = mount();
    const tables = [...root.querySelectorAll('table.waterfall')];
    expect(tables).toHaveLength(1 + summary.groups.filter((group) => group.found).length);
    const expectedRecipients = [
      summary.audience.recipients,
      ...summary.groups.map((group) => group.recipients),
    ];
    tables.forEach((table, at) => {
      const rows = [...table.querySelectorAll('tbody tr')].map((row) => ({
        step: row.getAttribute('data-step'),
        value: readNumber(row.querySelector('.wf-count')?.textContent ?? ''),
      }));
      const reached = rows.find((row) => row.step === 'reached')?.value ?? Number.NaN;
      const afterReached = rows.slice(rows.findIndex((row) => row.step === 'reached') + 1);
      const last = afterReached.pop();
      expect(last?.step).toBe('recipients');
      expect(reached + afterReached.reduce((sum, row) => sum + row.value, 0)).toBe(last?.value);
      expect(last?.value).toBe(expectedRecipients[at]);
    });
  });

  it('writes the numbers as sentences too', () => {
    const { root } = mount();
    const first = summary.groups[0];
    const sentences = [...root.querySelectorAll('.sentence')].map((p) => p.textContent ?? '');
    const number = new Intl.NumberFormat();
    expect(sentences[1]).toContain(`Entra says ${number.format(first?.memberCount ?? 0)} members`);
    expect(sentences[1]).toContain(`${number.format(first?.recipients ?? 0)} will be synced`);
  });

  it('a bar is a button that lists its people for that scope', () => {
    const { root, shown } = mount();
    const group = root.querySelectorAll('table.waterfall')[1] as HTMLElement;
    const disabled = group.querySelector('tr[data-step="disabled"] button') as HTMLButtonElement;
    const name = summary.groups[0]?.displayName ?? '';
    expect(disabled.getAttribute('aria-label')).toMatch(/^List these \S+: Disabled accounts \(.+\)$/);
    // The group's name is snapshot text: isolated (FSI … PDI) by the plain-text sink, issue #10.
    expect(disabled.getAttribute('aria-label')).toContain(`(\u2068${name}\u2069)`);
    act(() => disabled.click());
    expect(shown).toEqual([[0, ['disabled']]]);
    // Entra's own count is no set of rows: nothing to click.
    expect(group.querySelector('tr[data-step="entra"] button')).toBeNull();
  });

  it('names the group in every bar, so no two buttons on the page share a name (WCAG 2.4.6)', () => {
    const { root } = mount();
    const names = [...root.querySelectorAll('table.waterfall button')].map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(names.length).toBeGreaterThan(summary.groups.length);
    expect(new Set(names).size).toBe(names.length);
  });
});
