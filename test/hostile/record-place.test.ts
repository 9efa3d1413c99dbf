// Issue 10, item 11: EKS audit logs exported from CloudWatch take their account from the audit event's user,
// and `tarn ingest --account ID --region R` places records that name neither, nor does their file's path.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

function summaryOf(file: string) {
  return JSON.parse(readFileSync(file, 'utf8')) as {
    rows: Record<string, number>;
    rejected: { file: string; record: number; reason: string }[];
  };
}

const AUDIT_EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: 'b1c2',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/default/secrets/db',
  verb: 'get',
  user: {
    username: 'arn:aws:sts::444455556666:assumed-role/admin/{{SessionName}}',
    uid: 'aws-iam-authenticator:444455556666:AROAEXAMPLEADMIN',
    extra: { arn: ['arn:aws:sts::444455556666:assumed-role/admin/alice'] },
  },
  sourceIPs: ['192.0.2.7'],
  objectRef: { resource: 'secrets', namespace: 'default', name: 'db', apiVersion: 'v1' },
  responseStatus: { code: 200 },
  requestReceivedTimestamp: '2024-03-10T12:00:00.000000Z',
  stageTimestamp: '2024-03-10T12:00:00.010000Z',
};

/** As `aws logs filter-log-events` or a Logs Insights export writes it: one log event per line. */
const cloudWatchLine = JSON.stringify({ timestamp: 1710072000010, message: JSON.stringify(AUDIT_EVENT) });

const FLOW_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const FLOW_LINE = '2 - eni-0a1b2c3d 203.0.113.9 10.0.1.25 51515 22 6 3 180 1710072000 1710072060 REJECT OK';

test('an EKS audit log exported from CloudWatch takes the account from the user and the region from --region', async () => {
  const dir = tempDir();
  const file = join(dir, 'eks-audit-export.jsonl');
  writeFileSync(file, `${cloudWatchLine}\n`);
  const summary = join(dir, 'summary.json');
  const lake = join(dir, 'lake');

  const unplaced = await tarn('ingest', '--lake', lake, '--no-detect', '--summary-json', summary, file);
  assert.equal(unplaced.code, 1);
  assert.match(summaryOf(summary).rejected[0]?.reason ?? '', /^no region: /);

  const placed = await tarn(
    'ingest',
    '--lake',
    lake,
    '--no-detect',
    '--region',
    'eu-west-1',
    '--summary-json',
    summary,
    file,
  );
  assert.equal(placed.code, 0, placed.err);
  assert.deepEqual(summaryOf(summary).rows, { eks_audit: 1 });
  const query = await tarn(
    'query',
    '--lake',
    lake,
    '--format',
    'csv',
    'SELECT accountid, region FROM amazon_security_lake_table_eu_west_1_eks_audit_2_0',
  );
  assert.equal(query.out, 'accountid,region\r\n444455556666,eu-west-1\r\n');
});

test('--account and --region place VPC flow records of a custom format that names neither', async () => {
  const dir = tempDir();
  const file = join(dir, 'flows.log');
  writeFileSync(file, `${FLOW_HEADER}\n${FLOW_LINE}\n`);
  const summary = join(dir, 'summary.json');
  const lake = join(dir, 'lake');
  const args = ['ingest', '--lake', lake, '--no-detect', '--summary-json', summary];
  const placed = await tarn(...args, '--account', '111122223333', '--region', 'ap-south-1', file);
  assert.equal(placed.code, 0, placed.err);
  assert.deepEqual(summaryOf(summary).rows, { vpc_flow: 1 });
  const query = await tarn(
    'query',
    '--lake',
    lake,
    '--format',
    'csv',
    'SELECT accountid, region FROM amazon_security_lake_table_ap_south_1_vpc_flow_2_0',
  );
  assert.equal(query.out, 'accountid,region\r\n111122223333,ap-south-1\r\n');
});

test('--account and --region are checked as a record’s own are', async () => {
  const dir = tempDir();
  const forged = await tarn('ingest', '--lake', join(dir, 'lake'), '--region', "x'; DROP", dir);
  assert.equal(forged.code, 2);
  assert.match(forged.err, /--account\/--region: region "x'; DROP" is not a region name/);
  const account = await tarn('ingest', '--lake', join(dir, 'lake'), '--account', '../x', dir);
  assert.equal(account.code, 2);
  assert.match(account.err, /account id "\.\.\/x" is not 12 digits/);
});
