// Security Lake keeps every raw field that no OCSF column took in `unmapped`, a map<string,string> keyed by
// the field's dotted path, with `[]` for each array level (`FindingProviderFields.Types[]`).

/** The raw paths a mapping consumed (a `Set<string>` will do). */
export interface MappedPaths {
  has(path: string): boolean;
}

/**
 * The paths one record's mapping consumed, reused from record to record: `reset` starts a new record
 * without clearing, so the hot path neither rehashes nor reallocates a set per record.
 */
export class ConsumedPaths implements MappedPaths {
  private readonly seen = new Map<string, number>();
  private generation = 0;

  reset(): void {
    this.generation++;
  }

  add(path: string): void {
    this.seen.set(path, this.generation);
  }

  has(path: string): boolean {
    return this.seen.get(path) === this.generation;
  }
}

/**
 * Flattens `raw` into dotted paths, leaving out every path in `mapped` and everything below it.
 * Values become strings (`true`, `60`); an object or array that is empty is kept as `{}` / `[]` so that
 * nothing in the raw record is lost. A path that collects several values (an array) gets them joined with
 * commas, as Security Lake writes them (`NVD,NVD`); one value stays as it is.
 */
export function flattenUnmapped(
  raw: Readonly<Record<string, unknown>>,
  mapped: MappedPaths,
): Record<string, string> | undefined {
  const flat = new Flattened();
  for (const key in raw) walk(raw[key], key, mapped, flat);
  return flat.result();
}

/** Collects values by path; this runs once per ingested record, so a path seen once costs one property write. */
class Flattened {
  private readonly values: Record<string, string> = {};
  private repeated: Map<string, string[]> | undefined;
  private empty = true;

  add(path: string, value: string): void {
    const previous = this.values[path];
    this.empty = false;
    if (previous === undefined) {
      this.values[path] = value;
      return;
    }
    this.repeated ??= new Map();
    const list = this.repeated.get(path);
    if (list) list.push(value);
    else this.repeated.set(path, [previous, value]);
  }

  result(): Record<string, string> | undefined {
    if (this.empty) return undefined;
    if (this.repeated) for (const [path, list] of this.repeated) this.values[path] = list.join(',');
    return this.values;
  }
}

function walk(value: unknown, path: string, mapped: MappedPaths, flat: Flattened): void {
  if (value === null || value === undefined || mapped.has(path)) return;
  if (typeof value !== 'object') {
    flat.add(path, String(value));
    return;
  }
  if (Array.isArray(value)) {
    const arrayPath = `${path}[]`;
    if (value.length === 0) flat.add(arrayPath, '[]');
    for (const item of value) walk(item, arrayPath, mapped, flat);
    return;
  }
  let hasKeys = false;
  for (const key in value) {
    hasKeys = true;
    walk((value as Record<string, unknown>)[key], `${path}.${key}`, mapped, flat);
  }
  if (!hasKeys) flat.add(path, '{}');
}
