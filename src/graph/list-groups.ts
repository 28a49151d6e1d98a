// Every group of the tenant, for the group picker: a handful of attributes, pages of 999 followed
// to the end. Not stored in a snapshot. A page that still fails after retries ends the list early;
// the answer says so (`read.status` partial or failed) rather than passing a short list off as all.
import type { Cloud, ReadEntry } from '../core/snapshot-schema.ts';
import { type GraphReaderDeps, startRun } from './graph-run.ts';
import { type GroupSummary, groupSummaryPage } from './graph-schemas.ts';
import { PAGE_SIZE } from './read-members.ts';
import { collectionWork, newRead, toEntry } from './read-state.ts';

export const GROUP_SUMMARY_SELECT =
  'id,displayName,mail,groupTypes,mailEnabled,securityEnabled,visibility,membershipRule,membershipRuleProcessingState,onPremisesSyncEnabled';

export interface ListGroupsRequest {
  cloud: Cloud;
  graphBaseUrl?: string;
}

export interface GroupList {
  groups: GroupSummary[];
  /** How the list was read: `complete`, or `partial`/`failed` with the reason. */
  read: ReadEntry;
}

export async function listGroups(request: ListGroupsRequest, deps: GraphReaderDeps): Promise<GroupList> {
  const run = startRun(request.cloud, request.graphBaseUrl, deps);
  const read = newRead('/groups');
  const groups: GroupSummary[] = [];
  run.setPhase('groups');
  await run.runRounds([
    collectionWork(
      run.context,
      read,
      { url: `/groups?$select=${GROUP_SUMMARY_SELECT}&$top=${PAGE_SIZE}` },
      groupSummaryPage,
      (items) => {
        groups.push(...items);
        return [];
      },
    ),
  ]);
  run.setPhase('done');
  return { groups, read: toEntry(read) };
}
