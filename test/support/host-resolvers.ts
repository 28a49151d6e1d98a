// What each host would send for a path, given its configuration file: a small model of each host's
// documented matching rules, so tests can hold every generated config equal to src/serve/headers.ts.
// - Azure Static Web Apps: globalHeaders, replaced header by header by the first matching route
//   (learn.microsoft.com, "Configure Azure Static Web Apps", Global headers / Routes).
// - Netlify and Cloudflare Pages `_headers`: a path gets the headers of every matching block; one
//   header set twice is joined with ", " (developers.cloudflare.com/pages/configuration/headers).
// - nginx (no regex locations): `location = x` exact first, else the longest prefix; the add_header
//   lines of the chosen location only.
import type { StaticWebAppConfig } from '../../src/serve/host-configs.ts';

type Headers = Record<string, string>;

const wildcard = (pattern: string, path: string): boolean =>
  pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;

export function staticWebAppHeaders(config: StaticWebAppConfig, path: string): Headers {
  const route = config.routes.find((candidate) => wildcard(candidate.route, path));
  return { ...config.globalHeaders, ...(route?.headers ?? {}) };
}

export interface HeaderBlock {
  readonly pattern: string;
  readonly headers: Headers;
}

export function parseHeadersFile(text: string): HeaderBlock[] {
  const blocks: Array<{ pattern: string; headers: Headers }> = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      blocks.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const block = blocks.at(-1);
    const colon = line.indexOf(':');
    if (block === undefined || colon < 0) throw new Error(`not a header line: ${line}`);
    block.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return blocks;
}

/** The blocks that match `path`, and the headers a Cloudflare/Netlify host would send. */
export function headersFileHeaders(
  blocks: readonly HeaderBlock[],
  path: string,
): { matched: number; headers: Headers } {
  const headers: Headers = {};
  const matching = blocks.filter((block) => wildcard(block.pattern, path));
  for (const block of matching) {
    for (const [name, value] of Object.entries(block.headers))
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { matched: matching.length, headers };
}

interface NginxLocation {
  readonly modifier: '=' | '^~' | '';
  readonly prefix: string;
  readonly headers: Headers;
}

export function parseNginx(text: string): NginxLocation[] {
  const locations: NginxLocation[] = [];
  let current: { modifier: '=' | '^~' | ''; prefix: string; headers: Headers } | null = null;
  for (const line of text.split('\n')) {
    const open = /^\s*location\s+(=|\^~)?\s*(\S+)\s*\{\s*$/.exec(line);
    if (open !== null) {
      current = { modifier: (open[1] ?? '') as '=' | '^~' | '', prefix: open[2] ?? '', headers: {} };
      locations.push(current);
      continue;
    }
    const header = /^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;\s*$/.exec(line);
    if (header !== null) {
      if (current === null) throw new Error(`add_header outside a location: ${line}`);
      current.headers[header[1] ?? ''] = header[2] ?? '';
      continue;
    }
    if (/^\s*}\s*$/.test(line)) current = null;
  }
  return locations;
}

export function nginxHeaders(locations: readonly NginxLocation[], path: string): Headers {
  const exact = locations.find((location) => location.modifier === '=' && location.prefix === path);
  if (exact !== undefined) return exact.headers;
  // With no regex locations, the longest matching prefix wins, `^~` or not.
  const longest = locations
    .filter((location) => location.modifier !== '=' && path.startsWith(location.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return longest?.headers ?? {};
}
