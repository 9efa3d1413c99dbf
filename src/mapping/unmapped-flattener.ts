// Security Lake keeps every raw field that no OCSF column took in `unmapped`, a map<string,string> keyed by
// the field's dotted path, with `[]` for each array level (`FindingProviderFields.Types[]`).

/**
 * Flattens `raw` into dotted paths, leaving out every path in `mapped` and everything below it.
 * Values become strings (`true`, `60`); an object or array that is empty is kept as `{}` / `[]` so that
 * nothing in the raw record is lost. A path that collects several values (an array) gets the JSON text of
 * the list of values, one value stays as it is.
 */
export function flattenUnmapped(
  raw: Readonly<Record<string, unknown>>,
  mapped: ReadonlySet<string>,
): Record<string, string> | undefined {
  const collected = new Map<string, string[]>();
  walk(raw, '', mapped, collected);
  if (collected.size === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [key, values] of collected) {
    out[key] = values.length === 1 ? (values[0] as string) : JSON.stringify(values);
  }
  return out;
}

function walk(value: unknown, path: string, mapped: ReadonlySet<string>, out: Map<string, string[]>): void {
  if (path !== '' && mapped.has(path)) return;
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const arrayPath = `${path}[]`;
    if (value.length === 0) add(out, arrayPath, '[]');
    for (const item of value) walk(item, arrayPath, mapped, out);
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path !== '') add(out, path, '{}');
    for (const [key, child] of entries) walk(child, path === '' ? key : `${path}.${key}`, mapped, out);
    return;
  }
  add(out, path, String(value));
}

function add(out: Map<string, string[]>, key: string, value: string): void {
  const values = out.get(key);
  if (values) values.push(value);
  else out.set(key, [value]);
}
