// Route 53 Resolver, WAF and EKS audit files: which format each is detected as, how their records are
// read and positioned, that a bad line is rejected alone, and that AWSLogs delivery paths give the
// account and region to records that carry none.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originOf } from '../../src/sources/delivery-path.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { cloudTrailEvent, fixtureFolder, jsonLines, writeFixture } from './fixture-folder.ts';

const QUERY = {
  version: '1.100000',
  account_id: '111122223333',
  region: 'us-east-1',
  query_timestamp: '2024-03-10T12:00:00Z',
  query_name: 'example.com.',
  rcode: 'NOERROR',
};
const WAF = {
  timestamp: 1710072000000,
  formatVersion: 1,
  webaclId: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1',
  action: 'ALLOW',
  httpRequest: { clientIp: '192.0.2.1', httpMethod: 'GET', uri: '/' },
};
const AUDIT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  auditID: 'a1',
  verb: 'get',
  stageTimestamp: '2024-03-10T12:00:00.000000Z',
};
const EKS_PATH = 'AWSLogs/111122223333/EKS/eu-west-1/2024/03/10/audit.json.gz';

async function read(name: string, content: string) {
  return readLogFile(await writeFixture(await fixtureFolder(), name, content, { gzip: name.endsWith('.gz') }));
}

test('Route 53 Resolver query lines are detected and read by line, a bad line rejected alone', async () => {
  const text = `${JSON.stringify(QUERY)}\n{"query_name": broken\n${JSON.stringify({ unrelated: 1 })}\n${JSON.stringify(QUERY)}\n`;
  const file = await read('AWSLogs/111122223333/vpcdnsquerylogs/vpc-1/2024/03/10/q.log.gz', text);
  assert.equal(file.format, 'route53-resolver-lines');
  assert.equal(file.kind, 'route53');
  assert.deepEqual(
    file.records.map((r) => r.record),
    [1, 4],
  );
  assert.deepEqual(
    file.rejects.map((r) => [r.record, r.reason.split(':')[0]]),
    [
      [2, 'malformed JSON'],
      [3, 'not a Route 53 Resolver query'],
    ],
  );
});

test('WAF lines are detected, and each record carries its delivery path’s account and region', async () => {
  const path = 'AWSLogs/111122223333/WAFLogs/us-east-1/a/2024/03/10/12/00/x.log.gz';
  const file = await read(path, jsonLines([WAF, { ...WAF, httpRequest: 'not an object' }, WAF]));
  assert.equal(file.format, 'waf-lines');
  assert.equal(file.kind, 'waf');
  assert.deepEqual(
    file.records.map((r) => [r.record, originOf(r.value)]),
    [
      [1, { accountId: '111122223333', region: 'us-east-1' }],
      [3, { accountId: '111122223333', region: 'us-east-1' }],
    ],
  );
  assert.match(file.rejects[0]?.reason ?? '', /^not an AWS WAF log record/);
  // The attached origin is no field of the record: it stays out of its JSON and its keys.
  assert.deepEqual(JSON.parse(JSON.stringify(file.records[0]?.value)), WAF);
});

test('bare EKS audit events are detected; an organization path names the member account', async () => {
  const path = 'AWSLogs/o-abcdefghij/111122223333/EKS/eu-west-1/2024/03/10/audit.json.gz';
  const file = await read(path, jsonLines([AUDIT, { kind: 'Pod' }, AUDIT]));
  assert.equal(file.format, 'eks-audit-lines');
  assert.equal(file.kind, 'eks_audit');
  assert.deepEqual(
    file.records.map((r) => [r.record, originOf(r.value)]),
    [
      [1, { accountId: '111122223333', region: 'eu-west-1' }],
      [3, { accountId: '111122223333', region: 'eu-west-1' }],
    ],
  );
  assert.deepEqual(
    file.rejects.map((r) => r.record),
    [2],
  );
});

test('CloudWatch log event lines are read from their message; a message that is not an event is rejected', async () => {
  const line = (event: unknown) => ({ timestamp: 1710072000000, logStream: 'kube-apiserver-audit-1', message: event });
  const text = jsonLines([
    line(JSON.stringify(AUDIT)),
    line('{"kind":'),
    line(JSON.stringify({ ...AUDIT, verb: 'list' })),
  ]);
  const file = await read(EKS_PATH, text);
  assert.equal(file.format, 'eks-audit-cloudwatch-lines');
  assert.deepEqual(
    file.records.map((r) => [r.record, r.value.verb]),
    [
      [1, 'get'],
      [3, 'list'],
    ],
  );
  assert.match(file.rejects[0]?.reason ?? '', /^message does not parse/);
});

test('a CloudWatch subscription message gives its owner as the account, and rejects a bad log event alone', async () => {
  const message = {
    messageType: 'DATA_MESSAGE',
    owner: '444455556666',
    logGroup: '/aws/eks/prod/cluster',
    logStream: 'kube-apiserver-audit-1',
    logEvents: [
      { id: '1', timestamp: 1, message: JSON.stringify(AUDIT) },
      'oops',
      { id: '3', message: JSON.stringify(AUDIT) },
    ],
  };
  const file = await read(EKS_PATH, jsonLines([message]));
  assert.equal(file.format, 'eks-audit-cloudwatch-lines');
  assert.deepEqual(
    file.records.map((r) => [r.record, originOf(r.value)]),
    [
      [1, { accountId: '444455556666', region: 'eu-west-1' }],
      [1, { accountId: '444455556666', region: 'eu-west-1' }],
    ],
  );
  assert.deepEqual(
    file.rejects.map((r) => [r.record, r.reason]),
    [[1, 'log event 2 of 3: is a string, not an object']],
  );
});

test('`aws logs filter-log-events` output is read from its events', async () => {
  const output = { events: [{ logStreamName: 's', timestamp: 1, message: JSON.stringify(AUDIT), eventId: 'e1' }] };
  const file = await read(EKS_PATH, JSON.stringify(output, null, 2));
  assert.equal(file.format, 'eks-audit-cloudwatch-events');
  assert.deepEqual(
    file.records.map((r) => [r.record, JSON.parse(JSON.stringify(r.value)), originOf(r.value)]),
    [[1, AUDIT, { accountId: '111122223333', region: 'eu-west-1' }]],
  );
});

test('the new formats take no CloudTrail or Security Hub file, and none takes another’s', async () => {
  const formats = async (name: string, values: unknown[]) => (await read(name, jsonLines(values))).format;
  assert.equal(await formats('ct.json', [cloudTrailEvent('GetObject')]), 'cloudtrail-lines');
  // A CloudTrail event whose fields happen to include WAF-like or audit-like keys is still CloudTrail.
  assert.equal(
    await formats('ct2.json', [{ ...cloudTrailEvent('X'), httpRequest: {}, action: 'a' }]),
    'cloudtrail-lines',
  );
  assert.equal(await formats('ct3.json', [{ ...cloudTrailEvent('Y'), auditID: 'a', verb: 'get' }]), 'cloudtrail-lines');
  assert.equal(await formats('r53.json', [QUERY]), 'route53-resolver-lines');
  assert.equal(await formats('waf.json', [WAF]), 'waf-lines');
  assert.equal(await formats('eks.json', [AUDIT]), 'eks-audit-lines');
  // A CloudWatch log event whose message is not an audit event is no EKS log.
  assert.equal(await formats('cw.json', [{ timestamp: 1, message: '{"hello":1}' }]), null);
});
