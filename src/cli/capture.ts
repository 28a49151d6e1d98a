// `capture`: reads a live tenant into a snapshot file with the same Graph reader as the browser,
// authenticated by the bearer token in GRAPH_TOKEN. Progress goes to stderr (throttling waits
// always, counters at most once a second); the one-line report to stdout. Exit 0 when every read
// completed, 1 when some read failed (the snapshot is still written, failures marked) or Graph
// refused the token or the organization, 2 for usage, 130 after Ctrl-C (nothing written). The file
// is version 2, gzip-compressed when --out ends in .gz. A static token cannot be refreshed, so a 401
// is retried once with the same token and then reported as refused. `--log` writes the read log
// (graph/read-log.ts), also when the read failed: that is when support needs Graph's request ids most.
import { gzipSync } from 'node:zlib';
import { findIncompleteReads } from '../core/completeness.ts';
import { isGuid } from '../core/ids.ts';
import { plural } from '../core/plural.ts';
import type { Cloud, Snapshot } from '../core/snapshot-schema.ts';
import { snapshotFileText, toSnapshotV2 } from '../core/snapshot-v2.ts';
import { GraphReadError } from '../graph/errors.ts';
import type { ReadProgress } from '../graph/graph-run.ts';
import { GRAPH_HOSTS, resolveGraphBase } from '../graph/hosts.ts';
import { createReadLog } from '../graph/read-log.ts';
import { readTenantSnapshot } from '../graph/read-tenant.ts';
import { parseArgs } from './args.ts';
import { type CliIo, type Command, UsageError } from './io.ts';
import { messageLine, oneLine } from './terminal.ts';

export const USAGE =
  'capture --client-id <sync app id> --groups <id,…> [--contacts] [--upn-fallback] [--cloud global|usgov] [--graph-url <base>] [--log <read-log.jsonl>] --out <snapshot.json>';
const GROUP_LIMIT = 15;
const PROGRESS_EVERY_MS = 1_000;
const TOKEN_HINT =
  'put a Microsoft Graph access token for the tenant in it, e.g. GRAPH_TOKEN=$(az account get-access-token --resource-type ms-graph --query accessToken -o tsv)';

export const runCapture: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    positionals: 0,
    usage: USAGE,
    flags: ['contacts', 'upn-fallback'],
    options: ['client-id', 'groups', 'cloud', 'graph-url', 'out', 'log'],
  });
  const required = (name: string) => {
    const value = parsed.options.get(name);
    if (value === undefined) throw new UsageError(`--${name} is required (usage: ${USAGE})`);
    return value;
  };
  const clientId = required('client-id').trim();
  if (!isGuid(clientId)) {
    throw new UsageError(
      `--client-id "${clientId}" is not a GUID (give the sync app's Application (client) ID)`,
    );
  }
  const groupIds = required('groups')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (groupIds.length === 0) throw new UsageError('--groups lists no group id');
  const badGroup = groupIds.find((id) => !isGuid(id));
  if (badGroup !== undefined)
    throw new UsageError(`--groups: "${badGroup}" is not a group object id (a GUID)`);
  const cloud = parsed.options.get('cloud') ?? 'global';
  if (!isCloud(cloud)) throw new UsageError(`--cloud is "${cloud}"; use global or usgov`);
  const graphUrl = parsed.options.get('graph-url');
  const base = checkedBase(cloud, graphUrl);
  const out = required('out');
  const logFile = parsed.options.get('log');
  if (logFile !== undefined && logFile === out) throw new UsageError('--log and --out name the same file');
  const token = io.env.GRAPH_TOKEN?.trim().replace(/^Bearer\s+/i, '');
  if (!token) throw new UsageError(`GRAPH_TOKEN is not set: ${TOKEN_HINT}`);
  if (groupIds.length > GROUP_LIMIT) {
    io.stderr(`warning: ${groupIds.length} groups selected; the sync accepts at most ${GROUP_LIMIT}\n`);
  }

  // From here Ctrl-C stops the read at once (every request and wait is cancelled) and nothing
  // is written: neither the snapshot nor the log.
  const interrupt = io.interruptSignal?.() ?? new AbortController().signal;
  const interrupted = () => {
    io.stderr('capture: interrupted; nothing was written\n');
    return 130;
  };
  const log = createReadLog();
  const writeLog = async () => {
    if (logFile === undefined) return;
    try {
      await io.writeTextAtomic(logFile, log.text());
    } catch (error) {
      throw new UsageError(
        `cannot write ${logFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  io.stderr(`capture: reading ${base} for ${plural(groupIds.length, 'group', 'groups')}…\n`);
  let snapshot: Snapshot;
  try {
    const read = await readTenantSnapshot(
      {
        clientId,
        groupIds,
        syncContacts: parsed.flags.get('contacts') === true,
        usernameFallback: parsed.flags.get('upn-fallback') === true,
        cloud,
        ...(graphUrl === undefined ? {} : { graphBaseUrl: graphUrl }),
        readPermissionGrants: false,
      },
      {
        getToken: async () => token,
        fetch: io.fetch,
        signal: interrupt,
        onProgress: createProgressPrinter(io, interrupt),
        now: () => io.now(),
        onLog: (entry) => log.add(entry),
      },
    );
    snapshot = toSnapshotV2(read);
  } catch (error) {
    if (interrupt.aborted) return interrupted();
    if (!(error instanceof GraphReadError)) throw error;
    if (error.code === 'invalid_request') throw new UsageError(error.message);
    await writeLog();
    io.stderr(`error: ${messageLine(error.message)}${hintFor(error, base)}; no snapshot was written\n`);
    return 1;
  }
  if (interrupt.aborted) return interrupted();

  try {
    const text = snapshotFileText(snapshot);
    if (out.toLowerCase().endsWith('.gz')) await io.writeBytesAtomic(out, gzipSync(text));
    else await io.writeTextAtomic(out, text);
  } catch (error) {
    throw new UsageError(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  await writeLog();
  const incomplete = findIncompleteReads(snapshot);
  // Paths and reasons come from Graph's answers: one capped line each, like every name printed.
  for (const read of incomplete)
    io.stderr(`warning: ${oneLine(read.path)}: ${read.status}: ${oneLine(read.reason)}\n`);
  const memberCount = Object.values(snapshot.members).reduce((n, list) => n + list.length, 0);
  const notFound =
    snapshot.notFound.length > 0
      ? `, ${plural(snapshot.notFound.length, 'selected id', 'selected ids')} not found`
      : '';
  const state =
    incomplete.length === 0
      ? 'complete'
      : `INCOMPLETE (${plural(incomplete.length, 'read', 'reads')} failed)`;
  io.stdout(
    `${out}: ${state}: ${plural(snapshot.groups.length, 'group', 'groups')}, ${memberCount} direct member entries${notFound}\n`,
  );
  return incomplete.length === 0 ? 0 : 1;
};

function isCloud(value: string): value is Cloud {
  return Object.hasOwn(GRAPH_HOSTS, value);
}

function checkedBase(cloud: Cloud, graphUrl: string | undefined): string {
  try {
    return resolveGraphBase(cloud, graphUrl);
  } catch (error) {
    if (error instanceof GraphReadError) throw new UsageError(`--graph-url: ${error.message}`);
    throw error;
  }
}

function hintFor(error: GraphReadError, base: string): string {
  if (error.code === 'token_refused') {
    return ` (is GRAPH_TOKEN expired, or issued for another cloud than ${base}? ${TOKEN_HINT})`;
  }
  if (error.code === 'organization_unreadable' && error.httpStatus === 403) {
    return ' (the signed-in account lacks a directory role that can read it: Global Reader is enough)';
  }
  if (error.code === 'organization_unreadable' && error.httpStatus === null) {
    return ` (is ${base} reachable?)`;
  }
  return '';
}

/** Counters at most once a second, phase changes and every wait Graph asks for, on stderr. */
function createProgressPrinter(io: CliIo, interrupt: AbortSignal): (progress: ReadProgress) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPhase = '';
  return (progress) => {
    if (interrupt.aborted) return;
    if (progress.waiting) {
      const seconds = (progress.waiting.ms / 1000).toFixed(1);
      const why =
        progress.waiting.status === null
          ? 'the connection failed'
          : `Graph answered ${progress.waiting.status}`;
      io.stderr(`capture: ${why}; waiting ${seconds} s before retrying\n`);
      return;
    }
    const now = io.now().getTime();
    if (progress.phase === lastPhase && now - lastAt < PROGRESS_EVERY_MS) return;
    lastAt = now;
    lastPhase = progress.phase;
    const groups = progress.groupsKnown > 0 ? `, groups ${progress.groupsRead}/${progress.groupsKnown}` : '';
    io.stderr(
      `capture: ${progress.phase}: ${progress.requests} requests (${progress.subRequests} Graph calls), ${progress.items} objects${groups}, ${progress.retries} retries\n`,
    );
  };
}
