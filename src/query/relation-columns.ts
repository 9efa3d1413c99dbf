// The columns of a relation the engine holds (a lake table's view, a saved view), as DuckDB plans a
// SELECT * over it: nothing is read, and the types are named by the caller, Glue's way or Trino's.

import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { prepareReadOnly } from './read-only-guard.ts';

export interface NamedColumn {
  readonly name: string;
  readonly type: string;
}

/** `relation` is SQL, already quoted: `main."name"`. */
export async function relationColumns(
  connection: DuckDBConnection,
  relation: string,
  typeName: (type: DuckDBType) => string,
): Promise<NamedColumn[]> {
  const prepared = await prepareReadOnly(connection, `SELECT * FROM ${relation}`);
  return Array.from({ length: prepared.columnCount }, (_, i) => ({
    name: prepared.columnName(i),
    type: typeName(prepared.columnType(i)),
  }));
}
