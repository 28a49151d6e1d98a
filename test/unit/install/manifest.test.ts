// The web app manifest (public/manifest.webmanifest): valid for Chromium's install criteria, linked
// from index.html, relative so the app installs from any sub-path, and every file it names exists,
// is the size it claims and is precached (so the installed app starts offline).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_FILES } from '../../../vite.config.ts';

const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path));

interface Icon {
  src: string;
  sizes: string;
  type: string;
  purpose: string;
}

const manifest = JSON.parse(read('public/manifest.webmanifest').toString('utf8')) as {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  id: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: Icon[];
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('web app manifest', () => {
  it('has what Chromium needs to offer "Install app"', () => {
    expect(manifest.name).toMatch(/dirsync-preflight/);
    expect(manifest.short_name.length).toBeLessThanOrEqual(20);
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.filter((icon) => icon.type === 'image/png').map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('uses only relative URLs, so it installs under any sub-path', () => {
    for (const url of [manifest.start_url, manifest.scope, manifest.id, ...manifest.icons.map((i) => i.src)])
      expect(url, url).not.toMatch(/^(\/|[a-z]+:)/i);
    const base = 'https://example.test/tools/preflight/manifest.webmanifest';
    expect(new URL(manifest.start_url, base).href).toBe('https://example.test/tools/preflight/');
    expect(new URL(manifest.scope, base).href).toBe('https://example.test/tools/preflight/');
  });

  it('names icons that exist at the sizes it claims, PNG and SVG', () => {
    for (const icon of manifest.icons) {
      const bytes = read(join('public', icon.src));
      if (icon.type === 'image/png') expect(pngSize(bytes), icon.src).toBe(icon.sizes);
      else expect(bytes.toString('utf8'), icon.src).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
    }
  });

  it('is linked from index.html with a theme colour for light and for dark', () => {
    const html = read('index.html').toString('utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    expect(html).toMatch(
      /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)" \/>/,
    );
    expect(html).toMatch(
      /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)" \/>/,
    );
  });

  it('is precached with every icon, and the service worker serves them', () => {
    expect([...INSTALL_FILES].sort()).toEqual(
      ['manifest.webmanifest', ...manifest.icons.map((icon) => icon.src)].sort(),
    );
    const appFile = /const APP_FILE = (\/.+\/);/.exec(read('public/sw.js').toString('utf8'))?.[1] ?? '';
    const pattern = new RegExp(appFile.slice(1, -1));
    for (const file of INSTALL_FILES) expect(pattern.test(file), file).toBe(true);
  });
});
