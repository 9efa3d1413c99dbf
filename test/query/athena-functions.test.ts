// Athena idioms, one row each: the Athena SQL and the value Athena gives for it, run through the engine;
// then the exact DuckDB SQL of the trickier translations.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { openQueryEngine, type QueryEngine, QueryError, translateAthenaSql } from '../../src/query/index.ts';
import type { QueryValue } from '../../src/query/result-values.ts';
import { buildLake, type FixtureLake } from './lake-fixture.ts';

let lake: FixtureLake;
let engine: QueryEngine;
before(async () => {
  lake = await buildLake([]);
  engine = await openQueryEngine({ lakeDir: lake.dir });
});
after(async () => {
  await engine.close();
  await lake.remove();
});

const J = `'{"user": {"name": "alice", "tags": ["a", "b"]}, "n": 3, "none": null}'`;

const CASES: readonly (readonly [string, QueryValue])[] = [
  [`json_extract(${J}, '$.user.name')`, '"alice"'],
  [`json_extract(${J}, '$.user.tags')`, '["a","b"]'],
  [`json_extract_scalar(${J}, '$.user.name')`, 'alice'],
  [`json_extract_scalar(${J}, '$.user')`, null],
  [`json_extract_scalar(${J}, '$.user.tags')`, null],
  [`json_extract_scalar(${J}, '$.none')`, null],
  [`json_extract_scalar('not json', '$.a')`, null],
  [`json_format(json_parse('{"a": [1, 2]}'))`, '{"a":[1,2]}'],
  [`json_array_contains('[1, 2, 3]', 2)`, true],
  [`json_array_contains('["a", "b"]', 'c')`, false],
  [`json_array_contains('{"a": 1}', 1)`, null],
  [`json_array_length('[1, 2, 3]')`, 3],
  [`json_array_length('{"a": 1}')`, null],
  [`json_size(${J}, '$.user')`, 2],
  [`json_size(${J}, '$.user.tags')`, 2],
  [`json_size(${J}, '$.n')`, 0],
  [`CAST('abc' AS JSON)`, '"abc"'],
  [`CAST(ARRAY[1, 2] AS JSON)`, '[1,2]'],
  [`from_iso8601_timestamp('2024-03-10T09:15:00.250Z')`, '2024-03-10 09:15:00.250 UTC'],
  [`from_unixtime(1710062100)`, '2024-03-10 09:15:00.000 UTC'],
  [`to_unixtime(TIMESTAMP '2024-03-10 09:15:00.500')`, 1710062100.5],
  [`date_add('day', 7, TIMESTAMP '2024-03-10 09:15:00')`, '2024-03-17 09:15:00.000'],
  [`date_add('hour', -2, TIMESTAMP '2024-03-10 01:00:00')`, '2024-03-09 23:00:00.000'],
  [`date_diff('day', TIMESTAMP '2024-03-10 23:00:00', TIMESTAMP '2024-03-11 01:00:00')`, 0],
  [`date_diff('hour', TIMESTAMP '2024-03-10 23:00:00', TIMESTAMP '2024-03-11 01:00:00')`, 2],
  [`date_format(TIMESTAMP '2024-03-05 09:07:03', '%Y-%m-%d %H:%i:%s')`, '2024-03-05 09:07:03'],
  [`date_format(TIMESTAMP '2024-03-05 14:07:03', '%e %b %Y %l %p %W')`, '5 Mar 2024 2 PM Tuesday'],
  [`format_datetime(TIMESTAMP '2024-03-05 09:07:03.120', 'yyyy-MM-dd''T''HH:mm:ss.SSS')`, '2024-03-05T09:07:03.120'],
  [`parse_datetime('2024-03-05 09:07', 'yyyy-MM-dd HH:mm')`, '2024-03-05 09:07:00.000 UTC'],
  [`TIMESTAMP '2024-03-10 09:15:00' + INTERVAL '7' DAY`, '2024-03-17 09:15:00.000'],
  [`CURRENT_TIMESTAMP > TIMESTAMP '2024-01-01 00:00:00'`, true],
  [`regexp_like('AKIAEXAMPLE', '^AKIA')`, true],
  [`regexp_extract('user=alice;role=admin', 'role=(\\w+)')`, 'role=admin'],
  [`regexp_extract('user=alice;role=admin', 'role=(\\w+)', 1)`, 'admin'],
  [`regexp_extract('user=alice', 'role=(\\w+)', 1)`, null],
  [`split_part('a.b.c', '.', 2)`, 'b'],
  [`split_part('a.b.c', '.', 4)`, null],
  [`url_extract_host('https://user@Example.com:8443/path?q=1')`, 'Example.com'],
  [`url_extract_host('not a url')`, null],
  [`cardinality(ARRAY['a', 'b', 'c'])`, 3],
  [`cardinality(MAP(ARRAY['k'], ARRAY['v']))`, 1],
  [`element_at(ARRAY['a', 'b', 'c'], 1)`, 'a'],
  [`element_at(ARRAY['a', 'b', 'c'], -1)`, 'c'],
  [`element_at(ARRAY['a', 'b', 'c'], 4)`, null],
  [`element_at(MAP(ARRAY['k'], ARRAY['v']), 'k')`, 'v'],
  [`element_at(MAP(ARRAY['k'], ARRAY['v']), 'missing')`, null],
  [`MAP(ARRAY['k'], ARRAY['v'])['k']`, 'v'],
  [`ARRAY['a', 'b', 'c'][2]`, 'b'],
  [`contains(ARRAY['a', 'b'], 'b')`, true],
  [`contains(ARRAY['a', 'b'], 'z')`, false],
  [`array_join(ARRAY['a', NULL, 'c'], ',')`, 'a,c'],
  [`transform(ARRAY[1, 2, 3], x -> x * 10)`, [10, 20, 30]],
  [`filter(ARRAY[1, 2, 3, 4], x -> x % 2 = 0)`, [2, 4]],
  [`reduce(ARRAY[1, 2, 3], 0, (s, x) -> s + x, s -> s * 10)`, 60],
  [`any_match(ARRAY[1, 5], x -> x > 4)`, true],
  [`any_match(ARRAY[1, NULL], x -> x > 4)`, null],
  [`any_match(ARRAY[1, 2], x -> x > 4)`, false],
  [`all_match(ARRAY[5, 6], x -> x > 4)`, true],
  [`all_match(ARRAY[5, 1], x -> x > 4)`, false],
  [`none_match(ARRAY[1, 2], x -> x > 4)`, true],
  [`none_match(ARRAY[1, NULL], x -> x > 4)`, null],
  [`try(CAST('x' AS INTEGER))`, null],
  [`try_cast('12' AS BIGINT)`, 12],
  [`CAST(ARRAY[1, 2] AS ARRAY(VARCHAR))`, ['1', '2']],
  [`CAST(ROW(1, 'x') AS ROW(n BIGINT, s VARCHAR)).s`, 'x'],
  [`contains('10.0.0.0/8', CAST('10.1.2.3' AS IPADDRESS))`, true],
  [`contains('10.0.0.0/8', CAST('11.1.2.3' AS IPADDRESS))`, false],
  [`contains('192.168.1.0/24', CAST('192.168.1.255' AS IPADDRESS))`, true],
  [`contains('2001:db8::/32', CAST('2001:db8:0:1::7' AS IPADDRESS))`, true],
  [`contains('2001:db8::/32', CAST('2001:db9::1' AS IPADDRESS))`, false],
  [`contains('10.0.0.0/8', TRY_CAST('AWS Internal' AS IPADDRESS))`, null],
  [`'Alice' = 'alice'`, false],
  [`NULL = NULL`, null],
];

test('each Athena idiom gives the value Athena gives', async () => {
  const wrong: string[] = [];
  for (const [expression, expected] of CASES) {
    const actual = await engine.run(`SELECT ${expression}`).then(
      (result) => result.rows,
      (error: Error) => error.message,
    );
    if (!isDeepStrictEqual(actual, [[expected]])) wrong.push(`${expression}: ${JSON.stringify(actual)}`);
  }
  assert.deepEqual(wrong, []);
});

test('aggregates: approx_distinct, approx_percentile, arbitrary, array_agg ORDER BY, map_agg, map_keys, histogram', async () => {
  const rows = `(VALUES ('a', 1), ('b', 2), ('a', 3)) AS t(k, v)`;
  const result = await engine.run(
    `SELECT approx_distinct(k), approx_percentile(v, 0.5), arbitrary(k) IN ('a', 'b'), array_agg(v ORDER BY v DESC), map_agg(k, v)['b'], cardinality(map_keys(map_agg(k, v))), histogram(k)['a'] FROM ${rows}`,
  );
  assert.deepEqual(result.rows, [[2, 2, true, [3, 2, 1], 2, 2, 2]]);
});

test('UNNEST WITH ORDINALITY, ROW values, and unaliased expressions named _col0, _col1 as in Athena', async () => {
  const result = await engine.run(
    `SELECT x, n, upper(x), t.x AS named, 1 + 1 FROM UNNEST(ARRAY['a', 'b']) WITH ORDINALITY AS t(x, n) ORDER BY n`,
  );
  assert.deepEqual(
    result.columns.map((column) => column.name),
    ['x', 'n', '_col2', 'named', '_col4'],
  );
  assert.deepEqual(result.rows, [
    ['a', 1, 'A', 'a', 2],
    ['b', 2, 'B', 'b', 2],
  ]);
  const outer = await engine.run('SELECT _col0 FROM (SELECT count(*) FROM (VALUES (1), (2)))');
  assert.deepEqual(outer.rows, [[2]]);
});

test('what Athena rejects is an error here too, with its position', async () => {
  const cases: [string, RegExp][] = [
    ["SELECT CAST('not an ip' AS IPADDRESS)", /Cannot cast value to IPADDRESS: not an ip/],
    ["SELECT json_parse('{bad')", /Malformed JSON/],
    ["SELECT date_add('fortnight', 1, CURRENT_TIMESTAMP)", /^line 1:8: 'fortnight' is not a valid Time field$/],
    ["SELECT date_format(CURRENT_TIMESTAMP, '%D')", /^line 1:8: date_format: '%D' is not supported$/],
    [
      'SELECT date_diff(u, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)',
      /^line 1:8: date_diff: this argument must be a string literal/,
    ],
    ['SELECT CAST(1 AS ARRAY(VARCHAR)', /^line 1:8: Unknown type|mismatched input/],
  ];
  for (const [sql, message] of cases) {
    await assert.rejects(engine.run(sql), (e: unknown) => e instanceof QueryError && message.test(e.message), sql);
  }
});

const TABLES = [
  {
    name: 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0',
    database: 'amazon_security_lake_glue_db_us_east_1',
  },
];

test('the trickier translations, exactly', () => {
  const exact: [string, string][] = [
    [
      "SELECT json_extract_scalar(d, '$.a') AS a FROM t",
      "SELECT tarn_json_scalar(TRY_CAST(d AS JSON), '$.a') AS a FROM t",
    ],
    [
      'SELECT reduce(xs, 0, (s, x) -> s + x, s -> s) AS r FROM t',
      'SELECT list_transform([list_reduce(xs, lambda s, x: s + x, 0)], lambda s: s)[1] AS r FROM t',
    ],
    [
      'SELECT any_match(xs, x -> x > 1) AS m FROM t',
      'SELECT tarn_any_match(list_transform(xs, lambda x: x > 1)) AS m FROM t',
    ],
    [
      "SELECT date_add('day', -7, ts) AS d, date_diff('hour', a, b) AS h FROM t",
      "SELECT (ts + INTERVAL (-7) DAY) AS d, date_sub('hour', a, b) AS h FROM t",
    ],
    [
      "SELECT date_format(ts, '%Y-%m-%d %H:%i') AS d, format_datetime(ts, 'dd/MMM/yyyy') AS f FROM t",
      "SELECT strftime(ts, '%Y-%m-%d %H:%M') AS d, strftime(ts, '%d/%b/%Y') AS f FROM t",
    ],
    [
      "SELECT ip FROM t WHERE contains('10.0.0.0/8', CAST(ip AS IPADDRESS))",
      "SELECT ip FROM t WHERE tarn_cidr_contains('10.0.0.0/8', tarn_ipaddress(ip))",
    ],
    [
      'SELECT CAST(x AS JSON) AS j, TRY_CAST(y AS ARRAY(MAP(VARCHAR, BIGINT))) AS m FROM t',
      'SELECT to_json(x) AS j, TRY_CAST(y AS MAP(VARCHAR, BIGINT)[]) AS m FROM t',
    ],
    [
      'SELECT count(*), api.operation, element_at(resources, -1) FROM AwsDataCatalog."amazon_security_lake_glue_db_us_east_1"."AMAZON_SECURITY_LAKE_TABLE_US_EAST_1_CLOUD_TRAIL_MGMT_2_0"',
      'SELECT count(*) AS "_col0", api.operation, (resources)[-1] AS "_col2" FROM "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0"',
    ],
  ];
  for (const [athena, duckdb] of exact) assert.equal(translateAthenaSql(athena, { tables: TABLES }), duckdb);
});
