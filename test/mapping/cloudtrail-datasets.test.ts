// Every CloudTrail record of the shared real-world datasets maps to a valid OCSF row or is refused with a
// reason. The counts are pinned: a change in them is a change in what the lake keeps.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapCloudTrailEvent } from '../../src/mapping/cloudtrail/cloudtrail-mapping.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';
import { SHARED, validateOcsf } from '../helpers/ocsf-validator.ts';
import { undeclaredFields } from './cloudtrail-row-columns.ts';

const DATASETS = join(SHARED, 'datasets');

function deliveryFiles(dir: string): unknown[] {
  return readdirSync(dir)
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { Records: unknown[] }).Records);
}

function jsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const OTRF = join(DATASETS, 'OTRF_Security-Datasets/atomic/aws/collection');
const DATASET_RECORDS: Readonly<Record<string, unknown[]>> = {
  invictus: deliveryFiles(join(DATASETS, 'invictus-ir_aws_dataset/CloudTrail')),
  otrf: readdirSync(OTRF)
    .sort()
    .flatMap((file) => jsonLines(join(OTRF, file))),
  panther: jsonLines(join(DATASETS, 'panther-analysis/panther_tests_cloudtrail.jsonl')),
};

interface Tally {
  total: number;
  mapped: Record<string, number>;
  rejected: Record<string, number>;
}

const rows: Record<string, unknown>[] = [];
const undeclared: string[] = [];
const tallies: Record<string, Tally> = {};
for (const [dataset, records] of Object.entries(DATASET_RECORDS)) {
  const tally: Tally = { total: records.length, mapped: {}, rejected: {} };
  for (const record of records) {
    const outcome = mapCloudTrailEvent(record as Record<string, unknown>);
    if (outcome.ok) {
      tally.mapped[outcome.source] = (tally.mapped[outcome.source] ?? 0) + 1;
      undeclared.push(...undeclaredFields(outcome.row, TABLE_SCHEMAS[outcome.source]));
      rows.push(outcome.row as Record<string, unknown>);
    } else {
      tally.rejected[outcome.reason] = (tally.rejected[outcome.reason] ?? 0) + 1;
    }
  }
  tallies[dataset] = tally;
}

test('invictus-ir: all 2,900 management events map', () => {
  assert.deepStrictEqual(tallies.invictus, { total: 2900, mapped: { cloud_trail_mgmt: 2900 }, rejected: {} });
});

test('OTRF (Logstash export, @timestamp): management and S3 data events map', () => {
  assert.deepStrictEqual(tallies.otrf, { total: 103, mapped: { cloud_trail_mgmt: 94, s3_data: 9 }, rejected: {} });
});

test('Panther fixtures: trimmed records map, the rest is refused with a reason', () => {
  assert.deepStrictEqual(tallies.panther, {
    total: 441,
    mapped: { cloud_trail_mgmt: 386, s3_data: 9 },
    rejected: {
      'record has no eventTime': 16,
      'record has no eventTime (its field names are lower-cased: eventtime)': 7,
      'eventTime "redacted" is not a date-time': 1,
      'eventTime "..." is not a date-time': 1,
      'record has no recipientAccountId or userIdentity.accountId': 8,
      'eventCategory "NetworkActivity" is not collected by Security Lake (it takes Management events and S3/Lambda Data events)': 9,
      'data event of dynamodb.amazonaws.com: Security Lake collects data events of S3 and Lambda only': 1,
      'data event of cloudtrail.amazonaws.com: Security Lake collects data events of S3 and Lambda only': 1,
      'record names no user: OCSF Authentication requires user': 1,
      'record has no sourceIPAddress or vpcEndpointId: OCSF API Activity requires src_endpoint': 1,
    },
  });
});

test('dataset rows hold only their table columns', () => {
  assert.deepStrictEqual(undeclared, []);
});

test('every mapped dataset row is valid OCSF 1.1.0, but for the request uid records without a requestID lack', () => {
  assert.equal(rows.length, 2900 + 103 + 395);
  // Security Lake keeps such a record's parameters in api.request.data all the same (Panther's trimmed
  // fixtures have no requestID, as CloudTrail records from before 2015 do not).
  const noRequestUid = rows.filter((row) => {
    const request = (row.api as { request?: { uid?: string } } | undefined)?.request;
    return request !== undefined && request.uid === undefined;
  });
  assert.deepStrictEqual(validateOcsf(rows.filter((row) => !noRequestUid.includes(row))), []);
  const issues = validateOcsf(noRequestUid);
  assert.equal(issues.length, noRequestUid.length);
  const paths = issues.flatMap((issue) => issue.errors.map((error) => (error as { path: string }).path));
  assert.deepStrictEqual([...new Set(paths)], ['api.request.uid']);
});
