// tarn query --engine athena against a RECORDED-REQUEST FAKE of Athena (test/helpers/json-api-recorded-fake.ts),
// not Athena: the test asserts the exact requests (start, polls until done, result pages, the stop of a query
// past --timeout or cancelled) and that Athena's text answers print as the local engine's do, typed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AthenaClient } from '@aws-sdk/client-athena';
import { runOnAthena } from '../../src/query/athena-query.ts';
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
    const failed = await tarn('query', '--engine', 'athena', '--endpoint-url', local.url, 'SELECT 1');
    assert.equal(failed.code, 1);
    assert.match(failed.err, /Athena query q-2 failed: TABLE_NOT_FOUND: line 1:15/);
    assert.equal(failing.requests[0]?.body.WorkGroup, 'primary');
    assert.equal(failing.requests[0]?.body.QueryExecutionContext, undefined);
  } finally {
    await local.close();
  }
});

/** Athena answering that the query q-3 is still running, however often it is asked; Stop is accepted. */
function neverDone(): JsonRecordedFake {
  return new JsonRecordedFake(({ operation }) => {
    if (operation === 'StartQueryExecution') return { body: { QueryExecutionId: 'q-3' } };
    if (operation === 'StopQueryExecution') return { body: {} };
    return { body: { QueryExecution: { QueryExecutionId: 'q-3', Status: { State: 'RUNNING' } } } };
  });
}

const operations = (fake: JsonRecordedFake) => fake.requests.map((r) => r.operation);

test('--timeout stops the Athena query once it elapses: StopQueryExecution, and the time limit error', async () => {
  const running = neverDone();
  const local = await startLocalAws({ json: { athena: running } });
  try {
    const stopped = await tarn(
      'query',
      '--engine',
      'athena',
      '--timeout',
      '1',
      '--endpoint-url',
      local.url,
      'SELECT 1',
    );
    assert.equal(stopped.code, 1);
    assert.match(stopped.err, /Athena query q-3 exceeded the 1000 ms time limit and was stopped/);
    const [start, ...rest] = operations(running);
    assert.equal(start, 'StartQueryExecution');
    assert.deepEqual(running.requests.at(-1), {
      operation: 'StopQueryExecution',
      body: { QueryExecutionId: 'q-3' },
    });
    assert.ok(rest.length >= 2);
    assert.ok(rest.slice(0, -1).every((operation) => operation === 'GetQueryExecution'));
  } finally {
    await local.close();
  }
});

/** Runs `body` with an Athena client of a fake that never finishes, and returns the operations it received. */
async function onNeverDone(body: (client: AthenaClient) => Promise<void>): Promise<string[]> {
  const running = neverDone();
  const local = await startLocalAws({ json: { athena: running } });
  const client = new AthenaClient({ endpoint: local.url, region: 'us-east-1' });
  try {
    await body(client);
    return operations(running);
  } finally {
    client.destroy();
    await local.close();
  }
}

test('on a fake clock: polls every 500 ms, the last wait cut to the time left, then the stop', async () => {
  const waits: number[] = [];
  let clock = 0;
  const sent = await onNeverDone(async (client) => {
    const run = runOnAthena(client, 'SELECT 1', {
      workgroup: 'primary',
      timeoutMs: 1200,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await assert.rejects(run, { kind: 'timeout', message: /q-3 exceeded the 1200 ms time limit/ });
  });
  assert.deepEqual(waits, [500, 500, 200]);
  assert.deepEqual(sent, [
    'StartQueryExecution',
    'GetQueryExecution',
    'GetQueryExecution',
    'GetQueryExecution',
    'GetQueryExecution',
    'StopQueryExecution',
  ]);
});

test('a cancelled Athena query (Ctrl-C) is stopped on Athena at the next poll', async () => {
  const cancel = new AbortController();
  const sent = await onNeverDone(async (client) => {
    const run = runOnAthena(client, 'SELECT 1', {
      workgroup: 'primary',
      timeoutMs: 60_000,
      signal: cancel.signal,
      sleep: async () => cancel.abort(),
    });
    await assert.rejects(run, { kind: 'cancelled', message: /Athena query q-3 was cancelled and stopped/ });
  });
  assert.deepEqual(sent, ['StartQueryExecution', 'GetQueryExecution', 'GetQueryExecution', 'StopQueryExecution']);
});
