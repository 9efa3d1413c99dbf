// `tarn contain --execute` on the synthetic organization's incident, against local stand-ins: the S3 calls go
// to an in-memory S3-compatible test server seeded with the incident's end state (card files deleted behind
// delete markers, the attacker's breach.notify bucket), the IAM calls to a recorded-request fake. The end
// state is read back through the real AWS SDK; expectations come from the generator's facts.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { collectingIO } from '../../src/cli/cli-io.ts';
import type { ParsedArgs } from '../../src/cli/command.ts';
import { executeContainment } from '../../src/cli/contain-execution.ts';
import { investigatePrincipal } from '../../src/cli/investigate-command.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import type { ExecutableStep } from '../../src/respond/executable-steps.ts';
import type { InvestigationResult } from '../../src/respond/investigation.ts';
import { generateScenario, type ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { STAND_IN_ENV, startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { S3StandIn } from '../helpers/s3-stand-in-server.ts';
import { tarn } from '../respond/case-fixtures.ts';

const CASE = 'IR-7';
let root: string;
let lakeDir: string;
let cases: string;
let facts: ScenarioFacts;
const savedEnv = { ...process.env };

before(async () => {
  Object.assign(process.env, STAND_IN_ENV, { AWS_EC2_METADATA_DISABLED: 'true' });
  root = tempDir('tarn-contain-execute-');
  lakeDir = join(root, 'lake');
  cases = join(root, 'cases');
  facts = await generateScenario({ outDir: join(root, 'data'), events: 2000, seed: 11 });
  await ingest({ lakeDir, paths: [join(root, 'data')], rollupRegion: 'us-west-2' });
  assert.equal((await tarn('case', 'open', CASE, '--cases', cases, '--analyst', 'alice')).code, 0);
});

after(async () => {
  process.env = savedEnv;
  if (root) await rm(root, { recursive: true, force: true });
});

const original = (key: string) => `card data of ${key}, before the attacker deleted it\n`;

/** The incident's S3 end state: versioned card files behind delete markers, and the attacker's bucket. */
async function seed(s3: S3StandIn, client: S3Client): Promise<void> {
  const { deletedObjects, ransomNote } = facts.incident;
  const cardBucket = deletedObjects[0]?.bucket ?? '';
  await client.send(new CreateBucketCommand({ Bucket: cardBucket }));
  await client.send(
    new PutBucketVersioningCommand({ Bucket: cardBucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  for (const object of deletedObjects) {
    await client.send(new PutObjectCommand({ Bucket: object.bucket, Key: object.key, Body: original(object.key) }));
    s3.seedDeleteMarker(object.bucket, object.key, object.deleteMarkerVersionId);
  }
  await client.send(new CreateBucketCommand({ Bucket: ransomNote.bucket }));
  await client.send(new PutObjectCommand({ Bucket: ransomNote.bucket, Key: ransomNote.key, Body: 'pay us' }));
}

async function caseEntries(): Promise<{ kind: string; title: string; files: { path: string }[] }[]> {
  const text = await readFile(join(cases, CASE, 'log.jsonl'), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

test('executes the plan and the recovery: IAM calls in order, S3 locked down and restored, each call in the case', async () => {
  const { incident } = facts;
  const failing = incident.createdUsers[1]?.userName ?? '';
  const s3 = new S3StandIn();
  const iam = new IamRecordedFake((r) =>
    r.action === 'PutUserPolicy' && r.params.UserName === failing
      ? { status: 403, code: 'AccessDenied', message: `not authorized to perform iam:PutUserPolicy on ${failing}` }
      : undefined,
  );
  const aws = await startLocalAws({ s3, iam });
  const client = new S3Client({ endpoint: aws.url, forcePathStyle: true, region: 'us-east-1' });
  try {
    await seed(s3, client);
    const started = new Date().toISOString();
    const run = await tarn(
      ...['contain', '--execute', '--include-recovery', '--yes', '--continue-on-error', '--case', CASE],
      ...['--cases', cases, '--analyst', 'alice', '--endpoint-url', aws.url],
      ...['--principal', incident.compromisedUser.userName, '--lake', lakeDir],
    );
    const finished = new Date().toISOString();
    assert.equal(run.code, 1, `one step failed: ${run.err}`);
    assert.match(run.out, new RegExp(`failed deny-all-user-policy: ${failing} \\(PutUserPolicy: AccessDenied`));

    // IAM: the exact actions in order, and for each action exactly the parameters the facts call for.
    const users = [incident.compromisedUser, ...incident.createdUsers];
    const role = incident.createdRole.roleName;
    assert.deepEqual(
      iam.requests.map((r) => r.action),
      [
        ...users.map(() => 'UpdateAccessKey'),
        ...users.map(() => 'PutUserPolicy'),
        'PutRolePolicy',
        'GetRole',
        'UpdateAssumeRolePolicy',
      ],
    );
    const paramsOf = (action: string) =>
      iam.requests
        .filter((r) => r.action === action)
        .map((r) => r.params)
        .sort((a, b) => String(a.UserName).localeCompare(String(b.UserName)));
    const byName = [...users].sort((a, b) => a.userName.localeCompare(b.userName));
    assert.deepEqual(
      paramsOf('UpdateAccessKey'),
      byName.map((u) => ({ UserName: u.userName, AccessKeyId: u.accessKeyId, Status: 'Inactive' })),
    );
    assert.equal(iam.requests[0]?.params.AccessKeyId, incident.compromisedUser.accessKeyId, 'the leaked key first');
    for (const put of paramsOf('PutUserPolicy')) {
      assert.equal(put.PolicyName, 'TarnIncidentDenyAll');
      assert.deepEqual(JSON.parse(put.PolicyDocument ?? '').Statement, [
        { Sid: 'TarnIncidentDenyAll', Effect: 'Deny', Action: '*', Resource: '*' },
      ]);
    }
    assert.deepEqual(
      paramsOf('PutUserPolicy').map((p) => p.UserName),
      byName.map((u) => u.userName),
    );
    const [revoke] = paramsOf('PutRolePolicy');
    assert.deepEqual([revoke?.RoleName, revoke?.PolicyName], [role, 'AWSRevokeOlderSessions']);
    const issuedBefore = JSON.parse(revoke?.PolicyDocument ?? '').Statement[0].Condition.DateLessThan[
      'aws:TokenIssueTime'
    ];
    assert.ok(issuedBefore >= started && issuedBefore <= finished, `revokes sessions issued before ${issuedBefore}`);
    assert.deepEqual(paramsOf('GetRole'), [{ RoleName: role }]);
    const [trust] = paramsOf('UpdateAssumeRolePolicy');
    assert.equal(trust?.RoleName, role);
    assert.deepEqual(JSON.parse(trust?.PolicyDocument ?? '').Statement, [
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
    ]);
    assert.ok(!iam.requests.some((r) => /^Delete/.test(r.action)), 'the login profile is never deleted');

    // S3, read back through the SDK: the attacker's bucket locked down, the card files back with their bytes.
    const ransom = incident.ransomNote.bucket;
    const policy = JSON.parse((await client.send(new GetBucketPolicyCommand({ Bucket: ransom }))).Policy ?? '');
    assert.deepEqual(policy.Statement[0].Condition, {
      StringNotEquals: { 'aws:PrincipalAccount': incident.accountId },
    });
    assert.deepEqual(
      (await client.send(new GetPublicAccessBlockCommand({ Bucket: ransom }))).PublicAccessBlockConfiguration,
      {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    );
    for (const object of incident.deletedObjects) {
      const got = await client.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
      assert.equal(await got.Body?.transformToString(), original(object.key));
      const listing = await client.send(new ListObjectVersionsCommand({ Bucket: object.bucket, Prefix: object.key }));
      assert.deepEqual([listing.DeleteMarkers ?? [], listing.Versions?.length], [[], 1], object.key);
    }

    // The case: a start entry, one entry per call (the failure with its AWS error code), a summary; verified.
    const entries = await caseEntries();
    const calls = entries.filter((e) => e.kind === 'aws-call');
    // Each restore lists the versions before it removes the marker: 3 more calls than the plan's.
    assert.equal(calls.length, iam.requests.length + 3 + 4 + 3 + 3);
    const failed = calls.filter((e) => / failed: /.test(e.title));
    assert.deepEqual(
      failed.map((e) => e.title.replace(/^step \d+: /, '').split(': not')[0]),
      ['iam PutUserPolicy failed: AccessDenied'],
    );
    const evidence = JSON.parse(await readFile(join(cases, CASE, failed[0]?.files[0]?.path ?? ''), 'utf8'));
    assert.deepEqual(
      [evidence.request.params.UserName, evidence.status, evidence.error.code],
      [failing, 'failed', 'AccessDenied'],
    );
    assert.match(evidence.error.requestId, /^[0-9a-f-]{36}$/);
    assert.ok(calls.indexOf(failed[0] as (typeof calls)[number]) < calls.length - 1, 'the calls after it still ran');
    assert.match(entries.at(-1)?.title ?? '', /^contain --execute finished: \d+ ok, 1 failed, 1 skipped$/);
    const verify = await tarn('case', 'verify', CASE, '--cases', cases);
    assert.equal(verify.code, 0, verify.err);
  } finally {
    client.destroy();
    await aws.close();
  }
});

let investigation: Promise<InvestigationResult> | undefined;
/** The investigation of the compromised user, made once for the tests that drive the execution directly. */
function investigated(): Promise<InvestigationResult> {
  investigation ??= investigatePrincipal(argsOf({ principal: facts.incident.compromisedUser.userName, lake: lakeDir }));
  return investigation;
}

const argsOf = (values: ParsedArgs['values']): ParsedArgs => ({ values, positionals: [] });

test('--dry-run prints the SDK calls and sends nothing; deletes appear only as recovery of delete markers', async () => {
  const io = collectingIO();
  assert.equal(
    await executeContainment(argsOf({ 'dry-run': true, 'include-recovery': true }), io, await investigated()),
    0,
  );
  const steps = JSON.parse(io.out.join('')) as ExecutableStep[];
  const deletes = steps.flatMap((s) =>
    s.calls.filter((c) => /^Delete/.test(c.operation)).map((c) => [s.origin, c.params]),
  );
  assert.deepEqual(
    deletes,
    facts.incident.deletedObjects.map((o) => [
      'recovery',
      { Bucket: o.bucket, Key: o.key, VersionId: o.deleteMarkerVersionId },
    ]),
  );
  const missingCase = executeContainment(argsOf({ execute: true, yes: true }), collectingIO(), await investigated());
  await assert.rejects(missingCase, { name: 'TarnError', exitCode: 2, message: /--execute needs --case NAME/ });
});

test('asks before sending: no terminal needs --yes, a wrong answer sends nothing, the case name runs it to the first failure', async () => {
  const iam = new IamRecordedFake();
  // No S3 stand-in behind this endpoint: the first S3 call fails, and without --continue-on-error the run stops.
  const aws = await startLocalAws({ iam });
  const args = argsOf({ execute: true, case: CASE, cases, analyst: 'bob', 'endpoint-url': aws.url });
  const logged = (await caseEntries()).length;
  try {
    const noTerminal = executeContainment(args, collectingIO(), await investigated());
    await assert.rejects(noTerminal, { exitCode: 2, message: /without a terminal to confirm on, give --yes/ });
    const questions: string[] = [];
    const answering = (answer: string) => ({
      ...collectingIO(),
      ask: async (question: string) => {
        questions.push(question);
        return answer;
      },
    });
    await assert.rejects(executeContainment(args, answering('no'), await investigated()), { message: /not confirmed/ });
    assert.deepEqual([iam.requests.length, (await caseEntries()).length], [0, logged], 'nothing sent, nothing logged');

    const io = answering(` ${CASE} `);
    assert.equal(await executeContainment(args, io, await investigated()), 1);
    assert.match(questions[1] ?? '', new RegExp(`Type the case name \\(${CASE}\\) or "yes"`));
    assert.equal(iam.requests.length, 11, 'every IAM step ran before the first S3 call');
    const out = io.out.join('');
    assert.match(out, /\d+\. failed lock-down-bucket: breach\.notify \(GetBucketPolicy: /);
    assert.match(out, /\d+\. skipped preserve-bucket-configuration: \S+ \(not run: step \d+ failed/);
    const entries = (await caseEntries()).slice(logged);
    assert.match(entries[0]?.title ?? '', new RegExp(`confirmed by bob by typing "${CASE}"$`));
    assert.equal(entries.filter((e) => e.kind === 'aws-call' && / skipped: not run: /.test(e.title)).length, 6);
  } finally {
    await aws.close();
  }
});
