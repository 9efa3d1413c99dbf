// tarn attach s3://… against a local S3-compatible server (s3rver, test/helpers/s3-server.ts): a bucket laid
// out as Security Lake writes it, CloudTrail as an Iceberg table whose snapshot excludes the objects
// compaction replaced. Attaching downloads only the metadata and one object per table; a query fetches the
// partitions it reads into the cache, within its size limit; the answers are those of the bucket's local copy.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { attachSecurityLake } from '../../src/lake/security-lake-attach.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';
import { type LocalS3, startS3Server } from '../helpers/s3-server.ts';
import { BUCKET, writeIcebergSnapshot, writeObject } from '../helpers/security-lake-copy.ts';

const CT = 'amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0';
const VPC = 'amazon_security_lake_table_us_east_1_vpc_flow_2_0';
const US = { region: 'us-east-1', accountId: '111122223333' };
const event = (uid: string, time: string) => ({
  metadata: { uid },
  time: Date.parse(`${time}Z`),
  time_dt: time.replace('T', ' '),
  class_uid: 3005,
});

let copy: string;
let s3: LocalS3;
let replaced: string;
let compacted: string;
let day11: string;
const sizes = new Map<string, number>();

before(async () => {
  copy = tempDir();
  const day10 = { ...US, eventDay: '20240310' };
  const small = await writeObject(copy, 'cloud_trail_mgmt', day10, [event('e1', '2024-03-10T01:00:00')]);
  day11 = await writeObject(copy, 'cloud_trail_mgmt', { ...US, eventDay: '20240311' }, [
    event('e3', '2024-03-11T01:00:00'),
  ]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 1,
    sequence: 1,
    updatedMs: 1_710_000_000_000,
    entries: [
      [small, 'added'],
      [day11, 'added'],
    ],
  });
  compacted = await writeObject(copy, 'cloud_trail_mgmt', day10, [
    event('e1', '2024-03-10T01:00:00'),
    event('e2', '2024-03-10T02:00:00'),
  ]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 2,
    sequence: 2,
    updatedMs: 1_710_100_000_000,
    entries: [
      [small, 'deleted'],
      [compacted, 'added'],
      [day11, 'existing'],
    ],
  });
  replaced = small;
  await writeObject(copy, 'vpc_flow', day10, [{ time: 1, time_dt: '2024-03-10 00:00:01', class_uid: 4001 }]);
  await writeObject(copy, 'vpc_flow', { ...US, eventDay: '20240311' }, [
    { time: 2, time_dt: '2024-03-11 00:00:02', class_uid: 4001 },
  ]);

  s3 = await startS3Server([BUCKET]);
  await upload();
});

/** Puts every file of the copy not in the bucket yet, under its path as the key. */
async function upload(): Promise<void> {
  for (const name of readdirSync(copy, { recursive: true }) as string[]) {
    const path = join(copy, name);
    const key = relative(copy, path).split(sep).join('/');
    if (!statSync(path).isFile() || sizes.has(key)) continue;
    sizes.set(key, statSync(path).size);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: readFileSync(path) }));
  }
}

after(() => s3.close());

/** The downloaded objects' keys, without the bucket. */
const downloaded = () => s3.downloads.map((path) => path.slice(BUCKET.length + 1));

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const { code, out, err } = await tarn(...args);
  return { code, out: out + err };
}

const QUERIES = [
  `SELECT metadata.uid, time_dt FROM ${CT} ORDER BY 1`,
  `SELECT count(*) FROM ${VPC}`,
  `SELECT metadata.uid FROM ${CT} WHERE time_dt >= TIMESTAMP '2024-03-11 00:00:00'`,
];

test('attach s3:// reads the snapshot from the metadata alone; queries fetch what they read and answer as the copy does', async () => {
  const lake = tempDir();
  const attached = await cli('attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url);
  assert.equal(attached.code, 0, attached.out);
  assert.match(attached.out, /cloud_trail_mgmt +\| +2 \| snapshot 2 +\| +1 \| matches Glue/);
  assert.match(attached.out, /vpc_flow +\| +2 \| no \(every object\)/);
  // Metadata, and one object per table for the column check: never the replaced object.
  const data = downloaded().filter((key) => key.endsWith('.parquet'));
  assert.equal(data.length, 2);
  assert.equal(downloaded().filter((key) => key.includes('/metadata/')).length, 6);
  assert.ok(!downloaded().includes(replaced));

  const reference = tempDir();
  await attachSecurityLake(reference, copy);
  const [local, remote] = [await openQueryEngine({ lakeDir: reference }), await openQueryEngine({ lakeDir: lake })];
  try {
    s3.downloads.length = 0;
    const oneDay = await remote.run(QUERIES[2] as string);
    assert.deepEqual(oneDay.rows, [['e3']]);
    // Only the partition the query reads, if it was not cached by the column check.
    assert.ok(downloaded().every((key) => key === day11));
    for (const sql of QUERIES) assert.deepEqual((await remote.run(sql)).rows, (await local.run(sql)).rows, sql);
    assert.deepEqual((await remote.run(QUERIES[0] as string)).rows, [
      ['e1', '2024-03-10 01:00:00.000'],
      ['e2', '2024-03-10 02:00:00.000'],
      ['e3', '2024-03-11 01:00:00.000'],
    ]);
  } finally {
    await local.close();
    await remote.close();
  }
  const sources = await cli('sources', '--lake', lake);
  assert.match(sources.out, /cloud_trail_mgmt .*\| +2 \| +2$/m);
});

test('the cache stays within --cache-size: older files are removed, a query needing more is refused', async () => {
  const lake = tempDir();
  const largest = Math.max(...[...sizes].filter(([key]) => key.startsWith('aws/VPC_FLOW/')).map(([, size]) => size));
  const args = ['attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url, '--cache-size', `${largest}B`];
  assert.equal((await cli(...args)).code, 0);
  const cached = () =>
    (readdirSync(join(lake, '_tarn/cache/s3'), { recursive: true }) as string[]).filter(
      (name) => name.includes('VPC_FLOW') && name.endsWith('.parquet'),
    );
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    assert.deepEqual(
      (await engine.run(`SELECT time FROM ${VPC} WHERE time_dt < TIMESTAMP '2024-03-10 23:00:00'`)).rows,
      [[1]],
    );
    assert.deepEqual(
      (await engine.run(`SELECT time FROM ${VPC} WHERE time_dt >= TIMESTAMP '2024-03-11 00:00:00'`)).rows,
      [[2]],
    );
    assert.equal(cached().length, 1);
    assert.ok(cached()[0]?.includes('eventDay=20240311'));
    await assert.rejects(
      engine.run(`SELECT count(*) FROM ${VPC}`),
      /the query needs .* MiB of s3:\/\/.*over the cache/,
    );
  } finally {
    await engine.close();
  }
  assert.ok(existsSync(join(lake, '_tarn/attachments.json')));
  assert.match(
    (await cli('attach', `s3://${BUCKET}/`, '--lake', lake, '--cache-size', 'lots')).out,
    /--cache-size takes/,
  );
});

test('attaching the bucket again picks up the objects written since', async () => {
  const lake = tempDir();
  const attach = () => cli('attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url);
  assert.equal((await attach()).code, 0);
  const count = async () => {
    const engine = await openQueryEngine({ lakeDir: lake });
    try {
      return (await engine.run(`SELECT count(*) FROM ${VPC}`)).rows;
    } finally {
      await engine.close();
    }
  };
  assert.deepEqual(await count(), [[2]]);
  const later = tempDir();
  const key = await writeObject(later, 'vpc_flow', { ...US, eventDay: '20240312' }, [
    { time: 3, time_dt: '2024-03-12 00:00:03', class_uid: 4001 },
  ]);
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: readFileSync(join(later, key)) }));
  const again = await attach();
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, /vpc_flow +\| +3 \|/);
  assert.deepEqual(await count(), [[3]]);
});

test('attaching again follows a new Iceberg snapshot: the object it adds is read, the one it removes is not', async () => {
  const lake = tempDir();
  const attach = () => cli('attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url);
  const uids = async () => {
    const engine = await openQueryEngine({ lakeDir: lake });
    try {
      return (await engine.run(`SELECT metadata.uid FROM ${CT} ORDER BY 1`)).rows;
    } finally {
      await engine.close();
    }
  };
  assert.equal((await attach()).code, 0);
  assert.deepEqual(await uids(), [['e1'], ['e2'], ['e3']]);
  const day12 = await writeObject(copy, 'cloud_trail_mgmt', { ...US, eventDay: '20240312' }, [
    event('e4', '2024-03-12T01:00:00'),
  ]);
  await writeIcebergSnapshot(copy, 'cloud_trail_mgmt', {
    id: 3,
    sequence: 3,
    updatedMs: 1_710_200_000_000,
    entries: [
      [compacted, 'existing'],
      [day11, 'deleted'],
      [day12, 'added'],
    ],
  });
  await upload();
  const again = await attach();
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, /cloud_trail_mgmt +\| +2 \| snapshot 3 +\|/);
  assert.deepEqual(await uids(), [['e1'], ['e2'], ['e4']]);
});

test("--region signs the attach's calls and, kept with the attachment, the queries' fetches", async () => {
  const lake = tempDir();
  s3.regions.length = 0;
  const args = ['attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url, '--region', 'eu-west-3'];
  assert.equal((await cli(...args)).code, 0);
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    assert.deepEqual((await engine.run(`SELECT count(*) FROM ${VPC}`)).rows, [[3]]);
  } finally {
    await engine.close();
  }
  assert.ok(s3.downloads.length > 0);
  assert.deepEqual([...new Set(s3.regions)], ['eu-west-3']);
});

test('S3 failures are clear errors: a listing refused, an object gone before the query fetched it', async () => {
  const saved = process.env.AWS_ACCESS_KEY_ID;
  process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGWRONGWRONG0';
  try {
    const refused = await cli('attach', `s3://${BUCKET}/`, '--lake', tempDir(), '--endpoint-url', s3.url);
    assert.equal(refused.code, 1);
    assert.match(refused.out, new RegExp(`cannot list s3://${BUCKET}/aws/: The AWS Access Key Id you provided`));
  } finally {
    process.env.AWS_ACCESS_KEY_ID = saved;
  }
  const lake = tempDir();
  assert.equal((await cli('attach', `s3://${BUCKET}/`, '--lake', lake, '--endpoint-url', s3.url)).code, 0);
  const gone = [...sizes.keys()].find((key) => key.includes('VPC_FLOW') && key.includes('eventDay=20240311')) ?? '';
  await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: gone }));
  const engine = await openQueryEngine({ lakeDir: lake });
  try {
    await assert.rejects(
      engine.run(`SELECT count(*) FROM ${VPC} WHERE time_dt >= TIMESTAMP '2024-03-11 00:00:00'`),
      new RegExp(`cannot fetch s3://${BUCKET}/${gone} for the query: The specified key does not exist`),
    );
  } finally {
    await engine.close();
  }
});
