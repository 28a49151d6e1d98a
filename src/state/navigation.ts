// The app's place in the URL, so Back and Forward move between views, a reload reopens the same
// view (a stored snapshot from IndexedDB by its id) and a link can be bookmarked. The place is the
// query string (`?view=report&snapshot=<id>&tab=recipients`): any static host serves index.html for
// it with no rewrite rule, under any sub-path, and the hash stays free for MSAL's redirect answers.
// Each view registers a ViewRoute (what its place is while shown, and how to show one); a new view
// is routed by adding one to the list in main.tsx. Only ids and fixed words reach the URL, never a
// name, an address or a search text. Surprising: while a place from the URL is being shown (which
// can take a worker round-trip) state changes do not write the URL; the place reached is written
// once at the end, replacing the entry, so a missing snapshot leaves the start page's URL.
import { effect, untracked } from '@preact/signals';

export type RouteParams = Readonly<Record<string, string>>;

export interface ViewRoute {
  /** The value of `?view=`. */
  readonly name: string;
  /**
   * This view's place while it is the one shown, else null; undefined while it is shown but its
   * place is not known yet (a snapshot being stored): the URL is then left alone. Reads signals.
   */
  current(): RouteParams | null | undefined;
  /** Shows the place; false when it cannot (the start page is shown instead). */
  show(params: RouteParams): Promise<boolean>;
  /** Parameters whose change alone replaces the history entry instead of adding one (filters). */
  readonly minor?: readonly string[];
}

/** The part of window.history and window.location that navigation uses (a fake in tests). */
export interface HistoryPort {
  /** `location.search`: '' or '?…'. */
  search(): string;
  push(search: string): void;
  replace(search: string): void;
  /** Calls back on Back/Forward (popstate); returns the unsubscribe. */
  onPop(listener: () => void): () => void;
}

export interface NavigationDeps {
  readonly views: readonly ViewRoute[];
  /** Shows the start page (closes whatever view is open). */
  home(): void;
  readonly history: HistoryPort;
}

export interface Navigation {
  /** Shows the place in the URL, then keeps the URL following the state. */
  start(): Promise<void>;
  dispose(): void;
}

/** `?view=<name>&<params>` in a fixed order (view first, then the view's own order), or '' for home. */
export function formatPlace(view: string | null, params: RouteParams = {}): string {
  if (view === null) return '';
  const query = new URLSearchParams({ view });
  for (const [key, value] of Object.entries(params)) if (key !== 'view') query.set(key, value);
  return `?${query.toString()}`;
}

export function parsePlace(search: string): { view: string | null; params: Record<string, string> } {
  const query = new URLSearchParams(search);
  const params: Record<string, string> = {};
  for (const [key, value] of query) if (key !== 'view') params[key] = value;
  return { view: query.get('view'), params };
}

export function createNavigation(deps: NavigationDeps): Navigation {
  const { views, history } = deps;
  let applying = 0;
  let generation = 0;
  let stopEffect: (() => void) | null = null;
  let stopPop: (() => void) | null = null;

  /** The place shown, or null while the view shown does not know its place yet. */
  const placeNow = (): { view: ViewRoute | null; search: string } | null => {
    for (const view of views) {
      const params = view.current();
      if (params === undefined) return null;
      if (params !== null) return { view, search: formatPlace(view.name, params) };
    }
    return { view: null, search: '' };
  };

  const normalised = (search: string): string => {
    const { view, params } = parsePlace(search);
    return formatPlace(view, params);
  };

  /** Only the view's minor parameters differ: same view, same everything else. */
  const minorChange = (view: ViewRoute | null, from: string, to: string): boolean => {
    if (view === null || view.minor === undefined) return false;
    const a = parsePlace(from);
    const b = parsePlace(to);
    if (a.view !== view.name || b.view !== view.name) return false;
    const keys = new Set([...Object.keys(a.params), ...Object.keys(b.params)]);
    for (const key of keys) {
      if (!view.minor.includes(key) && a.params[key] !== b.params[key]) return false;
    }
    return true;
  };

  const write = (place: { view: ViewRoute | null; search: string }) => {
    const now = normalised(history.search());
    if (place.search === now) return;
    if (minorChange(place.view, now, place.search)) history.replace(place.search);
    else history.push(place.search);
  };

  const apply = async () => {
    const mine = ++generation;
    applying++;
    try {
      const { view: name, params } = parsePlace(history.search());
      const view = name === null ? undefined : views.find((candidate) => candidate.name === name);
      if (view === undefined) deps.home();
      else if (!(await view.show(params)) && mine === generation) deps.home();
    } finally {
      applying--;
    }
    if (applying === 0 && mine === generation) {
      const place = untracked(placeNow);
      if (place !== null && place.search !== normalised(history.search())) history.replace(place.search);
    }
  };

  return {
    async start() {
      stopPop = history.onPop(() => void apply());
      await apply();
      stopEffect = effect(() => {
        const place = placeNow();
        if (applying === 0 && place !== null) write(place);
      });
    },
    dispose() {
      stopEffect?.();
      stopPop?.();
    },
  };
}
