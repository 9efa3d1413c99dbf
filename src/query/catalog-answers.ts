// SHOW TABLES, SHOW COLUMNS and DESCRIBE, answered from the catalog as Athena answers them, rather than by
// letting DuckDB run its own statements of those names (which would list DuckDB's internals).

import { isNativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import type { NamedTable } from './athena-dialect.ts';
import type { LakeCatalog } from './lake-catalog.ts';
import type { QueryColumn, QueryResult } from './query-engine.ts';
import { QueryError } from './query-error.ts';

const VARCHAR = (name: string): QueryColumn => ({ name, type: 'varchar' });

export function showTables(
  catalog: LakeCatalog,
  views: readonly string[],
  database: string | null,
  pattern: string | null,
): QueryResult {
  if (database !== null && !catalog.tables.some((table) => table.database === database)) {
    throw new QueryError('execution', `Schema '${database}' does not exist`);
  }
  const tables = catalog.tables.filter((table) => database === null || table.database === database).map((t) => t.name);
  const names = [...tables, ...(database === null ? views : [])].filter(matcher(pattern)).sort();
  return { columns: [VARCHAR('tab_name')], rows: names.map((name) => [name]), truncated: false };
}

/** Athena's SHOW TABLES pattern: `*` for any characters, `|` between alternatives, case-insensitive. */
function matcher(pattern: string | null): (name: string) => boolean {
  if (pattern === null) return () => true;
  const alternatives = pattern
    .split('|')
    .map((part) => part.replace(/[.+?^${}()[\]\\]/g, '\\$&').replaceAll('*', '.*'));
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  return (name) => regex.test(name);
}

/** A lake table's Glue columns and types; null when the name is not a lake table (it may be a view). */
export function glueColumns(catalog: LakeCatalog, table: NamedTable): { name: string; type: string }[] | null {
  const found = catalog.tables.find(
    (candidate) => candidate.name === table.name && (table.database === null || candidate.database === table.database),
  );
  // A custom table has no Glue schema of its own: its columns are its files', described like a view's.
  if (found === undefined || !isNativeSource(found.source)) return null;
  return TABLE_SCHEMAS[found.source].map(({ name, type }) => ({ name, type }));
}

export function showColumns(columns: readonly { name: string }[]): QueryResult {
  return { columns: [VARCHAR('field')], rows: columns.map((column) => [column.name]), truncated: false };
}

export function describe(columns: readonly { name: string; type: string }[]): QueryResult {
  return {
    columns: [VARCHAR('col_name'), VARCHAR('data_type'), VARCHAR('comment')],
    rows: columns.map((column) => [column.name, column.type, '']),
    truncated: false,
  };
}

export function missingTable(table: NamedTable): QueryError {
  const name = table.database === null ? table.name : `${table.database}.${table.name}`;
  return new QueryError('execution', `Table '${name}' does not exist`);
}
