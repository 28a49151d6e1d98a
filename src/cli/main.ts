// Node entry of the command line. `npm run cli` runs it bundled (bundle.mjs, through bin.mjs) with
// plain node; `tsx src/cli/main.ts` runs these sources directly.
import { createNodeIo } from './node-io.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
