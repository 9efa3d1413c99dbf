import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DDL_ENGINES, lakeDdl } from '../../src/catalog/table-ddl.ts';
import type { LedgerDataFile } from '../../src/lake/ledger.ts';
import { planLakeCatalog } from '../../src/query/index.ts';
import { TarnError } from '../../src/tarn-error.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

const file = (source: string, region: string, accountId: string, eventDay: string): LedgerDataFile => ({
  path: `aws/${source.toUpperCase()}/2.0/region=${region}/accountId=${accountId}/eventDay=${eventDay}/${source}-${eventDay}.parquet`,
  source,
  region,
  accountId,
  eventDay,
  rows: 1,
});

// Two regions (us-east-1 the rollup region), two accounts, three days, two sources with data, and a custom
// source, with the columns its files hold (or left out, and said so, without them).
const catalog = planLakeCatalog(
  '/lake',
  {
    seq: 1,
    state: null,
    files: [
      file('cloud_trail_mgmt', 'us-east-1', '111122223333', '20240310'),
      file('cloud_trail_mgmt', 'us-east-1', '111122223333', '20240311'),
      file('cloud_trail_mgmt', 'eu-west-1', '444455556666', '20240311'),
      file('vpc_flow', 'eu-west-1', '444455556666', '20240312'),
      { ...file('okta', 'us-east-1', '111122223333', '20240310'), source: 'ext/okta', path: 'ext/okta/x.parquet' },
    ],
  },
  { rollupRegion: 'us-east-1' },
);

const customColumns = new Map([
  [
    'ext/okta',
    [
      { name: 'time', type: 'bigint' },
      { name: 'actor', type: 'struct<user:struct<name:string,uid:string>>' },
      { name: 'observables', type: 'array<struct<name:string,type_id:int,value:string>>' },
    ],
  ],
]);

for (const engine of DDL_ENGINES) {
  test(`catalog ddl for ${engine} matches its golden file`, () => {
    const ddl = lakeDdl(catalog, { engine, location: 's3://acme-ir-lake/tarn/', customColumns });
    const golden = join(GOLDEN, `lake-ddl.${engine}.sql`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, ddl);
    assert.equal(ddl, readFileSync(golden, 'utf8'));
  });
}

test('Athena projection: the rollup region spans every region, the others only their own', () => {
  const ddl = lakeDdl(catalog, { engine: 'athena', location: 's3://acme-ir-lake' });
  const regionsOf = (table: string) => {
    const start = ddl.indexOf(`\`${table}\` (`);
    return /'projection\.region\.values' = '([^']*)'/.exec(ddl.slice(start))?.[1];
  };
  assert.equal(regionsOf('amazon_security_lake_table_us_east_1_vpc_flow_2_0'), 'eu-west-1,us-east-1');
  assert.equal(regionsOf('amazon_security_lake_table_eu_west_1_vpc_flow_2_0'), 'eu-west-1');
});

test('Trino and Spark register only the partitions of a table’s own region outside the rollup region', () => {
  const spark = lakeDdl(catalog, { engine: 'spark', location: 's3://acme-ir-lake' });
  const partitions = spark
    .split('\n')
    .filter((line) => line.startsWith('ALTER TABLE `amazon_security_lake_glue_db_eu_west_1`'))
    .map((line) => /LOCATION '([^']*)'/.exec(line)?.[1]);
  assert.deepEqual(partitions, [
    's3://acme-ir-lake/aws/CLOUD_TRAIL_MGMT/2.0/region=eu-west-1/accountId=444455556666/eventDay=20240311/',
    's3://acme-ir-lake/aws/VPC_FLOW/2.0/region=eu-west-1/accountId=444455556666/eventDay=20240312/',
  ]);
});

test('a location that is not a plain S3 URI is refused before anything is printed', () => {
  for (const location of [
    '/tmp/lake',
    "s3://bucket/x' OR '1",
    's3://Bad_Bucket/x',
    'https://bucket.s3.amazonaws.com',
  ]) {
    assert.throws(() => lakeDdl(catalog, { engine: 'athena', location }), TarnError, location);
  }
});

test('a lake with no data has no DDL to print', () => {
  const empty = planLakeCatalog('/lake', { seq: 0, state: null, files: [] }, { rollupRegion: null });
  assert.throws(() => lakeDdl(empty, { engine: 'trino', location: 's3://acme-ir-lake' }), /no data yet/);
});

test('a custom source without its columns is left out, and the DDL says so', () => {
  const ddl = lakeDdl(catalog, { engine: 'athena', location: 's3://acme-ir-lake' });
  assert.match(ddl, /-- Not included \(custom sources: columns come from their OCSF schema\): ext\/okta/);
  assert.doesNotMatch(ddl, /_ext_okta/);
});
