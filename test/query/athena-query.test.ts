// tarn query --engine athena against a RECORDED-REQUEST FAKE of Athena (test/helpers/json-api-recorded-fake.ts),
// not Athena: the test asserts the exact requests (start, polls until done, result pages) and that Athena's
// text answers print as the local engine's do, typed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type JsonAnswer, JsonRecordedFake, type JsonRequest } from '../helpers/json-api-recorded-fake.ts';
import { type LocalAws, STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';

const SQL =
  'SELECT api.operation, count(*) AS calls, bool_or(api.response.error IS NOT NULL) AS failed FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 GROUP BY 1 ORDER BY 2 DESC';
const COLUMNS = [
  { Name: 'operation', Type: 'varchar' },
  { Name: 'calls', Type: 'bigint' },
  { Name: 'failed', Type: 'boolean' },
];
const row = (...values: (string | undefined)[]) => ({
  Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
});

/** Running twice, then done; the results in two pages, the first starting with the header row. */
function script(request: JsonRequest, polls: { count: number }): JsonAnswer {
  if (request.operation === 'StartQueryExecution') return { body: { QueryExecutionId: 'q-1' } };
  if (request.operation === 'GetQueryExecution') {
    polls.count++;
    const state = polls.count < 3 ? 'RUNNING' : 'SUCCEEDED';
    return { body: { QueryExecution: { QueryExecutionId: 'q-1', Status: { State: state } } } };
  }
  const meta = { ResultSetMetadata: { ColumnInfo: COLUMNS } };
  if (request.body.NextToken === undefined) {
    const rows = [row('operation', 'calls', 'failed'), row('GetObject', '12', 'false')];
    return { body: { ResultSet: { Rows: rows, ...meta }, NextToken: 'page-2' } };
  }
  return { body: { ResultSet: { Rows: [row('ListBuckets', '3', 'true'), row(undefined, '1', 'false')], ...meta } } };
}

let aws: LocalAws;
let athena: JsonRecordedFake;

before(async () => {
  Object.assign(process.env, STAND_IN_ENV);
  const polls = { count: 0 };
  athena = new JsonRecordedFake((request) => script(request, polls));
  aws = await startLocalAws({ json: { athena } });
});

after(() => aws.close());

test('query --engine athena starts the query, polls until it succeeds, reads every page and prints the same JSON', async () => {
  const args = ['query', '--engine', 'athena', '--workgroup', 'ir', '--output', 's3://acme-athena-results/tarn/'];
  const { code, out, err } = await tarn(...args, '--format', 'json', '--endpoint-url', aws.url, SQL);
  assert.equal(code, 0, err);
  assert.deepEqual(JSON.parse(out), {
    columns: ['operation', 'calls', 'failed'],
    truncated: false,
    rows: [
      ['GetObject', 12, false],
      ['ListBuckets', 3, true],
      [null, 1, false],
    ],
  });
  const [start, ...rest] = athena.requests;
  // The SDK adds an idempotency token of its own to each start.
  assert.match(String(start?.body.ClientRequestToken), /^[0-9a-f-]{36}$/);
  assert.deepEqual(
    { ...start, body: { ...start?.body, ClientRequestToken: '<token>' } },
    {
      operation: 'StartQueryExecution',
      body: {
        ClientRequestToken: '<token>',
        QueryString: SQL,
        WorkGroup: 'ir',
        QueryExecutionContext: { Database: 'amazon_security_lake_glue_db_us_west_2' },
        ResultConfiguration: { OutputLocation: 's3://acme-athena-results/tarn/' },
      },
    },
  );
  assert.deepEqual(rest, [
    { operation: 'GetQueryExecution', body: { QueryExecutionId: 'q-1' } },
    { operation: 'GetQueryExecution', body: { QueryExecutionId: 'q-1' } },
    { operation: 'GetQueryExecution', body: { QueryExecutionId: 'q-1' } },
    { operation: 'GetQueryResults', body: { QueryExecutionId: 'q-1' } },
    { operation: 'GetQueryResults', body: { QueryExecutionId: 'q-1', NextToken: 'page-2' } },
  ]);
});

test('a failed Athena query is an error with Athena’s reason', async () => {
  const failing = new JsonRecordedFake((request) =>
    request.operation === 'StartQueryExecution'
      ? { body: { QueryExecutionId: 'q-2' } }
      : {
          body: {
            QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'TABLE_NOT_FOUND: line 1:15' } },
          },
        },
  );
  const local = await startLocalAws({ json: { athena: failing } });
  try {
    const { code, err } = await tarn('query', '--engine', 'athena', '--endpoint-url', local.url, 'SELECT 1');
    assert.equal(code, 1);
    assert.match(err, /Athena query q-2 failed: TABLE_NOT_FOUND: line 1:15/);
    assert.equal(failing.requests[0]?.body.WorkGroup, 'primary');
    assert.equal(failing.requests[0]?.body.QueryExecutionContext, undefined);
  } finally {
    await local.close();
  }
});
