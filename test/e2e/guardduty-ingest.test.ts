// `tarn ingest` over a gzipped JSON-lines file of EventBridge "GuardDuty Finding" events, as an EventBridge →
// Firehose → S3 pipeline delivers them, then Athena SQL over the sh_findings tables: the findings are there as
// GuardDuty Detection Findings, with their evidence, in their region's table and in the rollup region's.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden/guardduty');
// The IAM finding is in us-east-1 (the rollup region), the EC2 one in us-west-2; the IAM event comes twice.
const EVENTS = [
  'iam-instance-credential-exfiltration',
  'ec2-dga-domain-request',
  'iam-instance-credential-exfiltration',
];

let root: string;
let lake: string;
let summary: { rows: Record<string, number>; duplicates: number; rejected: unknown[] };

before(async () => {
  root = tempDir('tarn-e2e-guardduty-');
  lake = join(root, 'lake');
  const lines = EVENTS.map((name) =>
    JSON.stringify(JSON.parse(readFileSync(join(GOLDEN, name, 'input.json'), 'utf8'))),
  );
  const input = join(root, 'guardduty-findings-2024-05-24.jsonl.gz');
  writeFileSync(input, gzipSync(`${lines.join('\n')}\n`));
  const summaryFile = join(root, 'summary.json');
  const run = await runTarn([
    'ingest',
    '--lake',
    lake,
    '--rollup-region',
    'us-east-1',
    '--summary-json',
    summaryFile,
    input,
  ]);
  assert.equal(run.code, 0, run.stderr);
  summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as typeof summary;
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function query(sql: string): Promise<unknown[][]> {
  const run = await runTarn(['query', '--lake', lake, '--format', 'json', sql]);
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { rows: unknown[][] }).rows;
}

test('the two findings land in sh_findings; the repeated event is a duplicate, nothing is rejected', () => {
  assert.deepEqual(summary.rows, { sh_findings: 2 });
  assert.equal(summary.duplicates, 1);
  assert.deepEqual(summary.rejected, []);
});

test('the rollup region answers for both GuardDuty findings, with their types, severity and evidence', async () => {
  const rows = await query(`
    SELECT region, class_uid, severity, finding_info.types[1], resources[1].type, observables[1].name,
           observables[1].value, evidences[1].src_endpoint.ip, evidences[1].query.hostname
    FROM amazon_security_lake_table_us_east_1_sh_findings_2_0
    WHERE metadata.product.name = 'GuardDuty'
    ORDER BY region`);
  assert.deepEqual(rows, [
    [
      'us-east-1',
      2004,
      'High',
      'Effects/Data Exfiltration/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
      'AwsIamAccessKey',
      'evidences[].src_endpoint.ip',
      '203.0.113.77',
      '203.0.113.77',
      null,
    ],
    [
      'us-west-2',
      2004,
      'High',
      'TTPs/Command and Control/Trojan:EC2-DGADomainRequest.B',
      'AwsEc2Instance',
      'evidences[].query.hostname',
      '3aeb9d2q1yd2bm.example.com',
      null,
      '3aeb9d2q1yd2bm.example.com',
    ],
  ]);
});

test("us-west-2's table holds its own finding only", async () => {
  const rows = await query(`
    SELECT accountid, finding_info.uid FROM amazon_security_lake_table_us_west_2_sh_findings_2_0
    WHERE metadata.product.name = 'GuardDuty'`);
  assert.deepEqual(rows, [
    [
      '444455556666',
      'arn:aws:guardduty:us-west-2:444455556666:detector/7ab2c3d4e5f60718293a4b5c6dexample/finding/d2c6a1f0b9e84d7c8a3f2e1d0cexample',
    ],
  ]);
});
