// Writes flow records as a Parquet file the way VPC Flow Logs delivers them (FileFormat=parquet): the column
// types of AWS's Athena DDL for Parquet flow logs, INT and BIGINT numbers, strings otherwise, null for a
// value the record does not have.

import { DuckDBInstance } from '@duckdb/node-api';

const INTEGER_COLUMNS = new Set(['version', 'srcport', 'dstport', 'tcp_flags', 'traffic_path']);
const BIGINT_COLUMNS = new Set(['protocol', 'packets', 'bytes', 'start', 'end']);

/** Every record is written with the first record's columns; a column a record lacks is null. */
export async function writeFlowParquet(path: string, records: readonly Record<string, unknown>[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const columns = Object.keys(records[0] ?? {});
    const cell = (column: string, value: unknown) => {
      const type = INTEGER_COLUMNS.has(column) ? 'INTEGER' : BIGINT_COLUMNS.has(column) ? 'BIGINT' : 'VARCHAR';
      return value === undefined ? `NULL::${type}` : `'${String(value).replaceAll("'", "''")}'::${type}`;
    };
    const rows = records.map((r) => `SELECT ${columns.map((c) => `${cell(c, r[c])} AS "${c}"`).join(', ')}`);
    await connection.run(`COPY (${rows.join(' UNION ALL ')}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
