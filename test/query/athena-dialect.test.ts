import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_RESERVED_KEYWORDS } from '../../src/query/duckdb-keywords.ts';
import { QueryError, translateAthenaSql } from '../../src/query/index.ts';

const translated = (sql: string) => translateAthenaSql(sql);

test('a query DuckDB already reads the same way passes through as written', () => {
  const q1 = `SELECT DISTINCT api.operation FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0
WHERE lower(actor.user.name) = 'service_backup'`;
  assert.equal(translated(q1), q1);
  assert.equal(
    translated("SELECT resources[1].type, finding_info.desc, user.name FROM t WHERE x = 'a';  -- the end\n"),
    `SELECT resources[1].type AS "type", finding_info.desc, user.name FROM t WHERE x = 'a'`,
  );
});

test('json_extract reads its text leniently and keeps returning JSON text', () => {
  assert.equal(
    translated(`SELECT json_extract(api.request.data, '$.userName') AS "Target Principal", user.name AS "Target Principal"
FROM t WHERE lower(json_extract_scalar(api.request.data, '$.roleName')) LIKE 'admin%';`),
    `SELECT json_extract(TRY_CAST(api.request.data AS JSON), '$.userName') AS "Target Principal", user.name AS "Target Principal"
FROM t WHERE lower(tarn_json_scalar(TRY_CAST(api.request.data AS JSON), '$.roleName')) LIKE 'admin%'`,
  );
});

test('calls nest, and arguments with brackets and commas stay whole', () => {
  assert.equal(
    translated(
      "SELECT cardinality(filter(ARRAY[1, 2], x -> x > 1)), regexp_like(json_extract_scalar(d, '$.a'), 'b,c')",
    ),
    `SELECT len(list_filter(ARRAY[1, 2], lambda x: x > 1)) AS "_col0", regexp_matches(tarn_json_scalar(TRY_CAST(d AS JSON), '$.a'), 'b,c') AS "_col1"`,
  );
});

test('strings, quoted names, comments and struct fields named like functions are never rewritten', () => {
  const sql = `SELECT 'json_extract(a, b)' AS "json_extract(x)", x.cardinality /* cardinality(y) */ FROM t -- json_extract(z)`;
  assert.equal(translated(sql), sql);
});

test('a reserved DuckDB word that starts a dotted name is quoted; after a dot it needs nothing', () => {
  assert.equal(
    translated('SELECT desc.text, GROUP.name, remediation.desc, t.order FROM t ORDER BY 1 DESC'),
    'SELECT "desc".text, "group".name, remediation.desc, t.order FROM t ORDER BY 1 DESC',
  );
});

test('only one statement that reads is accepted', () => {
  const error = (sql: string, message: string) =>
    assert.throws(
      () => translated(sql),
      (e: unknown) => e instanceof QueryError && e.message === message,
    );
  error("\n  copy t TO '/tmp/x'", "line 2:3: only queries that read are allowed; 'copy' statements are refused");
  error('SELECT 1; DROP TABLE t', 'line 1:11: Only one sql statement is allowed');
  error('  -- nothing\n', "mismatched input '<EOF>'. Expecting: a query");
  assert.equal(translated('(SELECT 1)'), '(SELECT 1 AS "_col0")');
  assert.equal(translated('WITH a AS (SELECT 1) SELECT * FROM a'), 'WITH a AS (SELECT 1 AS "_col0") SELECT * FROM a');
});

test("errors carry Athena's line:column position", () => {
  const error = (sql: string, message: string) =>
    assert.throws(
      () => translated(sql),
      (e: unknown) => e instanceof QueryError && e.message === message,
    );
  error("SELECT a\nFROM t WHERE b = 'open", 'line 2:18: unterminated string literal');
  error(
    'SELECT `a` FROM t',
    'line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers',
  );
  error('SELECT a /* never closed', 'line 1:10: unterminated comment');
  error('SELECT json_extract(a)', 'line 1:8: Unexpected parameters for function json_extract: 1 given, 2 expected');
  error('SELECT json_extract(a, b', "line 1:25: mismatched input '<EOF>'. Expecting: ')'");
  error('SELECT a # b', "line 1:10: token recognition error at: '#'");
});

test("the reserved keyword list is the running DuckDB's", async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = await connection.runAndReadAll(
    "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved' ORDER BY 1",
  );
  assert.deepEqual(
    [...DUCKDB_RESERVED_KEYWORDS].sort(),
    rows.getRows().map((row) => row[0]),
  );
  connection.closeSync();
});
