// Turns a preview's typed-array walks into the rows people read: recipients with the selected
// groups they come from, and excluded objects with their reason and the first path that reached
// them (selected group → nested group → … → object). Paths are rebuilt inside the walk of the
// group that reached the object first, so they are always real paths of that walk, and only for
// rows asked for; a long path keeps its first and last hops and counts the ones between.
import { OBJECT_KINDS, type ObjectKind, type RawObject } from './directory-index.ts';
import { shortText } from './display-text.ts';
import type { GroupPreview, Preview } from './preview.ts';
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
  /** Object ids from the selected group down to the object itself (long paths shortened, see ShortPath). */
  viaIds: string[];
  /** Display names along the same path (the id where an object has no name), each capped at 256 characters. */
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
export function audienceExclusions(preview: Preview, only?: ReasonCode): ExclusionRow[] {
  const paths = createPathFinder(preview);
  const { items, outcomes } = preview.audience.reach;
  const rows: ExclusionRow[] = [];
  for (let i = 0; i < items.length; i++) {
    const reason = reasonOfOutcome(outcomes[i] as number);
    if (reason === null || (only !== undefined && reason !== only)) continue;
    const index = items[i] as number;
    rows.push(
      exclusionRow(preview, index, reason, paths.shortPathTo(preview.audience.sources[i] as number, index)),
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
        exclusionRow(preview, items[i] as number, reason, paths.shortPathTo(position, items[i] as number)),
      );
  }
  return rows;
}

function exclusionRow(preview: Preview, index: number, reason: ReasonCode, path: ShortPath): ExclusionRow {
  const objects = preview.index.objects;
  return {
    index,
    id: (objects[index] as RawObject).id,
    type: kindOf(preview, index),
    name: nameOf(preview, index),
    email: preview.emails[index] as string,
    reason,
    viaIds: hopsOf(path, (step) => (objects[step] as RawObject).id),
    via: hopsOf(path, (step) => shortText(nameOf(preview, step) || (objects[step] as RawObject).id)),
  };
}

/**
 * A path with its middle left out when it is long: the selected group and the first group below
 * it, how many hops were skipped, and the last hops down to the object. A 20,000-deep chain then
 * costs a few hops per row instead of 20,000.
 */
export interface ShortPath {
  head: number[];
  /** Hops left out between head and tail (0 = the path is whole). */
  skipped: number;
  tail: number[];
}

/** Paths longer than this many hops are shortened to HEAD_HOPS … TAIL_HOPS. */
export const MAX_PATH_HOPS = 7;
const HEAD_HOPS = 2;
const TAIL_HOPS = 4;
const COUNT = new Intl.NumberFormat('en-US');

/** The hops as text, with `… 19,995 more …` standing for the hops left out. */
export function hopsOf(path: ShortPath, label: (index: number) => string): string[] {
  const hops = path.head.map(label);
  if (path.skipped > 0) hops.push(`… ${COUNT.format(path.skipped)} more …`);
  for (const step of path.tail) hops.push(label(step));
  return hops;
}

export interface PathFinder {
  /** Object indices from the selected group at `position` down to `index` (both included). */
  pathTo(position: number, index: number): number[];
  /** The same path, shortened when longer than MAX_PATH_HOPS; costs O(MAX_PATH_HOPS). */
  shortPathTo(position: number, index: number): ShortPath;
}

interface WalkTree {
  /** Per object index: the group it was reached through in this walk (-1 = not reached, or root). */
  parent: Int32Array;
  /** Per object index: hops below the selected group (0 for the group itself). */
  depth: Int32Array;
  /** Per object index: its ancestor one hop below the selected group. */
  top: Int32Array;
}

export function createPathFinder(preview: Preview): PathFinder {
  // The walk already holds each object's parent; these arrays only index it by object, once per
  // selected group and only when a path of that group is asked for.
  const trees = new Map<number, WalkTree>();
  const treeOf = (position: number): WalkTree => {
    let tree = trees.get(position);
    if (tree === undefined) {
      tree = walkTree(preview, preview.groups[position] as GroupPreview);
      trees.set(position, tree);
    }
    return tree;
  };
  const up = (tree: WalkTree, index: number, hops: number): number[] => {
    const path: number[] = [];
    let current = index;
    for (let i = 0; i < hops && current !== -1; i++) {
      path.push(current);
      current = tree.parent[current] as number;
    }
    return path.reverse();
  };
  return {
    pathTo(position, index) {
      const tree = treeOf(position);
      return up(tree, index, (tree.depth[index] as number) + 1);
    },
    shortPathTo(position, index) {
      const tree = treeOf(position);
      const hops = (tree.depth[index] as number) + 1;
      if (hops <= MAX_PATH_HOPS) return { head: up(tree, index, hops), skipped: 0, tail: [] };
      const root = (preview.groups[position] as GroupPreview).index;
      return {
        head: [root, tree.top[index] as number],
        skipped: hops - HEAD_HOPS - TAIL_HOPS,
        tail: up(tree, index, TAIL_HOPS),
      };
    },
  };
}

function walkTree(preview: Preview, group: GroupPreview): WalkTree {
  const size = preview.index.objects.length;
  const parent = new Int32Array(size).fill(-1);
  const depth = new Int32Array(size);
  const top = new Int32Array(size).fill(-1);
  const { items, parents } = group.reach;
  // Walk order is pre-order: a group always comes before the members reached through it.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as number;
    const from = parents[i] as number;
    parent[item] = from;
    const level = from === group.index ? 1 : (depth[from] as number) + 1;
    depth[item] = level;
    top[item] = level === 1 ? item : (top[from] as number);
  }
  if (group.index >= 0) {
    parent[group.index] = -1;
    depth[group.index] = 0;
  }
  return { parent, depth, top };
}
