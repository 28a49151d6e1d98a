// Checks of ours beyond readiness-checks.md. snapshot-complete makes a partial read visible (every
// count and check above may then be low); group-types and group-overlap describe the selection for
// the admin choosing groups: what each group is, how deep it nests, and where groups repeat each other.

import { inlineText } from '../display-text.ts';
import { plural } from '../plural.ts';
import { EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE } from './classify-groups.ts';
import { type AuditContext, listWords, sample } from './context.ts';
import { type CheckResult, result, skip } from './types.ts';

export function checkSnapshotComplete(context: AuditContext): CheckResult {
  const { snapshot, preview } = context;
  const evidence = {
    capturedAt: snapshot.capturedAt,
    pseudonymised: snapshot.pseudonymised === true,
    reads: snapshot.reads.length,
    incompleteReads: preview.incompleteReads,
    skippedReads: snapshot.reads.filter((read) => read.status === 'skipped').map((read) => read.path),
  };
  if (preview.incompleteReads.length === 0) return result('snapshot-complete', 'pass', { evidence });
  const paths = preview.incompleteReads.map(
    (read) => `${inlineText(read.path)} (${inlineText(read.reason)})`,
  );
  return result('snapshot-complete', 'warn', {
    evidence,
    fix: `${plural(paths.length, 'read', 'reads')} failed or stopped part-way, so counts and the checks above may be low: ${paths.slice(0, 5).join('; ')}${paths.length > 5 ? '; …' : ''}. Read the tenant again; if a read keeps failing with HTTP 403, the account reading the tenant lacks a permission for it.`,
  });
}

export function checkGroupTypes(context: AuditContext): CheckResult {
  const { groups } = context;
  const found = groups.selected.filter((g) => g.traits !== null);
  const nestedByKind: Record<string, number> = {};
  for (const g of groups.nested) nestedByKind[g.kind] = (nestedByKind[g.kind] ?? 0) + 1;
  const names = new Map<string, string>();
  for (const g of [...groups.nested, ...found.map((f) => f.traits)])
    if (g) names.set(g.id, g.displayName ?? g.id);
  const evidence = {
    slots: { used: groups.used, limit: groups.limit, free: groups.free },
    selected: groups.selected.map((g) => ({
      id: g.id,
      displayName: g.traits?.displayName ?? null,
      kind: g.traits?.kindLabel ?? g.status,
      dynamic: g.traits?.dynamic ?? false,
      dynamicPaused: g.traits?.dynamicPaused ?? false,
      onPremisesSynced: g.traits?.onPremisesSynced ?? false,
      hiddenMembership: g.traits?.hiddenMembership ?? false,
      needs: g.traits?.needs ?? [],
      syncable: g.traits?.syncable ?? false,
      nestedGroups: g.nestedGroups,
      depth: g.depth,
    })),
    nestedGroups: groups.nested.length,
    nestedByKind,
    maxDepth: Math.max(0, ...groups.selected.map((g) => g.depth)),
    cycles: groups.cycles.map((cycle) => cycle.map((id) => names.get(id) ?? id)),
    note: EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE,
  };
  if (found.length === 0) return skip('group-types', 'no selected group was found in the snapshot', evidence);
  return result('group-types', 'pass', { evidence });
}

export function checkGroupOverlap(context: AuditContext): CheckResult {
  const { groups } = context;
  const found = groups.selected.filter((g) => g.status === 'found');
  if (found.length < 2) return skip('group-overlap', 'fewer than two selected groups were found');
  const nameOf = new Map(found.map((g) => [g.id, g.traits?.displayName ?? g.id]));
  const contained = found.filter((g) => g.containedIn.length > 0);
  const evidence = {
    pairs: sample(groups.overlaps, 20).map((o) => ({
      a: o.a,
      b: o.b,
      aName: nameOf.get(o.a) ?? o.a,
      bName: nameOf.get(o.b) ?? o.b,
      sharedRecipients: o.shared,
      shareOfSmaller: Math.round(o.ofSmaller * 1000) / 1000,
    })),
    containedIn: contained.map((g) => ({
      id: g.id,
      displayName: nameOf.get(g.id),
      containedIn: g.containedIn,
    })),
  };
  if (contained.length === 0) return result('group-overlap', 'pass', { evidence });
  const name = (id: string) => nameOf.get(id) ?? id;
  const lines: string[] = [];
  const told = new Set<string>();
  for (const g of contained) {
    // Groups that contain each other (a cycle) are told once, as a pair.
    const mutual = g.containedIn.filter((other) =>
      found.find((f) => f.id === other)?.containedIn.includes(g.id),
    );
    for (const other of mutual) {
      const key = [g.id, other].sort().join(' ');
      if (told.has(key)) continue;
      told.add(key);
      lines.push(
        `${name(g.id)} and ${name(other)} contain each other, so either one brings the other's members.`,
      );
    }
    const within = g.containedIn.filter((other) => !mutual.includes(other));
    if (within.length > 0)
      lines.push(
        `${name(g.id)} is already a member of ${listWords(within.map(name))}, which brings its members too.`,
      );
  }
  return result('group-overlap', 'warn', {
    evidence,
    fix: `${lines.join(' ')} Selecting both uses one of the 15 slots for no one new (keep it if you want that group as its own segment in Axios HQ).`,
  });
}
