// Bad input is named (file, record, reason), kept in the dead-letter area, counted, and never stops the batch.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';

function event(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      userName: 'alice',
    },
    eventTime: `2024-03-10T12:00:0${n}Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `00000000-0000-0000-0000-00000000000${n}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...extra,
  };
}

function writeBadInputs(dir: string): void {
  const { eventTime: _dropped, ...noTime } = event(2);
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ Records: [event(1), noTime, event(3)] }));
  writeFileSync(join(dir, 'malformed.json'), '{"Records": [ {"eventName": ');
  writeFileSync(join(dir, 'truncated.json.gz'), gzipSync(JSON.stringify({ Records: [event(4)] })).subarray(0, 30));
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'unknown.json'), JSON.stringify({ hello: 'world' }));
  writeFileSync(
    join(dir, 'lines.jsonl'),
    `${JSON.stringify(event(5))}\n{"eventName": oops\n${JSON.stringify(event(6))}\n`,
  );
}

test('each bad file or record is rejected with its reason while the good records land', async () => {
  const input = tempDir();
  const lake = tempDir();
  const summaryFile = join(tempDir(), 'summary.json');
  writeBadInputs(input);

  const run = await runTarn(['ingest', '--lake', lake, '--summary-json', summaryFile, input]);
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
    input_records: number;
    rows: Record<string, number>;
    duplicates: number;
    rejected: { file: string; record: number | null; reason: string }[];
  };
  assert.deepEqual(summary.rows, { cloud_trail_mgmt: 4 });
  const rejected = summary.rejected.map((r) => [r.file.slice(input.length + 1), r.record]);
  assert.deepEqual(rejected.sort(), [
    ['empty.json', null],
    ['good.json', 2],
    ['lines.jsonl', 2],
    ['malformed.json', null],
    ['truncated.json.gz', null],
    ['unknown.json', null],
  ]);
  assert.equal(summary.input_records, 4 + summary.duplicates + summary.rejected.length);
  const reasons = Object.fromEntries(summary.rejected.map((r) => [r.file.slice(input.length + 1), r.reason]));
  assert.match(reasons['good.json'] ?? '', /eventTime/);
  assert.match(reasons['empty.json'] ?? '', /empty/);
  assert.match(reasons['truncated.json.gz'] ?? '', /gzip/);
  assert.match(reasons['unknown.json'] ?? '', /not a known log format/);
  assert.match(run.stderr, /good\.json: record 2: .*eventTime/);

  const deadLetters = readdirSync(join(lake, '_tarn/dead-letter'));
  assert.equal(deadLetters.length, 1);
  const kept = readFileSync(join(lake, '_tarn/dead-letter', deadLetters[0] ?? ''), 'utf8')
    .trim()
    .split('\n');
  assert.equal(kept.length, 6);
  const noTime = kept
    .map((line) => JSON.parse(line))
    .find((entry) => entry.record === 2 && entry.file.endsWith('good.json'));
  assert.equal(JSON.parse(noTime.raw).eventID, '00000000-0000-0000-0000-000000000002');
});

test('--strict turns any reject into a non-zero exit, after the good records have landed', async () => {
  const input = tempDir();
  const lake = tempDir();
  writeBadInputs(input);
  const run = await runTarn(['ingest', '--lake', lake, '--strict', input]);
  assert.equal(run.code, 1);
  const count = await runTarn([
    'query',
    '--lake',
    lake,
    '--format',
    'csv',
    'SELECT count(*) AS n FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0',
  ]);
  assert.equal(count.stdout, 'n\r\n4\r\n');
});
