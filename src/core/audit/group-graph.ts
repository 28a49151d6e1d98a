// Cycles among nested groups (A in B, B in A): the strongly connected components of the
// "group contains group" graph below the selected groups, found with an iterative Tarjan so a
// thousand levels of nesting cannot overflow the stack. The sync handles cycles; the admin may
// still want to know, because a cycle makes every group in it contain all the others.
import type { DirectoryIndex } from '../directory-index.ts';

const KIND_GROUP = 1;

/** Each cycle as object indices (a group that contains itself counts too), in discovery order. */
export function findGroupCycles(index: DirectoryIndex, roots: readonly number[]): number[][] {
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  const childGroups = (group: number): number[] =>
    [...(index.members.get(group) ?? [])].filter((m) => index.kinds[m] === KIND_GROUP);

  for (const root of roots) {
    if (order.has(root)) continue;
    const frames: Array<{ node: number; children: number[]; next: number }> = [];
    const enter = (node: number) => {
      order.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, children: childGroups(node), next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next++] as number;
        if (!order.has(child)) enter(child);
        else if (onStack.has(child))
          low.set(frame.node, Math.min(low.get(frame.node) as number, order.get(child) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) !== order.get(frame.node)) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop() as number;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = component.length === 1 && frame.children.includes(frame.node);
      if (component.length > 1 || selfLoop) cycles.push(component.reverse());
    }
  }
  return cycles;
}
