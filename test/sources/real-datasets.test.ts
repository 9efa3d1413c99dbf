// Reads the public AWS log samples in ../shared/datasets in place, and pins what comes out of each.

import assert from 'node:assert/strict';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import { listInputFiles } from '../../src/sources/input-files.ts';
import type { LogFileRead } from '../../src/sources/log-file.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { NOT_LOG_FILES } from '../helpers/dataset-files.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const DATASETS = join(SHARED, 'datasets');

async function readAll(path: string): Promise<LogFileRead[]> {
  const { files, missing } = await listInputFiles([path]);
  assert.deepEqual(missing, []);
  return Promise.all(files.map((file) => readLogFile(file)));
}

function count(reads: readonly LogFileRead[], what: 'records' | 'rejects'): number {
  return reads.reduce((sum, read) => sum + read[what].length, 0);
}

test('invictus-ir CloudTrail: 55 delivery files, 2,900 events, 300 with an errorCode', async () => {
  const reads = await readAll(join(DATASETS, 'invictus-ir_aws_dataset/CloudTrail'));
  assert.equal(reads.length, 55);
  assert.ok(reads.every((read) => read.format === 'cloudtrail-delivery' && read.kind === 'cloudtrail'));
  assert.equal(count(reads, 'records'), 2900);
  assert.equal(count(reads, 'rejects'), 0);
  const events = reads.flatMap((read) => read.records);
  assert.equal(events.filter((event) => event.value.errorCode !== undefined).length, 300);
  for (const read of reads) {
    assert.deepEqual(
      read.records.map((r) => r.record),
      read.records.map((_, i) => i + 1),
    );
  }
});

test('OTRF collection: one file of CloudTrail JSON lines, 103 events', async () => {
  const reads = await readAll(join(DATASETS, 'OTRF_Security-Datasets/atomic/aws/collection'));
  assert.deepEqual(
    reads.map((read) => [basename(read.file), read.format, read.records.length, read.rejects.length]),
    [['ec2_proxy_s3_exfiltration_2020-09-14011940.json', 'cloudtrail-lines', 103, 0]],
  );
  assert.equal(reads[0]?.records.at(-1)?.record, 103);
});

test('Panther CloudTrail tests: 432 events; 9 test events with no eventVersion, eventSource or eventName rejected', async () => {
  const read = await readLogFile(join(DATASETS, 'panther-analysis/panther_tests_cloudtrail.jsonl'));
  assert.equal(read.format, 'cloudtrail-lines');
  assert.equal(read.records.length, 432);
  assert.deepEqual(
    read.rejects.map((r) => r.record),
    [3, 4, 36, 37, 38, 123, 125, 198, 199],
  );
  assert.equal(
    read.rejects[0]?.reason,
    'not a CloudTrail event: no eventVersion, eventSource or eventName (an empty object)',
  );
  assert.match(read.rejects[2]?.reason ?? '', /^not a CloudTrail event: .*\(keys apiversion, awsregion, eventcategory/);
  assert.ok(read.rejects.every((r) => r.raw?.startsWith('{')));
});

test('Panther Security Hub tests: 10 bare ASFF findings', async () => {
  const read = await readLogFile(join(DATASETS, 'panther-analysis/panther_tests_securityhub_asff.jsonl'));
  assert.equal(read.format, 'asff-lines');
  assert.equal(read.kind, 'asff');
  assert.equal(read.records.length, 10);
  assert.deepEqual(read.rejects, []);
});

test('every file under datasets is read; the files that are not logs are each rejected whole', async () => {
  const reads = await readAll(DATASETS);
  assert.equal(reads.length, 72);
  assert.equal(count(reads, 'records'), 2900 + 103 + 432 + 10 + 18 + 8 + 13);
  const wholeFile = reads.filter((read) => read.format === null);
  assert.deepEqual(wholeFile.map((read) => relative(DATASETS, read.file)).sort(), [...NOT_LOG_FILES].sort());
  for (const read of wholeFile) {
    assert.deepEqual(read.records, []);
    assert.equal(read.rejects.length, 1);
    assert.equal(read.rejects[0]?.record, null);
    assert.match(read.rejects[0]?.reason ?? '', /^not a known log format; tried: cloudtrail-delivery, .*\(.+\)$/);
  }
  const license = wholeFile.find((read) => basename(read.file) === 'LICENSE');
  assert.match(license?.rejects[0]?.reason ?? '', /\(the content is not a JSON object: it starts with "MIT License/);
  const index = wholeFile.find((read) => read.file.endsWith('cloudtrail.index.jsonl'));
  assert.match(
    index?.rejects[0]?.reason ?? '',
    /\(the first line has keys line, rule_id, file, test, expected_alert\)$/,
  );
  // 9 Panther CloudTrail lines that are not events, and Panther's empty VPC flow line.
  assert.equal(count(reads, 'rejects'), wholeFile.length + 9 + 1);
});
