// What a batch reads and writes: a re-ingest reads only new or changed files, a record too large to stage is
// rejected on its own, and a batch writes at most one Parquet file per partition and source.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const [SAMPLE_FILE = ''] = readdirSync(INVICTUS).sort();
const SAMPLE = (JSON.parse(readFileSync(join(INVICTUS, SAMPLE_FILE), 'utf8')) as { Records: object[] }).Records;

/** A delivery file of `count` events of the sample, each with an event id of its own. */
function writeDelivery(path: string, tag: string, count = 3): void {
  const records = Array.from({ length: count }, (_, i) => ({
    ...(SAMPLE[i % SAMPLE.length] ?? {}),
    eventID: `${tag}-${i}`,
  }));
  writeFileSync(path, JSON.stringify({ Records: records }));
}

test('a re-ingest of a folder reads only its new and changed files, recognised by path, size and mtime', async () => {
  const lake = tempDir();
  const input = tempDir();
  for (let i = 0; i < 50; i++) writeDelivery(join(input, `old-${i}.json`), `old-${i}`);
  const first = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(first.unreadFiles, 0);
  assert.equal(first.rejected.length, 0);
  const landed = Object.values(first.rows).reduce((a, b) => a + b, 0);
  assert.equal(landed, 150);

  for (let i = 0; i < 10; i++) writeDelivery(join(input, `new-${i}.json`), `new-${i}`);
  // Same size, new content and a new modification time: read again.
  writeDelivery(join(input, 'old-7.json'), 'old-x');
  utimesSync(join(input, 'old-7.json'), new Date(), new Date(Date.now() + 5000));

  const second = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(second.files, 60);
  assert.equal(second.unreadFiles, 49);
  assert.equal(second.inputRecords, 180);
  assert.equal(second.duplicates, 147);
  assert.equal(
    Object.values(second.rows).reduce((a, b) => a + b, 0),
    33,
  );
  const ledger = await readLedger(lake);
  const read = (ledger.batches.at(-1)?.inputs ?? []).map((i) => i.path.slice(input.length + 1)).sort();
  assert.deepEqual(
    read,
    ['new-0.json', ...Array.from({ length: 9 }, (_, i) => `new-${i + 1}.json`), 'old-7.json'].sort(),
  );
  assert.ok(ledger.batches[0]?.inputs.every((i) => typeof i.mtimeMs === 'number'));
});

test('a record too large to stage is rejected with its file, record and reason; the rest of the batch lands', async () => {
  const lake = tempDir();
  const input = tempDir();
  writeDelivery(join(input, 'small.json'), 'small');
  const records = [0, 1, 2].map((i) => ({ ...(SAMPLE[i] ?? {}), eventID: `big-${i}` }));
  const big = records[1] as Record<string, unknown>;
  big.requestParameters = { policyDocument: 'x'.repeat(20 * 1024 * 1024) };
  const bigFile = join(input, 'big.json');
  writeFileSync(bigFile, JSON.stringify({ Records: records }));

  const summary = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(summary.inputRecords, 6);
  assert.equal(
    Object.values(summary.rows).reduce((a, b) => a + b, 0),
    5,
  );
  assert.equal(summary.rejected.length, 1);
  const [reject] = summary.rejected;
  assert.equal(reject?.file, bigFile);
  assert.equal(reject?.record, 2);
  assert.match(
    reject?.reason ?? '',
    /^record too large: its OCSF row takes 20\.\d MiB, over the 16\.0 MiB a row may take$/,
  );
  const ledger = await readLedger(lake);
  const deadLetter = readFileSync(join(lake, ledger.batches[0]?.deadLetter ?? ''), 'utf8')
    .trim()
    .split('\n');
  assert.equal(deadLetter.length, 1);
  assert.equal(JSON.parse(deadLetter[0] ?? '{}').record, 2);
});

test('a batch writes at most one Parquet file per partition and source, however many inputs fill it', async () => {
  const lake = tempDir();
  const input = tempDir();
  // 40 files, each with events of 2 regions on 3 days: 6 partitions, each filled by every file.
  for (let file = 0; file < 40; file++) {
    const records = Array.from({ length: 6 }, (_, i) => ({
      ...(SAMPLE[0] ?? {}),
      eventID: `${file}-${i}`,
      awsRegion: i % 2 === 0 ? 'us-east-1' : 'eu-west-1',
      eventTime: `2024-03-0${1 + (i % 3)}T10:00:00Z`,
    }));
    writeFileSync(join(input, `f-${file}.json`), JSON.stringify({ Records: records }));
  }
  const summary = await ingest({ lakeDir: lake, paths: [input] });
  assert.deepEqual(summary.rows, { cloud_trail_mgmt: 240 });
  const { files } = await readLedger(lake);
  const partitions = files.map((f) => `${f.source}/${f.region}/${f.accountId}/${f.eventDay}`);
  assert.equal(files.length, 6);
  assert.equal(new Set(partitions).size, 6);
  assert.ok(files.every((f) => f.rows === 40));
});
