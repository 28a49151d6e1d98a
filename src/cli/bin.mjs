// `npm run cli`: runs the command line's prebuilt bundle with plain node, rebuilding it first when
// a source changed (bundle.mjs). Plain JavaScript so that nothing needs compiling to start.
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.mjs';

await import(pathToFileURL(await ensureBundle()).href);
