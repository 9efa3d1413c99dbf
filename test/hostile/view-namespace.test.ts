// Issue 10, item 2: a saved view cannot take the name of a table the lake does not hold yet; tables win.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine, QueryError } from '../../src/query/index.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const HIDDEN = 'amazon_security_lake_table_ap_south_1_cloud_trail_mgmt_2_0';

function trailFile(dir: string, region: string): string {
  const file = join(dir, `${region}.json`);
  const event = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/a',
      accountId: '111122223333',
      userName: 'a',
    },
    eventTime: '2024-03-10T12:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: region,
    sourceIPAddress: '192.0.2.10',
    requestID: `req-${region}`,
    eventID: `id-${region}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };
  writeFileSync(file, JSON.stringify({ Records: [event] }));
  return file;
}

test('CREATE VIEW in the table namespaces is refused, native and ext_ alike', async () => {
  const dir = tempDir();
  const lakeDir = join(dir, 'lake');
  await ingest({ lakeDir, paths: [trailFile(dir, 'us-east-1')] });
  const engine = await openQueryEngine({ lakeDir });
  try {
    for (const name of [HIDDEN, 'amazon_security_lake_table_us_east_1_ext_later', 'Amazon_Security_Lake_Glue_Db_x']) {
      await assert.rejects(
        engine.run(`CREATE VIEW ${name} AS SELECT 1 AS x WHERE false`),
        (e: unknown) => e instanceof QueryError && /in the lake's table names/.test(e.message),
      );
    }
  } finally {
    await engine.close();
  }
});

test('a view saved under a table name before that table existed does not hide it after ingest', async () => {
  const dir = tempDir();
  const lakeDir = join(dir, 'lake');
  await ingest({ lakeDir, paths: [trailFile(dir, 'us-east-1')] });
  // As an older Tarn saved it.
  mkdirSync(join(lakeDir, '_tarn', 'views'), { recursive: true });
  writeFileSync(join(lakeDir, '_tarn', 'views', `${HIDDEN}.sql`), 'SELECT 1 AS x WHERE false');
  await ingest({ lakeDir, paths: [trailFile(dir, 'ap-south-1')] });
  const engine = await openQueryEngine({ lakeDir });
  try {
    for (const table of [HIDDEN, `amazon_security_lake_glue_db_ap_south_1.${HIDDEN}`]) {
      const result = await engine.run(`SELECT count(*) FROM ${table} WHERE region = 'ap-south-1'`);
      assert.deepEqual(result.rows, [[1]], table);
    }
  } finally {
    await engine.close();
  }
});
