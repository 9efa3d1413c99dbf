// The columns of a table's Parquet files checked against its Glue table: a missing column, or one of another
// type, is reported per table. Queries still cast each column to the Glue type.

import type { DuckDBConnection } from '@duckdb/node-api';
import { glueToDuckDbType } from '../mapping/glue-types.ts';
import type { NativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import { quoteIdentifier, quoteLiteral } from './table-layout.ts';

/** Folder columns: Security Lake's files may carry them or not. */
const PARTITION_NAMES = new Set(['region', 'accountid', 'eventday']);

export async function schemaMismatches(
  connection: DuckDBConnection,
  source: NativeSource,
  files: readonly string[],
): Promise<string[]> {
  if (files.length === 0) return [];
  const glue = TABLE_SCHEMAS[source].filter((column) => !PARTITION_NAMES.has(column.name));
  // DuckDB spells the Glue types the way it describes the files' columns, so the two compare as text.
  const expected = await describe(
    connection,
    `SELECT ${glue.map((c) => `CAST(NULL AS ${glueToDuckDbType(c.type)}) AS ${quoteIdentifier(c.name)}`).join(', ')}`,
  );
  const actual = await describe(
    connection,
    `SELECT * FROM read_parquet([${files.map(quoteLiteral).join(', ')}], union_by_name = true)`,
  );
  const lines: string[] = [];
  for (const [name, type] of expected) {
    const found = actual.get(name);
    if (found === undefined) lines.push(`missing column ${name} (Glue: ${type})`);
    else if (found !== type) lines.push(`column ${name} is ${found}, Glue: ${type}`);
  }
  for (const name of actual.keys()) {
    if (!expected.has(name) && !PARTITION_NAMES.has(name.toLowerCase())) lines.push(`column ${name} is not in Glue`);
  }
  return lines;
}

async function describe(connection: DuckDBConnection, sql: string): Promise<Map<string, string>> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${sql}`);
  return new Map(reader.getRows().map((row) => [String(row[0]), String(row[1])]));
}
