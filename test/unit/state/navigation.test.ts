// The place in the URL (issue 15, item 2), over a fake history and views made of signals: state
// changes push entries (filters replace), Back shows the earlier place, a place that cannot be shown
// falls back to the start page, and nothing is written while a place from the URL is being shown.
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import {
  createNavigation,
  formatPlace,
  type HistoryPort,
  parsePlace,
  type ViewRoute,
} from '../../../src/state/navigation.ts';
import { until } from '../../support/wait.ts';

function fakeHistory(initial = '') {
  const entries = [initial];
  let index = 0;
  let listener: (() => void) | null = null;
  const port: HistoryPort = {
    search: () => entries[index] ?? '',
    push(search) {
      entries.splice(index + 1, entries.length, search);
      index = entries.length - 1;
    },
    replace(search) {
      entries[index] = search;
    },
    onPop(next) {
      listener = next;
      return () => {
        listener = null;
      };
    },
  };
  return {
    port,
    entries,
    at: () => index,
    back() {
      index--;
      listener?.();
    },
    forward() {
      index++;
      listener?.();
    },
  };
}

/** One "report" view: which snapshot is open, its tab, and a filter (minor). */
function reportView(known = new Set(['s1', 's2'])) {
  const open = signal<string | null>(null);
  const tab = signal('overview');
  const filter = signal<string | null>(null);
  const shown: string[] = [];
  const view: ViewRoute = {
    name: 'report',
    minor: ['outcome'],
    current: () =>
      open.value === null
        ? null
        : {
            snapshot: open.value,
            tab: tab.value,
            ...(filter.value === null ? {} : { outcome: filter.value }),
          },
    async show(params) {
      shown.push(formatPlace('report', params));
      if (params.snapshot === undefined || !known.has(params.snapshot)) return false;
      await Promise.resolve();
      open.value = params.snapshot;
      tab.value = params.tab ?? 'overview';
      filter.value = params.outcome ?? null;
      return true;
    },
  };
  return { view, open, tab, filter, shown };
}

describe('formatPlace and parsePlace', () => {
  it('round-trip, view first, and the start page is the bare page', () => {
    expect(formatPlace(null)).toBe('');
    const search = formatPlace('report', { snapshot: 'a b&c', tab: 'export' });
    expect(search).toBe('?view=report&snapshot=a+b%26c&tab=export');
    expect(parsePlace(search)).toEqual({ view: 'report', params: { snapshot: 'a b&c', tab: 'export' } });
    expect(parsePlace('')).toEqual({ view: null, params: {} });
  });
});

describe('createNavigation', () => {
  it('pushes an entry per view or tab, replaces for a filter, and Back/Forward show those places', async () => {
    const history = fakeHistory();
    const report = reportView();
    let homes = 0;
    const navigation = createNavigation({
      views: [report.view],
      home: () => {
        homes++;
        report.open.value = null;
      },
      history: history.port,
    });
    await navigation.start();
    expect(homes).toBe(1);

    report.open.value = 's1';
    report.tab.value = 'recipients';
    report.filter.value = 'disabled';
    report.filter.value = 'no-email';
    expect(history.entries).toEqual([
      '',
      '?view=report&snapshot=s1&tab=overview',
      '?view=report&snapshot=s1&tab=recipients&outcome=no-email',
    ]);

    history.back();
    await until(() => expect(report.tab.value).toBe('overview'));
    expect(report.filter.value).toBeNull();
    history.back();
    await until(() => expect(report.open.value).toBeNull());
    expect(history.entries).toHaveLength(3);

    history.forward();
    await until(() => expect(report.open.value).toBe('s1'));
    history.forward();
    await until(() => expect(report.filter.value).toBe('no-email'));
    expect(report.open.value).toBe('s1');
    expect(report.filter.value).toBe('no-email');
    expect(history.at()).toBe(2);
    navigation.dispose();
  });

  it('a reload shows the place in the URL without adding an entry', async () => {
    const history = fakeHistory('?view=report&snapshot=s2&tab=export');
    const report = reportView();
    const navigation = createNavigation({ views: [report.view], home: () => {}, history: history.port });
    await navigation.start();
    expect(report.open.value).toBe('s2');
    expect(report.tab.value).toBe('export');
    expect(history.entries).toEqual(['?view=report&snapshot=s2&tab=export']);
    navigation.dispose();
  });

  it('a place that cannot be shown (a deleted snapshot, an unknown view) becomes the start page, replaced', async () => {
    for (const search of ['?view=report&snapshot=gone', '?view=nonsense&x=1']) {
      const history = fakeHistory(search);
      const report = reportView();
      let homes = 0;
      const navigation = createNavigation({
        views: [report.view],
        home: () => homes++,
        history: history.port,
      });
      await navigation.start();
      expect(homes).toBe(1);
      expect(history.entries).toEqual(['']);
      navigation.dispose();
    }
  });

  it('writes nothing while a view does not know its place yet', async () => {
    const history = fakeHistory();
    const pending = signal(true);
    const view: ViewRoute = {
      name: 'report',
      current: () => (pending.value ? undefined : { snapshot: 's1' }),
      show: async () => true,
    };
    const navigation = createNavigation({ views: [view], home: () => {}, history: history.port });
    await navigation.start();
    expect(history.entries).toEqual(['']);
    pending.value = false;
    expect(history.entries).toEqual(['', '?view=report&snapshot=s1']);
    navigation.dispose();
  });
});
