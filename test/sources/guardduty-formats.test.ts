// GuardDuty's own formats are told apart from Security Hub's ASFF ones, which share `SchemaVersion` and
// `{"Findings":[...]}`: each file goes to the reader of its format, and odd records are rejected alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { asffFinding, findingsEnvelope, fixtureFolder, jsonLines, writeFixture } from './fixture-folder.ts';

/** A trimmed GuardDuty finding as EventBridge writes it. */
function guardDutyFinding(id: string): Record<string, unknown> {
  return {
    schemaVersion: '2.0',
    accountId: '111122223333',
    region: 'us-east-1',
    partition: 'aws',
    id,
    arn: `arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/${id}`,
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-0123456789abcdef0' } },
    service: { serviceName: 'guardduty', detectorId: 'd1', count: 1 },
    severity: 2,
    createdAt: '2024-05-24T22:53:24Z',
    updatedAt: '2024-05-24T22:53:24Z',
  };
}

function findingEvent(detail: unknown, detailType = 'GuardDuty Finding'): Record<string, unknown> {
  return { version: '0', 'detail-type': detailType, source: 'aws.guardduty', region: 'us-east-1', detail };
}

/** The same finding as the AWS CLI prints it. */
function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0]?.toUpperCase() + k.slice(1), pascalCase(v)]));
}

test('reads gzipped EventBridge "GuardDuty Finding" events, one per line; the finding is the record', async () => {
  const [a, b] = [guardDutyFinding('f-a'), guardDutyFinding('f-b')];
  const text = jsonLines([findingEvent(a), findingEvent(b)]);
  const file = await writeFixture(await fixtureFolder(), 'gd/events.jsonl.gz', text, { gzip: true });
  const read = await readLogFile(file);
  assert.equal(read.format, 'guardduty-eventbridge');
  assert.equal(read.kind, 'guardduty');
  assert.deepEqual(read.records, [
    { record: 1, value: a },
    { record: 2, value: b },
  ]);
});

test('rejects, each alone, an event of another detail-type and one whose detail is not a finding', async () => {
  const good = guardDutyFinding('f-1');
  const text = jsonLines([
    findingEvent(good),
    findingEvent(good, 'EC2 Instance State-change Notification'),
    findingEvent({ state: 'running' }),
  ]);
  const read = await readLogFile(await writeFixture(await fixtureFolder(), 'events.jsonl', text));
  assert.equal(read.format, 'guardduty-eventbridge');
  assert.deepEqual(read.records, [{ record: 1, value: good }]);
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason]),
    [
      [2, 'not a "GuardDuty Finding" EventBridge event (keys version, detail-type, source, region, detail)'],
      [
        3,
        "the event's detail is not a GuardDuty finding: no finding type with a service block or GuardDuty ARN (keys state)",
      ],
    ],
  );
});

test('reads `aws guardduty get-findings` output, PascalCase, pretty-printed', async () => {
  const findings = [pascalCase(guardDutyFinding('f-1')), pascalCase(guardDutyFinding('f-2'))];
  const text = JSON.stringify({ Findings: findings }, null, 4);
  const read = await readLogFile(await writeFixture(await fixtureFolder(), 'get-findings.json', text));
  assert.equal(read.format, 'guardduty-get-findings');
  assert.equal(read.kind, 'guardduty');
  assert.deepEqual(read.records, [
    { record: 1, value: findings[0] },
    { record: 2, value: findings[1] },
  ]);
});

test('reads bare GuardDuty findings, one per line', async () => {
  const findings = [guardDutyFinding('f-1'), pascalCase(guardDutyFinding('f-2'))];
  const read = await readLogFile(await writeFixture(await fixtureFolder(), 'gd.jsonl', jsonLines(findings)));
  assert.equal(read.format, 'guardduty-lines');
  assert.equal(read.records.length, 2);
});

test('Security Hub files stay ASFF: get-findings, EventBridge envelopes and bare lines of GuardDuty ASFF', async () => {
  const folder = await fixtureFolder();
  const asff = [asffFinding('f-1'), asffFinding('f-2')];
  const files = await Promise.all([
    writeFixture(folder, 'sh-get-findings.json', JSON.stringify({ Findings: asff }, null, 2)),
    writeFixture(folder, 'sh-events.jsonl', jsonLines([findingsEnvelope(asff)])),
    writeFixture(folder, 'sh-lines.jsonl', jsonLines(asff)),
  ]);
  const reads = await Promise.all(files.map((file) => readLogFile(file)));
  assert.deepEqual(
    reads.map((read) => [read.format, read.kind, read.records.length]),
    [
      ['asff-get-findings', 'asff', 2],
      ['asff-eventbridge', 'asff', 2],
      ['asff-lines', 'asff', 2],
    ],
  );
});
