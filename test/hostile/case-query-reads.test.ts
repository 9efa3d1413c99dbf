// Issue 10, item 9: `case add --query` takes reads only: a CREATE VIEW is refused and writes nothing into the lake.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { CASE, smallLake } from '../respond/case-fixtures.ts';

test('case add --query "CREATE VIEW …" is refused and leaves the lake and the case as they were', async () => {
  const lakeDir = await smallLake();
  const cases = tempDir('tarn-cases-');
  assert.equal((await tarn('case', 'open', CASE, '--cases', cases, '--analyst', 'alice')).code, 0);
  const sql = 'CREATE VIEW planted AS SELECT 1 AS x';
  const added = await tarn(
    'case',
    'add',
    CASE,
    '--cases',
    cases,
    '--analyst',
    'alice',
    '--lake',
    lakeDir,
    '--query',
    sql,
  );
  assert.equal(added.code, 1, added.out);
  assert.match(added.err, /only a query that reads is taken here, not CREATE VIEW/);
  assert.equal(existsSync(join(lakeDir, '_tarn', 'views', 'planted.sql')), false);
  const log = await tarn('case', 'log', CASE, '--cases', cases, '--format', 'json');
  assert.equal((JSON.parse(log.out) as { entries: unknown[] }).entries.length, 1, log.err);
});
