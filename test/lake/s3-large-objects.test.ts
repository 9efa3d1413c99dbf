// Large S3 objects in tarn ingest s3://, against a local S3-compatible server (s3rver, test/helpers/s3-server.ts):
// an object over TARN_S3_STREAM_BYTES (lowered here from its 64 MiB default) is streamed to a scratch file in the
// lake's _tarn area and read from there as a local file is, an archive member by member, instead of being held
// in memory; each input keeps the object it came from, worker threads or not.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { runCli } from '../../src/cli/cli-main.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { listS3Inputs, type ObjectSink, readS3Inputs } from '../../src/sources/s3-inputs.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { type LocalS3, startS3Server } from '../helpers/s3-server.ts';
import { zipArchive } from '../helpers/zip-writer.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const [SAMPLE_FILE = ''] = readdirSync(INVICTUS).sort();
const SAMPLE = (JSON.parse(readFileSync(join(INVICTUS, SAMPLE_FILE), 'utf8')) as { Records: object[] }).Records;
const BUCKET = 'acme-cloudtrail-logs';
const PREFIX = 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/10';
const LIMIT = 2048;

/** CloudTrail's JSON of `count` events of the sample, each with its own id. */
function trail(tag: string, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({
    ...(SAMPLE[i % SAMPLE.length] ?? {}),
    eventID: `${tag}-${i}`,
  }));
  return Buffer.from(JSON.stringify({ Records: records }));
}

const OBJECTS: Record<string, Buffer> = {
  [`${PREFIX}/small.json.gz`]: gzipSync(trail('small', 1)),
  [`${PREFIX}/large.json.gz`]: gzipSync(trail('large', 40)),
  'AWSLogs/123456789012/bundles/export.zip': zipArchive([
    { name: 'a/trail.json', content: trail('zip-a', 6) },
    { name: 'b/trail.json', content: trail('zip-b', 4) },
  ]),
};

let s3: LocalS3;

before(async () => {
  s3 = await startS3Server([BUCKET]);
  for (const [key, body] of Object.entries(OBJECTS)) {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  }
});

after(() => s3.close());

test('the test objects straddle the limit: one small, two large', () => {
  const sizes = Object.values(OBJECTS).map((body) => body.length > LIMIT);
  assert.deepEqual(sizes, [false, true, true]);
});

test('objects over the limit reach the batch as streams, smaller ones as bytes, with the same content', async () => {
  const got: { uri: string; how: string; bytes: Buffer }[] = [];
  const sink: ObjectSink = {
    countIfUnchangedObject: () => false,
    addObject: (uri, bytes) => {
      got.push({ uri, how: 'bytes', bytes });
      return undefined;
    },
    addObjectStream: async (uri, body: Readable) => {
      got.push({ uri, how: 'stream', bytes: await buffer(body) });
    },
    rejectInput: (uri, reason) => assert.fail(`${uri}: ${reason}`),
  };
  const inputs = await listS3Inputs(s3.client, [{ bucket: BUCKET, prefix: 'AWSLogs/' }]);
  assert.equal(await readS3Inputs(s3.client, inputs, sink, () => undefined, { streamOverBytes: LIMIT }), 3);
  assert.deepEqual(
    got.map(({ uri, how }) => [uri, how]),
    [
      [`s3://${BUCKET}/AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/10/large.json.gz`, 'stream'],
      [`s3://${BUCKET}/AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/10/small.json.gz`, 'bytes'],
      [`s3://${BUCKET}/AWSLogs/123456789012/bundles/export.zip`, 'stream'],
    ],
  );
  for (const { uri, bytes } of got)
    assert.ok(bytes.equals(OBJECTS[uri.slice(`s3://${BUCKET}/`.length)] as Buffer), uri);
});

async function ingest(lake: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), interactive: false };
  try {
    const args = ['ingest', `s3://${BUCKET}/AWSLogs/`, '--lake', lake, '--endpoint-url', s3.url, '--no-detect'];
    return { code: await runCli(args, io), out: out.join('') };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Each ledger input with the object it came from: the object's URI is the input's name up to the member. */
async function inputsOf(lake: string) {
  const ledger = await readLedger(lake);
  return (ledger.batches[0]?.inputs ?? []).map((input) => ({
    path: input.path,
    records: input.records,
    object: input.object?.uri,
  }));
}

const EXPECTED = [
  { path: `s3://${BUCKET}/${PREFIX}/large.json.gz`, records: 40 },
  { path: `s3://${BUCKET}/${PREFIX}/small.json.gz`, records: 1 },
  { path: `s3://${BUCKET}/AWSLogs/123456789012/bundles/export.zip!a/trail.json`, records: 6 },
  { path: `s3://${BUCKET}/AWSLogs/123456789012/bundles/export.zip!b/trail.json`, records: 4 },
];

for (const workers of ['0', '2']) {
  test(`a streamed object is read as a local file; every input keeps its object (TARN_INGEST_WORKERS=${workers})`, async () => {
    const streamed = tempDir();
    const inMemory = tempDir();
    const env = { TARN_INGEST_WORKERS: workers };
    const first = await ingest(streamed, { ...env, TARN_S3_STREAM_BYTES: String(LIMIT) });
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /51 records from 3 files/);
    const inputs = await inputsOf(streamed);
    assert.deepEqual(
      inputs.map(({ path, records }) => ({ path, records })),
      EXPECTED,
    );
    for (const input of inputs) assert.equal(input.object, input.path.replace(/!.*/, ''), input.path);
    // The scratch files went with the batch's staging folder.
    assert.ok(
      !existsSync(join(streamed, '_tarn/staging')) || readdirSync(join(streamed, '_tarn/staging')).length === 0,
    );

    // The same objects held in memory give the same inputs and rows.
    const second = await ingest(inMemory, env);
    assert.equal(second.code, 0, second.out);
    assert.deepEqual(await inputsOf(inMemory), inputs);
    const files = async (lake: string) => (await readLedger(lake)).files.map(({ source, rows }) => [source, rows]);
    assert.deepEqual(await files(inMemory), await files(streamed));
  });
}

test('TARN_S3_STREAM_BYTES must be a byte count', async () => {
  const bad = await ingest(tempDir(), { TARN_S3_STREAM_BYTES: '64MB' });
  assert.equal(bad.code, 2);
  assert.match(bad.out, /TARN_S3_STREAM_BYTES: "64MB" is not a byte count/);
});
