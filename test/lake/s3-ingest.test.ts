// tarn ingest s3://… against the S3 stand-in (test/helpers/s3-stand-in-server.ts, a labelled stand-in): objects
// under a prefix are read as files are (gzipped deliveries, zip bundles), recorded with their ETags, and an
// ingest of the same prefix again downloads only the objects that are new or changed.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readLedger } from '../../src/lake/ledger.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { type LocalAws, STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';
import { S3StandIn } from '../helpers/s3-stand-in-server.ts';
import { zipArchive } from '../helpers/zip-writer.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const [SAMPLE_FILE = ''] = readdirSync(INVICTUS).sort();
const SAMPLE = (JSON.parse(readFileSync(join(INVICTUS, SAMPLE_FILE), 'utf8')) as { Records: object[] }).Records;
const BUCKET = 'acme-cloudtrail-logs';
const PREFIX = 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/10';

/** The stand-in, counting the objects downloaded (GET of a key). */
class CountingS3 extends S3StandIn {
  readonly downloads: string[] = [];
  override handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const [, , ...key] = url.pathname.split('/');
    if (req.method === 'GET' && key.join('/') !== '') this.downloads.push(decodeURIComponent(url.pathname));
    super.handle(req, res, body);
  }
}

let s3: CountingS3;
let aws: LocalAws;
let client: S3Client;

before(async () => {
  Object.assign(process.env, STAND_IN_ENV);
  s3 = new CountingS3();
  aws = await startLocalAws({ s3 });
  client = new S3Client({ endpoint: aws.url, forcePathStyle: true, region: 'us-east-1' });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

after(async () => {
  client.destroy();
  await aws.close();
});

/** A CloudTrail delivery of `count` events of the sample, gzipped as CloudTrail writes it. */
function delivery(tag: string, count = 3): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({
    ...(SAMPLE[i % SAMPLE.length] ?? {}),
    eventID: `${tag}-${i}`,
  }));
  return gzipSync(JSON.stringify({ Records: records }));
}

const put = (key: string, body: Buffer) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

/** The exit code, and stdout then stderr. */
async function ingest(lake: string, ...extra: string[]): Promise<{ code: number; out: string }> {
  const args = ['ingest', `s3://${BUCKET}/AWSLogs/`, '--lake', lake, '--endpoint-url', aws.url, '--no-detect'];
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
  const etag = (key: string) => `"${s3.buckets.get(BUCKET)?.objects.get(key)?.at(-1)?.etag}"`;
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
  assert.deepEqual(s3.downloads.sort(), [`/${BUCKET}/${name(1)}`, `/${BUCKET}/${name(3)}`]);
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

function gunzipped(bytes: Buffer): Buffer {
  return gunzipSync(bytes);
}
