// Turns a preview's typed-array walks into the rows people read: recipients with the selected
// groups they come from, and excluded objects with their reason and the first path that reached
// them (selected group → nested group → … → object). Paths are rebuilt inside the walk of the
// group that reached the object first, so they are always real paths of that walk.
import { OBJECT_KINDS, type ObjectKind, type RawObject } from './directory-index.ts';
import { emailKey } from './ids.ts';
import type { GroupPreview, Preview, Reach } from './preview.ts';
import { displayNameOf, OUTCOME_RECIPIENT, type ReasonCode, reasonOfOutcome } from './recipient-rules.ts';

export interface RecipientRow {
  index: number;
  id: string;
  name: string;
  email: string;
  /** Positions in `preview.groups` of the selected groups whose own recipients include this address. */
  groups: number[];
}

export interface ExclusionRow {
  index: number;
  id: string;
  type: ObjectKind;
  name: string;
  email: string;
  reason: ReasonCode;
  /** Object ids from the selected group down to the object itself. */
  viaIds: string[];
  /** Display names along the same path (the id where an object has no name). */
  via: string[];
}

export function nameOf(preview: Preview, index: number): string {
  return displayNameOf(preview.index.objects[index] as RawObject);
}

export function kindOf(preview: Preview, index: number): ObjectKind {
  return OBJECT_KINDS[preview.index.kinds[index] as number] as ObjectKind;
}

/** Address key → positions of the selected groups whose own recipients hold it. */
export function segmentsByEmail(preview: Preview): Map<string, number[]> {
  const map = new Map<string, number[]>();
  preview.groups.forEach((group, position) => {
    const { items, outcomes } = group.reach;
    for (let i = 0; i < items.length; i++) {
      if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
      const key = emailKey(preview.emails[items[i] as number] as string);
      const list = map.get(key);
      if (list === undefined) map.set(key, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  return map;
}

/** The audience's recipients in walk order: the rows of the upload CSV. */
export function audienceRecipients(preview: Preview): RecipientRow[] {
  const segments = segmentsByEmail(preview);
  const { items, outcomes } = preview.audience.reach;
  const rows: RecipientRow[] = [];
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
    const index = items[i] as number;
    const email = preview.emails[index] as string;
    rows.push({
      index,
      id: (preview.index.objects[index] as RawObject).id,
      name: nameOf(preview, index),
      email,
      groups: segments.get(emailKey(email)) ?? [],
    });
  }
  return rows;
}

/** Every excluded object of the audience with its reason and first path, in walk order. */
export function audienceExclusions(preview: Preview): ExclusionRow[] {
  const paths = createPathFinder(preview);
  const { items, outcomes } = preview.audience.reach;
  const rows: ExclusionRow[] = [];
  for (let i = 0; i < items.length; i++) {
    const reason = reasonOfOutcome(outcomes[i] as number);
    if (reason === null) continue;
    rows.push(
      exclusionRow(
        preview,
        items[i] as number,
        reason,
        paths.pathTo(preview.audience.sources[i] as number, items[i] as number),
      ),
    );
  }
  return rows;
}

/** Excluded objects of one selected group as if synced alone. */
export function groupExclusions(preview: Preview, position: number): ExclusionRow[] {
  const paths = createPathFinder(preview);
  const group = preview.groups[position] as GroupPreview;
  const { items, outcomes } = group.reach;
  const rows: ExclusionRow[] = [];
  for (let i = 0; i < items.length; i++) {
    const reason = reasonOfOutcome(outcomes[i] as number);
    if (reason !== null)
      rows.push(
        exclusionRow(preview, items[i] as number, reason, paths.pathTo(position, items[i] as number)),
      );
  }
  return rows;
}

function exclusionRow(preview: Preview, index: number, reason: ReasonCode, path: number[]): ExclusionRow {
  const objects = preview.index.objects;
  return {
    index,
    id: (objects[index] as RawObject).id,
    type: kindOf(preview, index),
    name: nameOf(preview, index),
    email: preview.emails[index] as string,
    reason,
    viaIds: path.map((step) => (objects[step] as RawObject).id),
    via: path.map((step) => nameOf(preview, step) || (objects[step] as RawObject).id),
  };
}

export interface PathFinder {
  /** Object indices from the selected group at `position` down to `index` (both included). */
  pathTo(position: number, index: number): number[];
}

export function createPathFinder(preview: Preview): PathFinder {
  const parentMaps = new Map<number, Map<number, number>>();
  const parentsOf = (position: number): Map<number, number> => {
    let map = parentMaps.get(position);
    if (map === undefined) {
      map = parentMap((preview.groups[position] as GroupPreview).reach);
      parentMaps.set(position, map);
    }
    return map;
  };
  return {
    pathTo(position, index) {
      const group = preview.groups[position] as GroupPreview;
      const parents = parentsOf(position);
      const path = [index];
      let current = index;
      // Each step moves to an object reached strictly earlier in the walk, so this ends.
      while (current !== group.index) {
        const parent = parents.get(current);
        if (parent === undefined) break;
        path.push(parent);
        current = parent;
      }
      return path.reverse();
    },
  };
}

function parentMap(reach: Reach): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < reach.items.length; i++) map.set(reach.items[i] as number, reach.parents[i] as number);
  return map;
}
