// The selection (guide sections 7–8 and 11): at most 15 distinct groups and at least one, each id a
// group Graph can read with the permissions granted, and dynamic groups backed by Entra ID P1. An
// id Graph does not know may be an Exchange dynamic distribution group, which Graph never shows:
// the fix says so, since that is where an admin would look for one.

import { inlineText } from '../display-text.ts';
import {
  EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE,
  GROUP_LIMIT,
  type GroupTraits,
  type SelectedGroupInfo,
} from './classify-groups.ts';
import { type AuditContext, listWords } from './context.ts';
import { type CheckResult, result, skip } from './types.ts';

export function checkGroupLimit(context: AuditContext): CheckResult {
  const { groups, portal } = context;
  const evidence = {
    selected: groups.used + groups.repeatedIds.length,
    distinct: groups.used,
    limit: GROUP_LIMIT,
    free: groups.free,
    repeatedIds: groups.repeatedIds,
  };
  const findIds = `${portal.groupsPlace()} → open the group → Overview → Object Id`;
  if (groups.used > GROUP_LIMIT)
    return result('group-limit', 'fail', {
      evidence,
      fix: `${groups.used} groups are selected; the sync takes at most ${GROUP_LIMIT}. Keep ${GROUP_LIMIT} or fewer: a group that nests the others (e.g. an all-staff group) brings all their members in one slot, because nested groups are synced.`,
    });
  if (groups.used === 0)
    return result('group-limit', 'warn', {
      evidence,
      severity: 'high',
      fix: `No group is selected, so no one would be synced: "Sync entire directory" is not operational for this sync type. Select up to ${GROUP_LIMIT} groups, e.g. an all-staff group, and send their Object Ids (${findIds}).`,
      portalLink: portal.groupsLink(),
    });
  if (groups.repeatedIds.length > 0)
    return result('group-limit', 'warn', {
      evidence,
      severity: 'low',
      fix: `Selected more than once: ${listWords(groups.repeatedIds)}. List each Object Id once in the optional fields.`,
    });
  return result('group-limit', 'pass', { evidence });
}

const nameOf = (info: SelectedGroupInfo): string => info.traits?.displayName ?? info.id;

function selectedEvidence(context: AuditContext, info: SelectedGroupInfo) {
  const group = context.preview.groups[info.position];
  return {
    id: info.id,
    displayName: info.traits?.displayName ?? null,
    status: info.status,
    objectType: info.objectType,
    kind: info.traits?.kind ?? null,
    direct: info.direct,
    memberCount: group?.memberCount ?? null,
    membersRead: info.membersRead,
    hiddenMembership: info.traits?.hiddenMembership ?? false,
    dynamic: info.traits?.dynamic ?? false,
  };
}

export function checkSelectedGroups(context: AuditContext): CheckResult {
  const { groups, portal } = context;
  if (groups.selected.length === 0) return skip('selected-groups', 'no group is selected (see group-limit)');
  const missing = groups.selected.filter((g) => g.status === 'not-found');
  const wrongType = groups.selected.filter((g) => g.status === 'not-a-group');
  const unread = groups.selected.filter((g) => g.status === 'not-read');
  const empty = groups.selected.filter((g) => g.status === 'found' && g.membersRead && g.direct === 0);
  const hidden = groups.selected.filter((g) => g.traits?.unmet.includes('Member.Read.Hidden'));
  const evidence: Record<string, unknown> = {
    groups: groups.selected.map((info) => selectedEvidence(context, info)),
    notFound: missing.map((g) => g.id),
    notAGroup: wrongType.map((g) => ({ id: g.id, objectType: g.objectType })),
    notRead: unread.map((g) => g.id),
    empty: empty.map((g) => g.id),
    hiddenWithoutPermission: hidden.map((g) => g.id),
  };
  if (missing.length > 0) evidence.note = EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE;
  const lines: string[] = [];
  const objectId = `${portal.groupsPlace()} → open the group → Overview → Object Id`;
  if (missing.length > 0)
    lines.push(
      `${listWords(missing.map((g) => g.id))}: Graph knows no such object in ${context.tenantName} (404). Check the Object Id (${objectId}); it may have been deleted, or belong to another tenant.`,
      `If it is an Exchange dynamic distribution group: ${EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE}`,
    );
  for (const g of wrongType)
    lines.push(
      `${g.id} is a ${g.objectType ?? 'directory object'}, not a group: copy the group's own Object Id (${objectId}).`,
    );
  const fail = lines.length > 0;
  if (unread.length > 0)
    lines.push(
      `${listWords(unread.map((g) => g.id))} could not be read in this snapshot; read the tenant again to check ${unread.length > 1 ? 'them' : 'it'}.`,
    );
  for (const g of empty) lines.push(emptyGroupFix(context, g));
  if (hidden.length > 0)
    lines.push(
      `${listWords(hidden.map(nameOf))} ${hidden.length > 1 ? 'hide their' : 'hides its'} membership, which Graph shows only to apps holding Member.Read.Hidden: ${portal.appPlace(context.appName, 'API permissions')} → + Add a permission → Microsoft Graph → Application permissions → Member.Read.Hidden → Add permissions → Grant admin consent for ${context.tenantName}. Or select a group whose membership is not hidden.`,
    );
  if (lines.length === 0) return result('selected-groups', 'pass', { evidence });
  const first = [...wrongType, ...empty, ...hidden][0];
  return result('selected-groups', fail ? 'fail' : 'warn', {
    evidence,
    severity: fail ? 'high' : 'medium',
    fix: lines.join('\n'),
    portalLink:
      first !== undefined && first.status === 'found'
        ? portal.groupLink(first.id)
        : hidden.length > 0
          ? portal.appLink(context.clientId ?? '', 'CallAnAPI')
          : null,
  });
}

function emptyGroupFix(context: AuditContext, info: SelectedGroupInfo): string {
  const traits = info.traits as GroupTraits;
  const name = nameOf(info);
  const count = context.preview.groups[info.position]?.memberCount ?? null;
  const place = context.portal.groupsPlace(name, 'Members');
  if (count !== null && count > 0)
    return `${name} has no direct members Graph lists, though Entra counts ${count}: those are objects the sync cannot bring (such as service principals). Add the people themselves, or a group of them: ${place} → + Add members.`;
  if (traits.dynamicPaused)
    return `${name} is a dynamic group whose rule processing is paused and that has no members: nothing will sync until processing resumes (see dynamic-groups-license).`;
  if (traits.dynamic)
    return `${name} is a dynamic group whose rule matches no one yet (or Entra is still processing it): check the rule under ${context.portal.groupsPlace(name, 'Dynamic membership rules')}.`;
  return `${name} has no members, so it brings no one: ${place} → + Add members, or select another group.`;
}

export function checkDynamicGroupsLicense(context: AuditContext): CheckResult {
  const { groups, license, portal } = context;
  const dynamic = [
    ...groups.selected.flatMap((g) => (g.traits?.dynamic ? [{ ...g.traits, selected: true }] : [])),
    ...groups.nested.filter((g) => g.dynamic).map((g) => ({ ...g, selected: false })),
  ];
  const evidence = {
    dynamicGroups: dynamic.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      selected: g.selected,
      membershipRule: g.membershipRule,
      paused: g.dynamicPaused,
    })),
    skusRead: license.read,
    premiumPlans: license.plans.map((p) => ({
      sku: p.skuPartNumber,
      plan: p.servicePlanName,
      capabilityStatus: p.capabilityStatus,
    })),
  };
  if (dynamic.length === 0) return result('dynamic-groups-license', 'pass', { evidence });
  if (!license.read)
    return skip(
      'dynamic-groups-license',
      '/subscribedSkus was not read, so whether Entra ID P1 is active cannot be told',
      evidence,
    );
  const names = listWords(dynamic.map((g) => g.displayName ?? g.id));
  if (!license.active)
    return result('dynamic-groups-license', 'fail', {
      evidence,
      fix: [
        `${names} ${dynamic.length > 1 ? 'have' : 'has'} dynamic membership, which needs Microsoft Entra ID P1 or P2 (included in e.g. Microsoft 365 E3/E5 and Business Premium), and no active P1 or P2 plan was found (${portal.licensesPlace()}).`,
        `Get P1 for the tenant, or make the group assigned (${portal.groupsPlace(inlineText(dynamic[0]?.displayName ?? ''), 'Properties')} → Membership type: Assigned; the current members stay) and maintain its members by hand.`,
      ].join('\n'),
      portalLink: portal.licensesLink(),
    });
  const paused = dynamic.filter((g) => g.dynamicPaused);
  if (paused.length > 0)
    return result('dynamic-groups-license', 'warn', {
      evidence,
      severity: 'medium',
      fix: [
        `Rule processing is paused for ${listWords(paused.map((g) => g.displayName ?? g.id))}: people who join or leave no longer change the group, so the weekly sync keeps stale members ("My group is not up-to-date").`,
        `Ask a Groups Administrator to resume it with Microsoft Graph PowerShell: Connect-MgGraph -Scopes Group.ReadWrite.All, then Update-MgGroup -GroupId ${paused[0]?.id ?? '<id>'} -MembershipRuleProcessingState On (once per group).`,
      ].join('\n'),
      portalLink: paused[0] ? portal.groupLink(paused[0].id) : null,
    });
  return result('dynamic-groups-license', 'pass', { evidence });
}
