// JSON.parse reads any depth without recursion, but JSON.stringify, the mappings and DuckDB's JSON reader do
// recurse: one forged record 100k levels deep would overflow the stack and lose the whole batch. Records are
// measured once, as they are read, without recursion, and a record deeper than the limit is rejected alone.

/** Far deeper than any AWS log (CloudTrail's deepest request parameters are a few dozen levels). */
export const MAX_JSON_DEPTH = 100;

/** Whether any value inside `value` is nested more than `limit` objects or arrays deep. */
export function nestedDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  // Two parallel stacks and for…in: this runs on every record of the hot path, so it allocates little.
  const nodes: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    nodes.push(value);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

export function depthReason(limit: number = MAX_JSON_DEPTH): string {
  return `nested deeper than ${limit} levels of objects and arrays`;
}
