// Typed reads of a flow record that never throw on odd input. The text format holds every value as text and
// Panther's JSON holds numbers, so integers are read from either; a value that is not what its column holds
// is not consumed, and stays in `unmapped` as the record had it.

import type { ConsumedPaths, RawRecord } from '../cloudtrail/raw-fields.ts';

/** More digits than this could pass 2^53, where a JS number stops being exact; no flow log field has them. */
const MAX_DIGITS = 15;

export function takeInteger(
  record: RawRecord,
  key: string,
  consumed: ConsumedPaths,
  max = Number.MAX_SAFE_INTEGER,
  min = 0,
): number | undefined {
  const value = record[key];
  const number =
    typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? value : undefined) : digitsOf(value);
  if (number === undefined || number < min || number > max) return undefined;
  consumed.add(key);
  return number;
}

function digitsOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_DIGITS) return undefined;
  let number = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    number = number * 10 + digit;
  }
  return number;
}
