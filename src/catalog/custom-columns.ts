// The columns of custom sources' tables, for their DDL: those of all the source's Parquet files (read by name,
// as queries read them), each DuckDB type written as the Glue (Hive) type a crawler would give it.

import { DuckDBInstance, type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import { isNativeSource } from '../mapping/native-sources.ts';
import { quoteString } from '../query/catalog-views.ts';
import type { LakeCatalog } from '../query/lake-catalog.ts';

export interface DdlColumn {
  readonly name: string;
  /** A Glue type: `string`, `bigint`, `struct<uid:string>`, `array<string>`, … */
  readonly type: string;
}

/** By custom source (`ext/<name>`): its data columns; region, accountid and eventday are partition keys. */
export async function readCustomColumns(catalog: LakeCatalog): Promise<ReadonlyMap<string, readonly DdlColumn[]>> {
  const sources = new Map<string, readonly string[]>();
  for (const table of catalog.tables) {
    if (!isNativeSource(table.source) && table.schemaFiles.length > 0) sources.set(table.source, table.schemaFiles);
  }
  const columns = new Map<string, DdlColumn[]>();
  if (sources.size === 0) return columns;
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    for (const [source, files] of sources) {
      const list = files.map(quoteString).join(', ');
      const reader = await connection.runAndReadAll(
        `SELECT * FROM read_parquet([${list}], union_by_name = true, hive_partitioning = false) LIMIT 0`,
      );
      const types = reader.columnTypes();
      columns.set(
        source,
        reader.columnNames().map((name, i) => ({ name, type: glueType(types[i] as DuckDBType) })),
      );
    }
  } finally {
    connection.closeSync();
  }
  return columns;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SCALARS: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.TINYINT]: 'tinyint',
  [DuckDBTypeId.SMALLINT]: 'smallint',
  [DuckDBTypeId.INTEGER]: 'int',
  [DuckDBTypeId.BIGINT]: 'bigint',
  [DuckDBTypeId.FLOAT]: 'float',
  [DuckDBTypeId.DOUBLE]: 'double',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
};

/** Types with no Glue counterpart (JSON, UUID, intervals) are text, as Parquet stores them for a crawler. */
export function glueType(type: DuckDBType): string {
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array<${glueType(type.valueType)}>`;
    case DuckDBTypeId.STRUCT:
      // Field names inside a type are not quoted in Hive DDL: a name that is not a plain word (free-form
      // `unmapped` keys) would change the statement, so such a struct is declared as text.
      if (!type.entryNames.every((name) => PLAIN_NAME.test(name))) return 'string';
      return `struct<${type.entryNames.map((name, i) => `${name}:${glueType(type.entryTypes[i] as DuckDBType)}`).join(',')}>`;
    case DuckDBTypeId.MAP:
      return `map<${glueType(type.keyType)},${glueType(type.valueType)}>`;
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    default:
      return SCALARS[type.typeId] ?? 'string';
  }
}
