// tarn push against a local S3-compatible server (s3rver, test/helpers/s3-server.ts), then the pushed objects
// synced back to a folder and attached, or attached from S3 directly: the same Athena SQL gives the same answers
// on the lake and on its copy.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { DeleteObjectCommand, GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { writeLakeConfig } from '../../src/lake/lake-config.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { tarn } from '../helpers/run-cli.ts';
import { type LocalS3, startS3Server } from '../helpers/s3-server.ts';
import { buildIncidentLake } from '../query/incident-lake.ts';
import type { FixtureLake } from '../query/lake-fixture.ts';

const BUCKET = 'acme-ir-lake';
let lake: FixtureLake;
let s3: LocalS3;
let dir: string;

before(async () => {
  lake = await buildIncidentLake();
  dir = await mkdtemp(join(tmpdir(), 'tarn-push-'));
  s3 = await startS3Server([BUCKET]);
});

after(async () => {
  await s3.close();
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
    s3.url,
  );
  assert.equal(code, 0, out + err);
  return out + err;
}

async function keys(): Promise<string[]> {
  const found: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3.client }, { Bucket: BUCKET })) {
    for (const object of page.Contents ?? []) found.push(object.Key ?? '');
  }
  return found.sort();
}

test('push copies the committed files under the same keys and the manifest, then only what is missing', async () => {
  const ledger = await readLedger(lake.dir);
  const total = ledger.files.length;
  assert.match(await push(), new RegExp(`: ${total} files, ${total} uploaded .*, 0 already there`));
  assert.deepEqual(
    await keys(),
    [...ledger.files.map((f) => `cases/ir-7/${f.path}`), 'cases/ir-7/_tarn/push-manifest.json'].sort(),
  );
  assert.match(await push(), new RegExp(`: ${total} files, 0 uploaded .*, ${total} already there`));
  // An interrupted push: one object never arrived.
  await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `cases/ir-7/${ledger.files[0]?.path}` }));
  assert.match(await push(), new RegExp(`: ${total} files, 1 uploaded .*, ${total - 1} already there`));
});

test('a push S3 refuses is a clear error naming the destination', async () => {
  const saved = process.env.AWS_ACCESS_KEY_ID;
  process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG0';
  try {
    const refused = await tarn('push', `s3://${BUCKET}/cases/ir-8`, '--lake', lake.dir, '--endpoint-url', s3.url);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /cannot list s3:\/\/acme-ir-lake\/cases\/ir-8\/: The AWS Access Key Id you provided/);
  } finally {
    process.env.AWS_ACCESS_KEY_ID = saved;
  }
});

test('the pushed copy, synced back and attached, answers the same queries as the lake', async () => {
  const copy = join(dir, 'copy');
  for (const key of await keys()) {
    const path = join(copy, key.replace(/^cases\/ir-7\//, ''));
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, (await object.Body?.transformToByteArray()) ?? new Uint8Array());
  }
  const attachedLake = join(dir, 'attached');
  await writeLakeConfig(attachedLake, { rollupRegion: 'us-west-2' });
  assert.equal((await tarn('attach', copy, '--lake', attachedLake)).code, 0);
  await assertSameAnswers(attachedLake);
});

test('the pushed copy, attached from S3 where it is, answers the same queries as the lake', async () => {
  const attachedLake = join(dir, 'attached-s3');
  await writeLakeConfig(attachedLake, { rollupRegion: 'us-west-2' });
  const args = ['attach', `s3://${BUCKET}/cases/ir-7/`, '--lake', attachedLake, '--endpoint-url', s3.url];
  assert.equal((await tarn(...args)).code, 0);
  await assertSameAnswers(attachedLake);
});

test('the DDL of the pushed copy names the folders the objects are in: every partition has objects, every object a partition', async () => {
  const location = `s3://${BUCKET}/cases/ir-7`;
  const ddl = await tarn('catalog', 'ddl', '--engine', 'spark', '--location', location, '--lake', lake.dir);
  assert.equal(ddl.code, 0);
  const partitions = [...ddl.out.matchAll(/ADD IF NOT EXISTS PARTITION .* LOCATION '([^']+)';/g)].map((match) =>
    (match[1] as string).slice(`s3://${BUCKET}/`.length),
  );
  assert.ok(partitions.length > 0);
  const data = (await keys()).filter((key) => key.endsWith('.parquet'));
  for (const folder of partitions)
    assert.ok(
      data.some((key) => key.startsWith(folder)),
      folder,
    );
  for (const key of data)
    assert.ok(
      partitions.some((folder) => key.startsWith(folder)),
      key,
    );
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
