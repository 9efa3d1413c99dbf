// How one source's rows are laid out in the lake: its folder, its columns as DuckDB types, and the key that
// makes a row a duplicate of one already committed.

import { glueToDuckDbType } from '../mapping/glue-types.ts';
import { type NativeSource, sourceFolder } from '../mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../mapping/table-schemas.ts';

/** Columns kept out of the Parquet files: their values live in the partition folder names. */
export const PARTITION_COLUMNS = new Set(['region', 'accountid']);

export interface TableLayout {
  readonly source: NativeSource;
  /** Folder below the lake root, `aws/CLOUD_TRAIL_MGMT/2.0`. */
  readonly folder: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** SQL over a row's columns giving its identity, or NULL when the row has none (never de-duplicated). */
  readonly keySql: string;
}

const KEY_SQL: Readonly<Partial<Record<NativeSource, string>>> = {
  cloud_trail_mgmt: 'metadata.uid',
  s3_data: 'metadata.uid',
  lambda_execution: 'metadata.uid',
  // A finding is re-sent each time it is updated: the same Id at a new UpdatedAt is a new row.
  sh_findings: "finding_info.uid || '@' || CAST(time AS VARCHAR)",
};

export function tableLayout(source: NativeSource): TableLayout {
  return {
    source,
    folder: sourceFolder(source),
    columns: TABLE_SCHEMAS[source].map((column) => ({ name: column.name, type: glueToDuckDbType(column.type) })),
    keySql: KEY_SQL[source] ?? 'NULL',
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
