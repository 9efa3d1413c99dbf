import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openQueryEngine, type QueryEngine, QueryError } from '../../src/query/index.ts';
import { buildIncidentLake } from './incident-lake.ts';
import type { FixtureLake } from './lake-fixture.ts';

let lake: FixtureLake;
let engine: QueryEngine;
before(async () => {
  lake = await buildIncidentLake();
  engine = await openQueryEngine({ lakeDir: lake.dir, memoryLimit: '512MB' });
});
after(async () => {
  await engine.close();
  await lake.remove();
});

test('a query that runs past the timeout is interrupted, and the engine keeps answering', async () => {
  // Ten quadrillion rows: no machine finishes this within the timeout, whatever the timeout's length.
  const slow = await openQueryEngine({ lakeDir: lake.dir, timeoutMs: 1000 });
  await assert.rejects(
    slow.run('SELECT sum(a.range * b.range) FROM range(100000000) AS a CROSS JOIN range(100000000) AS b'),
    (error: unknown) =>
      error instanceof QueryError && error.kind === 'timeout' && /1000 ms time limit/.test(error.message),
  );
  assert.deepEqual((await slow.run('SELECT 1 AS one')).rows, [[1]]);
  await slow.close();
});

test('cancel() stops the running query and the ones waiting, and the engine keeps answering', async () => {
  const slow = await openQueryEngine({ lakeDir: lake.dir });
  const running = slow.run('SELECT sum(a.range * b.range) FROM range(100000000) AS a CROSS JOIN range(100000000) AS b');
  const waiting = slow.run('SELECT 1 AS one');
  const cancelled = (error: unknown) =>
    error instanceof QueryError && error.kind === 'cancelled' && error.message === 'Query was cancelled';
  setImmediate(() => slow.cancel());
  await assert.rejects(running, cancelled);
  await assert.rejects(waiting, cancelled);
  assert.deepEqual((await slow.run('SELECT 1 AS one')).rows, [[1]]);
  await slow.close();
});

test('maxRows returns the first rows and says more were left', async () => {
  const sql = 'SELECT api.operation FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 ORDER BY time';
  const limited = await engine.run(sql, { maxRows: 2 });
  assert.deepEqual(limited, {
    columns: [{ name: 'operation', type: 'varchar' }],
    rows: [['CreateUser'], ['AttachUserPolicy']],
    truncated: true,
  });
  assert.equal((await engine.run(sql, { maxRows: 5 })).truncated, false);
  assert.equal((await engine.run(sql)).rows.length, 5);
});

test('values come back as Athena shows them: millisecond timestamps, maps as objects, big numbers kept exact', async () => {
  const result = await engine.run(
    "SELECT TIMESTAMP '2024-03-10 09:15:00.123456' AS ts, MAP(ARRAY['k'], ARRAY['v']) AS m, CAST(ROW(1, 'x') AS ROW(n INTEGER, s VARCHAR)) AS r, 9007199254740993 AS big, 42 AS small, ARRAY[1, NULL] AS list",
  );
  assert.deepEqual(result.columns, [
    { name: 'ts', type: 'timestamp(3)' },
    { name: 'm', type: 'map(varchar, varchar)' },
    { name: 'r', type: 'row(n integer, s varchar)' },
    { name: 'big', type: 'bigint' },
    { name: 'small', type: 'integer' },
    { name: 'list', type: 'array(integer)' },
  ]);
  assert.deepEqual(result.rows, [
    ['2024-03-10 09:15:00.123', { k: 'v' }, { n: 1, s: 'x' }, 9007199254740993n, 42, [1, null]],
  ]);
});

test('explain gives the DuckDB SQL without running it', async () => {
  assert.equal(
    await engine.explain("SELECT json_extract(api.request.data, '$.userName') FROM t"),
    `SELECT json_extract(TRY_CAST(api.request.data AS JSON), '$.userName') AS "_col0" FROM t`,
  );
});

test('SHOW TABLES, SHOW COLUMNS and DESCRIBE are answered from the catalog', async () => {
  const tables = await engine.run("SHOW TABLES IN amazon_security_lake_glue_db_us_west_2 '*cloud_trail*|*s3*'");
  assert.deepEqual(tables, {
    columns: [
      { name: 'tab_name', type: 'varchar' },
      { name: 'covers', type: 'varchar' },
    ],
    rows: [
      ['amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0', 'all regions (rollup region)'],
      ['amazon_security_lake_table_us_west_2_s3_data_2_0', 'all regions (rollup region)'],
    ],
    truncated: false,
  });
  const lakeWide = await engine.run("SHOW TABLES IN amazon_security_lake_glue_db_all '*cloud_trail*'");
  assert.deepEqual(lakeWide.rows, [['amazon_security_lake_table_all_cloud_trail_mgmt_2_0', 'all regions']]);
  const columns = await engine.run(
    'SHOW COLUMNS FROM "amazon_security_lake_glue_db_us_west_2".amazon_security_lake_table_us_west_2_s3_data_2_0',
  );
  assert.deepEqual(columns.rows.slice(0, 3), [['metadata'], ['time'], ['time_dt']]);
  const described = await engine.run(
    'DESCRIBE AwsDataCatalog.amazon_security_lake_glue_db_us_west_2.amazon_security_lake_table_us_west_2_s3_data_2_0',
  );
  assert.deepEqual(described.rows[2], ['time_dt', 'timestamp', '']);
  await assert.rejects(
    engine.run('DESCRIBE nope'),
    (error: unknown) => error instanceof QueryError && error.message === "Table 'nope' does not exist",
  );
});

test('mistakes in the SQL are reported as errors, not crashes', async () => {
  await assert.rejects(
    engine.run("SELECT 'unterminated FROM t"),
    (error: unknown) => error instanceof QueryError && error.message === 'line 1:8: unterminated string literal',
  );
  await assert.rejects(
    engine.run('SELECT nope FROM amazon_security_lake_table_us_west_2_waf_2_0'),
    (error: unknown) =>
      error instanceof QueryError &&
      error.kind === 'execution' &&
      /^Column 'nope' cannot be resolved/.test(error.message),
  );
});
