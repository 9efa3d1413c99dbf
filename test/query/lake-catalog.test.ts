import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { LedgerDataFile, LedgerFiles } from '../../src/lake/ledger.ts';
import { glueToDuckDbType } from '../../src/mapping/glue-types.ts';
import { NATIVE_SOURCES } from '../../src/mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { catalogStatements } from '../../src/query/catalog-views.ts';
import { openQueryEngine, planLakeCatalog } from '../../src/query/index.ts';
import { TableViews } from '../../src/query/table-views.ts';
import { useIncidentEngine } from './incident-lake.ts';
import { buildLake } from './lake-fixture.ts';

const incident = useIncidentEngine();

const dataFile = (region: string, source = 'cloud_trail_mgmt'): LedgerDataFile => ({
  path: `aws/${source.toUpperCase()}/2.0/region=${region}/accountId=1/eventDay=20240310/${region}.parquet`,
  source,
  region,
  accountId: '1',
  eventDay: '20240310',
  rows: 1,
});
const ledgerOf = (files: LedgerDataFile[]): LedgerFiles => ({ seq: 0, state: null, files });

test('without a configured rollup region, the first region ingested is the rollup region', () => {
  const catalog = planLakeCatalog('/lake', ledgerOf([dataFile('eu-west-1'), dataFile('us-east-1')]), {
    rollupRegion: null,
  });
  assert.equal(catalog.rollupRegion, 'eu-west-1');
  assert.deepEqual(catalog.regions, ['eu-west-1', 'us-east-1']);
  const files = (name: string) => catalog.tables.find((table) => table.name === name)?.files;
  assert.deepEqual(files('amazon_security_lake_table_eu_west_1_cloud_trail_mgmt_2_0'), [
    '/lake/aws/CLOUD_TRAIL_MGMT/2.0/region=eu-west-1/accountId=1/eventDay=20240310/eu-west-1.parquet',
    '/lake/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=1/eventDay=20240310/us-east-1.parquet',
  ]);
  assert.deepEqual(files('amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0'), [
    '/lake/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=1/eventDay=20240310/us-east-1.parquet',
  ]);
  assert.equal(catalog.tables.length, 2 * NATIVE_SOURCES.length);
});

test('a configured rollup region has tables even with no files of its own; custom sources have tables too', () => {
  const catalog = planLakeCatalog('/lake', ledgerOf([dataFile('us-east-1'), dataFile('us-east-1', 'ext/okta')]), {
    rollupRegion: 'us-west-2',
  });
  assert.deepEqual(catalog.regions, ['us-west-2', 'us-east-1']);
  assert.equal(catalog.files.length, 2);
  const okta = catalog.tables.filter((t) => t.source === 'ext/okta').map((t) => [t.name, t.files.length]);
  assert.deepEqual(okta, [
    ['amazon_security_lake_table_us_west_2_ext_okta', 1],
    ['amazon_security_lake_table_us_east_1_ext_okta', 1],
  ]);
  assert.equal(
    catalog.tables.find((t) => t.name === 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0')?.files.length,
    1,
  );
});

test('a ledger path outside the lake is an error', () => {
  const outside = { ...dataFile('us-east-1'), path: '../elsewhere/x.parquet' };
  assert.throws(() => planLakeCatalog('/lake', ledgerOf([outside]), { rollupRegion: null }), /outside the lake/);
});

test('every view, with files or without, in main and in its Glue database, has the Glue columns and types', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const { catalog } = incident.engine;
  for (const statement of catalogStatements(catalog)) await connection.run(statement);
  await new TableViews(catalog, connection).ensure(catalog.tables.map((table) => table.name));
  const describe = async (relation: string) =>
    (await connection.runAndReadAll(`DESCRIBE ${relation}`)).getRows().map((row) => [row[0], row[1]]);
  for (const source of NATIVE_SOURCES) {
    const columns = TABLE_SCHEMAS[source].map((column) => `"${column.name}" ${glueToDuckDbType(column.type)}`);
    await connection.run(`CREATE TABLE expected_${source} (${columns.join(', ')})`);
    const expected = await describe(`expected_${source}`);
    for (const region of ['us_west_2', 'us_east_1']) {
      const table = `amazon_security_lake_table_${region}_${source}_2_0`;
      assert.deepEqual(await describe(table), expected, table);
      assert.deepEqual(await describe(`amazon_security_lake_glue_db_${region}.${table}`), expected, table);
    }
  }
  connection.closeSync();
});

test('the engine returns the Glue columns in Glue order', async () => {
  const result = await incident.engine.run(
    'SELECT * FROM amazon_security_lake_table_us_west_2_sh_findings_2_0 LIMIT 0',
  );
  assert.deepEqual(
    result.columns.map((column) => column.name),
    TABLE_SCHEMAS.sh_findings.map((column) => column.name),
  );
});

test('the rollup region covers every region; other regions hold only their own files', async () => {
  const count = async (region: string) =>
    (
      await incident.engine.run(
        `SELECT region, accountid, count(*) FROM amazon_security_lake_glue_db_${region}.amazon_security_lake_table_${region}_cloud_trail_mgmt_2_0 GROUP BY 1, 2 ORDER BY 1`,
      )
    ).rows;
  assert.deepEqual(await count('us_west_2'), [
    ['us-east-1', '111122223333', 4],
    ['us-west-2', '444455556666', 1],
  ]);
  assert.deepEqual(await count('us_east_1'), [['us-east-1', '111122223333', 4]]);
});

test('a Parquet file in the lake but not in the ledger is never read', async () => {
  const result = await incident.engine.run(
    "SELECT count(*) FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 WHERE api.operation = 'CreateLoginProfile'",
  );
  assert.deepEqual(result.rows, [[0]]);
  await assert.rejects(
    incident.engine.run(`SELECT * FROM '${join(incident.lake.dir, incident.lake.paths.uncommitted ?? '')}'`),
    /disabled/,
  );
  await assert.rejects(
    incident.engine.run(`SELECT * FROM read_parquet('${join(incident.lake.dir, 'aws/**/*.parquet')}')`),
    /disabled/,
  );
});

test('tables with no files are empty and typed, including in a lake with no ledger at all', async () => {
  const empty = await incident.engine.run(
    'SELECT count(*), max(time_dt) FROM amazon_security_lake_table_us_west_2_vpc_flow_2_0',
  );
  assert.deepEqual(empty.rows, [[0, null]]);
  assert.deepEqual(empty.columns, [
    { name: '_col0', type: 'bigint' },
    { name: '_col1', type: 'timestamp(3)' },
  ]);
  const bare = await buildLake([], { rollupRegion: 'us-west-2' });
  const bareEngine = await openQueryEngine({ lakeDir: bare.dir });
  try {
    const result = await bareEngine.run('SELECT * FROM amazon_security_lake_table_us_west_2_waf_2_0');
    assert.equal(result.columns.length, TABLE_SCHEMAS.waf.length);
    assert.deepEqual(result.rows, []);
  } finally {
    await bareEngine.close();
    await bare.remove();
  }
});

test("a filter on region or accountid skips the other partitions' files unopened", async () => {
  const vpcFile = (region: string, accountId: string, name: string) =>
    ({ source: 'vpc_flow', region, accountId, eventDay: '20240310', name, rows: [{ time: 1 }] }) as const;
  const pruned = await buildLake([
    vpcFile('us-east-1', '111122223333', 'good'),
    vpcFile('us-east-1', '999999999999', 'broken'),
    vpcFile('eu-west-1', '111122223333', 'other'),
  ]);
  // A file that cannot be read proves it was never opened when a query over its table succeeds.
  await writeFile(join(pruned.dir, pruned.paths.broken ?? ''), 'not parquet');
  const prunedEngine = await openQueryEngine({ lakeDir: pruned.dir });
  try {
    const table = 'amazon_security_lake_table_us_east_1_vpc_flow_2_0';
    const count = async (where: string) => (await prunedEngine.run(`SELECT count(*) FROM ${table} ${where}`)).rows;
    assert.deepEqual(await count("WHERE region = 'eu-west-1'"), [[1]]);
    assert.deepEqual(await count("WHERE accountid = '111122223333'"), [[2]]);
    await assert.rejects(count(''), /too small to be a Parquet file/);
  } finally {
    await prunedEngine.close();
    await pruned.remove();
  }
});
