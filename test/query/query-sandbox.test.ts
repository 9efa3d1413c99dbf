// Escapes from the lake: every way out we know of is refused, by the dialect, by DuckDB's own reading of the
// statement, or by the sandbox DuckDB is locked into; and nothing is written anywhere.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { openQueryEngine, type QueryEngine, QueryError } from '../../src/query/index.ts';
import { prepareReadOnly } from '../../src/query/read-only-guard.ts';
import { buildIncidentLake } from './incident-lake.ts';
import type { FixtureLake } from './lake-fixture.ts';

let lake: FixtureLake;
let outside: string;
let engine: QueryEngine;
before(async () => {
  lake = await buildIncidentLake();
  outside = await mkdtemp(join(tmpdir(), 'tarn-outside-'));
  engine = await openQueryEngine({ lakeDir: lake.dir });
});
after(async () => {
  await engine.close();
  await lake.remove();
  await rm(outside, { recursive: true, force: true });
});

const TABLE = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';

function refused(kind: QueryError['kind'], message: RegExp) {
  return (error: unknown) => error instanceof QueryError && error.kind === kind && message.test(error.message);
}

test('COPY … TO is refused inside the lake and outside it, and writes nothing', async () => {
  for (const target of [join(lake.dir, 'aws', 'copied.parquet'), join(outside, 'copied.csv')]) {
    await assert.rejects(
      engine.run(`COPY (SELECT * FROM ${TABLE}) TO '${target}'`),
      refused('refused', /^line 1:1: only queries that read are allowed; 'COPY' statements are refused$/),
    );
    assert.equal(existsSync(target), false);
  }
});

test('statements that change the database, its settings or its extensions are refused', async () => {
  const statements = [
    `ATTACH '${join(outside, 'x.duckdb')}' AS x`,
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET enable_external_access = true',
    'RESET lock_configuration',
    'PRAGMA show_tables',
    'CREATE TABLE stolen AS SELECT 1',
    `INSERT INTO ${TABLE} SELECT * FROM ${TABLE}`,
    `EXPORT DATABASE '${outside}'`,
    'CALL pragma_version()',
    'DESCRIBE SELECT 1',
    `FROM ${TABLE}`,
  ];
  for (const sql of statements) {
    await assert.rejects(engine.run(sql), refused('refused', /statements are refused$/), sql);
  }
});

test('a second statement cannot ride along with a query', async () => {
  const target = join(lake.dir, 'smuggled.csv');
  for (const sql of [
    `SELECT 1; COPY (SELECT 1) TO '${target}'`,
    'SELECT 1; SET lock_configuration = false',
    'SELECT 1;;',
  ]) {
    await assert.rejects(engine.run(sql), refused('refused', /Only one sql statement is allowed/), sql);
  }
  assert.equal(existsSync(target), false);
  assert.deepEqual((await engine.run('SELECT 1 AS one;')).rows, [[1]]);
});

test('files outside the ledger cannot be read, listed or globbed', async () => {
  const escapes = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_parquet('/etc/hosts')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM glob('/*')",
    `SELECT * FROM glob('${lake.dir}/*')`,
  ];
  for (const sql of escapes) {
    await assert.rejects(
      engine.run(sql),
      refused('execution', /file system operations are disabled by configuration/),
      sql,
    );
  }
  // With external access off, DuckDB does not even try a quoted path as a file name.
  await assert.rejects(
    engine.run("SELECT * FROM '/etc/passwd'"),
    refused('execution', /^Table '\/etc\/passwd' does not exist; SHOW TABLES lists the lake's tables$/),
  );
});

test('a write cannot hide inside a query: query() accepts no statement but a SELECT', async () => {
  const target = join(outside, 'via-query.csv');
  await assert.rejects(engine.run(`SELECT * FROM query('COPY (SELECT 1) TO ''${target}''')`), QueryError);
  assert.equal(existsSync(target), false);
});

test("DuckDB's statement type is checked even for text the dialect let through", async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE t (a INTEGER)');
  try {
    for (const sql of [
      'WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x',
      `COPY t TO '${join(outside, 't.csv')}'`,
      'SET threads = 1',
      'CHECKPOINT',
    ]) {
      await assert.rejects(prepareReadOnly(connection, sql), refused('refused', /statements are refused$/), sql);
    }
    await assert.rejects(prepareReadOnly(connection, 'SELECT 1; SELECT 2'), refused('refused', /Only one/));
    assert.equal((await prepareReadOnly(connection, 'SELECT a FROM t')).columnCount, 1);
    assert.deepEqual((await connection.runAndReadAll('SELECT count(*) FROM t')).getRows(), [[0n]]);
    assert.equal(existsSync(join(outside, 't.csv')), false);
  } finally {
    connection.closeSync();
  }
});
