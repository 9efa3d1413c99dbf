// `tarn ingest` over every real dataset in ../shared/datasets, as a user would run it: nothing crashes,
// every input record is accounted for exactly once, only the files that are not logs are refused whole,
// and a second run over the same files adds nothing.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { NOT_LOG_FILES } from '../helpers/dataset-files.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const DATASETS = join(SHARED, 'datasets');

interface SummaryJson {
  readonly input_records: number;
  readonly rows: Record<string, number>;
  readonly duplicates: number;
  readonly rejected: { readonly file: string; readonly record: number | null; readonly reason: string }[];
  readonly files: number;
}

/*
 * The pinned counts, and where they come from (the raw files; the first test re-derives the starred ones):
 *
 * input records 3,505 = 3,494 records + 11 files refused whole (each counts as one record):
 *   * invictus-ir: 55 delivery files, 2,900 Records, all management events with distinct eventIDs.
 *   * OTRF collection: 103 JSON lines: 94 management events and 9 S3 data events (ListObjects, GetObject;
 *     eventCategory "Data"), distinct eventIDs.
 *   * Panther CloudTrail: 441 lines. 9 are not CloudTrail events (lines 3, 4, 36-38, 123, 125, 198, 199: an
 *     empty object, or keys lower-cased) and 37 cannot be mapped: 14 have no eventTime, 8 no account, 9 are
 *     NetworkActivity, 2 data events of services other than S3/Lambda (dynamodb, cloudtrail), 2 unparseable
 *     times ("redacted", "..."), 1 ConsoleLogin naming no user, 1 call with no source address. That leaves
 *     395: 9 S3 data events (managementEvent false: ListBucket, CopyObject x4, DeleteObject, DeleteObjects,
 *     PutObject x2) and 386 management events.
 *   * Panther Security Hub: 10 ASFF lines, but only 5 distinct (Id, UpdatedAt) pairs: each finding twice.
 *   * Panther VPC flow: 19 lines: 1 empty object, and 18 records trimmed to the fields a rule reads, none
 *     with a start time, so none can be mapped.
 *   * Panther Route 53 Resolver: 13 lines, all mapped (times without a zone, ports as strings, one answer
 *     flattened to an object); Route 53 rows have no key, so none is a duplicate.
 *   * Panther GuardDuty: 8 native findings, all mapped, but only 3 distinct (arn, updatedAt) pairs: lines 3-8
 *     are one finding at six severities and sample flags.
 * rows: cloud_trail_mgmt 3,131 = 2,900 + 94 + 137 Panther (111 distinct eventIDs + 26 records without an
 *   eventID, which have no key to de-duplicate on); s3_data 13 = 9 OTRF + 4 distinct Panther eventIDs (the
 *   Panther fixtures reuse placeholder ids such as EXAMPLE-1234-5678-9012-EXAMPLE); sh_findings 8 = 5 ASFF + 3 GuardDuty; route53 13.
 * duplicates 264 = Panther management 386 - 137 = 249, + Panther S3 9 - 4 = 5, + ASFF 10 - 5 = 5, + GuardDuty
 *   8 - 3 = 5.
 * rejected 76 = 11 whole files + 9 non-CloudTrail lines + 37 unmappable records + 1 empty VPC line + 18 VPC
 *   records without a start time.
 * Since regions and accounts are checked (an account is 12 digits), Panther's placeholder accounts are refused
 * too: 8 Route 53 lines (account "0123456789") and 21 CloudTrail records, 6 of them rows above and 15 of them
 * duplicates above. So: cloud_trail_mgmt 3,125, route53 5, duplicates 249, rejected 105.
 */
const PINNED = {
  input_records: 3505,
  rows: { cloud_trail_mgmt: 3125, s3_data: 13, sh_findings: 8, route53: 5 },
  duplicates: 249,
  rejected: 105,
  files: 72,
};

let root: string;
const runs: { code: number | null; stderr: string; summary: SummaryJson }[] = [];

before(async () => {
  root = tempDir('tarn-e2e-datasets-');
  const lake = join(root, 'lake');
  for (const name of ['first.json', 'second.json']) {
    const file = join(root, name);
    const run = await runTarn(['ingest', '--lake', lake, '--summary-json', file, DATASETS]);
    runs.push({ ...run, summary: JSON.parse(readFileSync(file, 'utf8')) as SummaryJson });
  }
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function run(n: 0 | 1) {
  const found = runs[n];
  assert.ok(found, 'the ingest did not run');
  return found;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const jsonLines = (file: string) =>
  readFileSync(join(DATASETS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('the raw files hold the records the pinned counts are built from', () => {
  const invictusDir = join(DATASETS, 'invictus-ir_aws_dataset/CloudTrail');
  const invictus = readdirSync(invictusDir).flatMap(
    (file) => (JSON.parse(readFileSync(join(invictusDir, file), 'utf8')) as { Records: { eventID: string }[] }).Records,
  );
  assert.equal(invictus.length, 2900);
  assert.equal(new Set(invictus.map((r) => r.eventID)).size, 2900);
  const otrf = jsonLines(
    'OTRF_Security-Datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
  );
  assert.equal(otrf.length, 103);
  assert.equal(otrf.filter((r) => r.eventCategory === 'Data').length, 9);
  assert.equal(new Set(otrf.map((r) => r.eventID)).size, 103);
  const panther = jsonLines('panther-analysis/panther_tests_cloudtrail.jsonl');
  assert.equal(panther.length, 441);
  const asff = jsonLines('panther-analysis/panther_tests_securityhub_asff.jsonl');
  assert.equal(asff.length, 10);
  const guardduty = jsonLines('panther-analysis/panther_tests_guardduty.jsonl');
  assert.equal(guardduty.length, 8);
  const findings = [...asff.map((f) => `${f.Id} ${f.UpdatedAt}`), ...guardduty.map((f) => `${f.arn} ${f.updatedAt}`)];
  assert.equal(new Set(findings).size, PINNED.rows.sh_findings);
  const vpc = readFileSync(join(DATASETS, 'panther-analysis/panther_tests_vpcflow.jsonl'), 'utf8').trim().split('\n');
  assert.equal(vpc.length, 19);
  const route53 = jsonLines('panther-analysis/panther_tests_route53_resolver.jsonl');
  assert.equal(route53.length, PINNED.rows.route53 + 8);
  assert.equal(
    2900 + 103 + 441 + 10 + vpc.length + route53.length + guardduty.length + NOT_LOG_FILES.length,
    PINNED.input_records,
  );
});

test('ingesting every dataset succeeds and accounts for every record exactly once', () => {
  const { code, stderr, summary } = run(0);
  assert.equal(code, 0, stderr);
  assert.equal(summary.input_records, sum(Object.values(summary.rows)) + summary.duplicates + summary.rejected.length);
  assert.deepEqual(
    {
      input_records: summary.input_records,
      rows: summary.rows,
      duplicates: summary.duplicates,
      rejected: summary.rejected.length,
      files: summary.files,
    },
    PINNED,
  );
});

test('every reject names its file and a reason; only the files that are not logs are refused whole', () => {
  const { summary } = run(0);
  for (const reject of summary.rejected) {
    assert.ok(reject.file.startsWith(DATASETS), `reject without its file: ${JSON.stringify(reject)}`);
    assert.ok(reject.reason.trim() !== '', `reject without a reason: ${JSON.stringify(reject)}`);
    assert.ok(reject.record === null || (Number.isInteger(reject.record) && reject.record > 0));
  }
  const whole = summary.rejected.filter((reject) => reject.record === null);
  assert.deepEqual(whole.map((reject) => relative(DATASETS, reject.file)).sort(), [...NOT_LOG_FILES].sort());
  // Record-level rejects come only from the trimmed Panther fixtures; the other logs are clean.
  const perRecord = new Set(summary.rejected.filter((r) => r.record !== null).map((r) => relative(DATASETS, r.file)));
  assert.deepEqual([...perRecord].sort(), [
    'panther-analysis/panther_tests_cloudtrail.jsonl',
    'panther-analysis/panther_tests_route53_resolver.jsonl',
    'panther-analysis/panther_tests_vpcflow.jsonl',
  ]);
});

test('ingesting the same files again adds nothing; only files that landed nothing are read (and refused) again', () => {
  const first = run(0).summary;
  const { code, stderr, summary } = run(1);
  assert.equal(code, 0, stderr);
  assert.equal(sum(Object.values(summary.rows)), 0);
  assert.equal(summary.input_records, PINNED.input_records);
  assert.equal(summary.duplicates + summary.rejected.length, summary.input_records);
  const retried = [...NOT_LOG_FILES, 'panther-analysis/panther_tests_vpcflow.jsonl'];
  const inRetried = (reject: { file: string }) => retried.includes(relative(DATASETS, reject.file));
  assert.deepEqual(summary.rejected, first.rejected.filter(inRetried));
});
