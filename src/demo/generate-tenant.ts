// Generates the snapshot (snapshot-format.md, version 1) of an invented tenant from a seed, for the
// built-in demo, tests and benchmarks. Pure and deterministic: the same options give byte-identical
// JSON, and "now" is `capturedAt`, never the clock. The snapshot looks as the Graph reader would
// record a selection-based read: the selected groups, every group nested below them, their direct
// members, $count for the selected ones (service principals show only there), and one complete
// `reads` entry per request; no whole-directory `users` or `contacts`.

import { GRAPH_APP_ID } from '../core/ids.ts';
import type { Cloud, ReadEntry, Snapshot, SnapshotV1 } from '../core/snapshot-schema.ts';
import { toSnapshotV2 } from '../core/snapshot-v2.ts';
import { type AppMistake, generateApp, generateSubscribedSkus } from './app-registration.ts';
import { type GroupShape, type MemberObject, planGroups } from './group-plan.ts';
import { INITIAL_DOMAIN, TENANT_DOMAIN, TENANT_NAME } from './names.ts';
import { generatePeople } from './people.ts';
import { createRandom } from './random.ts';

export type GenerateOptions = GroupShape & {
  seed: number | string;
  /** Users in the tenant; the selected groups draw their members from them (not all are reached). */
  users: number;
  capturedAt: string;
  cloud: Cloud;
  /** The one planted mistake of the app registration, or `none` for a tenant that is ready. */
  appMistake: AppMistake;
};

/** The reader asks for $top=999, Graph's largest page for /members. */
const MEMBERS_PAGE_SIZE = 999;
const LICENSED_SHARE = 0.9;

/** The tenant as a version 2 snapshot, as writers write it (the demo file, tests of the core). */
export function generateSnapshot(options: GenerateOptions): Snapshot {
  return toSnapshotV2(generateTenant(options));
}

/**
 * The tenant as version 1, each group's members inline: the shape Graph answers in, which the fake
 * Graph serves and the benchmark writes as its version 1 files.
 */
export function generateTenant(options: GenerateOptions): SnapshotV1 {
  const capturedAtMs = Date.parse(options.capturedAt);
  if (Number.isNaN(capturedAtMs)) {
    throw new RangeError(`capturedAt is not an ISO-8601 date-time: ${options.capturedAt}`);
  }
  const random = createRandom(options.seed);
  const tenantId = random.guid();
  const app = generateApp(random, tenantId, capturedAtMs, options.appMistake);
  const people = generatePeople(random, options.users);
  const plan = planGroups(random, people, options);
  const subscribedSkus = generateSubscribedSkus(random, tenantId, Math.round(options.users * LICENSED_SHARE));

  const members: Record<string, MemberObject[]> = {};
  for (const node of plan.groups) members[node.group.id] = node.members;
  const memberCounts: Record<string, number> = {};
  for (const node of plan.selected) {
    memberCounts[node.group.id] = node.members.length + node.hiddenServicePrincipals;
  }

  const complete = (path: string, items: number, pageSize = Number.POSITIVE_INFINITY): ReadEntry => ({
    path,
    status: 'complete',
    pages: Math.max(1, Math.ceil(items / pageSize)),
    items,
    httpStatus: null,
    error: null,
  });
  const reads: ReadEntry[] = [
    complete('/organization', 1),
    complete('/applications', 1),
    complete('/servicePrincipals', 1),
    complete(`/servicePrincipals(appId='${GRAPH_APP_ID}')`, 1),
    complete(
      `/servicePrincipals/${app.servicePrincipal?.id}/appRoleAssignments`,
      app.appRoleAssignments.length,
    ),
    {
      path: '/oauth2PermissionGrants',
      status: 'skipped',
      pages: 0,
      items: 0,
      httpStatus: null,
      error: 'not read: it needs Directory.Read.All',
    },
    complete('/subscribedSkus', subscribedSkus.length),
    ...plan.selected.map((node) => complete(`/groups/${node.group.id}`, 1)),
    ...plan.selected.map((node) => complete(`/groups/${node.group.id}/members/$count`, 1)),
    ...plan.groups.map((node) =>
      complete(`/groups/${node.group.id}/members`, node.members.length, MEMBERS_PAGE_SIZE),
    ),
  ];

  return {
    format: 'dirsync-snapshot',
    version: 1,
    capturedAt: options.capturedAt,
    cloud: options.cloud,
    tenant: {
      id: tenantId,
      displayName: TENANT_NAME,
      countryLetterCode: 'US',
      tenantType: 'AAD',
      verifiedDomains: [
        {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: true,
          isInitial: false,
          name: TENANT_DOMAIN,
          type: 'Managed',
        },
        {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: false,
          isInitial: true,
          name: INITIAL_DOMAIN,
          type: 'Managed',
        },
      ],
    },
    app,
    subscribedSkus,
    selection: {
      groupIds: plan.selected.map((node) => node.group.id),
      usernameFallback: false,
      syncContacts: false,
    },
    notFound: [],
    groups: plan.groups.map((node) => node.group),
    memberCounts,
    members,
    reads,
  };
}
