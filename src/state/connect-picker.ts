// The group picker's model: the tenant's groups (listGroups), a search over name, mail and id, and
// the selection in the order chosen, at most GROUP_LIMIT (the sync's 15 slots). Each group carries
// its traits (kind, dynamic, hidden membership, what Graph needs to read it) from the core's
// classifyGroup, so the picker and the audit describe a group the same way.
import { computed, signal } from '@preact/signals';
import { GROUP_LIMIT, type GroupTraits } from '../core/audit/classify-groups.ts';
import { idKey } from '../core/ids.ts';
import type { ReadEntry } from '../core/snapshot-schema.ts';
import type { GroupSummary } from '../graph/index.ts';

export interface PickerItem {
  readonly id: string;
  readonly name: string;
  readonly mail: string | null;
  readonly traits: GroupTraits;
}

/** Matches shown at once; a tenant may have tens of thousands of groups. */
export const SHOWN_LIMIT = 100;

export function createPicker(traitsOf: (group: GroupSummary) => GroupTraits) {
  const loading = signal(false);
  const listRead = signal<ReadEntry | null>(null);
  const query = signal('');
  const items = signal<PickerItem[]>([]);
  const selected = signal<PickerItem[]>([]);

  const toItem = (group: GroupSummary): PickerItem => ({
    id: group.id,
    name: group.displayName ?? group.mail ?? group.id,
    mail: group.mail ?? null,
    traits: traitsOf(group),
  });
  const chosen = computed(() => new Set(selected.value.map((item) => idKey(item.id))));
  const matching = computed(() => {
    const words = query.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return items.value.filter((item) => {
      if (chosen.value.has(idKey(item.id))) return false;
      const haystack = `${item.name} ${item.mail ?? ''} ${item.id}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
  });

  return {
    loading,
    listRead,
    query,
    matches: computed(() => matching.value.slice(0, SHOWN_LIMIT)),
    matchCount: computed(() => matching.value.length),
    total: computed(() => items.value.length),
    selected: computed(() => selected.value),
    full: computed(() => selected.value.length >= GROUP_LIMIT),
    /** A new list; `keep` re-selects ids (after a redirect) that are in it. */
    setGroups(groups: readonly GroupSummary[], read: ReadEntry | null, keep: readonly string[]) {
      const next = [...groups]
        .map(toItem)
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
      items.value = next;
      listRead.value = read;
      const byId = new Map(next.map((item) => [idKey(item.id), item]));
      selected.value = keep
        .flatMap((id) => byId.get(idKey(id)) ?? [])
        .filter((item, at, all) => all.indexOf(item) === at)
        .slice(0, GROUP_LIMIT);
    },
    find(id: string): PickerItem | null {
      return items.value.find((item) => idKey(item.id) === idKey(id)) ?? null;
    },
    pick(item: PickerItem): boolean {
      if (selected.value.length >= GROUP_LIMIT || chosen.value.has(idKey(item.id))) return false;
      selected.value = [...selected.value, item];
      return true;
    },
    unpick(id: string) {
      selected.value = selected.value.filter((item) => idKey(item.id) !== idKey(id));
    },
  };
}

export type Picker = ReturnType<typeof createPicker>;
