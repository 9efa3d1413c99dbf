// How one source's rows are laid out in the lake: its folder, its columns as DuckDB types, and the key that
// makes a row a duplicate of one already committed.

import { glueToDuckDbType } from '../mapping/glue-types.ts';
import { type NativeSource, sourceFolder } from '../mapping/native-sources.ts';
import type { OcsfRow } from '../mapping/ocsf-row.ts';
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
  /** The columns `keySql` reads, with just the fields it needs, so keys can be read without whole rows. */
  readonly keyColumns: Readonly<Record<string, string>>;
}

interface RowKey {
  readonly sql: string;
  readonly columns: Readonly<Record<string, string>>;
  /** The same key computed on a mapped row in JavaScript (equal keys in SQL give equal keys here). */
  readonly of: (row: OcsfRow) => string | null;
}

const EVENT_UID: RowKey = {
  sql: 'metadata.uid',
  columns: { metadata: 'STRUCT("uid" VARCHAR)' },
  of: (row) => textOrNull((row.metadata as { uid?: unknown } | undefined)?.uid),
};

const ROW_KEYS: Readonly<Partial<Record<NativeSource, RowKey>>> = {
  cloud_trail_mgmt: EVENT_UID,
  s3_data: EVENT_UID,
  lambda_execution: EVENT_UID,
  // A finding is re-sent each time it is updated: the same Id at a new UpdatedAt is a new row.
  sh_findings: {
    sql: "finding_info.uid || '@' || CAST(time AS VARCHAR)",
    columns: { finding_info: 'STRUCT("uid" VARCHAR)', time: 'BIGINT' },
    of: (row) => {
      const uid = textOrNull((row.finding_info as { uid?: unknown } | undefined)?.uid);
      return uid === null ? null : `${uid}@${Math.round(Number(row.time))}`;
    },
  },
};

const NO_KEY: RowKey = { sql: 'NULL', columns: {}, of: () => null };

/** The row's de-duplication key, or null when its source has none or the row lacks it. */
export function rowKey(source: NativeSource, row: OcsfRow): string | null {
  return (ROW_KEYS[source] ?? NO_KEY).of(row);
}

function textOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

export function tableLayout(source: NativeSource): TableLayout {
  return {
    source,
    folder: sourceFolder(source),
    columns: TABLE_SCHEMAS[source].map((column) => ({ name: column.name, type: glueToDuckDbType(column.type) })),
    keySql: (ROW_KEYS[source] ?? NO_KEY).sql,
    keyColumns: (ROW_KEYS[source] ?? NO_KEY).columns,
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
