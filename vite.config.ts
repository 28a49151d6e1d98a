// Vite builds two HTML entries: the app and MSAL v5's redirect bridge page (popup and silent
// renewal finish there). Workers are ES modules. Vitest runs in Node by default; component and
// state tests opt into happy-dom with a `// @vitest-environment happy-dom` comment.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { headersFile, metaTagFor, staticWebAppConfig } from './src/serve/host-configs.ts';

/** The web app manifest and its icons (public/): cached so the installed app starts offline. */
export const INSTALL_FILES = [
  'manifest.webmanifest',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
  'icons/icon-maskable-512.png',
];

/** Writes precache.json: every file of the build, for the offline service worker (public/sw.js). */
function precacheManifest(): Plugin {
  return {
    name: 'dirsync-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['./', ...Object.keys(bundle), 'demo/demo-tenant.json', ...INSTALL_FILES]
        .filter((file) => file !== 'redirect.html' && !file.endsWith('.map'))
        .sort();
      // The version changes whenever any cached byte does, so a new build replaces the old cache.
      const hash = createHash('sha256');
      for (const item of Object.values(bundle)) hash.update(item.type === 'chunk' ? item.code : item.source);
      for (const file of ['demo/demo-tenant.json', ...INSTALL_FILES])
        hash.update(readFileSync(`public/${file}`));
      const version = hash.digest('hex').slice(0, 16);
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ version, files }) });
    },
  };
}

/** The build's HTML entries: the app and MSAL v5's redirect bridge page. */
const PAGES = { main: 'index.html', redirect: 'redirect.html' } as const;

const CSP_MARKER = '<!-- Content-Security-Policy: written by vite.config.ts from src/serve/headers.ts -->';

/**
 * The host configurations from the one header source (src/serve/headers.ts): the <meta> policy of
 * each page in place of its marker, and staticwebapp.config.json and _headers beside the build.
 */
function hostConfigs(): Plugin {
  return {
    name: 'dirsync-host-configs',
    transformIndexHtml(html, context) {
      if (!html.includes(CSP_MARKER)) throw new Error(`${context.path} has no ${CSP_MARKER} marker`);
      const page = context.path.endsWith('redirect.html') ? '/redirect.html' : '/index.html';
      return html.replace(CSP_MARKER, metaTagFor(page));
    },
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync('public', { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${entry.parentPath.slice('public'.length + 1)}/${entry.name}`.replace(/^\//, ''));
      // The pages are emitted after this hook runs: named from the build's inputs instead.
      const files = [
        ...new Set([...Object.keys(bundle), ...Object.values(PAGES), ...publicFiles, 'precache.json']),
      ];
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(files) });
      this.emitFile({
        type: 'asset',
        fileName: 'staticwebapp.config.json',
        source: `${JSON.stringify(staticWebAppConfig(), null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  // Relative URLs throughout the build, so dist/ can be served from any sub-path (the manifest's
  // start_url and scope are relative too).
  base: './',
  plugins: [preact(), precacheManifest(), hostConfigs()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: PAGES,
    },
  },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    // Timeouts only catch a hang, never judge speed (that is `npm run bench`): generous enough for a
    // property test on a 2-core machine loaded several times over. They can fire only while the
    // test yields to the event loop; test/support/fake-graph.ts answers in a later task for that.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
