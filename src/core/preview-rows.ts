// Turns a preview's typed-array walks into the rows people read: recipients with the selected
// groups they come from, and excluded objects with their reason and the first path that reached
// them (selected group → nested group → … → object). Paths are rebuilt inside the walk of the
// group that reached the object first, so they are always real paths of that walk.
import { OBJECT_KINDS, type ObjectKind, type RawObject } from './directory-index.ts';
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

/**
 * Which selected groups' own recipients hold each address (the upload CSV's Segments, the table's
 * segment filter, the audit's overlaps). One bit per selected group per address number, set from
 * the walks' typed arrays: no lowercased string or Map probe per reached person. More than 32
 * selected groups take more than one 32-bit word per address.
 */
export interface Segments {
  /** Positions in `preview.groups`, ascending, of the groups holding object `index`'s address ([] for no candidate). */
  of(index: number): number[];
  /** The same for address number `address` (0 ≤ address < preview.addressCount). */
  ofAddress(address: number): number[];
}

export function computeSegments(preview: Preview): Segments {
  const words = Math.max(1, Math.ceil(preview.groups.length / 32));
  const masks = new Uint32Array(preview.addressCount * words);
  const numbers = preview.addressNumbers;
  preview.groups.forEach((group, position) => {
    const word = position >>> 5;
    const bit = 1 << (position & 31);
    const { items, outcomes } = group.reach;
    for (let i = 0; i < items.length; i++) {
      if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
      const at = (numbers[items[i] as number] as number) * words + word;
      masks[at] = (masks[at] as number) | bit;
    }
  });
  const ofAddress = (address: number): number[] => {
    const positions: number[] = [];
    if (address < 0) return positions;
    for (let word = 0; word < words; word++) {
      let mask = masks[address * words + word] as number;
      while (mask !== 0) {
        const low = mask & -mask;
        positions.push(word * 32 + 31 - Math.clz32(low));
        mask ^= low;
      }
    }
    return positions;
  };
  return { of: (index) => ofAddress(numbers[index] as number), ofAddress };
}

/**
 * The audience's recipients in walk order: the rows of the upload CSV. `groups` is filled only
 * with `segments: true` (the default); without it no segment is computed at all.
 */
export function audienceRecipients(preview: Preview, options: { segments?: boolean } = {}): RecipientRow[] {
  const segments = options.segments === false ? null : computeSegments(preview);
  const { items, outcomes } = preview.audience.reach;
  const objects = preview.index.objects;
  const rows: RecipientRow[] = [];
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
    const index = items[i] as number;
    rows.push({
      index,
      id: (objects[index] as RawObject).id,
      name: displayNameOf(objects[index] as RawObject),
      email: preview.emails[index] as string,
      groups: segments === null ? [] : segments.of(index),
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
