// The sync app's side of a snapshot (`app`): its application object, its service principal, that
// principal's app role assignments (the application permissions actually granted), optionally its
// delegated oauth2PermissionGrants, and Microsoft Graph's own service principal, whose app roles
// turn permission ids into names. The assignments and grants need the principal's id, so they go
// out one round later.
import { GRAPH_APP_ID } from '../core/ids.ts';
import type { SnapshotApp } from '../core/snapshot-schema.ts';
import { describeIssue, graphServicePrincipalSchema, pages } from './graph-schemas.ts';
import { PAGE_SIZE } from './read-members.ts';
import {
  collectionWork,
  LATE,
  markComplete,
  markFailed,
  newRead,
  type ReadContext,
  type ReadState,
  skippedRead,
  type Work,
} from './read-state.ts';

/** Microsoft Graph's application id, the same in every tenant and cloud. */

export interface AppReads {
  work: Work[];
  /** The `app` section (null when neither the application nor its principal could be looked up) and its reads, in order. */
  finish(): { app: SnapshotApp | null; reads: ReadState[] };
}

export function filterEq(field: string, value: string): string {
  return `$filter=${encodeURIComponent(`${field} eq '${value}'`)}`;
}

export function readApp(context: ReadContext, clientId: string, readPermissionGrants: boolean): AppReads {
  let application: SnapshotApp['application'] | undefined;
  const applicationRead = newRead('/applications');
  const applicationWork = collectionWork(
    context,
    applicationRead,
    { url: `/applications?${filterEq('appId', clientId)}` },
    pages.application,
    (items) => {
      application ??= items[0];
      return [];
    },
    LATE,
  );

  let servicePrincipal: SnapshotApp['servicePrincipal'] | undefined;
  const servicePrincipalRead = newRead('/servicePrincipals');
  const appRoleAssignments: SnapshotApp['appRoleAssignments'] = [];
  let assignmentsRead: ReadState | null = null;
  let grants: NonNullable<SnapshotApp['oauth2PermissionGrants']> | null = null;
  let grantsRead: ReadState | null = readPermissionGrants
    ? null
    : skippedRead('/oauth2PermissionGrants', 'not requested (it needs Directory.Read.All)');
  const servicePrincipalWork = collectionWork(
    context,
    servicePrincipalRead,
    { url: `/servicePrincipals?${filterEq('appId', clientId)}` },
    pages.servicePrincipal,
    (items) => {
      const found = items[0];
      if (servicePrincipal !== undefined || found === undefined) return [];
      servicePrincipal = found;
      const spPath = `/servicePrincipals/${encodeURIComponent(found.id)}`;
      assignmentsRead = newRead(`/servicePrincipals/${found.id}/appRoleAssignments`);
      const follow = [
        collectionWork(
          context,
          assignmentsRead,
          { url: `${spPath}/appRoleAssignments?$top=${PAGE_SIZE}` },
          pages.appRoleAssignment,
          (assignments) => {
            appRoleAssignments.push(...assignments);
            return [];
          },
          LATE,
        ),
      ];
      if (readPermissionGrants) {
        const collected: NonNullable<SnapshotApp['oauth2PermissionGrants']> = [];
        grants = collected;
        grantsRead = newRead('/oauth2PermissionGrants');
        follow.push(
          collectionWork(
            context,
            grantsRead,
            { url: `/oauth2PermissionGrants?${filterEq('clientId', found.id)}` },
            pages.oauth2PermissionGrant,
            (page) => {
              collected.push(...page);
              return [];
            },
            LATE,
          ),
        );
      }
      return follow;
    },
  );

  // Graph's own principal by its alternate key: a distinct `reads` path, and a 404 if it is absent.
  let graphServicePrincipalId: string | null = null;
  let graphAppRoles: SnapshotApp['graphAppRoles'] = null;
  const graphSpRead = newRead(`/servicePrincipals(appId='${GRAPH_APP_ID}')`);
  const graphSpWork: Work = {
    request: { url: `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appRoles` },
    priority: LATE,
    handle(outcome) {
      if (!outcome.ok) {
        markFailed(graphSpRead, outcome.status, outcome.error);
        return [];
      }
      const parsed = graphServicePrincipalSchema.safeParse(outcome.body);
      if (!parsed.success) {
        markFailed(
          graphSpRead,
          outcome.status,
          `Graph's answer had an unexpected shape ${describeIssue(parsed.error)}`,
        );
        return [];
      }
      graphServicePrincipalId = parsed.data.id;
      graphAppRoles = (parsed.data.appRoles ?? []).map((role) => ({
        id: role.id,
        value: role.value ?? null,
      }));
      markComplete(graphSpRead, 1, 1);
      context.countItems(1);
      return [];
    },
  };

  return {
    work: [applicationWork, servicePrincipalWork, graphSpWork],
    finish() {
      const looked = applicationRead.status === 'complete' || servicePrincipalRead.status === 'complete';
      // No principal (looked up and absent) means no grants can exist: [] rather than "not read".
      const noPrincipal = servicePrincipalRead.status === 'complete' && servicePrincipal === undefined;
      const app: SnapshotApp | null = looked
        ? {
            clientId,
            application: application ?? null,
            servicePrincipal: servicePrincipal ?? null,
            appRoleAssignments,
            oauth2PermissionGrants: grants ?? (readPermissionGrants && noPrincipal ? [] : null),
            graphServicePrincipalId,
            graphAppRoles,
          }
        : null;
      const reads = [
        applicationRead,
        servicePrincipalRead,
        graphSpRead,
        ...(assignmentsRead ? [assignmentsRead] : []),
        ...(grantsRead ? [grantsRead] : []),
      ];
      return { app, reads };
    },
  };
}
