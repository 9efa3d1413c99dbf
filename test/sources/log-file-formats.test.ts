import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import {
  asffFinding,
  cloudTrailEvent,
  findingsEnvelope,
  fixtureFolder,
  jsonLines,
  writeFixture,
} from './fixture-folder.ts';

const DELIVERY_PATH = 'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/111122223333_CloudTrail_x.json.gz';

test('reads a gzipped CloudTrail delivery file in order, positions counted from 1', async () => {
  const events = [cloudTrailEvent('CreateUser'), cloudTrailEvent('CreateAccessKey'), cloudTrailEvent('StopLogging')];
  const file = await writeFixture(await fixtureFolder(), DELIVERY_PATH, JSON.stringify({ Records: events }), {
    gzip: true,
  });
  const read = await readLogFile(file);
  assert.equal(read.file, file);
  assert.equal(read.format, 'cloudtrail-delivery');
  assert.equal(read.kind, 'cloudtrail');
  assert.deepEqual(read.records, [
    { record: 1, value: events[0] },
    { record: 2, value: events[1] },
    { record: 3, value: events[2] },
  ]);
  assert.deepEqual(read.rejects, []);
});

test('reads a plain, pretty-printed delivery file', async () => {
  const events = [cloudTrailEvent('GetSecretValue'), cloudTrailEvent('PutBucketPolicy')];
  const file = await writeFixture(await fixtureFolder(), 'trail.json', JSON.stringify({ Records: events }, null, 2));
  const read = await readLogFile(file);
  assert.equal(read.format, 'cloudtrail-delivery');
  assert.deepEqual(
    read.records.map((r) => [r.record, r.value.eventName]),
    [
      [1, 'GetSecretValue'],
      [2, 'PutBucketPolicy'],
    ],
  );
});

test('gunzips by magic bytes, not by name, and reads a plain file named .gz as it is', async () => {
  const folder = await fixtureFolder();
  const content = JSON.stringify({ Records: [cloudTrailEvent('DeleteTrail')] });
  const gzipNamedJson = await writeFixture(folder, 'gzipped.json', content, { gzip: true });
  const plainNamedGz = await writeFixture(folder, 'plain.json.gz', content);
  for (const file of [gzipNamedJson, plainNamedGz]) {
    const read = await readLogFile(file);
    assert.equal(read.format, 'cloudtrail-delivery', file);
    assert.equal(read.records[0]?.value.eventName, 'DeleteTrail');
  }
});

test('reads CloudTrail JSON lines by line number, skipping blank lines and taking CRLF endings', async () => {
  const events = [cloudTrailEvent('ListObjects'), cloudTrailEvent('GetObject'), cloudTrailEvent('GetObject')];
  const text = `${JSON.stringify(events[0])}\r\n\r\n${JSON.stringify(events[1])}\r\n   \n${JSON.stringify(events[2])}`;
  const file = await writeFixture(await fixtureFolder(), 'events.jsonl.gz', text, { gzip: true });
  const read = await readLogFile(file);
  assert.equal(read.format, 'cloudtrail-lines');
  assert.equal(read.kind, 'cloudtrail');
  assert.deepEqual(
    read.records.map((r) => r.record),
    [1, 3, 5],
  );
  assert.deepEqual(
    read.records.map((r) => r.value),
    events,
  );
  assert.deepEqual(read.rejects, []);
});

test('reads `aws cloudtrail lookup-events` output, parsing each CloudTrailEvent string', async () => {
  const events = [cloudTrailEvent('ConsoleLogin'), cloudTrailEvent('AttachUserPolicy')];
  const output = {
    Events: events.map((event) => ({
      EventId: event.eventID,
      EventName: event.eventName,
      ReadOnly: 'false',
      EventTime: '2023-07-10T11:42:36+00:00',
      EventSource: 'iam.amazonaws.com',
      Resources: [],
      CloudTrailEvent: JSON.stringify(event),
    })),
    NextToken: 'abc',
  };
  const file = await writeFixture(await fixtureFolder(), 'lookup.json', JSON.stringify(output, null, 4));
  const read = await readLogFile(file);
  assert.equal(read.format, 'cloudtrail-lookup');
  assert.equal(read.kind, 'cloudtrail');
  assert.deepEqual(read.records, [
    { record: 1, value: events[0] },
    { record: 2, value: events[1] },
  ]);
});

test('reads Security Hub EventBridge envelopes: each finding a record at its envelope line', async () => {
  const [a, b, c] = [asffFinding('f-a'), asffFinding('f-b'), asffFinding('f-c')];
  const text = jsonLines([findingsEnvelope([a]), findingsEnvelope([b, c])]);
  const file = await writeFixture(await fixtureFolder(), 'findings.jsonl', text);
  const read = await readLogFile(file);
  assert.equal(read.format, 'asff-eventbridge');
  assert.equal(read.kind, 'asff');
  assert.deepEqual(read.records, [
    { record: 1, value: a },
    { record: 2, value: b },
    { record: 2, value: c },
  ]);
});

test('reads `aws securityhub get-findings` output', async () => {
  const findings = [asffFinding('f-1'), asffFinding('f-2')];
  const file = await writeFixture(await fixtureFolder(), 'get-findings.json', JSON.stringify({ Findings: findings }));
  const read = await readLogFile(file);
  assert.equal(read.format, 'asff-get-findings');
  assert.equal(read.kind, 'asff');
  assert.deepEqual(read.records, [
    { record: 1, value: findings[0] },
    { record: 2, value: findings[1] },
  ]);
});

test('reads bare ASFF findings, one per line', async () => {
  const findings = [asffFinding('f-1'), asffFinding('f-2')];
  const file = await writeFixture(await fixtureFolder(), 'asff.jsonl', jsonLines(findings));
  const read = await readLogFile(file);
  assert.equal(read.format, 'asff-lines');
  assert.equal(read.kind, 'asff');
  assert.deepEqual(read.records, [
    { record: 1, value: findings[0] },
    { record: 2, value: findings[1] },
  ]);
});

test('parses a document once when pretty-printed, and a one-line delivery element by element, never whole', async () => {
  const folder = await fixtureFolder();
  const content = { Records: Array.from({ length: 50 }, (_, i) => cloudTrailEvent(`Call${i}`)) };
  const oneLine = await writeFixture(folder, 'one-line.json.gz', JSON.stringify(content), { gzip: true });
  const pretty = await writeFixture(folder, 'pretty.json', JSON.stringify(content, null, 2));
  const parse = JSON.parse;
  for (const [file, expected] of [
    [oneLine, 0],
    [pretty, 1],
  ] as const) {
    let wholeParses = 0;
    JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
      if (text.length > 1000) wholeParses++;
      return parse(text, reviver);
    };
    try {
      const read = await readLogFile(file);
      assert.equal(read.records.length, 50);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(wholeParses, expected, file);
  }
});
