// Builds small synthetic snapshots for table-driven tests: `user('u1', {...})` style helpers and
// `snapshotOf({ groups, members, selection })` that fills the rest with a valid, complete default.
// Parts are written as version 1 (members inline, easy to read in a table); snapshotOf gives
// version 2 as every writer does (the form every reader gives), snapshotV1Of the version 1 file.
import type { Snapshot, SnapshotGroup, SnapshotMember, SnapshotV1 } from '../../src/core/snapshot-schema.ts';
import { toSnapshotV2 } from '../../src/core/snapshot-v2.ts';

type Attrs = Record<string, unknown>;

export const user = (id: string, attrs: Attrs = {}): SnapshotMember => ({
  '@odata.type': '#microsoft.graph.user',
  id,
  displayName: `User ${id}`,
  givenName: null,
  surname: null,
  mail: `${id}@contoso.example`,
  userPrincipalName: `${id}@contoso.example`,
  accountEnabled: true,
  userType: 'Member',
  ...attrs,
});

export const contact = (id: string, attrs: Attrs = {}): SnapshotMember => ({
  '@odata.type': '#microsoft.graph.orgContact',
  id,
  displayName: `Contact ${id}`,
  givenName: null,
  surname: null,
  mail: `${id}@partner.example`,
  ...attrs,
});

export const groupRef = (id: string, attrs: Attrs = {}): SnapshotMember => ({
  '@odata.type': '#microsoft.graph.group',
  id,
  displayName: `Group ${id}`,
  ...attrs,
});

export const device = (id: string): SnapshotMember => ({
  '@odata.type': '#microsoft.graph.device',
  id,
  displayName: `Device ${id}`,
});

export interface SnapshotParts {
  /** Group id → direct members. Every key becomes a group in `groups`. */
  members: Record<string, SnapshotMember[]>;
  selected: string[];
  usernameFallback?: boolean;
  syncContacts?: boolean;
  memberCounts?: Record<string, number>;
  extra?: Partial<SnapshotV1>;
}

export function snapshotOf(parts: SnapshotParts): Snapshot {
  return toSnapshotV2(snapshotV1Of(parts));
}

export function snapshotV1Of(parts: SnapshotParts): SnapshotV1 {
  return {
    format: 'dirsync-snapshot',
    version: 1,
    capturedAt: '2026-11-23T06:00:00Z',
    cloud: 'global',
    tenant: {
      id: 'tenant-1',
      displayName: 'Contoso',
      verifiedDomains: [{ name: 'contoso.example', isDefault: true }],
    },
    app: null,
    subscribedSkus: [],
    selection: {
      groupIds: parts.selected,
      usernameFallback: parts.usernameFallback ?? false,
      syncContacts: parts.syncContacts ?? false,
    },
    notFound: [],
    groups: Object.keys(parts.members).map((id) => ({
      id,
      displayName: `Group ${id}`,
      groupTypes: [],
      securityEnabled: true,
    })),
    ...(parts.memberCounts ? { memberCounts: parts.memberCounts } : {}),
    members: parts.members,
    reads: [],
    ...parts.extra,
  } as SnapshotV1;
}

/** The group objects of a version 2 snapshot, in the order of its `groups` list. */
export function groupsOf(snapshot: Snapshot): SnapshotGroup[] {
  const byId = new Map(snapshot.objects.map((object) => [object.id, object]));
  return snapshot.groups.map((id) => byId.get(id) as SnapshotGroup);
}

/** Adds a direct member to a group of a version 2 snapshot (the object once, the group by id). */
export function addMember(snapshot: Snapshot, groupId: string, member: SnapshotMember): void {
  if (!snapshot.objects.some((object) => object.id === member.id)) snapshot.objects.push(member);
  snapshot.members[groupId] = [...(snapshot.members[groupId] ?? []), member.id];
}
