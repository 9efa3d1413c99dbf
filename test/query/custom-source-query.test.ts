// A custom source's table answers Athena SQL like a native one: nested fields, batches whose events carry
// different attributes, the rollup region over every region, and `tarn sources` lists it.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingestCustomSource } from '../../src/lake/custom-source-ingest.ts';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { apiActivity, jsonLines, OCSF_SCHEMA } from '../helpers/custom-source-events.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';

const T = Date.UTC(2024, 2, 10, 8);
const TABLE = 'amazon_security_lake_table_us_east_1_ext_acme_api';
const eu = { cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: '444455556666' } } };
const lake = tempDir();
let engine: QueryEngine;

before(async () => {
  await addCustomSource(lake, { name: 'acme-api', eventClass: 'api_activity', given: OCSF_SCHEMA });
  const first = join(tempDir(), 'first.jsonl');
  writeFileSync(first, jsonLines([apiActivity('a', T), apiActivity('b', T + 60_000, eu)]));
  // The second batch's events carry attributes the first's do not, at the top level and nested.
  const second = join(tempDir(), 'second.json');
  const withMore = apiActivity('c', T + 120_000, {
    actor: { user: { name: 'carol', uid: 'AIDA123' } },
    http_request: { user_agent: 'curl/8.0' },
  });
  writeFileSync(second, JSON.stringify([withMore], null, 2));
  for (const file of [first, second]) {
    const summary = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [file] });
    assert.deepEqual(summary.rejected, []);
  }
  engine = await openQueryEngine({ lakeDir: lake });
});

after(() => engine?.close());

test('nested fields of both batches are columns of the one table; the rollup region reads every region', async () => {
  const result = await engine.run(
    `SELECT metadata.uid, actor.user.name, actor.user.uid, http_request.user_agent, region, accountid, eventday
     FROM amazon_security_lake_glue_db_us_east_1.${TABLE} ORDER BY time`,
  );
  assert.deepEqual(result.rows, [
    ['a', 'user-of-a', null, null, 'us-east-1', '111122223333', '20240310'],
    ['b', 'user-of-b', null, null, 'eu-west-1', '444455556666', '20240310'],
    ['c', 'carol', 'AIDA123', 'curl/8.0', 'us-east-1', '111122223333', '20240310'],
  ]);
  const euOnly = await engine.run(
    'SELECT metadata.uid, http_request.user_agent FROM amazon_security_lake_table_eu_west_1_ext_acme_api',
  );
  assert.deepEqual(euOnly.rows, [['b', null]]);
});

test('a query narrowed to some partitions keeps every column and reads only those files', async () => {
  const sql = `SELECT metadata.uid, http_request.user_agent FROM ${TABLE} WHERE region = 'eu-west-1'`;
  assert.deepEqual((await engine.run(sql)).rows, [['b', null]]);
  const plan = await engine.plan(sql);
  assert.equal(plan.files.length, 1);
  assert.match(plan.files[0] ?? '', /^ext\/acme-api\/region=eu-west-1\/accountId=444455556666\/eventDay=20240310\//);
  const tables = await engine.run("SHOW TABLES IN amazon_security_lake_glue_db_us_east_1 '*ext*'");
  assert.deepEqual(tables.rows, [[TABLE, 'all regions (rollup region)']]);
});

test('DESCRIBE and SHOW COLUMNS give the columns of all its files, in Glue types as native tables show theirs', async () => {
  const columns = [
    ['class_uid', 'int'],
    ['category_uid', 'int'],
    ['activity_id', 'int'],
    ['type_uid', 'bigint'],
    ['severity_id', 'int'],
    ['time', 'bigint'],
    ['time_dt', 'timestamp'],
    [
      'metadata',
      'struct<version:string,profiles:array<string>,product:struct<name:string,vendor_name:string>,uid:string>',
    ],
    ['actor', 'struct<user:struct<name:string,uid:string>>'],
    ['api', 'struct<operation:string>'],
    ['src_endpoint', 'struct<ip:string>'],
    ['cloud', 'struct<provider:string,region:string,account:struct<uid:string>>'],
    ['http_request', 'struct<user_agent:string>'],
    ['region', 'string'],
    ['accountid', 'string'],
    ['eventday', 'string'],
  ];
  const described = await engine.run(`DESCRIBE ${TABLE}`);
  assert.deepEqual(described, {
    columns: [
      { name: 'col_name', type: 'varchar' },
      { name: 'data_type', type: 'varchar' },
      { name: 'comment', type: 'varchar' },
    ],
    rows: columns.map(([name, type]) => [name, type, '']),
    truncated: false,
  });
  // The eu-west-1 table holds only the first batch's event, but its columns are still those of every file.
  const euTable = 'amazon_security_lake_glue_db_eu_west_1.amazon_security_lake_table_eu_west_1_ext_acme_api';
  assert.deepEqual(
    (await engine.run(`SHOW COLUMNS FROM ${euTable}`)).rows,
    columns.map(([name]) => [name]),
  );
  await assert.rejects(
    engine.run('DESCRIBE amazon_security_lake_glue_db_eu_west_1.amazon_security_lake_table_us_east_1_ext_acme_api'),
    /Table 'amazon_security_lake_glue_db_eu_west_1.amazon_security_lake_table_us_east_1_ext_acme_api' does not exist/,
  );
});

test('rows read back from the table are valid OCSF', async () => {
  const result = await engine.run(`SELECT * FROM ${TABLE}`);
  const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])));
  assert.equal(rows.length, 3);
  assert.deepEqual(validateOcsf(rows), []);
});

test('tarn sources lists the custom source with its rows, time range, accounts and regions', async () => {
  const json = await tarn('sources', '--lake', lake, '--format', 'json');
  assert.equal(json.code, 0);
  const report = JSON.parse(json.out);
  assert.deepEqual(report.custom_sources, [
    {
      name: 'acme-api',
      source: 'ext/acme-api',
      class_name: 'api_activity',
      class_uid: 6003,
      table: TABLE,
      lake_wide_table: 'amazon_security_lake_table_all_ext_acme_api',
      rows: 3,
      files: 3,
      attached_files: 0,
      accounts: ['111122223333', '444455556666'],
      regions: ['eu-west-1', 'us-east-1'],
      first_event: '2024-03-10T08:00:00.000Z',
      last_event: '2024-03-10T08:02:00.000Z',
    },
  ]);
  const text = await tarn('sources', '--lake', lake);
  assert.equal(text.code, 0);
  assert.match(text.out, /ext\/acme-api \(api_activity\) \| amazon_security_lake_table_\w+_ext_acme_api +\| +3 /);
  const list = await tarn('source', 'list', '--lake', lake);
  assert.equal(list.code, 0);
  assert.match(list.out, new RegExp(`acme-api \\| api_activity \\(6003\\) \\| ${TABLE}`));
});
