// Column by column, how many records the SQL mapping probe maps exactly as the JavaScript mapping does.
// `source` is compared on every record (a refusal is a NULL source); the other columns on the records both
// mappings keep. A SQL struct field that is NULL counts as absent, as a JavaScript row leaves it out.

import { isDeepStrictEqual } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MapOutcome } from '../ocsf-row.ts';
import { SQL_MAPPED_COLUMNS } from './cloudtrail-sql-mapping.ts';

export interface ColumnTally {
  equal: number;
  differing: number;
  /** The first differing record: its key and the column's value on each side. */
  example?: { key: number; js: unknown; sql: unknown };
}

/** Reads `table` (written by mapCloudTrailInSql) and compares it with the JavaScript outcome of each key. */
export async function compareSqlMapping(
  connection: DuckDBConnection,
  table: string,
  jsOutcomes: ReadonlyMap<number, MapOutcome>,
): Promise<Record<string, ColumnTally>> {
  const tallies: Record<string, ColumnTally> = {};
  for (const column of SQL_MAPPED_COLUMNS) tallies[column] = { equal: 0, differing: 0 };
  const reader = await connection.runAndReadAll(
    `SELECT CAST(k AS DOUBLE), CAST(to_json(t) AS VARCHAR) FROM ${table} t`,
  );
  for (const [k, json] of reader.getRows()) {
    const key = Number(k);
    const sql = withoutNulls(JSON.parse(String(json))) as Record<string, unknown>;
    const outcome = jsOutcomes.get(key);
    const js: Record<string, unknown> = outcome?.ok ? { ...outcome.row, source: outcome.source } : {};
    for (const column of SQL_MAPPED_COLUMNS) {
      if (column !== 'source' && (js.source === undefined || sql.source === undefined)) continue;
      const tally = tallies[column] as ColumnTally;
      if (isDeepStrictEqual(js[column], sql[column])) tally.equal++;
      else {
        tally.differing++;
        tally.example ??= { key, js: js[column], sql: sql[column] };
      }
    }
  }
  return tallies;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) kept[key] = withoutNulls(child);
  return kept;
}
