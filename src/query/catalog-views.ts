// The DuckDB SQL that presents a LakeCatalog as Athena sees Security Lake: one view per table, with the Glue
// columns in Glue order and Glue types, in `main` and in the table's Glue database (a schema).

import { glueToDuckDbType } from '../mapping/glue-types.ts';
import { isNativeSource } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';
import { customTableSelect } from './custom-tables.ts';
import type { LakeCatalog, LakeTable } from './lake-catalog.ts';

/** Glue columns that come from the folder names rather than from inside the Parquet files. */
const PARTITION_FOLDERS: Readonly<Record<string, string>> = { accountid: 'accountId', region: 'region' };

/** The Glue databases as schemas; the tables' views are made when first named (table-views.ts). */
export function catalogStatements(catalog: LakeCatalog): string[] {
  const databases = [...new Set(catalog.tables.map((table) => table.database))];
  return databases.map((database) => `CREATE SCHEMA ${quoteName(database)}`);
}

/** `replace` when the table's files changed since its views were made (an attached bucket's cache). */
export function tableViewStatements(table: LakeTable, replace = false): string[] {
  const create = replace ? 'CREATE OR REPLACE VIEW' : 'CREATE VIEW';
  return [
    `${create} main.${quoteName(table.name)} AS ${tableSelect(table, table.files)}`,
    `${create} ${quoteName(table.database)}.${quoteName(table.name)} AS SELECT * FROM main.${quoteName(table.name)}`,
  ];
}

/**
 * Casting to the Glue type costs nothing when the file already has it (DuckDB drops a cast to the same type),
 * and makes the view's type the Glue type when a file's differs. With no files, the same columns over no rows.
 */
export function tableSelect(table: LakeTable, files: readonly string[]): string {
  const { source } = table;
  if (!isNativeSource(source)) return customTableSelect(files, table.schemaFiles);
  const columns = TABLE_SCHEMAS[source].map((column) => {
    const value = files.length === 0 ? 'NULL' : quoteName(PARTITION_FOLDERS[column.name] ?? column.name);
    return `CAST(${value} AS ${glueToDuckDbType(column.type)}) AS ${quoteName(column.name)}`;
  });
  return `SELECT ${columns.join(', ')} FROM ${files.length === 0 ? '(SELECT 1) WHERE false' : parquetScan(files)}`;
}

/**
 * An explicit file list, so only committed files are read; hive partitioning turns the folder names into
 * columns, so a filter on region or accountid skips whole files. Partition values stay text: an account id
 * is not a number, and hive type detection would make it one.
 */
function parquetScan(files: readonly string[]): string {
  const list = files.map(quoteString).join(', ');
  return `read_parquet([${list}], hive_partitioning = true, hive_types = {'region': VARCHAR, 'accountId': VARCHAR})`;
}

export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
