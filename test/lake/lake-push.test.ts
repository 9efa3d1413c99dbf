// tarn push against the S3 stand-in (test/helpers/s3-stand-in-server.ts), then the pushed objects synced back
// to a folder and attached, or attached from S3 directly: the same Athena SQL gives the same answers on the lake
// and on its copy.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { writeLakeConfig } from '../../src/lake/lake-config.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { type LocalAws, STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { S3StandIn } from '../helpers/s3-stand-in-server.ts';
import { buildIncidentLake } from '../query/incident-lake.ts';
import type { FixtureLake } from '../query/lake-fixture.ts';

const BUCKET = 'acme-ir-lake';
let lake: FixtureLake;
let s3: S3StandIn;
let aws: LocalAws;
let dir: string;

before(async () => {
  Object.assign(process.env, STAND_IN_ENV);
  lake = await buildIncidentLake();
  dir = await mkdtemp(join(tmpdir(), 'tarn-push-'));
  s3 = new S3StandIn();
  aws = await startLocalAws({ s3 });
  const client = new S3Client({ endpoint: aws.url, forcePathStyle: true, region: 'us-east-1' });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  client.destroy();
});

after(async () => {
  await aws.close();
  await lake.remove();
  await rm(dir, { recursive: true, force: true });
});

async function push(): Promise<string> {
  const { code, out, err } = await tarn(
    'push',
    `s3://${BUCKET}/cases/ir-7`,
    '--lake',
    lake.dir,
    '--endpoint-url',
    aws.url,
  );
  assert.equal(code, 0, out + err);
  return out + err;
}

const objects = () => s3.buckets.get(BUCKET)?.objects ?? new Map();

test('push copies the committed files under the same keys and the manifest, then only what is missing', async () => {
  const ledger = await readLedger(lake.dir);
  const total = ledger.files.length;
  assert.match(await push(), new RegExp(`: ${total} files, ${total} uploaded .*, 0 already there`));
  assert.deepEqual(
    [...objects().keys()].sort(),
    [...ledger.files.map((f) => `cases/ir-7/${f.path}`), 'cases/ir-7/_tarn/push-manifest.json'].sort(),
  );
  assert.match(await push(), new RegExp(`: ${total} files, 0 uploaded .*, ${total} already there`));
  // An interrupted push: one object never arrived.
  objects().delete(`cases/ir-7/${ledger.files[0]?.path}`);
  assert.match(await push(), new RegExp(`: ${total} files, 1 uploaded .*, ${total - 1} already there`));
});

test('the pushed copy, synced back and attached, answers the same queries as the lake', async () => {
  const copy = join(dir, 'copy');
  for (const [key, versions] of objects()) {
    const path = join(copy, key.replace(/^cases\/ir-7\//, ''));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, versions.at(-1).body);
  }
  const attachedLake = join(dir, 'attached');
  await writeLakeConfig(attachedLake, { rollupRegion: 'us-west-2' });
  assert.equal((await tarn('attach', copy, '--lake', attachedLake)).code, 0);
  await assertSameAnswers(attachedLake);
});

test('the pushed copy, attached from S3 where it is, answers the same queries as the lake', async () => {
  const attachedLake = join(dir, 'attached-s3');
  await writeLakeConfig(attachedLake, { rollupRegion: 'us-west-2' });
  const args = ['attach', `s3://${BUCKET}/cases/ir-7/`, '--lake', attachedLake, '--endpoint-url', aws.url];
  assert.equal((await tarn(...args)).code, 0);
  await assertSameAnswers(attachedLake);
});

async function assertSameAnswers(attachedLake: string): Promise<void> {
  const queries = [
    'SELECT region, accountid, api.operation, count(*) FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3',
    'SELECT time_dt, metadata.uid, actor.user.name FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0 ORDER BY time_dt',
    'SELECT count(*) FROM amazon_security_lake_glue_db_us_west_2.amazon_security_lake_table_us_west_2_sh_findings_2_0',
  ];
  const original = await openQueryEngine({ lakeDir: lake.dir });
  const attached = await openQueryEngine({ lakeDir: attachedLake });
  try {
    for (const sql of queries) {
      const expected = await original.run(sql);
      assert.ok(expected.rows.length > 0, sql);
      assert.deepEqual(await attached.run(sql), expected, sql);
    }
  } finally {
    await original.close();
    await attached.close();
  }
}
