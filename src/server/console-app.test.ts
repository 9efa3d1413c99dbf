// The console's API through app.request(): answers, status codes, the token, the limits, cancel, and the
// read-only query service's escape tests through HTTP.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildIncidentLake } from '../../test/query/incident-lake.ts';
import type { FixtureLake } from '../../test/query/lake-fixture.ts';
import { REFERENCE_QUERIES } from '../scenario/reference-queries.ts';
import { consoleApp } from './console-app.ts';

const TABLE = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';
const TOKEN = 'a-test-token-of-some-length';
let lake: FixtureLake;
let cases: string;
before(async () => {
  lake = await buildIncidentLake();
  cases = await mkdtemp(join(tmpdir(), 'tarn-console-cases-'));
});
after(async () => {
  await lake.remove();
  await rm(cases, { recursive: true, force: true });
});

const open = (token: string | null = null) =>
  consoleApp({ lakeDir: lake.dir, casesDir: cases, token, appDir: null, maxBodyBytes: 10_000, logError: () => {} });
const HOST = { Host: '127.0.0.1:8080' };
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { ...HOST, 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

test('POST /api/query answers a reference query with columns, rows, elapsed time and truncation', async () => {
  const response = await open().request('/api/query', post({ sql: REFERENCE_QUERIES[0]?.sql }));
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body.columns, [{ name: 'operation', type: 'varchar' }]);
  assert.deepEqual(body.rows.map((r: string[]) => r[0]).sort(), [
    'AttachUserPolicy',
    'CreateRole',
    'CreateUser',
    'DeleteRole',
  ]);
  assert.equal(body.truncated, false);
  assert.equal(typeof body.elapsed_ms, 'number');
  const capped = await (
    await open().request('/api/query', post({ sql: `SELECT * FROM ${TABLE}`, max_rows: 2 }))
  ).json();
  assert.equal(capped.rows.length, 2);
  assert.equal(capped.truncated, true);
});

test('a bad query is a 400 with its message and line; a bad body is a 400 too', async () => {
  const response = await open().request('/api/query', post({ sql: `SELECT 1\nFROM ${TABLE} WHERE x = 'abc` }));
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.equal(body.kind, 'syntax');
  assert.equal(body.position.line, 2);
  assert.match(body.error, /^line 2:/);
  const missing = await open().request('/api/query', post({ query: 'SELECT 1' }));
  assert.equal(missing.status, 400);
  assert.deepEqual(await missing.json(), { error: 'give the SQL to run as "sql"' });
});

test('the query service stays read-only through HTTP and writes nothing: the CLI sandbox escapes, refused alike', async () => {
  const target = join(lake.dir, 'aws', 'copied.parquet');
  const refused = [
    `COPY (SELECT * FROM ${TABLE}) TO '${target}'`,
    `ATTACH '${join(cases, 'x.duckdb')}' AS x`,
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET enable_external_access = true',
    'RESET lock_configuration',
    'PRAGMA show_tables',
    'CREATE TABLE stolen AS SELECT 1',
    `INSERT INTO ${TABLE} SELECT * FROM ${TABLE}`,
    `EXPORT DATABASE '${cases}'`,
    'CALL pragma_version()',
  ];
  for (const sql of refused) {
    const response = await open().request('/api/query', post({ sql }));
    assert.equal(response.status, 400, sql);
    const body = await response.json();
    assert.equal(body.kind, 'refused', sql);
    assert.match(body.error, /statements are refused$/, sql);
  }
  for (const sql of [`SELECT 1; COPY (SELECT 1) TO '${target}'`, 'SELECT 1; SET lock_configuration = false']) {
    const body = await (await open().request('/api/query', post({ sql }))).json();
    assert.match(body.error, /Only one sql statement is allowed/, sql);
  }
  for (const sql of [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_parquet('/etc/hosts')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM glob('/*')",
    `SELECT * FROM glob('${lake.dir}/*')`,
  ]) {
    const response = await open().request('/api/query', post({ sql }));
    assert.equal(response.status, 400, sql);
    assert.match((await response.json()).error, /file system operations are disabled by configuration/, sql);
  }
  const quoted = await open().request('/api/query', post({ sql: "SELECT * FROM '/etc/passwd'" }));
  assert.equal(quoted.status, 400);
  assert.match((await quoted.json()).error, /^Table '\/etc\/passwd' does not exist/);
  const hidden = await open().request(
    '/api/query',
    post({ sql: `SELECT * FROM query('COPY (SELECT 1) TO ''${target}''')` }),
  );
  assert.equal(hidden.status, 400);
  assert.equal(existsSync(target), false);
  assert.equal(existsSync(join(cases, 'x.duckdb')), false);
});

test('with a token every API call needs it: 401 without, or with another', async () => {
  const app = open(TOKEN);
  for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: TOKEN }] as Record<string, string>[]) {
    const response = await app.request('/api/tables', { headers: { Host: 'console.example:8080', ...headers } });
    assert.equal(response.status, 401);
  }
  const query = await app.request('/api/query', post({ sql: 'SELECT 1' }, { Host: 'console.example:8080' }));
  assert.equal(query.status, 401);
  const ok = await app.request('/api/query', post({ sql: 'SELECT 1 AS one' }, { Authorization: `Bearer ${TOKEN}` }));
  assert.equal(ok.status, 200);
  assert.deepEqual((await ok.json()).rows, [[1]]);
});

test('no CORS: another origin is refused, a form post is refused, no Allow-Origin header is sent', async () => {
  const app = open();
  const cross = await app.request('/api/query', post({ sql: 'SELECT 1' }, { Origin: 'http://evil.example' }));
  assert.equal(cross.status, 403);
  assert.equal(cross.headers.get('Access-Control-Allow-Origin'), null);
  const form = await app.request('/api/query', {
    method: 'POST',
    headers: { ...HOST, 'Content-Type': 'text/plain' },
    body: '{"sql":"SELECT 1"}',
  });
  assert.equal(form.status, 415);
  const preflight = await app.request('/api/query', {
    method: 'OPTIONS',
    headers: { ...HOST, Origin: 'http://evil.example' },
  });
  assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null);
  const rebound = await app.request('/api/tables', { headers: { Host: 'evil.example' } });
  assert.equal(rebound.status, 403);
  const same = await app.request('/api/query', post({ sql: 'SELECT 1' }, { Origin: 'http://127.0.0.1:8080' }));
  assert.equal(same.status, 200);
});

test('a body over the limit is a 413', async () => {
  const response = await open().request('/api/query', post({ sql: `SELECT '${'x'.repeat(20_000)}'` }));
  assert.equal(response.status, 413);
  assert.match((await response.json()).error, /over the limit of 10000 bytes/);
});

test('a running query is cancelled by its id: 409 for the query, 404 once it is gone', async () => {
  const app = open();
  const slow = 'SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c WHERE a.range + b.range = c.range';
  const running = app.request('/api/query', post({ sql: slow, id: 'q-slow' }));
  let cancelled = 404;
  while (cancelled === 404) {
    await new Promise((done) => setTimeout(done, 50));
    cancelled = (await app.request('/api/query/q-slow/cancel', post({}))).status;
  }
  assert.equal(cancelled, 200);
  const response = await running;
  assert.equal(response.status, 409);
  assert.equal((await response.json()).kind, 'cancelled');
  assert.equal((await app.request('/api/query/q-slow/cancel', post({}))).status, 404);
});

test('GET /api/tables lists databases, tables, Glue columns and OCSF paths', async () => {
  const body = await (await open().request('/api/tables', { headers: HOST })).json();
  assert.deepEqual(body.databases, [
    'amazon_security_lake_glue_db_us_west_2',
    'amazon_security_lake_glue_db_us_east_1',
    'amazon_security_lake_glue_db_all',
  ]);
  const table = body.tables.find((t: { name: string }) => t.name === TABLE);
  assert.equal(table.database, 'amazon_security_lake_glue_db_us_west_2');
  assert.deepEqual(
    table.columns.find((c: { name: string }) => c.name === 'time_dt'),
    { name: 'time_dt', type: 'timestamp' },
  );
  for (const path of ['actor.user.name', 'api.request.data', 'actor.session.issuer'])
    assert.ok(table.paths.includes(path), path);
});

test('history and saved queries are kept in the lake and survive a restart', async () => {
  await open().request('/api/query', post({ sql: 'SELECT 42 AS answer' }));
  await open().request('/api/saved', post({ name: 'answer', sql: 'SELECT 42 AS answer' }));
  const restarted = open();
  const history = (await (await restarted.request('/api/history', { headers: HOST })).json()).history;
  assert.equal(history[0].sql, 'SELECT 42 AS answer');
  assert.equal(history[0].rows, 1);
  const saved = await (await restarted.request('/api/saved', { headers: HOST })).json();
  assert.deepEqual(
    saved.saved.map((q: { name: string }) => q.name),
    ['answer'],
  );
  assert.equal(saved.starter.length, 6 + 7);
  assert.ok(existsSync(join(lake.dir, '_tarn', 'console', 'saved.json')));
});

test('a query result is added to a case as evidence, as tarn case add does', async () => {
  const app = open();
  assert.equal((await app.request('/api/cases', post({ name: 'ir-1', analyst: 'alice' }))).status, 201);
  const added = await app.request(
    '/api/cases/ir-1/entries',
    post({ query: REFERENCE_QUERIES[0]?.sql, analyst: 'alice' }),
  );
  assert.equal(added.status, 201);
  const { entry } = await added.json();
  assert.equal(entry.kind, 'query');
  assert.deepEqual(entry.result, { rows: 4, truncated: false });
  const log = await (await app.request('/api/cases/ir-1', { headers: HOST })).json();
  assert.equal(log.verified, true);
  assert.deepEqual(
    log.entries.map((e: { kind: string }) => e.kind),
    ['open', 'query'],
  );
  assert.equal((await app.request('/api/cases/..%2Fx/entries', post({ note: 'x' }))).status, 400);
  assert.equal((await app.request('/api/cases/nope/entries', post({ note: 'x' }))).status, 404);
});

test('POST /api/export returns the whole result as CSV', async () => {
  const response = await open().request(
    '/api/export',
    post({ sql: `SELECT api.operation FROM ${TABLE} ORDER BY 1`, format: 'csv' }),
  );
  assert.equal(response.status, 200);
  assert.equal(
    await response.text(),
    'operation\r\nAttachUserPolicy\r\nCreateRole\r\nCreateUser\r\nDeleteRole\r\nDeleteUser\r\n',
  );
});

test('POST /api/export returns the whole result as JSON too, and refuses another format', async () => {
  const app = open();
  const sql = `SELECT api.operation, count(*) AS calls FROM ${TABLE} GROUP BY 1 ORDER BY 1`;
  const response = await app.request('/api/export', post({ sql, format: 'json' }));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('Content-Disposition'), 'attachment; filename="result.json"');
  const exported = JSON.parse(await response.text());
  const answer = await (await app.request('/api/query', post({ sql }))).json();
  assert.deepEqual(exported.columns, ['operation', 'calls']);
  assert.equal(exported.truncated, false);
  assert.deepEqual(exported.rows, answer.rows);
  const xml = await app.request('/api/export', post({ sql, format: 'xml' }));
  assert.equal(xml.status, 400);
  assert.deepEqual(await xml.json(), { error: 'format must be csv or json' });
});

test('an export holds the whole result, past the rows one answer shows', async () => {
  const app = consoleApp({ lakeDir: lake.dir, casesDir: cases, token: null, appDir: null, maxRows: 2 });
  const sql = `SELECT api.operation FROM ${TABLE} ORDER BY 1`;
  const answer = await (await app.request('/api/query', post({ sql }))).json();
  assert.equal(answer.rows.length, 2);
  assert.equal(answer.truncated, true);
  const exported = await app.request('/api/export', post({ sql, format: 'json' }));
  assert.equal(exported.headers.get('X-Tarn-Truncated'), 'false');
  assert.deepEqual(JSON.parse(await exported.text()).rows.flat(), [
    'AttachUserPolicy',
    'CreateRole',
    'CreateUser',
    'DeleteRole',
    'DeleteUser',
  ]);
});
