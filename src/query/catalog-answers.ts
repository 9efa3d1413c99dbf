// SHOW TABLES, SHOW COLUMNS and DESCRIBE, answered from the catalog as Athena answers them, rather than by
// letting DuckDB run its own statements of those names (which would list DuckDB's internals).

import type { DuckDBConnection } from '@duckdb/node-api';
import { isNativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import type { NamedTable } from './athena-dialect.ts';
import { quoteName } from './catalog-views.ts';
import type { LakeCatalog, LakeTable } from './lake-catalog.ts';
import { isLakeWide } from './lake-wide-tables.ts';
import type { QueryColumn, QueryResult } from './query-engine.ts';
import { QueryError } from './query-error.ts';
import { type NamedColumn, relationColumns } from './relation-columns.ts';
import { glueTypeName } from './type-names.ts';

const VARCHAR = (name: string): QueryColumn => ({ name, type: 'varchar' });

/**
 * Athena's `tab_name`, and beside it which regions each table's rows come from, so that a per-region table
 * is not taken for the whole lake: `all regions` for the lake-wide and the rollup region's tables.
 */
export function showTables(
  catalog: LakeCatalog,
  views: readonly string[],
  database: string | null,
  pattern: string | null,
): QueryResult {
  if (database !== null && !catalog.tables.some((table) => table.database === database)) {
    throw new QueryError('execution', `Schema '${database}' does not exist`);
  }
  const tables = catalog.tables
    .filter((table) => database === null || table.database === database)
    .map((table): [string, string] => [table.name, covers(catalog, table)]);
  const rows = [...tables, ...(database === null ? views.map((view): [string, string] => [view, 'view']) : [])]
    .filter(([name]) => matcher(pattern)(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { columns: [VARCHAR('tab_name'), VARCHAR('covers')], rows, truncated: false };
}

function covers(catalog: LakeCatalog, table: LakeTable): string {
  if (isLakeWide(table)) return 'all regions';
  if (table.region === catalog.rollupRegion) return 'all regions (rollup region)';
  return table.region;
}

/** Athena's SHOW VIEWS: the saved views' names, in a `views` column. */
export function showViews(views: readonly string[], pattern: string | null): QueryResult {
  const names = views.filter(matcher(pattern)).sort();
  return { columns: [VARCHAR('views')], rows: names.map((name) => [name]), truncated: false };
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

/**
 * A lake table's columns and Glue types; null when the name is not a lake table (it may be a view). A custom
 * table has no published schema: its columns are those its Parquet files hold, read through its view.
 */
export async function lakeTableColumns(
  catalog: LakeCatalog,
  connection: DuckDBConnection,
  table: NamedTable,
): Promise<NamedColumn[] | null> {
  const found = catalog.tables.find(
    (candidate) => candidate.name === table.name && (table.database === null || candidate.database === table.database),
  );
  if (found === undefined) return null;
  if (isNativeSource(found.source)) return TABLE_SCHEMAS[found.source].map(({ name, type }) => ({ name, type }));
  return relationColumns(connection, `main.${quoteName(found.name)}`, glueTypeName);
}

export function showColumns(columns: readonly NamedColumn[]): QueryResult {
  return { columns: [VARCHAR('field')], rows: columns.map((column) => [column.name]), truncated: false };
}

export function describe(columns: readonly NamedColumn[]): QueryResult {
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
