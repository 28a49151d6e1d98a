// Entry: creates the state with its real dependencies (the worker, fetch) and renders the app.
// First, before any zod schema is created (see the file).
import './core/zod-jitless.ts';
import { render } from 'preact';
import { App } from './app/App.tsx';
import './app/styles.css';
import { listGroups, readTenantSnapshot } from './graph/index.ts';
import { createAppRoutes } from './state/app-routes.ts';
import { createConnectState } from './state/connect-state.ts';
import { createLibraryState } from './state/library-state.ts';
import { createNavigation } from './state/navigation.ts';
import { createReportState } from './state/report-state.ts';
import { createSnapshotStore } from './storage/snapshot-store.ts';
import { createWorkerClient } from './worker/client.ts';

const worker = createWorkerClient(
  () => new Worker(new URL('./worker/preview.worker.ts', import.meta.url), { type: 'module' }) as never,
);

// Every snapshot opened is stored; the library opens stored ones through the report.
const library = createLibraryState({
  worker,
  openStore: (hooks) => createSnapshotStore(hooks),
  openStored: (content, id) => state.openStored(content, id),
});
void library.refresh();

const state = createReportState({
  worker,
  onOpened: (report) =>
    void library.keep(report).then((id) => {
      if (id !== null) routes.noteStored(report.content, id);
    }),
  demoUrl: `${import.meta.env.BASE_URL}demo/demo-tenant.json`,
  async fetchText(url, signal) {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.text();
  },
});

// MSAL arrives through loadAuth (a dynamic import), only when someone connects a tenant.
// redirectUriFor's rule (redirect.html beside index.html), without importing create-auth statically.
const redirectUri = new URL('redirect.html', window.location.href).href;
const connect = createConnectState({
  loadAuth: () => import('./auth/create-auth.ts'),
  readTenantSnapshot,
  listGroups,
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
  sessionStorage: window.sessionStorage,
  localStorage: window.localStorage,
  env: {
    VITE_CLIENT_ID_GLOBAL: import.meta.env.VITE_CLIENT_ID_GLOBAL,
    VITE_CLIENT_ID_USGOV: import.meta.env.VITE_CLIENT_ID_USGOV,
  },
  redirectUri,
  isOnline: () => navigator.onLine,
  openSnapshot: (text) => state.openText(text, { kind: 'live' }),
  // Back on this page while a sign-in pop-up is pending: focus (after leaving), a click or a key.
  watchReturn(listener) {
    let left = false;
    const leave = () => {
      left = true;
    };
    const focus = () => {
      if (left) listener();
    };
    const events = ['pointerdown', 'keydown'] as const;
    window.addEventListener('blur', leave);
    window.addEventListener('focus', focus);
    for (const event of events) window.addEventListener(event, listener, true);
    return () => {
      window.removeEventListener('blur', leave);
      window.removeEventListener('focus', focus);
      for (const event of events) window.removeEventListener(event, listener, true);
    };
  },
});
window.addEventListener('online', () => connect.setOnline(true));
window.addEventListener('offline', () => connect.setOnline(false));
void connect.resumeRedirect();

// The place in the URL (?view=…): Back/Forward move between views, a reload reopens the same one.
const routes = createAppRoutes(state, library, connect);
const navigation = createNavigation({
  views: routes.views,
  home: routes.home,
  history: {
    search: () => window.location.search,
    push: (search) => window.history.pushState(null, '', search === '' ? window.location.pathname : search),
    replace: (search) =>
      window.history.replaceState(null, '', search === '' ? window.location.pathname : search),
    onPop(listener) {
      window.addEventListener('popstate', listener);
      return () => window.removeEventListener('popstate', listener);
    },
  },
});
void navigation.start();

const root = document.getElementById('app') as HTMLElement;
// index.html's "Loading…" placeholder goes; Preact renders into an empty element.
root.replaceChildren();
render(<App state={state} library={library} connect={connect} redirectUri={redirectUri} />, root);

// Offline after one visit: the service worker (public/sw.js) caches the built files only. Not in
// development, where Vite serves modules that change on every edit.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
      // Without a service worker the app still works online; nothing to tell the admin here.
    });
  });
}
