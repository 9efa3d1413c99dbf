// Typed reads of a raw CloudTrail record that never throw on odd input. Every read that lands in a column
// records the raw path it came from, so that `unmapped` gets exactly the fields no column took.

import type { ConsumedPaths } from '../unmapped-flattener.ts';

export type RawRecord = Readonly<Record<string, unknown>>;

export type { ConsumedPaths } from '../unmapped-flattener.ts';

export function asRecord(value: unknown): RawRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawRecord) : undefined;
}

/** CloudTrail strings as they are; a number or boolean where CloudTrail writes a string is taken as its text. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function takeText(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: ConsumedPaths,
): string | undefined {
  if (parent === undefined) return undefined;
  const value = asText(parent[key]);
  if (value !== undefined) consumed.add(path);
  return value;
}

/** CloudTrail writes flags as `"true"`/`"false"` strings (sessionContext) or as booleans; anything else is not a flag. */
export function takeFlag(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: ConsumedPaths,
): boolean | undefined {
  const value = parent?.[key];
  const flag = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
  if (flag !== undefined) consumed.add(path);
  return flag;
}

/**
 * Security Lake stores `requestParameters` / `responseElements` as compact JSON text in a string column.
 * A raw string is already text and is kept as it is; null stays absent.
 */
export function takeJsonText(parent: RawRecord, key: string, consumed: ConsumedPaths): string | undefined {
  const value = parent[key];
  if (value === null || value === undefined) return undefined;
  consumed.add(key);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Returns `struct` when at least one field was set, so that structs without values are left out of the row. */
export function nonEmpty<T extends object>(struct: T): T | undefined {
  for (const _ in struct) return struct;
  return undefined;
}
