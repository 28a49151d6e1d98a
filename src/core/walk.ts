// Transitive membership as recipient-rules.md's walk: depth-first, pre-order, each object once,
// a nested group's members right after the group and before its next sibling. An explicit stack
// (not recursion) so 1,000-level nesting cannot overflow; a stamp array (not a Set per walk) so
// walking many groups over one index allocates only the output.
import type { DirectoryIndex } from './directory-index.ts';

const KIND_GROUP = 1;

export interface Walk {
  /** Object indices in walk order. */
  readonly items: Int32Array;
  /** For each item, the index of the group it was reached through (the root for direct members). */
  readonly parents: Int32Array;
}

export interface Walker {
  walk(root: number): Walk;
}

export function createWalker(index: DirectoryIndex): Walker {
  const seen = new Int32Array(index.objects.length);
  // A walk holds each object at most once, so buffers of the index's size always suffice: filled
  // in place and copied out once, rather than grown push by push and converted.
  const items = new Int32Array(index.objects.length);
  const parents = new Int32Array(index.objects.length);
  let stamp = 0;
  return {
    walk(root: number): Walk {
      stamp++;
      seen[root] = stamp;
      let count = 0;
      const stackGroups: number[] = [root];
      const stackPositions: number[] = [0];
      while (stackGroups.length > 0) {
        const top = stackGroups.length - 1;
        const group = stackGroups[top] as number;
        const list = index.members.get(group);
        const position = stackPositions[top] as number;
        if (list === undefined || position >= list.length) {
          stackGroups.pop();
          stackPositions.pop();
          continue;
        }
        stackPositions[top] = position + 1;
        const member = list[position] as number;
        if (seen[member] === stamp) continue;
        seen[member] = stamp;
        // Each object is taken once, so a slot per object always suffices. Should that "once" ever
        // break, a membership cycle would loop until memory runs out: stop with a named error.
        if (count === items.length)
          throw new Error(`walk: more members than the ${count} objects of the index`);
        items[count] = member;
        parents[count] = group;
        count++;
        if (index.kinds[member] === KIND_GROUP) {
          stackGroups.push(member);
          stackPositions.push(0);
        }
      }
      return { items: items.slice(0, count), parents: parents.slice(0, count) };
    },
  };
}
