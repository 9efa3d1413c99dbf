// DuckDB values and types as the query layer hands them out: plain JavaScript values that print the way
// Athena prints them, and Trino type names, so results read the same whichever engine produced them.

import {
  DuckDBArrayValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
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
function timestampText(micros: bigint, isFinite: boolean, zone: string): string {
  if (!isFinite) return micros > 0n ? 'infinity' : '-infinity';
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return `${new Date(Number(millis)).toISOString().replace('T', ' ').replace('Z', '')}${zone}`;
}

const TRINO_SCALAR_NAMES: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.TINYINT]: 'tinyint',
  [DuckDBTypeId.SMALLINT]: 'smallint',
  [DuckDBTypeId.INTEGER]: 'integer',
  [DuckDBTypeId.BIGINT]: 'bigint',
  [DuckDBTypeId.HUGEINT]: 'bigint',
  [DuckDBTypeId.UBIGINT]: 'bigint',
  [DuckDBTypeId.FLOAT]: 'real',
  [DuckDBTypeId.DOUBLE]: 'double',
  [DuckDBTypeId.VARCHAR]: 'varchar',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp(3)',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp(3) with time zone',
  [DuckDBTypeId.BLOB]: 'varbinary',
  [DuckDBTypeId.UUID]: 'uuid',
  [DuckDBTypeId.SQLNULL]: 'unknown',
};

/** `STRUCT("name" VARCHAR)` → `row(name varchar)`, as Athena's result metadata names types. */
export function trinoTypeName(type: DuckDBType): string {
  if (type.alias?.toUpperCase() === 'JSON') return 'json';
  switch (type.typeId) {
    case DuckDBTypeId.STRUCT:
      return `row(${type.entryNames.map((name, i) => `${name} ${trinoTypeName(type.entryTypes[i] as DuckDBType)}`.trim()).join(', ')})`;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array(${trinoTypeName(type.valueType)})`;
    case DuckDBTypeId.MAP:
      return `map(${trinoTypeName(type.keyType)}, ${trinoTypeName(type.valueType)})`;
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    default:
      return TRINO_SCALAR_NAMES[type.typeId] ?? type.toString().toLowerCase();
  }
}
