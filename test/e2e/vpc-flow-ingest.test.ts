// `tarn ingest` over a VPC flow log as S3 delivers it (gzipped text under AWSLogs/<account>/vpcflowlogs/
// <region>/), then the vpc_flow table of that region read back through the query engine: the rows hold
// what the raw lines say, the region comes from the path (the format has no region field), the NODATA and
// SKIPDATA lines are counted (in the summary, the JSON summary, the ledger's input entry and `tarn sources`),
// the broken line is rejected, and every row is valid OCSF 1.1.0.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLedger } from '../../src/lake/ledger.ts';
import { openQueryEngine, type QueryValue } from '../../src/query/index.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { toOcsfEvent, validateOcsf } from '../helpers/ocsf-validator.ts';
import { engineTime, resultObjects } from './engine-rows.ts';

const ACCOUNT = '123456789012';
const TABLE = 'amazon_security_lake_table_eu_west_1_vpc_flow_2_0';
const FOLDER = `AWSLogs/${ACCOUNT}/vpcflowlogs/eu-west-1/2024/03/10`;
const FILE = `${ACCOUNT}_vpcflowlogs_eu-west-1_fl-0123456789abcdef0_20240310T1200Z_3f2a9c1d.log.gz`;
const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action ' +
  'log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr az-id flow-direction traffic-path';
const LINES = [
  HEADER,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.25 49152 443 6 12 4812 1710072000 1710072060 ACCEPT OK vpc-0123456789abcdef0 subnet-0fedcba9876543210 i-0abc1234def567890 19 IPv4 198.51.100.7 10.0.1.25 euw1-az2 ingress -`,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 10.0.1.25 203.0.113.9 40122 4444 6 3 180 1710072060 1710072120 REJECT OK vpc-0123456789abcdef0 subnet-0fedcba9876543210 i-0abc1234def567890 2 IPv4 10.0.1.25 203.0.113.9 euw1-az2 egress 8`,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 - - - - - - - 1710072120 1710072180 - NODATA - - - - - - - - - -`,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 truncated`,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 - - - - - - - 1710072180 1710072240 - SKIPDATA - - - - - - - - - -`,
  `5 ${ACCOUNT} eni-0a1b2c3d4e5f60718 - - - - - - - 1710072240 1710072300 - NODATA - - - - - - - - - -`,
];
const SKIPPED = {
  file: `${FOLDER}/${FILE}`,
  record: 6,
  account_id: ACCOUNT,
  region: 'eu-west-1',
  interface_id: 'eni-0a1b2c3d4e5f60718',
  start: '2024-03-10T12:03:00.000Z',
  end: '2024-03-10T12:04:00.000Z',
};

let root: string;
let rows: Record<string, unknown>[] = [];
let denied: QueryValue[][] = [];
interface Summary {
  input_records: number;
  rows: Record<string, number>;
  rejected: { file: string; record: number; reason: string }[];
  flow_log_status: { nodata: number; skipdata: number; skipdata_records: (typeof SKIPPED)[] };
}
let summary: Summary;
let ingestOut = '';
let lakeDir = '';

before(async () => {
  root = tempDir('tarn-e2e-vpc-');
  mkdirSync(join(root, 'data', FOLDER), { recursive: true });
  writeFileSync(join(root, 'data', FOLDER, FILE), gzipSync(`${LINES.join('\n')}\n`));
  lakeDir = join(root, 'lake');
  const summaryFile = join(root, 'summary.json');
  const run = await runTarn(['ingest', '--lake', lakeDir, '--summary-json', summaryFile, join(root, 'data')]);
  assert.equal(run.code, 0, run.stderr);
  ingestOut = run.stdout;
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  summary.flow_log_status.skipdata_records = summary.flow_log_status.skipdata_records.map((s) => ({
    ...s,
    file: s.file.slice(join(root, 'data').length + 1),
  }));
  const engine = await openQueryEngine({ lakeDir });
  try {
    rows = resultObjects(await engine.run(`SELECT * FROM ${TABLE} ORDER BY time`));
    // As AWS's VPC example queries ask: denied traffic, by the addresses and ports involved.
    const sql = `SELECT time_dt, src_endpoint.ip, dst_endpoint.ip, dst_endpoint.port FROM ${TABLE} WHERE action = 'Denied'`;
    denied = (await engine.run(sql)).rows.map((row) => [...row]);
  } finally {
    await engine.close();
  }
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('the two traffic lines become rows; the broken line is rejected with its reason', () => {
  assert.deepEqual(summary.rows, { vpc_flow: 2 });
  assert.deepEqual(
    summary.rejected.map((r) => [r.file.endsWith(FILE), r.record, r.reason]),
    [[true, 5, 'line 5 has 4 fields, but the header names 24']],
  );
  assert.equal(rows.length, 2);
});

test('NODATA and SKIPDATA lines are counted, not rejected: every record is accounted for once', async () => {
  assert.deepEqual(summary.flow_log_status, { nodata: 2, skipdata: 1, skipdata_records: [SKIPPED] });
  assert.equal(summary.input_records, 2 + 1 + 2 + 1);
  assert.match(
    ingestOut,
    /VPC flow log status records, counted and not written as rows: 2 NODATA \(no traffic in the window\) and 1 SKIPDATA \(flow records lost\)\n {2}records lost: eni-0a1b2c3d4e5f60718 in 123456789012 eu-west-1, 2024-03-10T12:03:00.000Z to 2024-03-10T12:04:00.000Z \(.*: record 6\)\n/,
  );
  const [input] = (await readLedger(lakeDir)).batches.flatMap((b) => b.inputs);
  assert.deepEqual(input?.flowLogStatus, { nodata: 2, skipdata: 1 });
  assert.equal(input?.records, 6);
  assert.equal(input?.rejected, 1);
  assert.deepEqual(
    input?.skipdata?.map((s) => [s.record, s.interfaceId, s.start, s.end]),
    [[6, SKIPPED.interface_id, SKIPPED.start, SKIPPED.end]],
  );
});

test('tarn sources shows the counted records and where flow records were lost', async () => {
  const table = await runTarn(['sources', '--lake', lakeDir]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(
    table.stdout,
    /vpc_flow also had 2 NODATA \(no traffic in the window\) and 1 SKIPDATA \(flow records lost\) records, counted, not rows\n {2}records lost: eni-0a1b2c3d4e5f60718 in 123456789012 eu-west-1, 2024-03-10T12:03:00.000Z to 2024-03-10T12:04:00.000Z\n/,
  );
  const json = await runTarn(['sources', '--lake', lakeDir, '--format', 'json']);
  const status = JSON.parse(json.stdout).flow_log_status;
  assert.deepEqual(
    {
      ...status,
      skipdata_records: status.skipdata_records.map((s: { file: string }) => ({
        ...s,
        file: s.file.slice(join(root, 'data').length + 1),
      })),
    },
    { nodata: 2, skipdata: 1, skipdata_records: [{ status: 'SKIPDATA', ...SKIPPED }] },
  );
});

test('the rows hold what the lines say, in the partitions of the S3 path', () => {
  const [accepted, rejected] = rows;
  assert.deepEqual(
    rows.map((row) => [row.region, row.accountid, row.time, row.time_dt, row.end_time_dt]),
    [
      ['eu-west-1', ACCOUNT, 1710072000000, '2024-03-10T12:00:00.000Z', '2024-03-10T12:01:00.000Z'],
      ['eu-west-1', ACCOUNT, 1710072060000, '2024-03-10T12:01:00.000Z', '2024-03-10T12:02:00.000Z'],
    ],
  );
  assert.deepEqual(
    rows.map((row) => [row.activity_name, row.type_uid, row.action, row.action_id, row.disposition]),
    [
      ['Traffic', 400106, 'Allowed', 1, 'Allowed'],
      ['Refuse', 400105, 'Denied', 2, 'Blocked'],
    ],
  );
  assert.deepEqual(accepted?.cloud, {
    account: { uid: ACCOUNT },
    region: 'eu-west-1',
    zone: 'euw1-az2',
    provider: 'AWS',
  });
  assert.deepEqual(accepted?.dst_endpoint, {
    port: 443,
    svc_name: null,
    ip: '10.0.1.25',
    intermediate_ips: null,
    interface_uid: 'eni-0a1b2c3d4e5f60718',
    vpc_uid: 'vpc-0123456789abcdef0',
    instance_uid: 'i-0abc1234def567890',
    subnet_uid: 'subnet-0fedcba9876543210',
  });
  assert.equal((rejected?.src_endpoint as Record<string, unknown> | undefined)?.interface_uid, 'eni-0a1b2c3d4e5f60718');
  assert.deepEqual(rejected?.connection_info, {
    protocol_num: 6,
    tcp_flags: 2,
    protocol_ver: 'IPv4',
    boundary_id: 11,
    boundary: 'Internet Gateway',
    direction_id: 2,
    direction: 'Outbound',
  });
});

test("an Athena query on action finds the denied flow, with the engine's timestamp text", () => {
  assert.deepEqual(denied, [[engineTime('2024-03-10T12:01:00Z'), '10.0.1.25', '203.0.113.9', 4444]]);
});

test('every row read back is valid OCSF 1.1.0', () => {
  assert.equal(rows.length, 2);
  assert.deepEqual(validateOcsf(rows.map(toOcsfEvent)), []);
});
