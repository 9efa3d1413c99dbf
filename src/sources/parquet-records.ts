// Parquet inputs (VPC flow logs delivered as Parquet, OCSF Parquet of custom sources) are read through DuckDB,
// which is already the engine, so no second Parquet reader is needed. Values come back JSON-shaped (nested
// structs as objects, lists as arrays, timestamps as strings, BIGINT and wider integers as decimal strings), the same shape
// the JSON formats hand to the mappings.

import { DuckDBInstance } from '@duckdb/node-api';

export type ParquetRead = { readonly records: Record<string, unknown>[] } | { readonly reason: string };

/** Reads every row of one Parquet file; a file DuckDB cannot read gives its reason instead of throwing. */
export async function readParquetRecords(path: string): Promise<ParquetRead> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    // Folder names such as `aws-region=us-east-1/` are where the file was delivered, not columns of it.
    const sql = `SELECT * FROM read_parquet(${sqlString(path)}, hive_partitioning = false)`;
    const reader = await connection.runAndReadAll(sql);
    return { records: reader.getRowObjectsJson() as Record<string, unknown>[] };
  } catch (error) {
    return { reason: `not a readable Parquet file: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Parquet files start and end with the magic bytes `PAR1`. */
export function isParquet(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return (
    n >= 8 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x41 &&
    bytes[2] === 0x52 &&
    bytes[3] === 0x31 &&
    bytes[n - 4] === 0x50 &&
    bytes[n - 3] === 0x41 &&
    bytes[n - 2] === 0x52 &&
    bytes[n - 1] === 0x31
  );
}
