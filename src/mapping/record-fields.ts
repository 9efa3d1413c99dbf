// Typed reads of a raw JSON-lines record (Route 53, WAF, EKS audit) that never throw on odd input. A read
// that lands in a column records the raw path it came from, so that `unmapped` gets exactly the rest;
// a value of the wrong kind is not taken and stays in `unmapped` as it was.

import { parseCloudTrailTime } from './cloudtrail/cloudtrail-time.ts';

export type RawRecord = Readonly<Record<string, unknown>>;

/** Where reads record the paths they took: a `ConsumedPaths`, or `IGNORED` for reads that must not count. */
export interface TakenPaths {
  add(path: string): void;
}

export const IGNORED: TakenPaths = { add: () => undefined };

export function asRecord(value: unknown): RawRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawRecord) : undefined;
}

/** A string, or a number or boolean as its text. An empty string is taken but gives no value. */
export function takeString(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: TakenPaths,
): string | undefined {
  const value = parent?.[key];
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  consumed.add(path);
  const text = String(value);
  return text === '' ? undefined : text;
}

const INT_MAX = 2 ** 31 - 1;

/** A whole number that fits an `int` column; logs write some as strings (Panther's `"srcport": "8888"`). */
export function takeInteger(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: TakenPaths,
): number | undefined {
  const value = parent?.[key];
  const number = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  if (!Number.isInteger(number) || Math.abs(number) > INT_MAX) return undefined;
  consumed.add(path);
  return number;
}

/** The string elements of an array (`sourceIPs`, `user.groups`); other elements are left out. */
export function takeStrings(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: TakenPaths,
): string[] | undefined {
  const value = parent?.[key];
  if (!Array.isArray(value)) return undefined;
  const texts: string[] = [];
  for (const item of value) if (typeof item === 'string' && item !== '') texts.push(item);
  if (texts.length === value.length) consumed.add(path);
  return texts.length > 0 ? texts : undefined;
}

/**
 * An instant as epoch milliseconds: ISO 8601 text (a fraction beyond milliseconds is cut; no zone means
 * UTC, as Panther's `2022-06-25 00:27:53` means), or a number of epoch milliseconds (WAF's `timestamp`).
 */
export function takeTime(
  parent: RawRecord | undefined,
  key: string,
  path: string,
  consumed: TakenPaths,
): number | undefined {
  const value = parent?.[key];
  const ms =
    typeof value === 'string'
      ? parseCloudTrailTime(value)
      : typeof value === 'number' && Number.isSafeInteger(value)
        ? value
        : undefined;
  if (ms !== undefined) consumed.add(path);
  return ms;
}

/** Returns `struct` when at least one member was set, so that structs without values are left out of the row. */
export function nonEmpty<T extends object>(struct: T): T | undefined {
  for (const _ in struct) return struct;
  return undefined;
}
