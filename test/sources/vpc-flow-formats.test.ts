// VPC flow logs as delivered to S3 (a header line, then space-separated records) and as Panther's test data
// holds them (parsed to JSON, one per line): detection, custom formats, bad lines, and where the region
// of a record comes from.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapRecord } from '../../src/mapping/record-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { fixtureFolder, writeFixture } from './fixture-folder.ts';

const V2_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const V5_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status ' +
  'vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id ' +
  'pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path';
const DELIVERY =
  'AWSLogs/123456789012/vpcflowlogs/us-west-2/2024/03/10/123456789012_vpcflowlogs_us-west-2_fl-0a1b2c3d_20240310T1200Z_5d1f3a9b.log.gz';

test('a gzipped default-format file under AWSLogs/<account>/vpcflowlogs/<region>/: records by line, region from the path', async () => {
  const text = [
    V2_HEADER,
    '2 123456789012 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    '2 123456789012 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
    '2 123456789012 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
    '',
  ].join('\n');
  const file = await writeFixture(await fixtureFolder(), DELIVERY, text, { gzip: true });
  const read = await readLogFile(file);
  assert.equal(read.format, 'vpc-flow-text');
  assert.equal(read.kind, 'vpcflow');
  assert.deepEqual(read.rejects, []);
  assert.deepEqual(
    read.records.map((r) => r.record),
    [2, 3, 4],
  );
  assert.deepEqual(read.records[0]?.value, {
    version: '2',
    account_id: '123456789012',
    interface_id: 'eni-1235b8ca123456789',
    srcaddr: '172.31.16.139',
    dstaddr: '172.31.16.21',
    srcport: '20641',
    dstport: '22',
    protocol: '6',
    packets: '20',
    bytes: '4249',
    start: '1418530010',
    end: '1418530070',
    action: 'ACCEPT',
    log_status: 'OK',
    region: 'us-west-2',
  });
  // `-` is a value the record does not have: the NODATA record keeps only what it has.
  assert.deepEqual(read.records[2]?.value, {
    version: '2',
    account_id: '123456789012',
    interface_id: 'eni-1235b8ca123456789',
    start: '1431280876',
    end: '1431280934',
    log_status: 'NODATA',
    region: 'us-west-2',
  });
});

test('a custom format names its fields in any order; its own region wins over the path', async () => {
  const header = 'flow-direction region srcaddr pkt-srcaddr start account-id az-id sublocation-id';
  const text = `${header}\negress eu-west-1 10.0.1.5 10.0.1.5 1710072000 123456789012 euw1-az1 -\n`;
  const file = await writeFixture(await fixtureFolder(), DELIVERY, text);
  const read = await readLogFile(file);
  assert.equal(read.format, 'vpc-flow-text');
  assert.deepEqual(read.records, [
    {
      record: 2,
      value: {
        flow_direction: 'egress',
        region: 'eu-west-1',
        srcaddr: '10.0.1.5',
        pkt_srcaddr: '10.0.1.5',
        start: '1710072000',
        account_id: '123456789012',
        az_id: 'euw1-az1',
      },
    },
  ]);
});

test('a line with the wrong number of fields is rejected alone, naming its line; blank lines and CRLF are taken', async () => {
  const good = (port: number) =>
    `5 123456789012 eni-0a1b2c3d4e5f60718 10.0.1.25 52.216.8.34 38420 ${port} 6 3 180 1710072060 1710072120 ACCEPT OK vpc-0123456789abcdef0 subnet-0fedcba9876543210 i-0abc1234def567890 2 IPv4 10.0.1.25 52.216.8.34 us-east-1 use1-az2 - - - S3 egress 7`;
  const text = [V5_HEADER, good(443), 'garbage line', '', good(80), `${good(8080)} extra`, good(22)].join('\r\n');
  const file = await writeFixture(await fixtureFolder(), 'flows.log', text);
  const read = await readLogFile(file);
  assert.equal(read.format, 'vpc-flow-text');
  assert.deepEqual(
    read.records.map((r) => [r.record, r.value.dstport]),
    [
      [2, '443'],
      [5, '80'],
      [7, '22'],
    ],
  );
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason, r.raw]),
    [
      [3, 'line 3 has 2 fields, but the header names 29', 'garbage line'],
      [6, 'line 6 has 30 fields, but the header names 29', `${good(8080)} extra`],
    ],
  );
  // Outside AWSLogs/ and without a region field, a record has no region: the mapping says so.
  const outcome = mapRecord('vpcflow', { ...read.records[0]?.value, region: undefined });
  assert.deepEqual(outcome, {
    ok: false,
    reason: 'record has no region, and its file is not under AWSLogs/<account>/vpcflowlogs/<region>/',
  });
});

test('the region comes from the file name when the file left its folders, or from Hive-style folders', async () => {
  const folder = await fixtureFolder();
  const text = `${V2_HEADER}\n2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1710072000 1710072060 ACCEPT OK\n`;
  const named = await writeFixture(
    folder,
    '123456789012_vpcflowlogs_ap-southeast-2_fl-1_20240310T1200Z_ab12.log.gz',
    text,
  );
  const hive = await writeFixture(
    folder,
    'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-gov-west-1/year=2024/x.log',
    text,
  );
  const plain = await writeFixture(folder, 'flows.log', text);
  const regions = await Promise.all(
    [named, hive, plain].map(async (file) => (await readLogFile(file)).records[0]?.value.region),
  );
  assert.deepEqual(regions, ['ap-southeast-2', 'us-gov-west-1', undefined]);
});

test('a text file is a flow log only if every word of its first line names a flow log field, once', async () => {
  const folder = await fixtureFolder();
  const unknownWord = await writeFixture(folder, 'a.log', 'version account-id srcaddr colour\n2 1 2 3\n');
  const twice = await writeFixture(folder, 'b.log', 'version srcaddr srcaddr\n2 1 2\n');
  for (const file of [unknownWord, twice]) {
    const read = await readLogFile(file);
    assert.equal(read.format, null);
    assert.deepEqual(read.records, []);
    assert.match(
      read.rejects[0]?.reason ?? '',
      /^not a known log format; tried: .*vpc-flow-text, vpc-flow-lines.*\(the content is not a JSON object/,
    );
  }
  // Forced, the text format refuses a file without a header as a whole.
  const forced = await readLogFile(unknownWord, { format: 'vpc-flow-text' });
  assert.deepEqual(
    forced.rejects.map((r) => [r.record, r.reason]),
    [[null, 'the first line is not a flow log header naming its fields: "version account-id srcaddr colour"']],
  );
});

test("Panther's VPC flow tests: 19 JSON lines, 18 flow records with renamed keys, none of them mappable", async () => {
  const read = await readLogFile(join(SHARED, 'datasets/panther-analysis/panther_tests_vpcflow.jsonl'));
  assert.equal(read.format, 'vpc-flow-lines');
  assert.equal(read.kind, 'vpcflow');
  assert.equal(read.records.length, 18);
  assert.deepEqual(read.records[0], { record: 1, value: { log_status: 'OK' } });
  assert.deepEqual(read.records[5]?.value, {
    srcaddr: '10.0.0.1',
    dstaddr: '192.168.1.1',
    srcport: 54321,
    dstport: 8080,
    flow_direction: 'egress',
    vpc_id: 'vpc-12345678',
    region: 'us-east-1',
    subnet_id: 'subnet-12345678',
  });
  assert.deepEqual(
    read.rejects.map((r) => [r.record, r.reason]),
    [[19, 'not a VPC flow record: only Panther AWS.VPCFlow fields expected (an empty object)']],
  );
  // Panther trimmed every test record to the fields its rule reads: none has a start time or an account.
  const reasons = read.records.map((record) => {
    const outcome = mapRecord('vpcflow', record.value);
    return outcome.ok ? 'mapped' : outcome.reason;
  });
  assert.deepEqual(new Set(reasons), new Set(['record has no start']));
});
