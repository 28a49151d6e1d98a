// The recipient table's data: every object a reach touched, as rows that can be searched,
// filtered by outcome and by selected group, sorted, and read a window at a time. It runs in the
// worker so the page only ever holds the rows on screen, however large the tenant.

import type { ObjectKind } from './directory-index.ts';
import { shortText } from './display-text.ts';
import type { GroupPreview, Preview, Reach } from './preview.ts';
import { computeSegments, createPathFinder, hopsOf, kindOf, nameOf, type Segments } from './preview-rows.ts';
import {
  OUTCOME_NESTED_GROUP,
  OUTCOME_RECIPIENT,
  type ReasonCode,
  reasonOfOutcome,
} from './recipient-rules.ts';

/** What happened to a reached object: a recipient, a nested group, or excluded for a reason. */
export type Outcome = 'recipient' | 'nested-group' | ReasonCode;

export interface RowQuery {
  /** 'audience', or the position of a selected group in `preview.groups`. */
  scope: 'audience' | number;
  /** Only rows with these outcomes; empty or absent = all. */
  outcomes?: readonly Outcome[];
  /** Only recipients whose address is a recipient of this selected group (position). */
  segment?: number;
  /** Case-insensitive substring of name or address. */
  search?: string;
  sort?: { key: 'walk' | 'name' | 'email' | 'outcome' | 'type'; descending?: boolean };
}

export interface TableRow {
  /** Position in walk order within the scope (1-based, as shown). */
  order: number;
  id: string;
  type: ObjectKind;
  name: string;
  email: string;
  outcome: Outcome;
  /** Display names from the selected group down to the object (a long path shortened in the middle). */
  via: string[];
  /** Names of the selected groups whose own recipients hold this address (recipients only). */
  segments: string[];
  /** For a duplicate-email row: the recipient of the same scope who keeps the address. */
  keptBy: KeptBy | null;
}

/** The recipient who keeps an address that later objects of the walk repeat. */
export interface KeptBy {
  /** Their position in walk order within the scope (1-based, as shown). */
  order: number;
  id: string;
  name: string;
  email: string;
}

export function outcomeName(code: number): Outcome {
  if (code === OUTCOME_RECIPIENT) return 'recipient';
  if (code === OUTCOME_NESTED_GROUP) return 'nested-group';
  return reasonOfOutcome(code) ?? 'not-a-person';
}

export interface RowTable {
  /** Runs a query; returns how many rows match. */
  select(query: RowQuery): number;
  /** Rows [offset, offset + limit) of the last selection. */
  page(offset: number, limit: number): TableRow[];
  /** Every row of the last selection (for "list these people" exports). */
  all(): TableRow[];
}

export function createRowTable(preview: Preview): RowTable {
  const paths = createPathFinder(preview);
  let segments: Segments | null = null;
  const segmentsOf = (index: number): number[] => {
    segments ??= computeSegments(preview);
    return segments.of(index);
  };
  const groupNames = preview.groups.map((group) => group.displayName ?? group.id);
  let selected: { reach: Reach; positions: Int32Array; scope: RowQuery['scope'] } = {
    reach: preview.audience.reach,
    positions: new Int32Array(0),
    scope: 'audience',
  };

  // Per scope, once a duplicate is shown: the position of the first recipient of each address
  // number (one pass over that scope's walk, never a search per row).
  const keepers = new Map<Reach, Int32Array>();
  const keeperOf = (reach: Reach, index: number): KeptBy | null => {
    const address = preview.addressNumbers[index] as number;
    if (address < 0) return null;
    let first = keepers.get(reach);
    if (first === undefined) {
      first = new Int32Array(preview.addressCount).fill(-1);
      for (let i = 0; i < reach.items.length; i++) {
        if (reach.outcomes[i] !== OUTCOME_RECIPIENT) continue;
        const number = preview.addressNumbers[reach.items[i] as number] as number;
        if (number >= 0 && first[number] === -1) first[number] = i;
      }
      keepers.set(reach, first);
    }
    const position = first[address] as number;
    if (position < 0) return null;
    const keeper = reach.items[position] as number;
    return {
      order: position + 1,
      id: (preview.index.objects[keeper] as { id: string }).id,
      name: nameOf(preview, keeper),
      email: preview.emails[keeper] as string,
    };
  };

  const sourceOf = (scope: RowQuery['scope'], position: number): number =>
    scope === 'audience' ? (preview.audience.sources[position] as number) : scope;

  const row = (position: number): TableRow => {
    const { reach, scope } = selected;
    const index = reach.items[position] as number;
    const outcome = outcomeName(reach.outcomes[position] as number);
    const email = preview.emails[index] as string;
    return {
      order: position + 1,
      id: (preview.index.objects[index] as { id: string }).id,
      type: kindOf(preview, index),
      name: nameOf(preview, index),
      email,
      outcome,
      via: hopsOf(paths.shortPathTo(sourceOf(scope, position), index), (step) =>
        shortText(nameOf(preview, step) || '(no name)'),
      ),
      segments: outcome === 'recipient' ? segmentsOf(index).map((at) => groupNames[at] as string) : [],
      keptBy: outcome === 'duplicate-email' ? keeperOf(reach, index) : null,
    };
  };

  return {
    select(query) {
      const reach =
        query.scope === 'audience'
          ? preview.audience.reach
          : (preview.groups[query.scope] as GroupPreview | undefined)?.reach;
      if (reach === undefined) throw new RangeError(`no selected group at position ${String(query.scope)}`);
      const wanted = query.outcomes && query.outcomes.length > 0 ? new Set(query.outcomes) : null;
      const needle = query.search?.trim().toLowerCase() ?? '';
      const matches: number[] = [];
      for (let i = 0; i < reach.items.length; i++) {
        const code = reach.outcomes[i] as number;
        if (wanted && !wanted.has(outcomeName(code))) continue;
        const index = reach.items[i] as number;
        const email = preview.emails[index] as string;
        if (
          query.segment !== undefined &&
          (code !== OUTCOME_RECIPIENT || !segmentsOf(index).includes(query.segment))
        )
          continue;
        if (
          needle !== '' &&
          !nameOf(preview, index).toLowerCase().includes(needle) &&
          !email.toLowerCase().includes(needle)
        )
          continue;
        matches.push(i);
      }
      const positions = Int32Array.from(matches);
      selected = { reach, positions, scope: query.scope };
      sortPositions(preview, selected.reach, positions, query.sort);
      return positions.length;
    },
    page(offset, limit) {
      const end = Math.min(selected.positions.length, offset + limit);
      const out: TableRow[] = [];
      for (let i = Math.max(0, offset); i < end; i++) out.push(row(selected.positions[i] as number));
      return out;
    },
    all() {
      return this.page(0, selected.positions.length);
    },
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function sortPositions(preview: Preview, reach: Reach, positions: Int32Array, sort: RowQuery['sort']): void {
  if (sort === undefined || sort.key === 'walk') {
    if (sort?.descending) positions.reverse();
    return;
  }
  const keyOf = (position: number): string => {
    const index = reach.items[position] as number;
    switch (sort.key) {
      case 'name':
        return nameOf(preview, index);
      case 'email':
        return preview.emails[index] as string;
      case 'type':
        return kindOf(preview, index);
      default:
        return outcomeName(reach.outcomes[position] as number);
    }
  };
  // Keys are computed once per row, not once per comparison.
  const keys = new Map<number, string>();
  for (const position of positions) keys.set(position, keyOf(position));
  const sign = sort.descending ? -1 : 1;
  positions.sort((a, b) => sign * collator.compare(keys.get(a) as string, keys.get(b) as string) || a - b);
}
