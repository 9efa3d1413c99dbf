// The columns a custom source's DDL declares: those of all its Parquet files, by name, as Glue types; a struct
// whose field names would change a DDL statement is declared as text.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { readCustomColumns } from '../../src/catalog/custom-columns.ts';
import { planLakeCatalog } from '../../src/query/index.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

test('custom columns are the union of the files’ columns, as Glue types', async () => {
  const dir = tempDir();
  const partition = 'ext/okta/region=us-east-1/accountId=111122223333/eventDay=20240310';
  const [first, second] = [join(dir, partition, 'a.parquet'), join(dir, partition, 'b.parquet')];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  mkdirSync(join(dir, partition), { recursive: true });
  await connection.run(
    `COPY (SELECT 1710000000000::BIGINT AS time, {'user': {'name': 'ana', 'uid': 'u1'}} AS actor, [{'name': 'ip', 'type_id': 2::INTEGER}] AS observables, TIMESTAMP '2024-03-10 00:00:00' AS time_dt) TO '${first}' (FORMAT parquet)`,
  );
  await connection.run(
    `COPY (SELECT 1710000000001::BIGINT AS time, 4.5::DOUBLE AS score, {'odd key': 1} AS unmapped, 'x'::VARCHAR AS message) TO '${second}' (FORMAT parquet)`,
  );
  connection.closeSync();
  const file = (path: string) => ({
    path: path.slice(dir.length + 1),
    source: 'ext/okta',
    region: 'us-east-1',
    accountId: '111122223333',
    eventDay: '20240310',
    rows: 1,
  });
  const catalog = planLakeCatalog(
    dir,
    { seq: 1, state: null, files: [file(first), file(second)] },
    { rollupRegion: 'us-east-1' },
  );
  const columns = await readCustomColumns(catalog);
  assert.deepEqual(columns.get('ext/okta'), [
    { name: 'time', type: 'bigint' },
    { name: 'actor', type: 'struct<user:struct<name:string,uid:string>>' },
    { name: 'observables', type: 'array<struct<name:string,type_id:int>>' },
    { name: 'time_dt', type: 'timestamp' },
    { name: 'score', type: 'double' },
    { name: 'unmapped', type: 'string' },
    { name: 'message', type: 'string' },
  ]);
});
