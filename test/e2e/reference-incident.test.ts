// The whole path on the synthetic organization: generate raw logs, ingest them with us-west-2 as the
// rollup region, and run the six reference queries verbatim. Expectations come from the generator's
// ScenarioFacts and from the raw CloudTrail it wrote, never from the lake or the query layer.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine, type QueryEngine, type QueryResult, type QueryValue } from '../../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../../src/scenario/reference-queries.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { type Delivered, field, type Json, readCloudTrail } from '../scenario/delivered-files.ts';
import { ENGINE_TIMESTAMP, engineTime } from './engine-rows.ts';

const ROLLUP = 'us-west-2';
/** IAM is global: CloudTrail records every IAM call in us-east-1, whatever endpoint was used. */
const IAM_REGION = 'us-east-1';
const SEED = 5;

let root: string;
let lakeDir: string;
let facts: ScenarioFacts;
let raw: Delivered<Json>[];
let engine: QueryEngine;
const results: QueryResult[] = [];

before(async () => {
  root = tempDir('tarn-e2e-incident-');
  lakeDir = join(root, 'lake');
  facts = await generateScenario({ outDir: join(root, 'data'), events: 2000, seed: SEED });
  raw = await readCloudTrail(join(root, 'data'));
  await ingest({ lakeDir, paths: [join(root, 'data')], rollupRegion: ROLLUP });
  engine = await openQueryEngine({ lakeDir });
  for (const query of REFERENCE_QUERIES)
    results.push(await engine.run(fillAccount(query.sql, facts.incidentAccountId)));
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function result(n: number): QueryResult {
  const found = results[n - 1];
  assert.ok(found, `Q${n} did not run`);
  return found;
}

function column(res: QueryResult, name: string, occurrence = 0): number {
  const indexes = res.columns.flatMap((c, i) => (c.name === name ? [i] : []));
  const index = indexes[occurrence];
  assert.ok(index !== undefined, `no column ${name} (#${occurrence + 1}) in ${res.columns.map((c) => c.name)}`);
  return index;
}

/** The queries have no ORDER BY, so rows are compared in an order of their own. */
function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const victim = () => facts.incident.compromisedUser.userName;
const byVictim = () =>
  raw.filter((r) => String(field(r.value, 'userIdentity.userName')).toLowerCase() === victim().toLowerCase());
const isData = (r: Delivered<Json>) => r.value.eventCategory === 'Data';
/** Athena's json_extract returns JSON text: a string comes back quoted. */
const jsonText = (value: string | null) => (value === null ? null : JSON.stringify(value));

test('the scenario is the one the facts describe: Service_Backup acts only in the incident account', () => {
  assert.equal(victim(), 'Service_Backup');
  assert.ok(byVictim().length > 0);
  assert.ok(byVictim().every((r) => r.value.recipientAccountId === facts.incidentAccountId));
});

test('Q1: the operations Service_Backup called, management events only, from every region', () => {
  const res = result(1);
  assert.deepEqual(
    res.columns.map((c) => c.name),
    ['operation'],
  );
  const operations = res.rows.map((row) => row[0]);
  assert.equal(new Set(operations).size, operations.length, 'DISTINCT');
  const expected = new Set(
    byVictim()
      .filter((r) => !isData(r))
      .map((r) => String(r.value.eventName)),
  );
  assert.deepEqual(new Set(operations), expected);
  // What the facts say it did: persistence, the trusted role, the GPU attempts, the ransom bucket.
  const fromFacts = ['CreateUser', 'AttachUserPolicy', 'CreateAccessKey', 'CreateLoginProfile'];
  fromFacts.push('CreateRole', 'AttachRolePolicy', 'RunInstances', 'CreateBucket');
  for (const operation of fromFacts) assert.ok(operations.includes(operation), `${operation} missing`);
  // S3 object calls are data events: they live in s3_data, not in this table.
  for (const operation of ['GetObject', 'PutObject', 'DeleteObject', 'ListObjects']) {
    assert.ok(!operations.includes(operation), `${operation} is a data event`);
  }
});

test('Q2: one row per management event of Service_Backup, with status and request data as compact JSON', () => {
  const res = result(2);
  assert.deepEqual(
    res.columns.map((c) => c.name),
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
  const expected = byVictim()
    .filter((r) => !isData(r))
    .map(({ value }) => [
      engineTime(String(value.eventTime)),
      'CloudTrail',
      value.awsRegion,
      field(value, 'userIdentity.type'),
      field(value, 'userIdentity.userName'),
      field(value, 'userIdentity.accountId'),
      value.eventName,
      // Security Lake's status: Success without an errorCode; a code outside its failure list is kept as is.
      value.errorCode ?? 'Success',
      value.eventSource,
      value.requestParameters === null || value.requestParameters === undefined
        ? null
        : JSON.stringify(value.requestParameters),
    ]);
  assert.deepEqual(sorted(res.rows), sorted(expected));

  const operation = column(res, 'API Operation');
  const status = column(res, 'API Response');
  const runs = res.rows.filter((row) => row[operation] === 'RunInstances');
  assert.equal(runs.length, facts.incident.failedRunInstances.attempts);
  for (const row of runs) {
    assert.notEqual(row[status], 'Success');
    assert.equal(row[status], facts.incident.failedRunInstances.errorCode);
    assert.equal(row[column(res, 'region')], facts.incident.failedRunInstances.region);
  }
  const creates = res.rows.filter((row) => row[operation] === 'CreateUser');
  for (const row of creates) {
    const data = row[column(res, 'Request Data')];
    assert.equal(typeof data, 'string');
    assert.ok(!/\s/.test(String(data).replace(/"[^"]*"/g, '')), `not compact: ${data}`);
  }
  assert.ok(res.rows.every((row) => ENGINE_TIMESTAMP.test(String(row[0]))));
});

/** Q3's rows by Service_Backup, from the facts: what it created and attached, in IAM's region. */
function expectedIamChanges(): QueryValue[][] {
  const { compromisedUser, createdUsers, createdRole } = facts.incident;
  const row = (call: string, principal: string | null, policy: string | null, role: string | null, target: string) => [
    IAM_REGION,
    null, // an IAM user's long-term key has no session, so no issuer
    compromisedUser.userName,
    call,
    jsonText(principal),
    jsonText(policy),
    jsonText(role),
    compromisedUser.arn, // actor.user.uid is userIdentity.arn in Security Lake 2.0
    target,
    'Success',
    facts.incidentAccountId,
  ];
  const rows: QueryValue[][] = [];
  for (const user of createdUsers.filter((u) => u.createdBy === compromisedUser.userName)) {
    rows.push(row('CreateUser', user.userName, null, null, user.userName));
    for (const policy of user.policyArns)
      rows.push(row('AttachUserPolicy', user.userName, policy, null, user.userName));
    rows.push(row('CreateAccessKey', user.userName, null, null, user.userName));
    if (user.loginProfile) rows.push(row('CreateLoginProfile', user.userName, null, null, user.userName));
  }
  rows.push(row('CreateRole', null, null, createdRole.roleName, createdRole.roleName));
  rows.push(row('AttachRolePolicy', null, createdRole.policyArn, createdRole.roleName, createdRole.roleName));
  return rows;
}

const Q3_COLUMNS = [
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
];

test('Q3: the IAM principals and policies Service_Backup created and attached, with json_extract giving JSON text', () => {
  const res = result(3);
  assert.deepEqual(
    res.columns.map((c) => c.name),
    Q3_COLUMNS,
  );
  assert.deepEqual(sorted(res.rows.map((row) => row.slice(1))), sorted(expectedIamChanges()));
  // The times are those of the raw IAM calls, all inside the incident.
  const rawTimes = byVictim()
    .filter(
      (r) => r.value.eventSource === 'iam.amazonaws.com' && /^(Create|Attach|Delete)/.test(String(r.value.eventName)),
    )
    .map((r) => engineTime(String(r.value.eventTime)));
  assert.deepEqual(sorted(res.rows.map((row) => row[0])), sorted(rawTimes));
  const { start, end } = facts.incident.timeRange;
  for (const row of res.rows) {
    assert.ok(
      String(row[0]) >= engineTime(start) && String(row[0]) <= engineTime(end),
      `${row[0]} outside the incident`,
    );
  }
  // The attach of AdministratorAccess to backup-admin, spelled out.
  const attach = res.rows.find((row) => row[4] === 'AttachUserPolicy' && row[5] === '"backup-admin"');
  assert.equal(attach?.[6], '"arn:aws:iam::aws:policy/AdministratorAccess"');
  assert.equal(attach?.[9], 'backup-admin');
});

test('Q4: the ransom note put into breach.notify, and every card file read before it was deleted', () => {
  const res = result(4);
  assert.deepEqual(
    res.columns.map((c) => c.name),
    ['Time Date', 'Region', 'type', 'User Name', 'API Call', 'Status', 'Request Data', 'AWS Account ID'],
  );
  const dataEvents = byVictim().filter((r) => isData(r) && r.value.eventSource === 's3.amazonaws.com');
  assert.equal(res.rows.length, dataEvents.length, 'one row per S3 data event of Service_Backup');
  const call = column(res, 'API Call');
  const data = (row: readonly QueryValue[]) => JSON.parse(String(row[column(res, 'Request Data')])) as Json;
  const touching = (bucket: string, key: string, operation: string) =>
    res.rows.filter((row) => row[call] === operation && data(row).bucketName === bucket && data(row).key === key);

  const { ransomNote } = facts.incident;
  const notes = touching(ransomNote.bucket, ransomNote.key, 'PutObject');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]?.[column(res, 'Region')], ransomNote.region);
  assert.equal(notes[0]?.[column(res, 'AWS Account ID')], facts.incidentAccountId);
  assert.equal(notes[0]?.[column(res, 'Status')], 'Success');

  assert.ok(facts.incident.deletedObjects.length > 0);
  for (const object of facts.incident.deletedObjects) {
    const gets = touching(object.bucket, object.key, 'GetObject');
    const deletes = touching(object.bucket, object.key, 'DeleteObject');
    assert.equal(gets.length, 1, `GetObject of ${object.key}`);
    assert.equal(deletes.length, 1, `DeleteObject of ${object.key}`);
    const [get, del] = [gets[0] ?? [], deletes[0] ?? []];
    assert.ok(String(get[0]) < String(del[0]), `${object.key} read at ${get[0]}, deleted at ${del[0]}`);
    assert.equal(get[column(res, 'Region')], object.region);
  }
  // Management calls never land in the data-event table.
  for (const row of res.rows) assert.ok(!['CreateBucket', 'RunInstances', 'ListBuckets'].includes(String(row[call])));
});

test('Q5: one Macie finding per card file, bucket first and object second', () => {
  const res = result(5);
  assert.deepEqual(
    res.columns.map((c) => c.name),
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
  assert.equal(res.rows.length, facts.findings.macieIds.length);
  assert.equal(facts.findings.macieIds.length, facts.incident.deletedObjects.length);
  for (const row of res.rows) {
    assert.equal(row[1], 'Macie');
    assert.equal(row[2], facts.incidentAccountId);
    assert.equal(row[4], 'AwsS3Bucket');
    assert.equal(row[6], 'AwsS3Object');
    assert.ok(String(row[0]) >= '2024-03-10 00:00:00.000' && String(row[0]) <= '2024-03-14 23:59:00.000');
    assert.ok(typeof row[8] === 'string' && row[8] !== '');
  }
  // Macie reports from the bucket's region.
  assert.deepEqual(
    sorted(res.rows.map((row) => [row[3], row[5], row[7]])),
    sorted(
      facts.incident.deletedObjects.map((o) => [
        o.region,
        `arn:aws:s3:::${o.bucket}`,
        `arn:aws:s3:::${o.bucket}/${o.key}`,
      ]),
    ),
  );
  assert.ok(res.rows.every((row) => /cc-data-[^/]*\.csv$/.test(String(row[7]))));
});

test('Q6: the chain — a user Service_Backup created goes on to create another user', () => {
  const res = result(6);
  assert.deepEqual(
    res.columns.map((c) => c.name),
    Q3_COLUMNS,
  );
  // Everything Q3 found is here too: Q6 is Q3 without the actor filter.
  const q6 = res.rows.map((row) => JSON.stringify(row));
  for (const row of result(3).rows) assert.ok(q6.includes(JSON.stringify(row)), `missing ${JSON.stringify(row)}`);

  const chained = facts.incident.createdUsers.filter((u) => u.createdBy !== victim());
  assert.ok(chained.length > 0);
  for (const user of chained) {
    const creator = facts.incident.createdUsers.find((u) => u.userName === user.createdBy);
    assert.ok(creator, `${user.createdBy} is a user the attacker made`);
    for (const call of ['CreateUser', 'CreateAccessKey']) {
      const rows = res.rows.filter((row) => row[4] === call && row[5] === jsonText(user.userName));
      assert.equal(rows.length, 1, `${call} of ${user.userName}`);
      const [row] = rows;
      assert.equal(row?.[1], IAM_REGION);
      assert.equal(row?.[3], creator.userName);
      assert.equal(row?.[8], creator.arn);
      assert.equal(row?.[9], user.userName);
      assert.equal(row?.[11], facts.incidentAccountId);
    }
  }
  for (const row of res.rows) assert.match(String(row[4]), /^(Create|Attach|Delete)/);
});

test('tarn query --format json keeps both "Target Principal" columns in order, and timestamps as ISO 8601 UTC', async () => {
  const sql = fillAccount(REFERENCE_QUERIES[2]?.sql ?? '', facts.incidentAccountId);
  const run = await runTarn(['query', '--lake', lakeDir, '--format', 'json', sql]);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as { columns: string[]; rows: QueryValue[][] };
  assert.deepEqual(output.columns, Q3_COLUMNS);
  assert.equal(output.columns.indexOf('Target Principal'), 5);
  assert.equal(output.columns.lastIndexOf('Target Principal'), 9);
  assert.deepEqual(sorted(output.rows.map((row) => row.slice(1))), sorted(expectedIamChanges()));
  for (const row of output.rows) {
    assert.match(String(row[0]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The first is json_extract's JSON text, the second the plain user.name column.
    if (row[5] !== null) assert.equal(row[5], JSON.stringify(row[9]));
  }
});
