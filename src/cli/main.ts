// Node entry of the command line (run through tsx, so no build step is needed).
import { createNodeIo } from './node-io.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
