// The groups of a snapshot and their direct members: the selected groups (each with a role that
// decides its kind) and a forest of nested groups below them, with a cycle between two selected
// groups, a three-group cycle and a group diamond among the nested ones. Built in time linear in
// the memberships (no lookups over lists), so a million edges take about a second. Member lists
// are in random order, never sorted, and share object instances: a user in three groups is one
// object in three arrays, so treat them as read-only.
import {
  type GroupKind,
  type GroupObject,
  groupObject,
  nestingFamily,
  SELECTED_ROLES,
  type SelectedRole,
} from './group-kinds.ts';
import { DEPARTMENTS, TEAMS } from './names.ts';
import type { ContactObject, DeviceObject, People, UserObject } from './people.ts';
import type { Home } from './planted-people.ts';
import { createSampler, insertAtRandom, type Random, type Sampler } from './random.ts';

export type MemberObject = UserObject | ContactObject | DeviceObject | GroupObject;

/** How many groups, how big the selected ones are, how many memberships the nested ones hold. */
export type GroupShape = {
  /** All groups in the snapshot: the selected ones plus every group nested below them. */
  groups: number;
  /** Direct members listed for each selected group, in selection order (grown if the plan needs more). */
  selected: readonly number[];
  /** Direct-membership edges the nested groups hold together (about: sizes are drawn, then rounded). */
  nestedEdges: number;
};

export type GroupNode = {
  group: GroupObject;
  kind: GroupKind;
  role: SelectedRole | null;
  /** The name nested teams are called after ("Operations" → "Operations – Payroll"). */
  root: string;
  devicesGroup: boolean;
  childGroups: GroupNode[];
  planted: MemberObject[];
  size: number;
  /** Service principals among the direct members: counted by $count, never listed by v1.0 /members. */
  hiddenServicePrincipals: number;
  members: MemberObject[];
};

export type GroupPlan = {
  selected: GroupNode[];
  /** Selected groups in selection order, then nested groups in the order a breadth-first reader finds them. */
  groups: GroupNode[];
};

const DEVICES_GROUP_EVERY = 40;
const CONTACT_SHARE_IN_MAIL_GROUPS = 0.08;
const DEVICE_SHARE_IN_DEVICES_GROUPS = 0.8;

export function planGroups(random: Random, people: People, shape: GroupShape): GroupPlan {
  validateShape(shape);
  const nameOf = createNamer();
  let departments = 0;
  const nextDepartment = () => DEPARTMENTS[departments++ % DEPARTMENTS.length] as string;
  const selected = shape.selected.map((size, index) => {
    const spec = SELECTED_ROLES[index];
    const department = spec ? '' : nextDepartment();
    const made = spec
      ? makeNode(random, spec.kind, spec.role, nameOf(spec.name), spec.root, spec.description)
      : makeNode(random, 'security', 'department', nameOf(department), department, null);
    made.size = size;
    made.hiddenServicePrincipals = spec ? spec.hiddenServicePrincipals : random.int(3);
    return made;
  });
  const allStaff = selected[0] as GroupNode;
  const containers = selected.filter((n) => nestingFamily(n.kind) !== null);

  // Nested groups: a four-deep chain under All Staff, about √n top-level ones spread over the
  // selected groups that can hold groups, then a random recursive tree (depth grows like log n).
  const nestedCount = shape.groups - selected.length;
  const chainLength = Math.min(4, nestedCount);
  const topLevel = nestedCount === 0 ? 0 : Math.max(1, Math.round(Math.sqrt(nestedCount)));
  const nested: GroupNode[] = [];
  const parents: GroupNode[] = [];
  for (let j = 0; j < nestedCount; j++) {
    let parent: GroupNode;
    if (j < chainLength) parent = j === 0 ? allStaff : (nested[j - 1] as GroupNode);
    else if (j < chainLength + topLevel)
      parent = containers[(j - chainLength) % containers.length] as GroupNode;
    else {
      // A group that cannot hold groups (a devices group) hands the child to its own parent.
      const k = random.int(j);
      const candidate = nested[k] as GroupNode;
      parent = canHoldGroups(candidate) ? candidate : (parents[k] as GroupNode);
    }
    const child = nestedNode(random, parent, j, nameOf, nextDepartment);
    parent.childGroups.push(child);
    nested.push(child);
    parents.push(parent);
  }

  // The structures a walk must survive: Engineering ⇄ Product Management (two selected groups in
  // each other), a three-group cycle at the end of the chain, and a group All Staff reaches twice.
  const engineering = selected.find((n) => n.role === 'engineering');
  const product = selected.find((n) => n.role === 'product');
  if (engineering && product) {
    engineering.childGroups.push(product);
    product.childGroups.push(engineering);
  }
  const chain = nested.slice(0, chainLength);
  if (chain.length >= 4) (chain[3] as GroupNode).childGroups.push(chain[1] as GroupNode);
  else if (chain.length >= 2) (chain[chain.length - 1] as GroupNode).childGroups.push(chain[0] as GroupNode);
  // The diamond joins at the same depth (a second department also holds chain[1]), so the chain
  // still reaches four levels below All Staff by the shortest path.
  const secondDepartment = nested[chainLength];
  if (secondDepartment && chain.length >= 2 && canHoldGroups(secondDepartment)) {
    secondDepartment.childGroups.push(chain[1] as GroupNode);
  } else if (chain.length >= 3) allStaff.childGroups.push(chain[2] as GroupNode);

  plant(people, selected, chain);
  sizeNested(random, nested, shape.nestedEdges);
  const groups = breadthFirst(selected);
  const pools = {
    users: createSampler(people.users.length),
    contacts: createSampler(people.contacts.length),
    devices: createSampler(people.devices.length),
  };
  for (const group of groups) fillMembers(random, group, people, pools);
  return { selected, groups };
}

function validateShape(shape: GroupShape): void {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (shape.selected.length === 0) throw new RangeError('selected: at least one group');
  if (!shape.selected.every(whole)) throw new RangeError('selected: sizes must be whole numbers');
  if (!whole(shape.groups) || shape.groups < shape.selected.length) {
    throw new RangeError(`groups (${shape.groups}) must be at least the ${shape.selected.length} selected`);
  }
  if (!whole(shape.nestedEdges)) throw new RangeError('nestedEdges must be a whole number');
}

function makeNode(
  random: Random,
  kind: GroupKind,
  role: SelectedRole | null,
  name: string,
  root: string,
  description: string | null,
): GroupNode {
  return {
    group: groupObject(kind, random.guid(), name, description),
    kind,
    role,
    root,
    devicesGroup: false,
    childGroups: [],
    planted: [],
    size: 0,
    hiddenServicePrincipals: 0,
    members: [],
  };
}

function canHoldGroups(node: GroupNode): boolean {
  return nestingFamily(node.kind) !== null && !node.devicesGroup;
}

function createNamer(): (base: string) => string {
  const used = new Map<string, number>();
  return (base) => {
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base} ${count}`;
  };
}

function nestedNode(
  random: Random,
  parent: GroupNode,
  index: number,
  nameOf: (base: string) => string,
  nextDepartment: () => string,
): GroupNode {
  const team = random.pick(TEAMS);
  let kind: GroupKind = parent.kind === 'synced-security' ? 'synced-security' : 'security';
  let root = parent.root;
  let name: string;
  let description: string | null;
  let devicesGroup = false;
  if (nestingFamily(parent.kind) === 'mail') {
    kind = 'distribution';
    name = nameOf(`${root} – ${team}`);
    description = `${name} mailing list`;
  } else if (kind === 'security' && index % DEVICES_GROUP_EVERY === 5) {
    devicesGroup = true;
    name = nameOf(`${root} Devices`);
    description = `Devices enrolled for ${root}`;
  } else if (parent.role === 'all-staff') {
    root = nextDepartment();
    name = nameOf(root);
    description = `${root} department`;
  } else {
    name = nameOf(`${root} – ${team}`);
    description = random.chance(0.3) ? null : `Members of ${name}`;
  }
  const node = makeNode(random, kind, null, name, root, description);
  node.devicesGroup = devicesGroup;
  return node;
}

/** Puts each planted object in the group its home names, or All Staff when the plan has no such group. */
function plant(people: People, selected: GroupNode[], chain: GroupNode[]): void {
  const allStaff = selected[0] as GroupNode;
  const roleOf: Record<Exclude<Home, 'diamond'>, SelectedRole> = {
    'all-staff': 'all-staff',
    engineering: 'engineering',
    announcements: 'announcements',
    distribution: 'distribution',
  };
  const homes = (home: Home): GroupNode[] => {
    if (home === 'diamond') {
      const far = chain[chain.length - 1];
      return chain.length >= 2 && far ? [chain[0] as GroupNode, far] : [allStaff];
    }
    return [selected.find((n) => n.role === roleOf[home]) ?? allStaff];
  };
  for (const list of [people.plantedUsers, people.plantedContacts, people.plantedDevices]) {
    for (const { object, home } of list) for (const group of homes(home)) group.planted.push(object);
  }
}

/** Skewed (log-normal) sizes that add up to about `edges`, never fewer than a group's fixed members. */
function sizeNested(random: Random, nested: GroupNode[], edges: number): void {
  const weights = nested.map(() => Math.exp(0.9 * random.gaussian()));
  const total = weights.reduce((sum, w) => sum + w, 0);
  nested.forEach((group, i) => {
    const drawn = Math.round((edges * (weights[i] as number)) / total);
    group.size = Math.max(drawn, group.childGroups.length + group.planted.length + 1);
  });
}

function breadthFirst(selected: GroupNode[]): GroupNode[] {
  const seen = new Set<GroupNode>(selected);
  const order = [...seen];
  for (let i = 0; i < order.length; i++) {
    for (const child of (order[i] as GroupNode).childGroups) {
      if (seen.has(child)) continue;
      seen.add(child);
      order.push(child);
    }
  }
  return order;
}

type Pools = { users: Sampler; contacts: Sampler; devices: Sampler };

function fillMembers(random: Random, node: GroupNode, people: People, pools: Pools): void {
  const fixed: MemberObject[] = [...node.childGroups.map((child) => child.group), ...node.planted];
  const open = Math.max(0, node.size - fixed.length);
  const freeUsers = people.users.length - people.plantedUsers.length;
  const freeContacts = people.contacts.length - people.plantedContacts.length;
  const freeDevices = people.devices.length - people.plantedDevices.length;
  const devices = node.devicesGroup
    ? Math.min(freeDevices, open, Math.max(1, Math.round(open * DEVICE_SHARE_IN_DEVICES_GROUPS)))
    : 0;
  const contacts =
    nestingFamily(node.kind) === 'mail'
      ? Math.min(freeContacts, Math.ceil(open * CONTACT_SHARE_IN_MAIL_GROUPS), open - devices)
      : 0;
  const users = Math.min(freeUsers, Math.max(0, open - devices - contacts));

  const members: MemberObject[] = pools.users
    .sample(random, users, people.plantedUsers.length)
    .map((i) => people.users[i] as UserObject);
  for (const i of pools.contacts.sample(random, contacts, people.plantedContacts.length)) {
    insertAtRandom(random, members, people.contacts[i] as ContactObject);
  }
  for (const i of pools.devices.sample(random, devices, people.plantedDevices.length)) {
    insertAtRandom(random, members, people.devices[i] as DeviceObject);
  }
  for (const object of fixed) insertAtRandom(random, members, object);
  node.members = members;
  node.size = members.length;
}
