// DuckDB types named in the two notations the query layer answers in: Trino's, as Athena names the types of
// a result's columns, and Glue's (Hive's), as DESCRIBE shows a table's columns. A custom table's columns come
// from its Parquet files rather than from a published schema, so their Glue names are made here.

import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';

interface TypeNotation {
  readonly scalars: Partial<Record<DuckDBTypeId, string>>;
  readonly json: string;
  readonly struct: (fields: readonly (readonly [string, string])[]) => string;
  readonly array: (element: string) => string;
  readonly map: (key: string, value: string) => string;
}

const TRINO: TypeNotation = {
  scalars: {
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
  },
  json: 'json',
  struct: (fields) => `row(${fields.map(([name, type]) => `${name} ${type}`.trim()).join(', ')})`,
  array: (element) => `array(${element})`,
  map: (key, value) => `map(${key}, ${value})`,
};

/** Hive has no unsigned integers, each is shown as the signed type wide enough to hold it, and no JSON type. */
const GLUE: TypeNotation = {
  scalars: {
    [DuckDBTypeId.BOOLEAN]: 'boolean',
    [DuckDBTypeId.TINYINT]: 'tinyint',
    [DuckDBTypeId.SMALLINT]: 'smallint',
    [DuckDBTypeId.INTEGER]: 'int',
    [DuckDBTypeId.BIGINT]: 'bigint',
    [DuckDBTypeId.UTINYINT]: 'smallint',
    [DuckDBTypeId.USMALLINT]: 'int',
    [DuckDBTypeId.UINTEGER]: 'bigint',
    [DuckDBTypeId.UBIGINT]: 'decimal(20,0)',
    [DuckDBTypeId.HUGEINT]: 'decimal(38,0)',
    [DuckDBTypeId.FLOAT]: 'float',
    [DuckDBTypeId.DOUBLE]: 'double',
    [DuckDBTypeId.VARCHAR]: 'string',
    [DuckDBTypeId.UUID]: 'string',
    [DuckDBTypeId.BLOB]: 'binary',
    [DuckDBTypeId.DATE]: 'date',
    [DuckDBTypeId.TIMESTAMP]: 'timestamp',
    [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
    [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
    [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
    [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
  },
  json: 'string',
  struct: (fields) => `struct<${fields.map(([name, type]) => `${name}:${type}`).join(',')}>`,
  array: (element) => `array<${element}>`,
  map: (key, value) => `map<${key},${value}>`,
};

/** `STRUCT("name" VARCHAR)` → `row(name varchar)`, as Athena's result metadata names types. */
export function trinoTypeName(type: DuckDBType): string {
  return typeName(type, TRINO);
}

/** `STRUCT("name" VARCHAR, "ids" BIGINT[])` → `struct<name:string,ids:array<bigint>>`, as Glue's schemas write it. */
export function glueTypeName(type: DuckDBType): string {
  return typeName(type, GLUE);
}

function typeName(type: DuckDBType, notation: TypeNotation): string {
  if (type.alias?.toUpperCase() === 'JSON') return notation.json;
  const inner = (item: DuckDBType) => typeName(item, notation);
  switch (type.typeId) {
    case DuckDBTypeId.STRUCT:
      return notation.struct(type.entryNames.map((name, i) => [name, inner(type.entryTypes[i] as DuckDBType)]));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return notation.array(inner(type.valueType));
    case DuckDBTypeId.MAP:
      return notation.map(inner(type.keyType), inner(type.valueType));
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    default:
      return notation.scalars[type.typeId] ?? type.toString().toLowerCase();
  }
}
