import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import {
  asffFinding,
  cloudTrailEvent,
  findingsEnvelope,
  fixtureFolder,
  jsonLines,
  writeFixture,
} from './fixture-folder.ts';

const TRIED =
  'not a known log format; tried: cloudtrail-delivery, cloudtrail-lines, cloudtrail-lookup, cloudtrail-console-csv, cloudtrail-lake-csv, cloudtrail-lake-query-results, guardduty-eventbridge, guardduty-get-findings, guardduty-lines, asff-eventbridge, asff-get-findings, asff-lines, vpc-flow-text, vpc-flow-lines, vpc-flow-parquet, route53-resolver-lines, waf-lines, eks-audit-lines, eks-audit-cloudwatch-lines, eks-audit-cloudwatch-events';

async function readText(name: string, text: string | Buffer) {
  return readLogFile(await writeFixture(await fixtureFolder(), name, text));
}

function wholeFileReject(read: Awaited<ReturnType<typeof readLogFile>>): string {
  assert.deepEqual(read.records, []);
  assert.equal(read.rejects.length, 1);
  assert.equal(read.rejects[0]?.record, null);
  assert.equal(read.rejects[0]?.file, read.file);
  return read.rejects[0]?.reason ?? '';
}

test('a malformed line is rejected alone, with the parser message, its position and its raw text (no CR)', async () => {
  const [a, b] = [cloudTrailEvent('CreateUser'), cloudTrailEvent('CreateLoginProfile')];
  const broken = '{"eventName":"CreateBucket",}';
  const read = await readText('events.jsonl', `${JSON.stringify(a)}\r\n${broken}\r\n${JSON.stringify(b)}\r\n`);
  assert.equal(read.format, 'cloudtrail-lines');
  assert.deepEqual(
    read.records.map((r) => [r.record, r.value]),
    [
      [1, a],
      [3, b],
    ],
  );
  assert.deepEqual(read.rejects, [
    {
      file: read.file,
      record: 2,
      reason: 'malformed JSON: Expected double-quoted property name in JSON at position 28',
      raw: broken,
    },
  ]);
});

test('a parser message without a position gets one', async () => {
  const read = await readText('events.jsonl', `${JSON.stringify(cloudTrailEvent('A'))}\n{"eventName":}\n`);
  assert.match(read.rejects[0]?.reason ?? '', /^malformed JSON: Unexpected token '}'.* at position 13$/);
});

test('a broken first line does not hide the format of a line file', async () => {
  const events = [cloudTrailEvent('RunInstances'), cloudTrailEvent('CreateKeyPair')];
  const read = await readText('events.jsonl', `{"eventName": "Trunc\n${jsonLines(events)}`);
  assert.equal(read.format, 'cloudtrail-lines');
  assert.deepEqual(
    read.records.map((r) => r.record),
    [2, 3],
  );
  assert.equal(read.rejects[0]?.record, 1);
  assert.match(read.rejects[0]?.reason ?? '', /^malformed JSON: Unterminated string in JSON at position 20$/);
});

test('a malformed document rejects the whole file, saying where it broke', async () => {
  const pretty = JSON.stringify({ Records: [cloudTrailEvent('A'), cloudTrailEvent('B')] }, null, 2);
  const cut = pretty.slice(0, pretty.indexOf('"B"')); // ends in `"eventName": `
  const reason = wholeFileReject(await readText('trail.json', cut));
  assert.equal(reason, `malformed JSON: Unexpected end of JSON input at position ${cut.length}`);
  const missingComma = pretty.replace('"eventName": "B",', '"eventName": "B"');
  assert.match(wholeFileReject(await readText('trail.json', missingComma)), /^malformed JSON: .* at position \d+$/);
});

test('a gzip cut short rejects the whole file as truncated; a damaged one as corrupt', async () => {
  const gzip = gzipSync(JSON.stringify({ Records: Array.from({ length: 40 }, () => cloudTrailEvent('Describe')) }));
  const truncated = await readText('trail.json.gz', gzip.subarray(0, Math.floor(gzip.length / 2)));
  assert.equal(truncated.format, null);
  assert.equal(wholeFileReject(truncated), 'truncated gzip: unexpected end of file');
  const damaged = Buffer.from(gzip);
  damaged[3] = 0xff; // reserved header flag bits must be zero
  assert.match(wholeFileReject(await readText('trail.json.gz', damaged)), /^corrupt gzip: /);
});

test('an empty file, a blank one and an empty gzip are each an empty file', async () => {
  for (const content of ['', ' \n\r\n\t', gzipSync('')]) {
    assert.equal(wholeFileReject(await readText('empty.json', content)), 'empty file');
  }
});

test('JSON that is not a known log names the formats tried and what it saw', async () => {
  const unknownObject = await readText('other.jsonl', jsonLines([{ line: 1, rule_id: 'x' }]));
  assert.equal(wholeFileReject(unknownObject), `${TRIED} (the file has keys line, rule_id)`);
  assert.equal(unknownObject.rejects[0]?.raw, '{"line":1,"rule_id":"x"}\n');
  const array = await readText('array.json', JSON.stringify([cloudTrailEvent('A')]));
  assert.match(
    wholeFileReject(array),
    /^not a known log format; tried: .* \(the content is not a JSON object: it starts with "\[{/,
  );
  const csv = await readText('logs.csv', 'Event Type,Event Name\nAwsApiCall,GetObject\n');
  assert.equal(
    wholeFileReject(csv),
    `${TRIED} (the content is not a JSON object: it starts with "Event Type,Event Name\\nAw")`,
  );
});

test('a line or array element that is not an object is rejected, the rest kept', async () => {
  const event = cloudTrailEvent('A');
  const lines = await readText(
    'events.jsonl',
    `${JSON.stringify(event)}\n[1,2]\n"text"\nnull\n${JSON.stringify(event)}\n`,
  );
  assert.deepEqual(
    lines.records.map((r) => r.record),
    [1, 5],
  );
  assert.deepEqual(
    lines.rejects.map((r) => [r.record, r.reason, r.raw]),
    [
      [2, 'line is an array, not a JSON object', '[1,2]'],
      [3, 'line is a string, not a JSON object', '"text"'],
      [4, 'line is null, not a JSON object', 'null'],
    ],
  );
  const delivery = await readText('trail.json', JSON.stringify({ Records: [event, 7, { userName: 'x' }, event] }));
  assert.deepEqual(
    delivery.records.map((r) => r.record),
    [1, 4],
  );
  assert.deepEqual(
    delivery.rejects.map((r) => [r.record, r.reason, r.raw]),
    [
      [2, '"Records" element is a number, not an object', '7'],
      [3, 'not a CloudTrail event: no eventVersion, eventSource or eventName (keys userName)', '{"userName":"x"}'],
    ],
  );
});

test('a lookup-events entry whose CloudTrailEvent does not parse is rejected with the entry', async () => {
  const good = cloudTrailEvent('ConsoleLogin');
  const entries = [
    { EventId: 'e1', CloudTrailEvent: JSON.stringify(good) },
    { EventId: 'e2', CloudTrailEvent: '{"eventVersion":"1.08",' },
    { EventId: 'e3' },
    { EventId: 'e4', CloudTrailEvent: '[]' },
  ];
  const read = await readText('lookup.json', JSON.stringify({ Events: entries }));
  assert.equal(read.format, 'cloudtrail-lookup');
  assert.deepEqual(read.records, [{ record: 1, value: good }]);
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason, r.raw]),
    [
      [
        2,
        'CloudTrailEvent does not parse: Expected double-quoted property name in JSON at position 23',
        JSON.stringify(entries[1]),
      ],
      [3, 'lookup-events entry has no CloudTrailEvent string (keys EventId)', '{"EventId":"e3"}'],
      [4, 'CloudTrailEvent is an array, not a JSON object', JSON.stringify(entries[3])],
    ],
  );
});

test('a bad finding in an envelope is rejected alone, named by its index', async () => {
  const [a, b] = [asffFinding('f-a'), asffFinding('f-b')];
  const text = jsonLines([
    findingsEnvelope([a, { Id: 'no-schema' }, b]),
    findingsEnvelope([]),
    { 'detail-type': 'EC2 Instance State-change Notification', detail: {} },
    findingsEnvelope([null]),
  ]);
  const read = await readText('findings.jsonl', text);
  assert.equal(read.format, 'asff-eventbridge');
  assert.deepEqual(
    read.records.map((r) => [r.record, r.value.Id]),
    [
      [1, 'f-a'],
      [1, 'f-b'],
    ],
  );
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason]),
    [
      [
        1,
        'finding 2 of 3 in the envelope is not an ASFF finding: no SchemaVersion, ProductArn, or AwsAccountId with Types (keys Id)',
      ],
      [2, 'EventBridge envelope holds no findings'],
      [3, 'not a "Security Hub Findings" EventBridge envelope with detail.findings (keys detail-type, detail)'],
      [4, 'finding 1 of 1 in the envelope is null, not an object'],
    ],
  );
  assert.equal(read.rejects[0]?.raw, '{"Id":"no-schema"}');
});

test('the raw text kept for a reject stops at 64 KiB of UTF-8, between characters', async () => {
  const long = `{"eventName": "${'é'.repeat(40_000)}`; // 80,015 bytes, never closed: 64 KiB falls inside an é
  const read = await readText('events.jsonl', `${JSON.stringify(cloudTrailEvent('A'))}\n${long}\n`);
  const raw = read.rejects[0]?.raw ?? '';
  assert.equal(Buffer.byteLength(raw), 64 * 1024 - 1);
  assert.ok(long.startsWith(raw));
});

test('a forced format skips detection and rejects the records that do not fit it', async () => {
  const folder = await fixtureFolder();
  const asff = await writeFixture(folder, 'asff.jsonl', jsonLines([asffFinding('f-1'), asffFinding('f-2')]));
  const forcedLines = await readLogFile(asff, { format: 'cloudtrail-lines' });
  assert.equal(forcedLines.format, 'cloudtrail-lines');
  assert.equal(forcedLines.kind, 'cloudtrail');
  assert.deepEqual(forcedLines.records, []);
  assert.deepEqual(
    forcedLines.rejects.map((r) => r.record),
    [1, 2],
  );
  assert.match(forcedLines.rejects[0]?.reason ?? '', /^not a CloudTrail event: /);

  const trail = await writeFixture(folder, 'trail.json', JSON.stringify({ Records: [cloudTrailEvent('A')] }));
  const forcedDocument = await readLogFile(trail, { format: 'asff-get-findings' });
  assert.equal(forcedDocument.format, 'asff-get-findings');
  assert.equal(wholeFileReject(forcedDocument), 'expected an object with a "Findings" array, got keys Records');

  const unnamed = await writeFixture(folder, 'ct.jsonl', jsonLines([{ eventSource: 's3.amazonaws.com' }]));
  const forcedMatch = await readLogFile(unnamed, { format: 'cloudtrail-lines' });
  assert.deepEqual(forcedMatch.records, [{ record: 1, value: { eventSource: 's3.amazonaws.com' } }]);

  const unknownFormat = await readLogFile(trail, { format: 'vpc-flow' as never });
  assert.match(wholeFileReject(unknownFormat), /^unknown format "vpc-flow"; known formats: cloudtrail-delivery, /);
});

test('a path that cannot be read is a whole-file reject, not an exception', async () => {
  const folder = await fixtureFolder();
  for (const path of [folder, `${folder}/missing.json`]) {
    assert.match(wholeFileReject(await readLogFile(path)), /^cannot read the file: E(ISDIR|NOENT)/);
  }
});
