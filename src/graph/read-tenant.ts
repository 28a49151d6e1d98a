// Reads a tenant into a snapshot (snapshot-format.md): the organization, the sync app's
// registration and service principal with its app role assignments, Graph's own service principal
// (to name permissions), the licences, each selected group with Entra's member count, the members
// walk, and contacts when on. Everything goes out in rounds of batched requests; a read that still
// fails after retries is recorded in `reads` and the snapshot is thereby incomplete. Only an
// unreadable organization or a refused token fails the whole run.
import { idKey, isGuid } from '../core/ids.ts';
import type { Cloud, SnapshotGroup, SnapshotV1, SubscribedSku } from '../core/snapshot-schema.ts';
import { GraphReadError } from './errors.ts';
import type { GraphOutcome } from './graph-client.ts';
import { type GraphReaderDeps, startRun } from './graph-run.ts';
import { describeIssue, groupSchema, pages, parseCount } from './graph-schemas.ts';
import { readApp } from './read-app.ts';
import { createMemberWalk, PAGE_SIZE } from './read-members.ts';
import {
  collectionWork,
  FIRST,
  LATE,
  markComplete,
  markFailed,
  newRead,
  type ReadState,
  skippedRead,
  toEntry,
  type Work,
} from './read-state.ts';

export const GROUP_SELECT =
  'id,displayName,description,mail,mailEnabled,securityEnabled,groupTypes,visibility,membershipRule,membershipRuleProcessingState,onPremisesSyncEnabled';
export const CONTACT_SELECT = 'id,displayName,givenName,surname,mail';

export interface ReadTenantRequest {
  /** The sync app's Application (client) ID. */
  clientId: string;
  /** Selected group object ids, in the order chosen. */
  groupIds: readonly string[];
  syncContacts: boolean;
  usernameFallback: boolean;
  cloud: Cloud;
  /** Overrides the cloud's Graph host (the reader appends /v1.0). */
  graphBaseUrl?: string;
  /** Read oauth2PermissionGrants (needs Directory.Read.All); otherwise that read is `skipped`. */
  readPermissionGrants: boolean;
}

type Tenant = SnapshotV1['tenant'];
type Contact = NonNullable<SnapshotV1['contacts']>[number];

export async function readTenantSnapshot(
  request: ReadTenantRequest,
  deps: GraphReaderDeps,
): Promise<SnapshotV1> {
  checkIds(request);
  const capturedAt = deps.now().toISOString();
  const run = startRun(request.cloud, request.graphBaseUrl, deps);
  const { context } = run;

  // A holder, not a `let`: TypeScript cannot see assignments made in handlers.
  const organization: { tenant: Tenant | null } = { tenant: null };
  const organizationRead = newRead('/organization');
  const organizationWork = collectionWork(
    context,
    organizationRead,
    { url: '/organization' },
    pages.organization,
    (items) => {
      organization.tenant ??= items[0] ?? null;
      return [];
    },
    FIRST,
  );

  const appReads = readApp(context, request.clientId, request.readPermissionGrants);

  const subscribedSkus: SubscribedSku[] = [];
  const skusRead = newRead('/subscribedSkus');
  const skusWork = collectionWork(
    context,
    skusRead,
    { url: '/subscribedSkus' },
    pages.subscribedSku,
    (items) => {
      subscribedSkus.push(...items);
      return [];
    },
    LATE,
  );

  const contacts: Contact[] = [];
  const contactsRead = request.syncContacts
    ? newRead('/contacts')
    : skippedRead('/contacts', 'contacts are off');
  const contactsWork = request.syncContacts
    ? [
        collectionWork(
          context,
          contactsRead,
          { url: `/contacts?$select=${CONTACT_SELECT}&$top=${PAGE_SIZE}` },
          pages.contact,
          (items) => {
            contacts.push(...items);
            return [];
          },
        ),
      ]
    : [];

  const walk = createMemberWalk(context);
  const selected = uniqueIds(request.groupIds);
  const groupObjects = new Map<string, SnapshotGroup>();
  const notFound = new Set<string>();
  const counts = new Map<string, number>();
  const groupReads = new Map<string, { object: ReadState; count: ReadState }>();
  const groupWork: Work[] = [];
  for (const id of selected) {
    const key = idKey(id);
    const object = newRead(`/groups/${id}`);
    const count = newRead(`/groups/${id}/members/$count`);
    groupReads.set(key, { object, count });
    const path = `/groups/${encodeURIComponent(id)}`;
    groupWork.push({
      request: { url: `${path}?$select=${GROUP_SELECT}` },
      priority: LATE,
      handle(outcome) {
        const group = readGroupObject(object, outcome, notFound, key);
        if (group) {
          groupObjects.set(key, group);
          context.countItems(1);
        }
        return [];
      },
    });
    groupWork.push({
      // Not LATE: the count tells how many pages the group has, which paces the rounds.
      request: { url: `${path}/members/$count`, headers: { ConsistencyLevel: 'eventual' } },
      handle(outcome) {
        if (!outcome.ok) markFailed(count, outcome.status, outcome.error);
        else {
          const value = parseCount(outcome.body);
          if (value === null) markFailed(count, outcome.status, 'the $count answer was not a number');
          else {
            counts.set(key, value);
            markComplete(count, 1, 1);
          }
        }
        return [];
      },
    });
    const members = walk.visit(id);
    if (members) groupWork.push(members);
  }

  const fixed = [organizationWork, ...appReads.work, skusWork, ...contactsWork];
  run.setPhase('tenant');
  await run.runRounds(
    [...fixed, ...groupWork],
    () => {
      if (organizationRead.status !== 'pending' && organization.tenant === null) {
        const why = organizationRead.error ?? 'Graph listed no organization';
        throw new GraphReadError(
          'organization_unreadable',
          `could not read the organization (${why})`,
          organizationRead.httpStatus,
        );
      }
      const { known, done } = walk.progress();
      run.setGroups(known, done);
      run.setPhase('members');
    },
    () => {
      // Rounds the longest known page chain still needs: a selected group's pages left by its count.
      let rounds = 1;
      for (const [key, count] of counts) {
        const read = walk.readOf(key);
        if (read?.status !== 'pending') continue;
        rounds = Math.max(rounds, Math.ceil(count / PAGE_SIZE) - read.pages);
      }
      return rounds;
    },
  );

  const walked = walk.finish(selected);
  // A selected id Graph does not know is a finding: every read under it answered 404 for that reason.
  const groupSection = selected.flatMap((id) => {
    const key = idKey(id);
    const own = groupReads.get(key);
    const members = walked.selectedReads.get(key);
    const trio = [own?.object, own?.count, members].filter((read): read is ReadState => read !== undefined);
    if (notFound.has(key)) for (const read of trio) if (read.httpStatus === 404) settleNotFound(read);
    return trio;
  });
  const { app, reads: appSection } = appReads.finish();
  const reads = [
    organizationRead,
    ...appSection,
    skusRead,
    contactsRead,
    ...groupSection,
    ...walked.nestedReads,
  ];
  const tenant = organization.tenant;
  if (tenant === null) throw new GraphReadError('organization_unreadable', 'could not read the organization');
  run.setPhase('done');
  return {
    format: 'dirsync-snapshot',
    version: 1,
    capturedAt,
    cloud: request.cloud,
    tenant,
    app,
    subscribedSkus,
    selection: {
      groupIds: [...request.groupIds],
      usernameFallback: request.usernameFallback,
      syncContacts: request.syncContacts,
    },
    notFound: selected.filter((id) => notFound.has(idKey(id))),
    groups: [...selected.flatMap((id) => groupObjects.get(idKey(id)) ?? []), ...walked.nestedGroups],
    memberCounts: Object.fromEntries(
      selected.flatMap((id) => {
        const value = counts.get(idKey(id));
        return value === undefined || notFound.has(idKey(id)) ? [] : [[id, value]];
      }),
    ),
    members: walked.members,
    ...(request.syncContacts && contactsRead.pages > 0 ? { contacts } : {}),
    reads: reads.map(toEntry),
  };
}

function readGroupObject(
  read: ReadState,
  outcome: GraphOutcome,
  notFound: Set<string>,
  key: string,
): SnapshotGroup | null {
  if (!outcome.ok) {
    if (outcome.status === 404) notFound.add(key);
    markFailed(read, outcome.status, outcome.error);
    return null;
  }
  const parsed = groupSchema.safeParse(outcome.body);
  if (!parsed.success) {
    markFailed(read, outcome.status, `Graph's answer had an unexpected shape ${describeIssue(parsed.error)}`);
    return null;
  }
  markComplete(read, 1, 1);
  const { '@odata.context': _context, ...group } = parsed.data;
  return group;
}

function settleNotFound(read: ReadState): void {
  read.status = 'complete';
  read.error = null;
}

function uniqueIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = idKey(id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkIds(request: ReadTenantRequest): void {
  if (!isGuid(request.clientId)) {
    throw new GraphReadError('invalid_request', `the client id "${request.clientId}" is not a GUID`);
  }
  const bad = request.groupIds.find((id) => !isGuid(id));
  if (bad !== undefined) throw new GraphReadError('invalid_request', `the group id "${bad}" is not a GUID`);
}
