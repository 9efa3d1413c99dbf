// CREATE VIEW is the one write: saved in the lake, recreated by the next engine, usable in queries; and a
// view cannot carry what a query may not do.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openQueryEngine, QueryError } from '../../src/query/index.ts';
import { useIncidentEngine } from './incident-lake.ts';

const TABLE = 'amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0';
const incident = useIncidentEngine();

const viewsDir = () => join(incident.lake.dir, '_tarn', 'views');

test('a view is saved in the lake, usable at once, and there again in the next engine', async () => {
  const create = `CREATE VIEW backup_calls AS SELECT api.operation, count(*) FROM ${TABLE} WHERE actor.user.name = 'Service_Backup' GROUP BY 1`;
  await incident.engine.run(create);
  assert.equal(await readFile(join(viewsDir(), 'backup_calls.sql'), 'utf8'), create.slice(create.indexOf('SELECT')));
  assert.deepEqual(await readdir(viewsDir()), ['backup_calls.sql']);
  const sql = 'SELECT operation, _col1 FROM backup_calls ORDER BY operation';
  const rows = (await incident.engine.run(sql)).rows;
  assert.deepEqual(rows, [
    ['AttachUserPolicy', 1],
    ['CreateRole', 1],
    ['CreateUser', 1],
    ['DeleteRole', 1],
  ]);
  await assert.rejects(
    incident.engine.run(create),
    (e: unknown) => e instanceof QueryError && /already exists/.test(e.message),
  );
  const next = await openQueryEngine({ lakeDir: incident.lake.dir });
  try {
    assert.deepEqual((await next.run(sql)).rows, rows);
    assert.deepEqual((await next.run("SHOW TABLES 'backup*'")).rows, [['backup_calls', 'view']]);
    assert.deepEqual((await next.run('DESCRIBE backup_calls')).rows, [
      ['operation', 'varchar', ''],
      ['_col1', 'bigint', ''],
    ]);
    await next.run('CREATE OR REPLACE VIEW backup_calls AS SELECT 1 AS one');
    assert.deepEqual((await next.run('SELECT * FROM backup_calls')).rows, [[1]]);
  } finally {
    await next.close();
  }
});

test('a view cannot smuggle a file read, a write or a second statement, and a refused view saves nothing', async () => {
  const target = join(incident.lake.dir, 'smuggled.csv');
  const refused: [string, RegExp][] = [
    ["CREATE VIEW v1 AS SELECT * FROM read_csv('/etc/passwd')", /file system operations are disabled/],
    [`CREATE VIEW v2 AS COPY (SELECT 1) TO '${target}'`, /'COPY' statements are refused/],
    [`CREATE VIEW v3 AS SELECT 1; COPY (SELECT 1) TO '${target}'`, /Only one sql statement is allowed/],
    [
      `CREATE VIEW v4 AS WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x`,
      /statements are refused|does not exist/,
    ],
    ['CREATE VIEW ../escape AS SELECT 1', /Expecting: a name|view names are/],
    ['CREATE VIEW "../escape" AS SELECT 1', /view names are letters, digits and underscores/],
    [`CREATE VIEW ${TABLE} AS SELECT 1`, /is a table of the lake/],
    ["CREATE VIEW v5 AS SELECT * FROM query('COPY (SELECT 1) TO ''/tmp/x.csv''')", /./],
    ['CREATE TABLE t AS SELECT 1', /'CREATE' statements are refused|Expecting: 'VIEW'/],
    ['DROP TABLE backup_calls', /'DROP' statements are refused/],
    [`DROP VIEW ${TABLE}`, /View '.*' does not exist/],
    ['DROP VIEW backup_calls; DROP VIEW x', /Only one sql statement is allowed/],
  ];
  for (const [sql, message] of refused) {
    await assert.rejects(
      incident.engine.run(sql),
      (e: unknown) => e instanceof QueryError && message.test(e.message),
      sql,
    );
  }
  assert.equal(existsSync(target), false);
  assert.deepEqual(
    (await readdir(viewsDir())).filter((file) => file !== 'backup_calls.sql'),
    [],
  );
});

test('SHOW VIEWS lists the saved views; DROP VIEW removes one from the lake and from the next engine', async () => {
  await incident.engine.run('CREATE VIEW drop_me AS SELECT 1 AS one');
  await incident.engine.run('CREATE VIEW keep_me AS SELECT 2 AS two');
  assert.deepEqual((await incident.engine.run("SHOW VIEWS LIKE '*_me'")).rows, [['drop_me'], ['keep_me']]);
  assert.deepEqual((await incident.engine.run('SHOW VIEWS')).columns, [{ name: 'views', type: 'varchar' }]);
  assert.deepEqual((await incident.engine.run('DROP VIEW drop_me')).rows, [['drop_me', true]]);
  assert.equal(existsSync(join(viewsDir(), 'drop_me.sql')), false);
  await assert.rejects(
    incident.engine.run('SELECT * FROM drop_me'),
    (e: unknown) => e instanceof QueryError && /drop_me/.test(e.message),
  );
  assert.deepEqual((await incident.engine.run('DROP VIEW IF EXISTS drop_me')).rows, [['drop_me', false]]);
  await assert.rejects(
    incident.engine.run('DROP VIEW drop_me'),
    (e: unknown) => e instanceof QueryError && e.message === "View 'drop_me' does not exist",
  );
  await assert.rejects(
    incident.engine.run('DROP VIEW keep_me', { readsOnly: true }),
    (e: unknown) => e instanceof QueryError && /not DROP VIEW/.test(e.message),
  );
  const next = await openQueryEngine({ lakeDir: incident.lake.dir });
  try {
    assert.deepEqual((await next.run("SHOW VIEWS LIKE '*_me'")).rows, [['keep_me']]);
    await next.run('DROP VIEW keep_me');
  } finally {
    await next.close();
  }
});
