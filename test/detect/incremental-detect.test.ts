// Incremental evaluation with kept baselines: four batches (three days, then a late delivery for the second
// day) evaluated one by one find exactly what one evaluation of the whole lake finds, although each run reads
// only its window's days and the day before, plus the baselines kept in `_tarn/baselines/`.

import assert from 'node:assert/strict';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { findingUid } from '../../src/detect/detection-finding.ts';
import { DETECTION_RULES } from '../../src/detect/detection-rules.ts';
import { ruleContext, runDetections } from '../../src/detect/detection-runner.ts';
import { detectAndStore } from '../../src/detect/detection-store.ts';
import { keptTables } from '../../src/detect/rule-baselines.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';

const ACCOUNT = '123456789012';
let root: string;
let serial = 0;

before(() => {
  root = tempDir('tarn-incremental-');
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

interface Call {
  readonly who: string;
  readonly at: string;
  readonly source: string;
  readonly name: string;
  readonly error?: string;
  readonly ip?: string;
  readonly params?: Record<string, unknown>;
  readonly data?: boolean;
  readonly role?: boolean;
}

/** A CloudTrail record as AWS delivers it: an IAM user's call, or a session of a role named `who`. */
function record(call: Call): Record<string, unknown> {
  const id = `e${String(++serial).padStart(7, '0')}-0000-4000-8000-000000000000`;
  const identity = call.role
    ? {
        type: 'AssumedRole',
        principalId: `AROAEXAMPLE${call.who.toUpperCase()}:session`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${call.who}/session`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAEXAMPLE000000001',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROAEXAMPLE${call.who.toUpperCase()}`,
            arn: `arn:aws:iam::${ACCOUNT}:role/${call.who}`,
            accountId: ACCOUNT,
            userName: call.who,
          },
          attributes: { creationDate: call.at, mfaAuthenticated: 'false' },
        },
      }
    : {
        type: 'IAMUser',
        principalId: `AIDAEXAMPLE${call.who.toUpperCase()}`,
        arn: `arn:aws:iam::${ACCOUNT}:user/${call.who}`,
        accountId: ACCOUNT,
        accessKeyId: 'AKIAEXAMPLE000000001',
        userName: call.who,
      };
  return {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: call.at,
    eventSource: call.source,
    eventName: call.name,
    awsRegion: 'us-east-1',
    sourceIPAddress: call.ip ?? '198.51.100.66',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: call.params ?? null,
    responseElements: null,
    requestID: id.replace(/^e/, 'b'),
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: !call.data,
    recipientAccountId: ACCOUNT,
    eventCategory: call.data ? 'Data' : 'Management',
    ...(call.error === undefined ? {} : { errorCode: call.error, errorMessage: 'refused' }),
  };
}

const ec2 = 'ec2.amazonaws.com';
const iam = 'iam.amazonaws.com';
const s3 = 's3.amazonaws.com';
const sts = 'sts.amazonaws.com';
const denied = (who: string, at: string, role = false): Call => ({
  who,
  at,
  source: ec2,
  name: 'DescribeInstances',
  error: 'Client.UnauthorizedOperation',
  role,
});
const put = (who: string, at: string, bucket: string): Call => ({
  who,
  at,
  source: s3,
  name: 'PutObject',
  params: { bucketName: bucket, key: 'note.txt' },
  data: true,
});

/** Day 1 teaches the normal, day 3 departs from it (or not), day 2 arrives in two deliveries, one late. */
const BATCHES: readonly (readonly Call[])[] = [
  [
    // A read-only role refused its usual walls: the first day of refusals in the lake teaches the normal, and
    // the same burst two days later is that normal.
    denied('ReadOnly', '2024-05-01T10:00:00Z', true),
    denied('ReadOnly', '2024-05-01T10:01:00Z', true),
    denied('ReadOnly', '2024-05-01T10:02:00Z', true),
    { who: 'mallory', at: '2024-05-01T09:00:00Z', source: s3, name: 'ListBuckets' },
    { who: 'bob', at: '2024-05-01T09:00:00Z', source: iam, name: 'ListUsers' },
    { who: 'bob', at: '2024-05-01T09:01:00Z', source: iam, name: 'ListRoles' },
    { who: 'bob', at: '2024-05-01T09:02:00Z', source: sts, name: 'GetCallerIdentity' },
    { who: 'alice', at: '2024-05-01T08:00:00Z', source: s3, name: 'ListBuckets', ip: '203.0.113.10' },
    put('carol', '2024-05-01T12:00:00Z', 'team-logs'),
  ],
  [
    { who: 'mallory', at: '2024-05-02T09:00:00Z', source: s3, name: 'ListBuckets' },
    // Two refusals just before midnight: the burst is completed by the next day's batch.
    denied('dave', '2024-05-02T23:55:00Z'),
    denied('dave', '2024-05-02T23:58:00Z'),
  ],
  [
    denied('ReadOnly', '2024-05-03T10:00:00Z', true),
    denied('ReadOnly', '2024-05-03T10:01:00Z', true),
    denied('ReadOnly', '2024-05-03T10:02:00Z', true),
    denied('dave', '2024-05-03T00:03:00Z'),
    { who: 'mallory', at: '2024-05-03T09:01:00Z', source: sts, name: 'GetCallerIdentity' },
    { who: 'mallory', at: '2024-05-03T09:02:00Z', source: iam, name: 'ListUsers' },
    { who: 'mallory', at: '2024-05-03T09:03:00Z', source: iam, name: 'CreateUser', params: { userName: 'backdoor' } },
    { who: 'bob', at: '2024-05-03T09:00:00Z', source: iam, name: 'ListUsers' },
    { who: 'bob', at: '2024-05-03T09:01:00Z', source: iam, name: 'ListRoles' },
    { who: 'bob', at: '2024-05-03T09:02:00Z', source: sts, name: 'GetCallerIdentity' },
    { who: 'alice', at: '2024-05-03T08:00:00Z', source: sts, name: 'GetSessionToken', ip: '203.0.113.10' },
    { who: 'alice', at: '2024-05-03T08:05:00Z', source: sts, name: 'GetSessionToken', ip: '192.0.2.77' },
    { who: 'carol', at: '2024-05-03T12:00:00Z', source: s3, name: 'CreateBucket', params: { bucketName: 'ransom' } },
    put('carol', '2024-05-03T12:05:00Z', 'ransom'),
  ],
  // Late: CloudTrail delivered these for day 2 after day 3's batch was evaluated.
  [
    { who: 'erin', at: '2024-05-01T07:00:00Z', source: s3, name: 'ListBuckets' },
    { who: 'erin', at: '2024-05-02T15:00:00Z', source: sts, name: 'GetFederationToken', params: { name: 'x' } },
    { who: 'erin', at: '2024-05-02T15:01:00Z', source: iam, name: 'ListUsers' },
    { who: 'erin', at: '2024-05-02T15:02:00Z', source: iam, name: 'ListRoles' },
  ],
];

async function batchFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const [i, calls] of BATCHES.entries()) {
    const file = join(root, `batch-${i}.json`);
    await writeFile(file, JSON.stringify({ Records: calls.map(record) }));
    files.push(file);
  }
  return files;
}

const summary = (uids: Iterable<string>) => [...uids].sort();

test('evaluated batch by batch with kept baselines, the pack finds what one evaluation of the whole lake finds', async () => {
  const files = await batchFiles();
  const incremental = join(root, 'incremental');
  const found: string[] = [];
  const rulesFound: string[] = [];
  for (const file of files) {
    const summaryOfIngest = await ingest({ lakeDir: incremental, paths: [file] });
    assert.equal(summaryOfIngest.rejected.length, 0);
    const outcome = await detectAndStore(incremental, DETECTION_RULES);
    assert.deepEqual(outcome.errors, []);
    assert.equal(outcome.batches, 1);
    found.push(...outcome.detections.map((d) => findingUid(d.hit)));
    rulesFound.push(...outcome.detections.map((d) => `${d.hit.rule} ${d.hit.principalName}`));
  }

  // What the pack must find, and what it must leave as normal.
  assert.deepEqual(rulesFound.sort(), [
    'api-never-called-before erin',
    'api-never-called-before mallory',
    'denied-burst dave',
    'iam-user-creates-user mallory',
    's3-new-bucket-written carol',
    'temporary-credentials-abuse alice',
    'temporary-credentials-abuse erin',
  ]);

  // The whole lake at once: the same files ingested, then one evaluation; and every rule over all time.
  const whole = join(root, 'whole');
  for (const file of files) await ingest({ lakeDir: whole, paths: [file] });
  const once = await detectAndStore(whole, DETECTION_RULES);
  assert.deepEqual(summary(once.detections.map((d) => findingUid(d.hit))), summary(found));
  const engine = await openQueryEngine({ lakeDir: incremental });
  try {
    const results = await runDetections(engine, { from: null, to: null }, DETECTION_RULES);
    const all = results.flatMap((r) => ('hits' in r ? r.hits.map(findingUid) : [`error ${r.error}`]));
    assert.deepEqual(summary(all), summary(found));
  } finally {
    await engine.close();
  }

  // The new bucket's detail names the writer's earlier bucket, learnt on day 1 and kept in the baseline.
  const bucket = once.detections.find((d) => d.hit.rule === 's3-new-bucket-written');
  assert.equal(bucket?.hit.detail, 'earlier writes went to: team-logs');
});

test('the baselines are kept in _tarn/baselines and named by the state; a run reads only its window and the day before', async () => {
  const lakeDir = join(root, 'kept');
  const files = await batchFiles();
  for (const file of files.slice(0, 3)) {
    await ingest({ lakeDir, paths: [file] });
    await detectAndStore(lakeDir, DETECTION_RULES);
  }
  const state = JSON.parse(await readFile(join(lakeDir, '_tarn/detections.json'), 'utf8'));
  const withBaseline = DETECTION_RULES.filter((rule) => rule.baseline !== undefined).map((rule) => rule.id);
  assert.deepEqual(Object.keys(state.baselines).sort(), withBaseline.sort());
  assert.ok(withBaseline.includes('denied-burst') && withBaseline.includes('api-never-called-before'));
  for (const entry of Object.values(state.baselines) as { file: string }[]) {
    assert.match(entry.file, /^_tarn\/baselines\/[^/]+\/\d+\.parquet$/);
    assert.ok((await stat(join(lakeDir, entry.file))).size > 0);
  }

  // One summary row per key: bob's three operations, however often he calls them.
  const { tables, views } = keptTables(lakeDir, DETECTION_RULES, state.baselines);
  const engine = await openQueryEngine({ lakeDir, stateTables: tables });
  try {
    const view = views.get('api-never-called-before') as string;
    const bob = await engine.run(
      `SELECT operation, first_seen FROM ${view} WHERE identity = 'arn:aws:iam::${ACCOUNT}:user/bob' ORDER BY operation`,
    );
    assert.deepEqual(bob.rows, [
      ['iam.amazonaws.com ListRoles', Date.parse('2024-05-01T09:01:00Z')],
      ['iam.amazonaws.com ListUsers', Date.parse('2024-05-01T09:00:00Z')],
      ['sts.amazonaws.com GetCallerIdentity', Date.parse('2024-05-01T09:02:00Z')],
    ]);

    // Day 3's window: each learning rule reads days 2–3 of the lake beside its baseline, never day 1.
    const window = { from: Date.parse('2024-05-03T00:00:00Z'), to: Date.parse('2024-05-03T23:59:59.999Z') };
    const context = ruleContext(engine, window);
    for (const rule of DETECTION_RULES.filter((r) => r.baseline !== undefined)) {
      const { files: read } = await engine.plan(rule.sql({ ...context, baseline: views.get(rule.id) ?? null }));
      assert.ok(read.length > 0, rule.id);
      assert.deepEqual(
        read.filter((file) => !/eventDay=2024050[23]/.test(file)),
        [],
        `${rule.id} reads only its window's days`,
      );
    }
  } finally {
    await engine.close();
  }
  // A state table is Tarn's own Parquet under _tarn/, nothing else.
  for (const file of [join(lakeDir, '_tarn/detections.json'), join(root, 'elsewhere.parquet')]) {
    await assert.rejects(openQueryEngine({ lakeDir, stateTables: { t: file } }), /must be a Parquet file under/);
  }
});
