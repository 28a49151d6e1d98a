// A hostile shape: a chain of `depth` groups, each holding the next group and one device, the
// first one selected. Every device is excluded (not a person) at the bottom of a path as long as
// its depth, so anything that builds every excluded object's full path is quadratic here.
import type { Snapshot } from '../../src/core/snapshot-schema.ts';
import { toSnapshotV1, toSnapshotV2 } from '../../src/core/snapshot-v2.ts';
import { readyTenant } from './app-builder.ts';
import { device, groupRef } from './snapshot-builder.ts';

export function deepChainSnapshot(depth: number): Snapshot {
  const snapshot = toSnapshotV1(readyTenant({ members: { c0: [] }, selected: ['c0'] }));
  const template = snapshot.groups[0];
  snapshot.groups = [];
  snapshot.members = {};
  snapshot.reads = snapshot.reads.filter((read) => !read.path.startsWith('/groups/'));
  for (let level = 0; level < depth; level++) {
    const id = `c${level}`;
    snapshot.groups.push({
      ...template,
      id,
      displayName: `Level ${level}`,
    } as (typeof snapshot.groups)[number]);
    snapshot.members[id] =
      level + 1 < depth ? [groupRef(`c${level + 1}`), device(`d${level}`)] : [device(`d${level}`)];
    snapshot.reads.push({
      path: `/groups/${id}/members`,
      status: 'complete',
      pages: 1,
      items: 2,
      httpStatus: null,
      error: null,
    });
  }
  return toSnapshotV2(snapshot);
}
