// What the Graph reader should make of a source snapshot served by the fake Graph, worked out here
// independently of the reader: the groups in selection-then-walk order with Graph's $select
// applied, the members without service principals (v1.0 /members never lists them), the counts,
// and the number of requests, from a plain simulation of the reader's documented schedule
// (src/graph/schedule.ts), plus a lower bound no schedule can beat.
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';

type Json = Record<string, unknown>;

const GROUP_SELECT =
  'id,displayName,description,mail,mailEnabled,securityEnabled,groupTypes,visibility,membershipRule,membershipRuleProcessingState,onPremisesSyncEnabled'.split(
    ',',
  );
const MEMBER_SELECT =
  'id,displayName,givenName,surname,mail,userPrincipalName,accountEnabled,userType,description,mailEnabled,securityEnabled,groupTypes,visibility,membershipRule,membershipRuleProcessingState,onPremisesSyncEnabled'.split(
    ',',
  );
const GROUP = '#microsoft.graph.group';
const SP = '#microsoft.graph.servicePrincipal';
const PAGE = 999;
const BATCH = 20;

const key = (id: string) => id.toLowerCase();

function project(object: Json, names: readonly string[], keepType: boolean): Json {
  const out: Json = {};
  if (keepType) out['@odata.type'] = object['@odata.type'];
  for (const name of names) if (name in object) out[name] = object[name];
  return out;
}

export interface ExpectedRead {
  groups: Json[];
  members: Record<string, Json[]>;
  memberCounts: Record<string, number>;
  notFound: string[];
  /** Graph requests (sub-requests), and HTTP requests, of a fault-free read. */
  subRequests: number;
  requests: number;
  /** max(⌈subRequests / 20⌉, longest chain of dependent requests): no schedule does better. */
  lowerBound: number;
}

export function expectedRead(
  source: SnapshotV1,
  options: { contacts?: boolean; grants?: boolean } = {},
): ExpectedRead {
  const objects = new Map<string, Json>();
  for (const group of source.groups) objects.set(key(group.id), group);
  const listed = new Map<string, Json[]>();
  for (const [id, list] of Object.entries(source.members)) {
    listed.set(
      key(id),
      list.filter((member) => member['@odata.type'] !== SP),
    );
    for (const member of list)
      if (member['@odata.type'] === GROUP && !objects.has(key(member.id)))
        objects.set(key(member.id), member);
  }
  const selected = [...new Map(source.selection.groupIds.map((id) => [key(id), id])).values()];
  const found = selected.filter((id) => objects.has(key(id)));
  const seen = new Set(selected.map(key));
  const nested: Json[] = [];
  for (const root of found) {
    const stack: Array<{ list: Json[]; at: number }> = [{ list: listed.get(key(root)) ?? [], at: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { list: Json[]; at: number };
      const member = top.list[top.at++];
      if (member === undefined) {
        stack.pop();
        continue;
      }
      const id = String(member.id);
      if (member['@odata.type'] !== GROUP || seen.has(key(id))) continue;
      seen.add(key(id));
      nested.push(member);
      stack.push({ list: listed.get(key(id)) ?? [], at: 0 });
    }
  }
  const groups = [
    ...found.map((id) => project(objects.get(key(id)) as Json, GROUP_SELECT, false)),
    ...nested.map((member) => project(member, MEMBER_SELECT, true)),
  ];
  const members: Record<string, Json[]> = {};
  for (const id of [...found, ...nested.map((member) => String(member.id))]) {
    members[id] = (listed.get(key(id)) ?? []).map((member) => project(member, MEMBER_SELECT, true));
  }
  const memberCounts: Record<string, number> = {};
  for (const id of found) {
    const given = Object.entries(source.memberCounts ?? {}).find(([k]) => key(k) === key(id))?.[1];
    memberCounts[id] =
      given ?? Object.entries(source.members).find(([k]) => key(k) === key(id))?.[1].length ?? 0;
  }
  const schedule = simulateSchedule(source, selected, listed, options);
  const lowerBound = Math.max(
    Math.ceil(schedule.subRequests / BATCH),
    criticalPath(source, selected, listed, options),
  );
  return {
    groups,
    members,
    memberCounts,
    notFound: selected.filter((id) => !objects.has(key(id))),
    requests: schedule.requests,
    subRequests: schedule.subRequests,
    lowerBound,
  };
}

/**
 * The longest chain of requests that must follow one another: a group's first page can go out only
 * once the page listing it came back (by its shortest route), and its pages one after another.
 */
function criticalPath(
  source: SnapshotV1,
  selected: readonly string[],
  listed: ReadonlyMap<string, Json[]>,
  options: { contacts?: boolean },
): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
  const depth = new Map(selected.map((id) => [key(id), 1]));
  let queue = [...depth.keys()];
  while (queue.length > 0) {
    const next: string[] = [];
    for (const id of queue) {
      const start = depth.get(id) as number;
      (listed.get(id) ?? []).forEach((member, i) => {
        if (member['@odata.type'] !== GROUP) return;
        const child = key(String(member.id));
        const at = start + Math.floor(i / PAGE) + 1;
        if ((depth.get(child) ?? Number.POSITIVE_INFINITY) <= at) return;
        depth.set(child, at);
        next.push(child);
      });
    }
    queue = next;
  }
  let longest = 1 + pages(source.app?.appRoleAssignments.length ?? 0);
  if (options.contacts) longest = Math.max(longest, pages(source.contacts?.length ?? 0));
  for (const [id, start] of depth)
    longest = Math.max(longest, start + pages(listed.get(id)?.length ?? 0) - 1);
  return longest;
}

interface Item {
  priority: number;
  follow(): Item[];
}

/**
 * The reader's schedule on abstract requests: rounds; next pages first, then first pages, $counts
 * and the app's principal, then objects; all when fewer than 20 are known, else whole batches of
 * 20 — spread over the rounds a selected group's remaining pages need (by its count) when that
 * is more than one, otherwise everything that fills whole batches.
 */
function simulateSchedule(
  source: SnapshotV1,
  selected: readonly string[],
  listed: ReadonlyMap<string, Json[]>,
  options: { contacts?: boolean; grants?: boolean },
) {
  const FIRST = 0;
  const NORMAL = 1;
  const LATE = 2;
  const leaf = (priority: number, done: () => void = () => {}): Item => ({
    priority,
    follow: () => {
      done();
      return [];
    },
  });
  const chain = (count: number, priority: number, page = 1): Item => ({
    priority: page === 1 ? priority : FIRST,
    follow: () => (page * PAGE < count ? [chain(count, priority, page + 1)] : []),
  });
  const visited = new Set(selected.map(key));
  const progress = new Map<string, { pages: number; done: boolean }>();
  const counts = new Map<string, number>();
  const membersOf = (id: string, page = 1): Item => ({
    priority: page === 1 ? NORMAL : FIRST,
    follow() {
      const list = listed.get(key(id)) ?? [];
      const out: Item[] = [];
      const more = page * PAGE < list.length;
      progress.set(key(id), { pages: page, done: !more });
      if (more) out.push(membersOf(id, page + 1));
      for (const member of list.slice((page - 1) * PAGE, page * PAGE)) {
        const child = String(member.id);
        if (member['@odata.type'] !== GROUP || visited.has(key(child))) continue;
        visited.add(key(child));
        out.push(membersOf(child));
      }
      return out;
    },
  });
  // What the fake answers to $count: the snapshot's count, else every listed member.
  const countOf = (id: string) =>
    Object.entries(source.memberCounts ?? {}).find(([k]) => key(k) === key(id))?.[1] ??
    Object.entries(source.members).find(([k]) => key(k) === key(id))?.[1].length;
  const count = (id: string) =>
    leaf(NORMAL, () => {
      const value =
        listed.has(key(id)) || source.groups.some((g) => key(g.id) === key(id)) ? countOf(id) : undefined;
      if (value !== undefined) counts.set(key(id), value);
    });
  const horizon = () => {
    let rounds = 1;
    for (const [id, value] of counts) {
      const read = progress.get(id) ?? { pages: 0, done: false };
      if (!read.done) rounds = Math.max(rounds, Math.ceil(value / PAGE) - read.pages);
    }
    return rounds;
  };
  const app = source.app;
  const servicePrincipal: Item = {
    priority: NORMAL,
    follow: () =>
      app?.servicePrincipal
        ? [
            chain(app.appRoleAssignments.length, LATE),
            ...(options.grants ? [chain(app.oauth2PermissionGrants?.length ?? 0, LATE)] : []),
          ]
        : [],
  };
  const initial: Item[] = [
    leaf(FIRST),
    leaf(LATE),
    servicePrincipal,
    leaf(LATE),
    leaf(LATE),
    ...(options.contacts ? [chain(source.contacts?.length ?? 0, NORMAL)] : []),
    ...selected.flatMap((id) => [leaf(LATE), count(id), membersOf(id)]),
  ];
  const byPriority = (items: Item[]) =>
    items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => a.item.priority - b.item.priority || a.i - b.i)
      .map(({ item }) => item);
  let pending = byPriority(initial);
  let requests = 0;
  let subRequests = 0;
  while (pending.length > 0) {
    const rounds = horizon();
    let take = pending.length;
    if (pending.length > BATCH && rounds <= 1) take = pending.length - (pending.length % BATCH);
    if (pending.length > BATCH && rounds > 1) {
      const urgent = pending.filter((item) => item.priority === FIRST).length;
      const quota = Math.max(urgent, Math.ceil(pending.length / rounds));
      take = Math.min(pending.length, Math.ceil(quota / BATCH) * BATCH);
    }
    const sent = pending.slice(0, take);
    requests += Math.ceil(take / BATCH);
    subRequests += take;
    pending = byPriority([...sent.flatMap((item) => item.follow()), ...pending.slice(take)]);
  }
  return { requests, subRequests };
}
