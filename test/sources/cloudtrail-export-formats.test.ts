// Golden tests of the hand-made CloudTrail exports (test/golden/cloudtrail_exports): the console's Event
// history CSV, CloudTrail Lake results saved to S3 (CSV) and `get-query-results` output. Their rows carry
// events of the CloudTrail golden set, so each must map to exactly that case's expected row; rows that carry
// no event, or not enough of one, are rejected with their reason.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { readJson } from '../mapping/golden-cases.ts';
import { fixtureFolder, writeFixture } from './fixture-folder.ts';

const EXPORTS = resolve(import.meta.dirname, '../golden/cloudtrail_exports');
const CLOUDTRAIL = resolve(import.meta.dirname, '../golden/cloudtrail');

/** The CloudTrail golden cases keep the whole outcome: `{ok, source, row}`. */
const expectedRow = (name: string) => readJson(join(CLOUDTRAIL, name, 'expected.json')).row;

async function mappedRows(file: string) {
  const read = await readLogFile(file);
  const rows = read.records.map((record) => {
    const outcome = mapRecord('cloudtrail', record.value);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
    return outcome.row;
  });
  return { read, rows, rejects: read.rejects.map(({ record, reason }) => [record, reason]) };
}

test('console Event history CSV: each row maps exactly as the event in its "CloudTrail event" column', async () => {
  const { read, rows, rejects } = await mappedRows(join(EXPORTS, 'console-event-history.csv'));
  assert.equal(read.format, 'cloudtrail-console-csv');
  assert.deepStrictEqual(rows, [expectedRow('iam-create-user'), expectedRow('console-login-success')]);
  assert.deepEqual(rejects, [[4, 'row has no "CloudTrail event" JSON to read']]);
});

test('get-query-results output: a SELECT * row maps as the event; a projection and broken text are rejected', async () => {
  const { read, rows, rejects } = await mappedRows(join(EXPORTS, 'lake-get-query-results.json'));
  assert.equal(read.format, 'cloudtrail-lake-query-results');
  assert.deepStrictEqual(rows, [expectedRow('iam-create-user')]);
  assert.deepEqual(rejects, [
    [2, 'not enough of a CloudTrail event: no eventTime, eventSource column (columns eventName, userIdentity)'],
    [3, 'column userIdentity is neither JSON nor {key=value} text: "{type=AssumedRole, arn"'],
  ]);
});

test('Lake results saved to S3 (result_1.csv.gz): detected by the header, gunzipped by magic bytes', async () => {
  const folder = await fixtureFolder();
  const csv = await readFile(join(EXPORTS, 'lake-result_1.csv'));
  const file = await writeFixture(
    folder,
    'AWSLogs/111122223333/CloudTrail-Lake/Query/2024/03/11/q/result_1.csv.gz',
    csv,
    {
      gzip: true,
    },
  );
  const { read, rows, rejects } = await mappedRows(file);
  assert.equal(read.format, 'cloudtrail-lake-csv');
  assert.deepStrictEqual(rows, [expectedRow('iam-create-user')]);
  assert.equal(rejects.length, 1);
  assert.deepEqual(rejects, [[3, 'not enough of a CloudTrail event: eventSource empty']]);
});

test('the console JSON download ({"Records":[...]}) is read as a delivery file', async () => {
  const event = readJson(join(CLOUDTRAIL, 'iam-create-user', 'input.json'));
  const file = await writeFixture(await fixtureFolder(), 'event_history.json', JSON.stringify({ Records: [event] }));
  const { read, rows } = await mappedRows(file);
  assert.equal(read.format, 'cloudtrail-delivery');
  assert.deepStrictEqual(rows, [expectedRow('iam-create-user')]);
});

test('a malformed CSV row is rejected on its own and the rows after it are still read', async () => {
  const event = JSON.stringify(readJson(join(CLOUDTRAIL, 'iam-create-user', 'input.json')));
  const quoted = `"${event.replaceAll('"', '""')}"`;
  const text = `Event name,CloudTrail event\nCreateUser,${quoted},extra\nCreateUser,${quoted}\n`;
  const file = await writeFixture(await fixtureFolder(), 'history.csv', text);
  const { rows, rejects } = await mappedRows(file);
  assert.deepStrictEqual(rows, [expectedRow('iam-create-user')]);
  assert.equal(rejects.length, 1);
  assert.equal(rejects[0]?.[0], 2);
  assert.match(String(rejects[0]?.[1]), /^malformed CSV: Invalid Record Length/);
});

test('the signature file saved beside Lake results is rejected whole, saying what it is, and kept', async () => {
  const sign = await readFile(join(EXPORTS, 'lake-result_sign.json'), 'utf8');
  const name = 'AWSLogs/111122223333/CloudTrail-Lake/Query/2024/03/11/q/result_sign.json';
  const file = await writeFixture(await fixtureFolder(), name, sign);
  const read = await readLogFile(file);
  assert.deepStrictEqual(read, {
    file,
    format: null,
    kind: null,
    records: [],
    rejects: [
      {
        file,
        record: null,
        reason: 'CloudTrail Lake result signature file: it holds hashes of the result files, not events',
        raw: sign,
      },
    ],
  });
});
