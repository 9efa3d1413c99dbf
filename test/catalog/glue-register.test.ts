// tarn catalog register --glue-database against a RECORDED-REQUEST FAKE of Glue (test/helpers/json-api-recorded-fake.ts),
// not Glue: the test asserts the exact requests the SDK sent, and scripts the answers (a database and a table
// already there). The lake holds a custom source too, whose tables are registered with the columns its files hold.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingestCustomSource } from '../../src/lake/custom-source-ingest.ts';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { apiActivity, jsonLines, OCSF_SCHEMA } from '../helpers/custom-source-events.ts';
import { JsonRecordedFake } from '../helpers/json-api-recorded-fake.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { type LocalAws, STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { buildIncidentLake } from '../query/incident-lake.ts';
import type { FixtureLake } from '../query/lake-fixture.ts';

const TAKEN = 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
let lake: FixtureLake;
let aws: LocalAws;
let glue: JsonRecordedFake;

before(async () => {
  Object.assign(process.env, STAND_IN_ENV);
  lake = await buildIncidentLake();
  await addCustomSource(lake.dir, { name: 'acme-api', eventClass: 'api_activity', given: OCSF_SCHEMA });
  const events = join(tempDir(), 'events.jsonl');
  writeFileSync(events, jsonLines([apiActivity('a', Date.UTC(2024, 2, 10, 8))]));
  const ingested = await ingestCustomSource({ lakeDir: lake.dir, source: 'acme-api', paths: [events] });
  assert.deepEqual(ingested.rejected, []);
  glue = new JsonRecordedFake(({ operation, body }) => {
    if (operation === 'CreateDatabase') return { error: 'AlreadyExistsException', message: 'Database already exists.' };
    const name = (body.TableInput as { Name: string }).Name;
    if (operation === 'CreateTable' && name === TAKEN) {
      return { error: 'AlreadyExistsException', message: 'Table already exists.' };
    }
    if (operation === 'CreateTable' && name.includes('us_west_2_vpc_flow')) {
      return { error: 'AccessDeniedException', message: 'not allowed to create this table' };
    }
    return { body: {} };
  });
  aws = await startLocalAws({ json: { glue } });
});

after(async () => {
  await aws.close();
  await lake.remove();
});

/** The exact TableInput of a us-east-1 table reading `folder` below the location, as Glue must receive it. */
function expectedInput(name: string, folder: string, columns: readonly { Name: string; Type: string }[]) {
  const location = `s3://acme-ir-lake/cases/ir-7/${folder}`;
  return {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      EXTERNAL: 'TRUE',
      classification: 'parquet',
      'projection.enabled': 'true',
      'projection.region.type': 'enum',
      'projection.region.values': 'us-east-1',
      'projection.accountid.type': 'enum',
      'projection.accountid.values': '111122223333,444455556666',
      'projection.eventday.type': 'date',
      'projection.eventday.format': 'yyyyMMdd',
      'projection.eventday.range': '20240310,NOW',
      'projection.eventday.interval': '1',
      'projection.eventday.interval.unit': 'DAYS',
      'storage.location.template': `${location}/region=\${region}/accountId=\${accountid}/eventDay=\${eventday}/`,
      'parquet.compression': 'ZSTD',
    },
    PartitionKeys: [
      { Name: 'region', Type: 'string' },
      { Name: 'accountid', Type: 'string' },
      { Name: 'eventday', Type: 'string' },
    ],
    StorageDescriptor: {
      Columns: columns,
      Location: `${location}/`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
  };
}

test('register creates the database and each table in Glue, updates the one already there, reports each', async () => {
  const args = ['catalog', 'register', '--glue-database', 'tarn_ir7', '--location', 's3://acme-ir-lake/cases/ir-7/'];
  const { code, out, err } = await tarn(...args, '--lake', lake.dir, '--endpoint-url', aws.url);
  const text = out + err;
  assert.match(text, new RegExp(`${TAKEN} +\\| updated`));
  assert.match(text, /amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 +\| created/);

  const [first, ...tables] = glue.requests;
  assert.deepEqual(first, {
    operation: 'CreateDatabase',
    body: { DatabaseInput: { Name: 'tarn_ir7', Description: 'Tarn lake tables' } },
  });
  assert.ok(tables.every((r) => r.body.DatabaseName === 'tarn_ir7'));
  const taken = tables.filter((r) => (r.body.TableInput as { Name: string }).Name === TAKEN);
  assert.deepEqual(
    taken.map((r) => r.operation),
    ['CreateTable', 'UpdateTable'],
  );
  assert.deepEqual(taken[0]?.body.TableInput, taken[1]?.body.TableInput);
  assert.deepEqual(
    taken[0]?.body.TableInput,
    expectedInput(
      TAKEN,
      'aws/CLOUD_TRAIL_MGMT/2.0',
      TABLE_SCHEMAS.cloud_trail_mgmt
        .filter((c) => c.name !== 'region' && c.name !== 'accountid')
        .map((c) => ({ Name: c.name, Type: c.type })),
    ),
  );
  // The custom source's tables come after the native ones, in the rollup region and in the event's region, with
  // the columns its Parquet files hold, reading ext/<name>/.
  const names = tables.map((r) => (r.body.TableInput as { Name: string }).Name);
  const custom = tables.filter((r) => (r.body.TableInput as { Name: string }).Name.includes('_ext_'));
  assert.deepEqual(
    custom.map((r) => [r.operation, (r.body.TableInput as { Name: string }).Name]),
    [
      ['CreateTable', 'amazon_security_lake_table_us_west_2_ext_acme_api'],
      ['CreateTable', 'amazon_security_lake_table_us_east_1_ext_acme_api'],
    ],
  );
  assert.deepEqual(names.slice(-2), [
    'amazon_security_lake_table_us_west_2_ext_acme_api',
    'amazon_security_lake_table_us_east_1_ext_acme_api',
  ]);
  assert.match(text, /amazon_security_lake_table_us_east_1_ext_acme_api +\| created/);
  assert.deepEqual(
    custom[1]?.body.TableInput,
    expectedInput('amazon_security_lake_table_us_east_1_ext_acme_api', 'ext/acme-api', [
      { Name: 'class_uid', Type: 'int' },
      { Name: 'category_uid', Type: 'int' },
      { Name: 'activity_id', Type: 'int' },
      { Name: 'type_uid', Type: 'bigint' },
      { Name: 'severity_id', Type: 'int' },
      { Name: 'time', Type: 'bigint' },
      { Name: 'time_dt', Type: 'timestamp' },
      {
        Name: 'metadata',
        Type: 'struct<version:string,profiles:array<string>,product:struct<name:string,vendor_name:string>,uid:string>',
      },
      { Name: 'actor', Type: 'struct<user:struct<name:string>>' },
      { Name: 'api', Type: 'struct<operation:string>' },
      { Name: 'src_endpoint', Type: 'struct<ip:string>' },
      { Name: 'cloud', Type: 'struct<provider:string,region:string,account:struct<uid:string>>' },
    ]),
  );
  assert.equal(
    (custom[0]?.body.TableInput as { Parameters?: Record<string, string> } | undefined)?.Parameters?.[
      'projection.region.values'
    ],
    'us-east-1,us-west-2',
  );
  // A failed table is reported and fails the run; the tables after it are still registered.
  assert.match(
    text,
    /amazon_security_lake_table_us_west_2_vpc_flow_2_0 +\| failed +\| not allowed to create this table/,
  );
  assert.equal(code, 1);
});

test('register refuses a database name Glue would not take, before any call', async () => {
  const before = glue.requests.length;
  const args = ['catalog', 'register', '--glue-database', 'Tarn; DROP', '--location', 's3://acme-ir-lake'];
  const refused = await tarn(...args, '--lake', lake.dir, '--endpoint-url', aws.url);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /--glue-database takes lower-case letters/);
  assert.equal(glue.requests.length, before);
});
