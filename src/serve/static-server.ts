// The one static file server for the built app (dist/): `npm start` (serve/main.ts) and the
// end-to-end tests (with their fixtures mounted beside it) both use it, on 127.0.0.1 (a secure
// context, so WebCrypto works). It sends the headers a host must send (headers.ts). No SPA
// fallback: the app keeps its place in the query string, so every page is a real file, and a
// missing file is a 404, so a wrong asset path fails loudly.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { headersFor as hostHeadersFor } from './headers.ts';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServerOptions {
  /** Served at `/`. */
  readonly root: string;
  /** More folders at URL prefixes, e.g. `{ '/__e2e/auth-harness/': '/tmp/harness' }` (prefix ends in /). */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Headers per path; default: what a host must send (headers.ts). */
  readonly headersFor?: (pathname: string) => Record<string, string>;
  /** The port to listen on; default 0 (any free port). */
  readonly port?: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /**
   * Every path requested, in order, with its status: "200 /index.html". The browser's own fetch
   * of a service worker script (registration or update check) ends in SERVICE_WORKER_SCRIPT.
   */
  readonly log: string[];
  close(): Promise<void>;
}

/**
 * Marks a log entry as the browser fetching a service worker's script: the Service Workers spec's
 * Update algorithm sends `Service-Worker: script` with it, and Chromium's update checker (run by
 * the browser after a navigation to a controlled page, outside the page's network emulation)
 * does the same. https://w3c.github.io/ServiceWorker/#update-algorithm
 */
export const SERVICE_WORKER_SCRIPT = ' (service worker script)';

/** The file a URL path maps to, or null when it escapes its folder. */
function fileFor(pathname: string, root: string, mounts: Readonly<Record<string, string>>): string | null {
  let base = root;
  let rest = pathname;
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (pathname.startsWith(prefix)) {
      base = dir;
      rest = pathname.slice(prefix.length - 1);
      break;
    }
  }
  const absoluteBase = resolve(base);
  const file = resolve(join(absoluteBase, rest.endsWith('/') ? `${rest}index.html` : rest));
  return file === absoluteBase || file.startsWith(absoluteBase + sep) ? file : null;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const log: string[] = [];
  const headersFor = options.headersFor ?? ((pathname: string) => hostHeadersFor(pathname));
  const mounts = options.mounts ?? {};

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return 405;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end();
      return 400;
    }
    const file = fileFor(pathname, options.root, mounts);
    const info = file === null ? null : await stat(file).catch(() => null);
    if (file === null || info === null || !info.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return 404;
    }
    response.writeHead(200, {
      ...headersFor(pathname),
      'Content-Type': mimeTypeOf(file),
      'Content-Length': String(info.size),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
    return 200;
  };

  const server = createServer((request, response) => {
    answer(request, response).then(
      (status) =>
        log.push(
          `${status} ${request.url ?? ''}${request.headers['service-worker'] === 'script' ? SERVICE_WORKER_SCRIPT : ''}`,
        ),
      () => {
        log.push(`500 ${request.url ?? ''}`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
