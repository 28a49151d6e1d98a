// Offline service worker. It caches the app's own built files (listed in precache.json, written
// at build time by vite.config.ts) and serves only same-origin GET requests for them. It never
// touches anything else: sign-in (login.microsoftonline.*) and Graph (graph.microsoft.*) requests
// are cross-origin and pass straight to the network, and redirect.html (MSAL's bridge page) is
// always fetched from the network so a sign-in response is never answered from a cache.
const MANIFEST = 'precache.json';
const APP_FILE = /^(assets\/|demo\/|icons\/|manifest\.webmanifest$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch(MANIFEST, { cache: 'no-store' })).json();
      const cache = await caches.open(`dirsync-preflight-${manifest.version}`);
      await cache.addAll(manifest.files);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch(MANIFEST, { cache: 'no-store' }).catch(() => null))
        ?.json()
        .catch(() => null);
      const keep = manifest ? `dirsync-preflight-${manifest.version}` : null;
      for (const name of await caches.keys()) {
        if (name.startsWith('dirsync-preflight-') && keep !== null && name !== keep)
          await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate') {
    if (path === 'redirect.html') return;
    // Network first for the page itself, so a new version is picked up; the cached copy offline.
    event.respondWith(
      // The build's manifest lists the page as './' (index.html itself is no bundle file), so any
      // navigation inside the scope falls back to that entry.
      fetch(request).catch(
        async () =>
          (await caches.match(request, { ignoreSearch: true })) ?? caches.match(self.registration.scope),
      ),
    );
    return;
  }
  // Only the build's own files (assets/…, demo/…, the manifest and its icons); anything else (favicon.ico, precache.json, sw.js)
  // goes to the network untouched, so offline it fails as it would without a service worker.
  if (!APP_FILE.test(path)) return;
  event.respondWith(
    (async () => {
      const cached = await caches.match(request);
      return cached ?? fetch(request);
    })(),
  );
});
