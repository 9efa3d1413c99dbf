// Issue 10, item 3: a query cannot outrun --timeout in parsing and planning: its text is bounded, and the time
// limit counts from the start of the statement.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine, QueryError } from '../../src/query/index.ts';
import { MAX_QUERY_BYTES } from '../../src/query/query-engine.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

test('a query text over the limit is refused with a clear error, before any parsing', async () => {
  const lakeDir = join(tempDir(), 'lake');
  await ingest({ lakeDir, paths: [join(REPO, 'test/detect/fixtures/tampering.jsonl')] });
  const terms = Array.from({ length: 1_500_000 }, (_, i) => `api.operation = 'op${i}'`).join(' OR ');
  const sql = `SELECT count(*) FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0 WHERE ${terms}`;
  const { code, out, err } = await tarn('query', '--lake', lakeDir, '--timeout', '5', sql);
  assert.equal(code, 1, out);
  assert.match(err, new RegExp(`Query text is over ${MAX_QUERY_BYTES} bytes`));
});

test('a query within the limit still runs', async () => {
  const lakeDir = join(tempDir(), 'lake');
  await ingest({ lakeDir, paths: [join(REPO, 'test/detect/fixtures/tampering.jsonl')] });
  const terms = Array.from({ length: 300 }, (_, i) => `api.operation = 'op${i}'`).join(' OR ');
  const sql = `SELECT count(*) AS n FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0 WHERE ${terms}`;
  const { code, out, err } = await tarn('query', '--lake', lakeDir, '--format', 'csv', sql);
  assert.equal(code, 0, err);
  assert.equal(out, 'n\r\n0\r\n');
});

test('the time limit counts from the start of the statement: what parsing and planning took is taken off', async (t) => {
  const lakeDir = join(tempDir(), 'lake');
  await ingest({ lakeDir, paths: [join(REPO, 'test/detect/fixtures/tampering.jsonl')] });
  const engine = await openQueryEngine({ lakeDir, timeoutMs: 5000 });
  const sql = 'SELECT count(*) FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
  try {
    // A clock that reads 6 s more once the statement is parsed and planned: as if those had taken 6 s.
    let reads = 0;
    t.mock.method(performance, 'now', () => (reads++ % 2 === 0 ? 0 : 6000));
    await assert.rejects(
      engine.run(sql),
      (error: unknown) =>
        error instanceof QueryError && error.kind === 'timeout' && /5000 ms time limit/.test(error.message),
    );
    t.mock.restoreAll();
    assert.deepEqual((await engine.run(sql)).rows, [[9]]);
  } finally {
    t.mock.restoreAll();
    await engine.close();
  }
});
