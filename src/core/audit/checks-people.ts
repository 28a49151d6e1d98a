// The people and groups the sync reaches (guide section 5 "Review attributes" and the username
// fallback of section 8). "Absent" means the snapshot never asked for an attribute, so nothing can
// be said about it; a person Graph answered with nothing but an id ("limited information") cannot
// be named or addressed by the sync either.
import type { RawObject } from '../directory-index.ts';
import { plural } from '../plural.ts';
import { audienceExclusions, kindOf, nameOf } from '../preview-rows.ts';
import { isPlausibleMailbox, isUnreadable, outcomeOfReason } from '../recipient-rules.ts';
import { type AuditContext, listWords, sample } from './context.ts';
import { type CheckResult, result } from './types.ts';

/** The guide's "Required Application Registration Attributes" table. */
export const REQUIRED_GROUP_ATTRIBUTES = [
  'id',
  'displayName',
  'description',
  'mail',
  'visibility',
  'securityEnabled',
  'groupTypes',
] as const;
export const REQUIRED_USER_ATTRIBUTES = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'accountEnabled',
] as const;

interface Missing {
  counts: Record<string, number>;
  objects: Array<{ id: string; name: string; missing: string[] }>;
}

function collectMissing(
  objects: Iterable<RawObject>,
  attributes: readonly string[],
  label: (o: RawObject) => string,
): Missing {
  const counts: Record<string, number> = {};
  const found: Missing['objects'] = [];
  for (const object of objects) {
    const missing = attributes.filter((attribute) => object[attribute] === undefined);
    if (missing.length === 0) continue;
    for (const attribute of missing) counts[attribute] = (counts[attribute] ?? 0) + 1;
    found.push({ id: object.id, name: label(object), missing });
  }
  return { counts, objects: found };
}

const KIND_USER = 0;
const KIND_GROUP = 1;

export function checkRequiredAttributes(context: AuditContext): CheckResult {
  const { preview } = context;
  const { index } = preview;
  const groupIndices = new Set<number>();
  for (const group of preview.groups) if (group.found) groupIndices.add(group.index);
  const users: RawObject[] = [];
  for (const item of preview.audience.reach.items) {
    const kind = index.kinds[item];
    if (kind === KIND_GROUP) groupIndices.add(item);
    else if (kind === KIND_USER && !isUnreadable(index.objects[item] as RawObject))
      users.push(index.objects[item] as RawObject);
  }
  const label = (object: RawObject) =>
    typeof object.displayName === 'string' && object.displayName !== '' ? object.displayName : object.id;
  const groups = collectMissing(
    [...groupIndices].map((at) => index.objects[at] as RawObject),
    REQUIRED_GROUP_ATTRIBUTES,
    label,
  );
  const people = collectMissing(users, REQUIRED_USER_ATTRIBUTES, label);
  const unreadable = audienceExclusions(preview, 'unreadable');
  const evidence = {
    groupsChecked: groupIndices.size,
    usersChecked: users.length,
    missingOnGroups: groups.counts,
    groupsMissing: sample(groups.objects),
    missingOnUsers: people.counts,
    usersMissing: sample(people.objects),
    unreadable: unreadable.length,
    unreadableExamples: sample(unreadable).map((row) => ({ id: row.id, type: row.type, via: row.via })),
  };
  const lines: string[] = [];
  const attributes = [...new Set([...Object.keys(groups.counts), ...Object.keys(people.counts)])];
  if (attributes.length > 0)
    lines.push(
      `This snapshot was made without asking Graph for ${listWords(attributes)} (missing on ${plural(groups.objects.length, 'group', 'groups')} and ${plural(people.objects.length, 'user', 'users')}), attributes the sync reads (guide section 5, "Review attributes"), so it cannot show whether they are readable. Read the tenant again with this app so every required attribute is requested.`,
    );
  if (unreadable.length > 0)
    lines.push(
      `${plural(unreadable.length, 'person', 'people')} came back from Graph with nothing but an id ("limited information"), so they cannot be named or addressed. Graph does this when the reader lacks a permission: make sure User.Read.All (and OrgContact.Read.All for contacts) is granted as an Application permission (${context.portal.appPlace(context.appName, 'API permissions')}), and that whoever reads the tenant here may read users, then read it again.`,
    );
  if (lines.length === 0) return result('required-attributes', 'pass', { evidence });
  return result('required-attributes', 'fail', {
    evidence,
    fix: lines.join('\n'),
    portalLink: unreadable.length > 0 ? context.portal.appLink(context.clientId ?? '', 'CallAnAPI') : null,
  });
}

export function checkEmailCoverage(context: AuditContext): CheckResult {
  const { preview, portal } = context;
  const noEmail = outcomeOfReason('no-email');
  const { items, outcomes } = preview.audience.reach;
  let dropped = 0;
  let usable = 0;
  let guests = 0;
  const examples: Array<{ id: string; name: string; type: string; userPrincipalName: string | null }> = [];
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== noEmail) continue;
    const at = items[i] as number;
    const object = preview.index.objects[at] as RawObject;
    const upn = typeof object.userPrincipalName === 'string' ? object.userPrincipalName.trim() : '';
    dropped++;
    if (upn.toUpperCase().includes('#EXT#')) guests++;
    else if (kindOf(preview, at) === 'user' && upn !== '' && isPlausibleMailbox(upn)) usable++;
    if (examples.length < 10)
      examples.push({
        id: object.id,
        name: nameOf(preview, at),
        type: kindOf(preview, at),
        userPrincipalName: upn || null,
      });
  }
  const evidence = {
    usernameFallback: preview.selection.usernameFallback,
    noEmail: dropped,
    withUsableUserPrincipalName: usable,
    guestsWithExternalUsername: guests,
    recipients: preview.audience.recipients,
    byGroup: preview.groups.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      noEmail: g.excluded['no-email'],
    })),
    examples,
  };
  if (dropped === 0 || preview.selection.usernameFallback)
    return result('email-coverage', 'pass', { evidence });
  const fallback =
    usable > 0
      ? `${usable} of them have a username (userPrincipalName) the sync could use instead: if those usernames receive mail, answer “Yes, use the "username" field as a fallback for email addresses” in the optional fields you send Axios HQ (guide section 8, “Optional fields”). To see whom it adds first, turn on “Use the username when the email is empty” in this tool (--upn-fallback on the command line).`
      : 'None of them has a username the fallback could use.';
  return result('email-coverage', 'warn', {
    evidence,
    fix: [
      `${plural(dropped, 'audience member has', 'audience members have')} no email address (mail is empty) and will not be synced. ${fallback}`,
      `Or give them an email address: ${portal.usersPlace('open the user', 'Edit properties', 'Contact information', 'Email')} (for users synced from on-premises, set it in Active Directory).`,
    ].join('\n'),
  });
}
