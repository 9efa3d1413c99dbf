// A probe, not part of ingest: the CloudTrail mapping written in DuckDB SQL, for the columns listed in
// SQL_MAPPED_COLUMNS, to measure whether DuckDB can map the hottest source exactly as cloudtrail-mapping.ts
// does (bench/sql-mapping-probe.ts, docs/architecture.md "SQL mapping probe"). The class and status rules are
// not rewritten: they are applied by the JavaScript functions to each distinct event name and error code
// and joined in, so there is one copy of each rule.

import type { DuckDBConnection } from '@duckdb/node-api';
import { classifyEvent } from './class-selection.ts';
import { CLOUDTRAIL_SQL_MACROS } from './cloudtrail-sql-fields.ts';
import { CLOUDTRAIL_SQL_ROWS } from './cloudtrail-sql-rows.ts';
import { statusOf } from './cloudtrail-status.ts';

/** Columns the SQL mapping writes as the JavaScript mapping does; `source` is the table, NULL when refused. */
export const SQL_MAPPED_COLUMNS: readonly string[] = [
  'source',
  'time',
  'time_dt',
  'class_uid',
  'class_name',
  'category_uid',
  'category_name',
  'activity_id',
  'activity_name',
  'type_uid',
  'type_name',
  'severity_id',
  'severity',
  'status',
  'metadata',
  'cloud',
  'api',
  'actor',
  'src_endpoint',
  'http_request',
  'resources',
  'user',
  'is_mfa',
  'dst_endpoint',
  'policy',
  'observables',
  'accountid',
  'region',
];

/**
 * Maps every record of `input` (a relation with `k BIGINT`, the record's key, and `r JSON`, the record) into
 * the table `output`, one row per record, `source` NULL for a record the SQL refuses.
 */
export async function mapCloudTrailInSql(connection: DuckDBConnection, input: string, output: string): Promise<void> {
  for (const macro of CLOUDTRAIL_SQL_MACROS) await connection.run(macro);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ct_fields AS ${CLOUDTRAIL_SQL_ROWS.fields(input)}`);
  await lookupTable(
    connection,
    'ct_kinds',
    'name VARCHAR, is_data BOOLEAN, class_uid INTEGER, class_name VARCHAR, category_uid INTEGER, category_name VARCHAR, activity_id INTEGER, activity_name VARCHAR, type_uid INTEGER, type_name VARCHAR',
    `SELECT DISTINCT event_name, route <> 'cloud_trail_mgmt' FROM ct_fields WHERE event_name IS NOT NULL AND route IS NOT NULL`,
    ([name, isData]) => {
      const kind = classifyEvent(String(name), isData === true);
      const c = kind.ocsfClass;
      return [
        name,
        isData,
        c.uid,
        c.name,
        c.categoryUid,
        c.categoryName,
        kind.activityId,
        kind.activityName,
        kind.typeUid,
        kind.typeName,
      ];
    },
  );
  await lookupTable(
    connection,
    'ct_status',
    'code VARCHAR, status VARCHAR',
    'SELECT DISTINCT error_code FROM ct_fields WHERE error_code IS NOT NULL',
    ([code]) => [code, statusOf(String(code))],
  );
  await connection.run(`CREATE OR REPLACE TABLE ${output} AS ${CLOUDTRAIL_SQL_ROWS.rows('ct_fields')}`);
}

/** A table of the JavaScript rule's answer for each distinct value; values from records are quoted. */
async function lookupTable(
  connection: DuckDBConnection,
  name: string,
  columns: string,
  distinct: string,
  rule: (values: unknown[]) => unknown[],
): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`);
  const values = (await connection.runAndReadAll(distinct)).getRows().map((row) => rule(row as unknown[]));
  for (let start = 0; start < values.length; start += 1000) {
    const tuples = values.slice(start, start + 1000).map((row) => `(${row.map(sqlLiteral).join(', ')})`);
    await connection.run(`INSERT INTO ${name} VALUES ${tuples.join(', ')}`);
  }
}

function sqlLiteral(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}
