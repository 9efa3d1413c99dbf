// DuckDB values as the query layer hands them out: plain JavaScript values that print the way Athena prints
// them, so results read the same whichever engine produced them (their types are named in type-names.ts).

import {
  DuckDBArrayValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';

/** A result cell. Timestamps are Athena's text (`2024-03-10 12:00:00.000`); a BIGINT is a bigint only when a number would lose digits. */
export type QueryValue = null | boolean | number | bigint | string | readonly QueryValue[] | QueryObject;

/** A struct, or a map keyed by its keys' text. */
export interface QueryObject {
  readonly [key: string]: QueryValue;
}

export function toQueryValue(value: DuckDBValue): QueryValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return value;
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (value instanceof DuckDBTimestampValue) return timestampText(value.micros, value.isFinite, '');
  if (value instanceof DuckDBTimestampTZValue) return timestampText(value.micros, value.isFinite, ' UTC');
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toQueryValue);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([key, item]) => [key, toQueryValue(item)]));
  }
  if (value instanceof DuckDBMapValue) {
    return Object.fromEntries(value.entries.map(({ key, value: item }) => [String(key), toQueryValue(item)]));
  }
  return String(value);
}

/** Athena's TIMESTAMP has millisecond precision and prints without a `T` or zone. */
function timestampText(micros: bigint, finite: boolean, zone: string): string {
  if (!finite) return micros > 0n ? 'infinity' : '-infinity';
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return `${new Date(Number(millis)).toISOString().replace('T', ' ').replace('Z', '')}${zone}`;
}
