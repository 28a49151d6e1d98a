// When is a snapshot incomplete (snapshot-format.md)? A `partial` or `failed` read, or a group in
// `groups` with no `members` entry. A 404 on a selected id is a finding, not a gap, and `skipped`
// marks optional reads only, so neither makes a snapshot incomplete.
import { idKey } from './ids.ts';
import { plural } from './plural.ts';
import type { Snapshot } from './snapshot-schema.ts';

export interface IncompleteRead {
  path: string;
  status: 'partial' | 'failed' | 'missing';
  /** A short reason in plain words. */
  reason: string;
}

export function findIncompleteReads(snapshot: Snapshot): IncompleteRead[] {
  const out: IncompleteRead[] = [];
  for (const read of snapshot.reads) {
    if (read.status !== 'partial' && read.status !== 'failed') continue;
    const http = read.httpStatus === null ? '' : ` (HTTP ${read.httpStatus})`;
    const pages =
      read.status === 'partial'
        ? `, ${plural(read.pages, 'page', 'pages')} / ${plural(read.items, 'item', 'items')} read`
        : '';
    out.push({ path: read.path, status: read.status, reason: `${read.error ?? read.status}${http}${pages}` });
  }
  const listed = new Set(Object.keys(snapshot.members).map(idKey));
  for (const groupId of snapshot.groups) {
    if (listed.has(idKey(groupId))) continue;
    const path = `/groups/${groupId}/members`;
    if (out.some((read) => read.path.toLowerCase() === path.toLowerCase())) continue;
    out.push({ path, status: 'missing', reason: 'the members of this group were not read' });
  }
  return out;
}

export function isSnapshotComplete(snapshot: Snapshot): boolean {
  return findIncompleteReads(snapshot).length === 0;
}
