// A custom table's columns have the types the OCSF schema gives them, whatever form the events came in, so
// Athena's time filters work: time_dt is a UTC TIMESTAMP (derived from time when an event has none), time a
// BIGINT, severity_id an INTEGER, in every batch. Batches written before that still read with the new ones.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestCustomSource } from '../../src/lake/custom-source-ingest.ts';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { openQueryEngine, type QueryResult } from '../../src/query/index.ts';
import {
  apiActivity,
  jsonLines,
  OCSF_SCHEMA,
  type OcsfEvent,
  writeEventsParquet,
} from '../helpers/custom-source-events.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

const T = Date.UTC(2024, 2, 10, 14);
const TABLE = 'amazon_security_lake_table_us_east_1_ext_acme_api';

async function lakeOf(...batches: (readonly OcsfEvent[] | string)[]): Promise<string> {
  const lake = tempDir();
  await addCustomSource(lake, { name: 'acme-api', eventClass: 'api_activity', given: OCSF_SCHEMA });
  for (const batch of batches) {
    const file = typeof batch === 'string' ? batch : join(tempDir(), 'events.jsonl');
    if (typeof batch !== 'string') writeFileSync(file, jsonLines(batch));
    const summary = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [file] });
    assert.deepEqual(summary.rejected, []);
  }
  return lake;
}

async function query(lake: string, sql: string): Promise<QueryResult> {
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    return await engine.run(sql);
  } finally {
    await engine.close();
  }
}

/** Column name → type, as DuckDB reads one Parquet file by itself. */
async function parquetTypes(path: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
  connection.closeSync();
  return Object.fromEntries(reader.getRowObjectsJson().map((row) => [row.column_name, row.column_type]));
}

test('Parquet with a zoned time_dt, JSON with an ISO time_dt, JSON without one: one typed table', async () => {
  const parquet = join(tempDir(), 'events_dt.parquet');
  // As a producer writes OCSF Parquet: time_dt a TIMESTAMP WITH TIME ZONE, the ids whatever DuckDB guessed.
  await writeEventsParquet(
    parquet,
    [apiActivity('p1', T), apiActivity('p2', T + 2000)],
    'SELECT *, to_timestamp("time" / 1000) AS time_dt FROM events',
  );
  assert.deepEqual((({ time_dt, severity_id }) => [time_dt, severity_id])(await parquetTypes(parquet)), [
    'TIMESTAMP WITH TIME ZONE',
    'BIGINT',
  ]);
  const iso = apiActivity('j1', T + 1000, {
    time_dt: '2024-03-10T16:00:01+02:00',
    message: '2024-03-10T16:00:01+02:00',
  });
  const without = apiActivity('n1', T + 3500, { severity_id: 3, http_request: { user_agent: 'curl/8.0' } });
  const lake = await lakeOf(parquet, [iso], [without]);

  const { rows } = await query(
    lake,
    `SELECT metadata.uid, time, time_dt, message, http_request.user_agent FROM ${TABLE}
     WHERE time_dt > TIMESTAMP '2024-03-10 14:00:00' ORDER BY time`,
  );
  assert.deepEqual(rows, [
    ['j1', T + 1000, '2024-03-10 14:00:01.000', '2024-03-10T16:00:01+02:00', null],
    ['p2', T + 2000, '2024-03-10 14:00:02.000', null, null],
    ['n1', T + 3500, '2024-03-10 14:00:03.500', null, 'curl/8.0'],
  ]);
  assert.deepEqual(
    (await query(lake, `SELECT DISTINCT typeof(time_dt), typeof(time), typeof(severity_id) FROM ${TABLE}`)).rows,
    [['TIMESTAMP', 'BIGINT', 'INTEGER']],
  );
  // Every batch's own file has the same types, not only the table over them.
  const files = (await readLedger(lake)).files.map((file) => join(lake, file.path));
  const types = await Promise.all(files.map(parquetTypes));
  assert.equal(types.length, 3);
  for (const [index, fileTypes] of types.entries()) {
    const { time, time_dt, severity_id, class_uid, type_uid, metadata } = fileTypes;
    assert.deepEqual(
      [time, time_dt, severity_id, class_uid, type_uid],
      ['BIGINT', 'TIMESTAMP', 'INTEGER', 'INTEGER', 'BIGINT'],
      files[index],
    );
    assert.match(metadata ?? '', /^STRUCT\(.*profiles VARCHAR\[\]/, files[index]);
  }

  const result = await query(lake, `SELECT * FROM ${TABLE}`);
  const events = result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
  assert.equal(events.length, 4);
  assert.deepEqual(validateOcsf(events), []);
});
