// How deep a parsed JSON value nests, checked without recursion (JSON.parse takes 100,000 levels;
// JSON.stringify and every recursive walk after it do not). Depth counts objects and arrays only:
// the root object is depth 1, a value inside it depth 2, and so on.

/** True when some object or array inside `root` (itself at `rootDepth`) lies deeper than `limit`. */
export function nestedDeeperThan(root: unknown, limit: number, rootDepth = 1): boolean {
  if (typeof root !== 'object' || root === null) return false;
  const stack: object[] = [root];
  const depths: number[] = [rootDepth];
  while (stack.length > 0) {
    const value = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    // for…in rather than Object.values: no array per object, on millions of members.
    if (Array.isArray(value)) {
      for (const item of value)
        if (typeof item === 'object' && item !== null) {
          stack.push(item);
          depths.push(depth + 1);
        }
    } else
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
  }
  return false;
}
