// Security Lake rows leave absent values out: a struct none of whose members was found is null, not `{}`,
// and an array with nothing in it is null, not `[]`.

export type Struct = Record<string, unknown>;

/** Drops the undefined members. */
export function withoutAbsent(struct: Struct): Struct {
  const out: Struct = {};
  for (const [key, value] of Object.entries(struct)) if (value !== undefined) out[key] = value;
  return out;
}

/** Drops the undefined members; a struct left with none is itself absent. */
export function compact(struct: Struct): Struct | undefined {
  const out = withoutAbsent(struct);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Drops the absent elements; a list left with none is itself absent. */
export function compactList<T>(items: readonly (T | undefined)[]): T[] | undefined {
  const present = items.filter((item): item is T => item !== undefined);
  return present.length > 0 ? present : undefined;
}
