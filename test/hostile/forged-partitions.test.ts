// Issue 10, items 1 and 4: forged regions and accounts, and records nested too deep, are rejected one by one
// with their reason; the rest of the batch lands and detections and investigations still run.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONFIG_FILE } from '../../src/lake/lake-config.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

function event(id: string, region: string, account = '111122223333'): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/alice`, accountId: account, userName: 'alice' },
    eventTime: '2024-03-10T12:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: region,
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { name: 'trail' },
    responseElements: null,
    requestID: `req-${id}`,
    eventID: `00000000-0000-0000-0000-${id.padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
  };
}

function ingestSummary(file: string) {
  return JSON.parse(readFileSync(file, 'utf8')) as {
    rows: Record<string, number>;
    rejected: { file: string; record: number; reason: string }[];
  };
}

test('forged regions and accounts are rejected with the reason; detect and investigate still work', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const input = join(dir, 'in.jsonl');
  const forged = [
    event('1', "us-east-1'; DROP TABLE x; --"),
    event('2', '../../../tmp/x'),
    event('3', 'us-east-1', '../x'),
    event('4', 'us-east-1'),
  ];
  writeFileSync(input, `${forged.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const summary = join(dir, 'summary.json');
  const run = await tarn('ingest', '--lake', lake, '--no-detect', '--summary-json', summary, input);
  assert.equal(run.code, 0, run.err);
  const result = ingestSummary(summary);
  assert.deepEqual(result.rows, { cloud_trail_mgmt: 1 });
  assert.deepEqual(
    result.rejected.map((r) => [r.record, r.reason]),
    [
      [1, `region "us-east-1'; DROP TABLE x; --" is not a region name (lowercase letters, digits and hyphens)`],
      [2, 'region "../../../tmp/x" is not a region name (lowercase letters, digits and hyphens)'],
      [3, 'account id "../x" is not 12 digits'],
    ],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(lake, CONFIG_FILE), 'utf8')), { rollupRegion: 'us-east-1' });

  const detect = await tarn('detect', '--lake', lake, '--format', 'json');
  assert.equal(detect.code, 0, detect.err);
  assert.equal((JSON.parse(detect.out) as unknown[]).length, 1);
  const investigate = await tarn('investigate', '--lake', lake, '--principal', 'alice', '--format', 'json');
  assert.equal(investigate.code, 0, investigate.err);
});

test('--rollup-region is checked, and a forged one saved by an older Tarn is refused by name', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const input = join(dir, 'in.jsonl');
  writeFileSync(input, `${JSON.stringify(event('5', 'eu-west-1'))}\n`);
  const bad = await tarn('ingest', '--lake', lake, '--rollup-region', "x'; DROP", input);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--rollup-region: region "x'; DROP" is not a region name/);

  mkdirSync(join(lake, '_tarn'), { recursive: true });
  writeFileSync(join(lake, CONFIG_FILE), JSON.stringify({ rollupRegion: "x'; DROP" }));
  const detect = await tarn('detect', '--lake', lake);
  assert.equal(detect.code, 2);
  assert.match(detect.err, /_tarn\/config.json: rollupRegion: region "x'; DROP" is not a region name/);
});

test('a record nested 100k levels deep is rejected alone; the other files of the batch land', async () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const deepLine = JSON.stringify(event('6', 'us-east-1')).replace(/}$/, `,"additionalEventData":${deep}}`);
  writeFileSync(join(dir, 'deep.jsonl'), `${JSON.stringify(event('7', 'us-east-1'))}\n${deepLine}\n`);
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ Records: [event('8', 'eu-west-1')] }));
  const summary = join(dir, 'summary.json');
  const run = await tarn('ingest', '--lake', lake, '--summary-json', summary, dir);
  assert.equal(run.code, 0, run.err);
  const result = ingestSummary(summary);
  assert.deepEqual(result.rows, { cloud_trail_mgmt: 2 });
  assert.deepEqual(
    result.rejected.map((r) => [r.file.slice(dir.length + 1), r.record, r.reason]),
    [['deep.jsonl', 2, 'nested deeper than 100 levels of objects and arrays']],
  );
});

test('a FIFO named on the command line is rejected with its reason, and fails --strict', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(join(dir, 'ok.jsonl'), `${JSON.stringify(event('9', 'us-east-1'))}\n`);
  const run = await tarn('ingest', '--lake', join(dir, 'lake'), '--strict', fifo, join(dir, 'ok.jsonl'));
  assert.equal(run.code, 1);
  assert.match(run.err, /pipe: not a regular file or folder \(a FIFO, device or socket\)/);
});

test('a device named on the command line is rejected with its reason, and fails --strict', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'ok.jsonl'), `${JSON.stringify(event('10', 'us-east-1'))}\n`);
  const run = await tarn('ingest', '--lake', join(dir, 'lake'), '--strict', '/dev/null', join(dir, 'ok.jsonl'));
  assert.equal(run.code, 1);
  assert.match(run.err, /\/dev\/null: not a regular file or folder \(a FIFO, device or socket\)/);
});
