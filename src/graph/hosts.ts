// Which Graph host a read may talk to. The bearer token goes to one origin only: the cloud's Graph
// host (or the `--graph-url` override), so every URL the reader fetches is built from that base,
// and a nextLink Graph hands back is followed only when it points at the same origin under /v1.0.
import type { Cloud } from '../core/snapshot-schema.ts';
import { GraphReadError } from './errors.ts';

/** Microsoft Graph per cloud. GCC Moderate uses the global host; GCC High and DoD L4 use .us. */
export const GRAPH_HOSTS: Readonly<Record<Cloud, string>> = {
  global: 'https://graph.microsoft.com',
  usgov: 'https://graph.microsoft.us',
};

export const GRAPH_VERSION_PATH = '/v1.0';

/**
 * The base URL requests are built on: the override when given, else the cloud's host. An
 * override may carry a path prefix (a proxy); it must be http(s) without query or fragment, and
 * must not end in /v1.0 because the reader appends that itself.
 */
export function resolveGraphBase(cloud: Cloud, override?: string): string {
  if (override === undefined) return GRAPH_HOSTS[cloud];
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new GraphReadError('invalid_request', `the Graph URL "${override}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GraphReadError('invalid_request', `the Graph URL "${override}" is not http(s)`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new GraphReadError('invalid_request', `the Graph URL "${override}" must be a plain base URL`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v1\.0$/i.test(path)) {
    throw new GraphReadError(
      'invalid_request',
      `the Graph URL "${override}" ends in /v1.0: give the base only, the reader appends /v1.0`,
    );
  }
  return `${url.origin}${path}`;
}

/**
 * A nextLink (absolute) as a URL relative to /v1.0, or null when it points anywhere but `base`
 * under /v1.0 — such a link is refused, never fetched, so the token cannot leak.
 */
export function relativeToVersion(link: string, base: string): string | null {
  let url: URL;
  let baseUrl: URL;
  try {
    url = new URL(link);
    baseUrl = new URL(base);
  } catch {
    return null;
  }
  if (url.origin !== baseUrl.origin || url.username !== '' || url.password !== '') return null;
  const prefix = `${baseUrl.pathname.replace(/\/+$/, '')}${GRAPH_VERSION_PATH}/`;
  if (!url.pathname.startsWith(prefix)) return null;
  return `/${url.pathname.slice(prefix.length)}${url.search}`;
}

/** The absolute URL of a request relative to /v1.0 ("/groups/…?…"). */
export function absoluteUrl(base: string, relative: string): string {
  return `${base}${GRAPH_VERSION_PATH}${relative.startsWith('/') ? relative : `/${relative}`}`;
}

/** The origin a built URL must have; checked again right before every fetch. */
export function isOnBase(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** A read's `path` for `reads`: after /v1.0, without the query string. */
export function readPath(relative: string): string {
  const query = relative.indexOf('?');
  return query === -1 ? relative : relative.slice(0, query);
}
