// Conditions on time_dt, time (epoch ms), region and accountid read only the files of the partitions that can match, as
// DuckDB's own profile of the query shows; the answers are the same as over every file.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openQueryEngine, type QueryEngine, translateAthenaSql } from '../../src/query/index.ts';
import { buildLake, type FixtureFile, type FixtureLake } from './lake-fixture.ts';

const TABLE = 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
const file = (region: string, accountId: string, day: string): FixtureFile => ({
  source: 'cloud_trail_mgmt',
  region,
  accountId,
  eventDay: day.replaceAll('-', ''),
  name: `${region}-${accountId}-${day}`,
  rows: [
    {
      time_dt: `${day} 12:00:00`,
      time: Date.parse(`${day}T12:00:00Z`),
      api: { operation: `Op-${region}-${accountId}-${day}` },
    },
  ],
});
const today = new Date().toISOString().slice(0, 10);
const FILES = [
  file('us-east-1', '111122223333', '2024-03-09'),
  file('us-east-1', '111122223333', '2024-03-10'),
  file('us-east-1', '444455556666', '2024-03-10'),
  file('us-west-2', '111122223333', '2024-03-11'),
  file('us-east-1', '111122223333', '2024-03-12'),
  file('us-east-1', '111122223333', today),
];

let lake: FixtureLake;
let engine: QueryEngine;
before(async () => {
  lake = await buildLake(FILES, { rollupRegion: 'us-east-1' });
  engine = await openQueryEngine({ lakeDir: lake.dir });
});
after(async () => {
  await engine.close();
  await lake.remove();
});

/** Files DuckDB opened, summed over the scans of its profile. */
async function filesRead(sql: string): Promise<number> {
  const profile = await engine.profile(sql);
  return [...profile.matchAll(/Total Files Read: (\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

test('each condition reads only the files of the partitions it can match, and answers as over every file', async () => {
  const cases: [string, number, number][] = [
    ['true', 6, 6],
    ["time_dt BETWEEN TIMESTAMP '2024-03-10 00:00:00.000' AND TIMESTAMP '2024-03-10 23:59:00.000'", 2, 2],
    ["time_dt >= TIMESTAMP '2024-03-11 00:00:00' AND time_dt < TIMESTAMP '2024-03-12 00:00:00'", 2, 1],
    ["time_dt = TIMESTAMP '2024-03-09 12:00:00'", 1, 1],
    ["time_dt > CURRENT_TIMESTAMP - INTERVAL '1' DAY", 1, 1],
    ["region = 'us-west-2'", 1, 1],
    ["accountid = '444455556666'", 1, 1],
    ["accountid IN ('444455556666', '999999999999') AND (time_dt >= TIMESTAMP '2024-03-10 00:00:00')", 1, 1],
    ["region = 'us-east-1' AND accountid = '111122223333' AND time_dt < TIMESTAMP '2024-03-11 00:00:00'", 2, 2],
    ["time_dt < TIMESTAMP '2024-03-10 00:00:00' OR region = 'us-west-2'", 6, 2],
    [`time BETWEEN ${Date.parse('2024-03-10T00:00:00Z')} AND ${Date.parse('2024-03-10T23:59:59.999Z')}`, 2, 2],
    [`time >= ${Date.parse('2024-03-11T13:00:00Z')} AND time < ${Date.parse('2024-03-12T00:00:00Z')}`, 2, 0],
    [`time <= ${Date.parse('2024-03-09T12:00:00Z')}`, 1, 1],
    [`time BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER}`, 6, 6],
    [`time > ${Date.parse('2024-03-10T00:00:00Z')} OR region = 'us-west-2'`, 6, 5],
  ];
  for (const [where, files, rows] of cases) {
    // Rows, not count(*): DuckDB may answer a count from the files' statistics without scanning them.
    const sql = `SELECT api.operation FROM ${TABLE} WHERE ${where}`;
    assert.equal(await filesRead(sql), files, where);
    assert.equal((await engine.run(sql)).rows.length, rows, where);
  }
});

test('a condition prunes only the table reference it qualifies', async () => {
  const joined = `SELECT count(*) AS n FROM ${TABLE} a JOIN ${TABLE} b ON a.accountid = b.accountid WHERE a.region = 'us-west-2'`;
  assert.equal((await engine.plan(joined)).files.length, 6);
  assert.deepEqual((await engine.run(joined)).rows, [[5]]);
  const union = `SELECT api.operation FROM ${TABLE} WHERE region = 'us-west-2' UNION ALL SELECT api.operation FROM ${TABLE}`;
  assert.equal((await engine.plan(union)).files.length, 6);
  assert.equal(await filesRead(union), 1 + 6);
  assert.equal((await engine.run(union)).rows.length, 1 + 6);
  const inner = `SELECT api.operation FROM (SELECT * FROM ${TABLE} WHERE accountid = '444455556666') WHERE time_dt IS NOT NULL`;
  assert.equal(await filesRead(inner), 1);
});

test('the plan names the files a query will read and the SQL that reads them', async () => {
  const plan = await engine.plan(`SELECT api.operation FROM ${TABLE} WHERE region = 'us-west-2'`);
  assert.deepEqual(plan.files, [lake.paths['us-west-2-111122223333-2024-03-11']]);
  assert.match(
    plan.sql,
    /^WITH "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0" AS NOT MATERIALIZED \(SELECT .* FROM read_parquet\(\['[^']*us-west-2[^']*'\], hive_partitioning = true/,
  );
  assert.match(
    plan.sql,
    /\) SELECT api\.operation FROM "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0" WHERE region = 'us-west-2'$/,
  );
  const withQuery = await engine.plan(
    `WITH x AS (SELECT * FROM ${TABLE} WHERE region = 'us-west-2') SELECT count(*) FROM x`,
  );
  assert.match(
    withQuery.sql,
    /^WITH "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0" AS NOT MATERIALIZED \(.*\), x AS \(SELECT \* FROM/,
  );
  assert.deepEqual(
    (await engine.run(`WITH x AS (SELECT * FROM ${TABLE} WHERE region = 'us-west-2') SELECT count(*) FROM x`)).rows,
    [[1]],
  );
});

test('the table name is written bare, whichever way the query names it', () => {
  const tables = [{ name: TABLE, database: 'amazon_security_lake_glue_db_us_east_1' }];
  for (const name of [
    TABLE,
    `amazon_security_lake_glue_db_us_east_1.${TABLE}`,
    `AwsDataCatalog."amazon_security_lake_glue_db_us_east_1"."${TABLE}"`,
  ]) {
    assert.equal(translateAthenaSql(`SELECT time_dt FROM ${name} t`, { tables }), `SELECT time_dt FROM "${TABLE}" t`);
  }
  assert.equal(
    translateAthenaSql(`SELECT 1 AS one FROM other_db.${TABLE}`, { tables }),
    `SELECT 1 AS one FROM other_db.${TABLE}`,
  );
});
