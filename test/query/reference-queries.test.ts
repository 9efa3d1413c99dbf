// The acceptance bar: the incident's Athena queries, run verbatim, give the answers Athena gives over the
// same rows (rollup region us-west-2, so calls recorded in us-east-1 are answered there too).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueryResult } from '../../src/query/index.ts';
import { REFERENCE_QUERIES } from '../../src/scenario/reference-queries.ts';
import { useIncidentEngine } from './incident-lake.ts';

const [Q1, Q2, Q3, Q4, Q5, Q3_ANY_ACTOR] = REFERENCE_QUERIES.map((query) => query.sql) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

const ISSUER = 'arn:aws:iam::111122223333:role/Service_Backup';

const incident = useIncidentEngine();

/** The queries have no ORDER BY, so rows are compared in a fixed order of their own. */
function sortedRows(result: QueryResult): (readonly unknown[])[] {
  return [...result.rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

test('Q1: the operations Service_Backup called, from every region, without the uncommitted file', async () => {
  const result = await incident.engine.run(Q1);
  assert.deepEqual(result.columns, [{ name: 'operation', type: 'varchar' }]);
  assert.deepEqual(sortedRows(result), [['AttachUserPolicy'], ['CreateRole'], ['CreateUser'], ['DeleteRole']]);
});

test('Q2: what Service_Backup did, with unaliased columns named after their last field', async () => {
  const result = await incident.engine.run(Q2);
  assert.deepEqual(
    result.columns.map((column) => column.name),
    [
      'Time Date',
      'Log Source',
      'region',
      'type',
      'name',
      'User AWS Acc ID',
      'API Operation',
      'API Response',
      'Service',
      'Request Data',
    ],
  );
  assert.equal(result.rows.length, 4);
  assert.deepEqual(sortedRows(result)[3], [
    '2024-06-02 08:00:00.000',
    'CloudTrail',
    'us-east-1',
    'AssumedRole',
    'Service_Backup',
    '111122223333',
    'CreateRole',
    'Success',
    'iam.amazonaws.com',
    '{"roleName":"late_role"}',
  ]);
});

test('Q3: IAM changes by Service_Backup in the window, json_extract giving JSON text, both "Target Principal" kept', async () => {
  const result = await incident.engine.run(Q3);
  assert.deepEqual(
    result.columns.map((column) => column.name),
    [
      'Time',
      'Region',
      'Role Issuer',
      'User Name',
      'API Call',
      'Target Principal',
      'Target Policy',
      'Target Role',
      'User ID',
      'Target Principal',
      'Response Status',
      'AWS Account',
    ],
  );
  assert.deepEqual(sortedRows(result), [
    [
      '2024-03-10 09:15:00.000',
      'us-east-1',
      ISSUER,
      'Service_Backup',
      'CreateUser',
      '"test_user2"',
      null,
      null,
      'AROAEXAMPLE:backup',
      'test_user2',
      'Success',
      '111122223333',
    ],
    [
      '2024-03-10 09:16:30.250',
      'us-east-1',
      ISSUER,
      'Service_Backup',
      'AttachUserPolicy',
      '"test_user2"',
      '"arn:aws:iam::aws:policy/AdministratorAccess"',
      null,
      'AROAEXAMPLE:backup',
      'test_user2',
      'Success',
      '111122223333',
    ],
    [
      '2024-03-12 11:00:00.000',
      'us-west-2',
      ISSUER,
      'Service_Backup',
      'DeleteRole',
      null,
      null,
      '"audit_role"',
      'AROAEXAMPLE:backup',
      null,
      'Success',
      '444455556666',
    ],
  ]);
});

test("Q3 without the actor filter: every principal's IAM changes in the window", async () => {
  const result = await incident.engine.run(Q3_ANY_ACTOR);
  assert.deepEqual(
    sortedRows(result).map((row) => [row[3], row[4], row[5]]),
    [
      ['Service_Backup', 'CreateUser', '"test_user2"'],
      ['Service_Backup', 'AttachUserPolicy', '"test_user2"'],
      ['admin', 'DeleteUser', '"old_user"'],
      ['Service_Backup', 'DeleteRole', null],
    ],
  );
});

test('Q4: S3 data events recorded in us-east-1 answered by the us-west-2 rollup table', async () => {
  const result = await incident.engine.run(Q4);
  assert.deepEqual(
    result.columns.map((column) => column.name),
    ['Time Date', 'Region', 'type', 'User Name', 'API Call', 'Status', 'Request Data', 'AWS Account ID'],
  );
  assert.deepEqual(result.rows, [
    [
      '2024-03-13 07:00:00.000',
      'us-east-1',
      'AssumedRole',
      'Service_Backup',
      'GetObject',
      'Success',
      '{"bucketName":"finance","key":"payroll.csv"}',
      '111122223333',
    ],
  ]);
});

test('Q5: the Macie finding in the window, with its first and second resource', async () => {
  const result = await incident.engine.run(Q5.replace('<YOUR_AWS_ACCOUNT_ID>', '111122223333'));
  assert.deepEqual(
    result.columns.map((column) => column.name),
    [
      'Date/Time',
      'Log Source',
      'AWS Account ID',
      'AWS Region',
      'Resource Type',
      'Bucket ARN',
      'Resource Type 2',
      'Object Name',
      'Finding summary',
    ],
  );
  assert.deepEqual(result.rows, [
    [
      '2024-03-12 14:30:00.000',
      'Macie',
      '111122223333',
      'us-west-2',
      'AwsS3Bucket',
      'arn:aws:s3:::finance',
      'AwsS3Object',
      'payroll.csv',
      'S3 object contains credentials.',
    ],
  ]);
});

test('Q5 verbatim, placeholder and all, runs and matches no account', async () => {
  const result = await incident.engine.run(Q5);
  assert.equal(result.columns.length, 9);
  assert.deepEqual(result.rows, []);
});

test('= compares case-sensitively, as in Athena', async () => {
  const exact = `SELECT count(*) AS n FROM amazon_security_lake_table_us_west_2_cloud_trail_mgmt_2_0 WHERE actor.user.name = `;
  assert.deepEqual((await incident.engine.run(`${exact}'service_backup'`)).rows, [[0]]);
  assert.deepEqual((await incident.engine.run(`${exact}'Service_Backup'`)).rows, [[4]]);
});
