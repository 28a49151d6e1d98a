// `npm start`: serves the production build in dist/ (the npm script builds it just before) the way a
// host must, with the same server and headers as the end-to-end tests, on http://localhost:5173, or
// the next free port when that one is taken; PORT=<n> asks for one port and fails if it is taken.
// `tsx src/serve/main.ts <folder>` serves another build folder the same way.
// Not the Vite dev server (`npm run dev`): that one re-optimises dependencies on first use and
// reloads the page, which loses whatever the admin had just opened.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type StaticServer, startStaticServer } from './static-server.ts';

const DEFAULT_PORT = 5173;
const PORTS_TO_TRY = 20;
const dist = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../dist'));

async function listen(): Promise<StaticServer> {
  const asked = process.env.PORT;
  if (asked !== undefined && asked !== '') {
    const port = Number(asked);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`PORT=${asked} is not a port number`);
    return startStaticServer({ root: dist, port });
  }
  for (let port = DEFAULT_PORT; ; port++) {
    try {
      return await startStaticServer({ root: dist, port });
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || port >= DEFAULT_PORT + PORTS_TO_TRY - 1) throw error;
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(
      `${join(dist, 'index.html')} is missing: build first (npm run build), or run npm start, which builds.`,
    );
    process.exit(2);
  }
  const server = await listen();
  const url = server.url.replace('127.0.0.1', 'localhost');
  console.log(`dirsync-preflight: the production build at ${url}/  (Ctrl-C to stop)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
