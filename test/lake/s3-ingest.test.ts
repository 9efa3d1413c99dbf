// tarn ingest s3://… against a local S3-compatible server (s3rver, test/helpers/s3-server.ts): objects under a
// prefix are read as files are (gzipped deliveries, zip bundles), recorded with their ETags, and an ingest of
// the same prefix again downloads only the objects that are new or changed.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type IngestProgress, ingest as ingestJob } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import {
  listS3Inputs,
  type ObjectProgress,
  type ObjectSink,
  type ReadRange,
  readS3Inputs,
} from '../../src/sources/s3-inputs.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';
import { type LocalS3, startS3Server } from '../helpers/s3-server.ts';
import { zipArchive } from '../helpers/zip-writer.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const [SAMPLE_FILE = ''] = readdirSync(INVICTUS).sort();
const SAMPLE = (JSON.parse(readFileSync(join(INVICTUS, SAMPLE_FILE), 'utf8')) as { Records: object[] }).Records;
const BUCKET = 'acme-cloudtrail-logs';
const PREFIX = 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/10';

let s3: LocalS3;

before(async () => {
  s3 = await startS3Server([BUCKET]);
});

after(() => s3.close());

/** A CloudTrail delivery of `count` events of the sample, gzipped as CloudTrail writes it. */
function delivery(tag: string, count = 3): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({
    ...(SAMPLE[i % SAMPLE.length] ?? {}),
    eventID: `${tag}-${i}`,
  }));
  return gzipSync(JSON.stringify({ Records: records }));
}

/** S3's ETag of a single-part object: the MD5 of its bytes, quoted. */
const etags = new Map<string, string>();

async function put(key: string, body: Buffer): Promise<void> {
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  etags.set(key, `"${createHash('md5').update(body).digest('hex')}"`);
}

async function ingest(lake: string, ...extra: string[]): Promise<{ code: number; out: string }> {
  const args = ['ingest', `s3://${BUCKET}/AWSLogs/`, '--lake', lake, '--endpoint-url', s3.url, '--no-detect'];
  const { code, out, err } = await tarn(...args, ...extra);
  return { code, out: out + err };
}

test('ingest from S3 reads every object once, records its ETag, and a re-ingest downloads only new objects', async () => {
  const lake = tempDir();
  const name = (i: number) => `${PREFIX}/123456789012_CloudTrail_us-east-1_20240310T00${i}0Z_abc${i}.json.gz`;
  for (let i = 0; i < 3; i++) await put(name(i), delivery(`first-${i}`));
  const bundle = zipArchive([{ name: 'export/trail.json', content: gunzipped(delivery('zipped', 2)) }]);
  await put('AWSLogs/123456789012/bundles/export.zip', bundle);
  await put('AWSLogs/.hidden/skip.json.gz', delivery('hidden'));

  const first = await ingest(lake);
  assert.equal(first.code, 0, first.out);
  assert.match(first.out, /11 records from 4 files/);
  assert.equal(s3.downloads.length, 4);
  const ledger = await readLedger(lake);
  const inputs = ledger.batches[0]?.inputs ?? [];
  assert.deepEqual(inputs.map((i) => i.path).sort(), [
    `s3://${BUCKET}/${name(0)}`,
    `s3://${BUCKET}/${name(1)}`,
    `s3://${BUCKET}/${name(2)}`,
    `s3://${BUCKET}/AWSLogs/123456789012/bundles/export.zip!export/trail.json`,
  ]);
  const etag = (key: string) => etags.get(key);
  assert.deepEqual(inputs.find((i) => i.path.endsWith('!export/trail.json'))?.object, {
    uri: `s3://${BUCKET}/AWSLogs/123456789012/bundles/export.zip`,
    etag: etag('AWSLogs/123456789012/bundles/export.zip'),
  });
  assert.equal(inputs.find((i) => i.path.endsWith(name(0)))?.object?.etag, etag(name(0)));

  // One new object, and one replaced with new content (a new ETag): only those two are downloaded.
  s3.downloads.length = 0;
  await put(name(3), delivery('second-3'));
  await put(name(1), delivery('first-1-rewritten', 4));
  const second = await ingest(lake);
  assert.equal(second.code, 0, second.out);
  assert.deepEqual(s3.downloads.sort(), [`${BUCKET}/${name(1)}`, `${BUCKET}/${name(3)}`]);
  assert.match(second.out, /15 records from 5 files/);
  const latest = (await readLedger(lake)).batches.at(-1);
  assert.equal(latest?.duplicates, 8);
  assert.equal(
    Object.values(latest?.rows ?? {}).reduce((a, b) => a + b, 0),
    7,
  );

  s3.downloads.length = 0;
  const third = await ingest(lake);
  assert.equal(third.code, 0, third.out);
  assert.deepEqual(s3.downloads, []);
});

test('--since leaves out objects last modified before it; a bad --since or a mixed PATH list is refused', async () => {
  const lake = tempDir();
  const future = await ingest(lake, '--since', '2999-01-01');
  assert.equal(future.code, 1);
  assert.match(future.out, /no files to read in s3:\/\//);
  const recent = await ingest(lake, '--since', '1d');
  assert.equal(recent.code, 0, recent.out);
  assert.match(
    (await ingest(lake, '--since', 'yesterday')).out,
    /--since takes an ISO-8601 time .* or a time before now \(-7d\), not "yesterday"/,
  );
  const mixed = await tarn('ingest', `s3://${BUCKET}/AWSLogs/`, lake, '--lake', lake);
  assert.equal(mixed.code, 2);
  assert.match(mixed.err, /either s3:\/\/ locations or local paths/);
});

/** The bucket's objects under AWSLogs/, as `tarn ingest s3://…` reads them. */
const bucketObjects = {
  readInto: async (sink: ObjectSink, progress: ObjectProgress, range: ReadRange) => {
    const inputs = await listS3Inputs(s3.client, [{ bucket: BUCKET, prefix: 'AWSLogs/' }]);
    return { total: inputs.length, next: await readS3Inputs(s3.client, inputs, sink, progress, range) };
  },
};

test('an S3 run over its staging limit commits several batches that land what one batch lands', async () => {
  const whole = await ingestJob({ lakeDir: tempDir(), paths: [], objects: bucketObjects });
  const lake = tempDir();
  const split = await ingestJob({ lakeDir: lake, paths: [], objects: bucketObjects, stagedBytesPerCommit: 1 });
  assert.equal(whole.batches.length, 1);
  assert.ok(split.batches.length > 1, `${split.batches.length} batches`);
  const comparable = ({ batches, seconds, ...rest }: typeof whole) => rest;
  assert.deepEqual(comparable(split), comparable(whole));
  const ledger = await readLedger(lake);
  const batchOf = new Map<string | undefined, Set<string>>();
  for (const batch of ledger.batches) {
    for (const input of batch.inputs)
      batchOf.set(input.object?.uri, (batchOf.get(input.object?.uri) ?? new Set()).add(batch.id));
  }
  assert.ok(batchOf.size > 1 && !batchOf.has(undefined));
  for (const [uri, ids] of batchOf) assert.equal(ids.size, 1, `${uri} is read by one batch only`);
});

test('ingest from S3 reports progress as local files do: object by object, then writing and committing', async () => {
  const seen: IngestProgress[] = [];
  const objects = bucketObjects;
  const summary = await ingestJob({ lakeDir: tempDir(), paths: [], objects, onProgress: (p) => seen.push(p) });
  const phases = seen.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
  assert.deepEqual(phases, ['reading', 'writing', 'committing']);
  const reading = seen.filter((p) => p.phase === 'reading' && p.filesTotal > 0);
  const total = reading[0]?.filesTotal ?? 0;
  assert.equal(total, summary.files);
  assert.deepEqual(
    reading.map((p) => p.filesDone).filter((done, i, all) => done !== all[i - 1]),
    Array.from({ length: total }, (_, i) => i + 1),
  );
  assert.match(reading.at(-1)?.current ?? '', new RegExp(`^s3://${BUCKET}/AWSLogs/`));
});

test('--profile picks the credentials s3rver accepts, over the wrong ones in the environment', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'credentials'), '[ir]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n');
  writeFileSync(join(dir, 'config'), '[profile ir]\nregion = us-east-1\n');
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0',
    AWS_SECRET_ACCESS_KEY: 'wrong',
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_CONFIG_FILE: join(dir, 'config'),
  });
  try {
    const refused = await ingest(tempDir());
    assert.equal(refused.code, 1);
    assert.match(
      refused.out,
      new RegExp(`cannot list s3://${BUCKET}/AWSLogs/: The AWS Access Key Id you provided does not exist`),
    );
    const withProfile = await ingest(tempDir(), '--profile', 'ir');
    assert.equal(withProfile.code, 0, withProfile.out);
    assert.match(withProfile.out, /records from \d+ files/);
  } finally {
    process.env = saved;
  }
});

test("--s3-region is the region the S3 calls are signed for; --region stays the records' region", async () => {
  s3.regions.length = 0;
  const run = await ingest(tempDir(), '--s3-region', 'eu-west-2');
  assert.equal(run.code, 0, run.out);
  assert.ok(s3.regions.length > 0);
  assert.deepEqual([...new Set(s3.regions)], ['eu-west-2']);
});

function gunzipped(bytes: Buffer): Buffer {
  return gunzipSync(bytes);
}
