// `tarn contain --execute` on the synthetic organization's incident, against local stand-ins: the S3 calls go
// to an in-memory S3-compatible test server seeded with the incident's end state (card files deleted behind
// delete markers, the attacker's breach.notify bucket), the IAM calls to a recorded-request fake. The end
// state is read back through the real AWS SDK; expectations come from the generator's facts. The checks
// after the run (--verify, the default) read back every deactivated key and restored object.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { CheckVerdict } from '../../src/respond/containment/post-run-checks.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { CASE, original, seedIncidentS3, useIncidentCase } from '../helpers/incident-case-fixture.ts';
import { startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { S3StandIn } from '../helpers/s3-stand-in-server.ts';
import { StsRecordedFake } from '../helpers/sts-recorded-fake.ts';

const incident = useIncidentCase();

test('executes the plan and the recovery: IAM calls in order, S3 locked down and restored, each call in the case', async () => {
  const { facts, lakeDir, cases } = incident;
  const failing = facts.incident.createdUsers[1]?.userName ?? '';
  const s3 = new S3StandIn();
  const iam = new IamRecordedFake((r) =>
    r.action === 'PutUserPolicy' && r.params.UserName === failing
      ? { status: 403, code: 'AccessDenied', message: `not authorized to perform iam:PutUserPolicy on ${failing}` }
      : undefined,
  );
  const aws = await startLocalAws({ s3, iam, sts: new StsRecordedFake(facts.incident.accountId) });
  const client = new S3Client({ endpoint: aws.url, forcePathStyle: true, region: 'us-east-1' });
  try {
    await seedIncidentS3(facts, s3, client);
    const started = new Date().toISOString();
    const run = await tarn(
      ...['contain', '--execute', '--include-recovery', '--yes', '--continue-on-error', '--case', CASE],
      ...['--cases', cases, '--analyst', 'alice', '--endpoint-url', aws.url],
      ...['--principal', facts.incident.compromisedUser.userName, '--lake', lakeDir],
    );
    const finished = new Date().toISOString();
    assert.equal(run.code, 1, `one step failed: ${run.err}`);
    assert.match(run.out, new RegExp(`failed deny-all-user-policy: ${failing} \\(PutUserPolicy: AccessDenied`));

    // IAM: the exact actions in order, and for each action exactly the parameters the facts call for.
    const users = [facts.incident.compromisedUser, ...facts.incident.createdUsers];
    const role = facts.incident.createdRole.roleName;
    assert.deepEqual(
      iam.requests.map((r) => r.action),
      [
        ...users.map(() => 'UpdateAccessKey'),
        ...users.map(() => 'PutUserPolicy'),
        'PutRolePolicy',
        'GetRole',
        'UpdateAssumeRolePolicy',
        ...users.map(() => 'ListAccessKeys'),
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
    assert.equal(
      iam.requests[0]?.params.AccessKeyId,
      facts.incident.compromisedUser.accessKeyId,
      'the leaked key first',
    );
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
    const ransom = facts.incident.ransomNote.bucket;
    const policy = JSON.parse((await client.send(new GetBucketPolicyCommand({ Bucket: ransom }))).Policy ?? '');
    assert.deepEqual(policy.Statement[0].Condition, {
      StringNotEquals: { 'aws:PrincipalAccount': facts.incident.accountId },
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
    const currentVersions: string[] = [];
    for (const object of facts.incident.deletedObjects) {
      const got = await client.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
      assert.equal(await got.Body?.transformToString(), original(object.key));
      const listing = await client.send(new ListObjectVersionsCommand({ Bucket: object.bucket, Prefix: object.key }));
      assert.deepEqual([listing.DeleteMarkers ?? [], listing.Versions?.length], [[], 1], object.key);
      currentVersions.push(listing.Versions?.[0]?.VersionId ?? '');
    }

    // The case: a start entry, one entry per call (the failure with its AWS error code), a summary; verified.
    const entries = await incident.entries();
    const calls = entries.filter((e) => e.kind === 'aws-call');
    // Each restore lists the versions before it removes the marker and once more in the checks after the run.
    assert.equal(calls.length, iam.requests.length + 3 + 4 + 3 + 3 + 3);
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
    const notes = entries.filter((e) => e.kind === 'note');
    assert.match(notes.at(-2)?.title ?? '', /^contain --execute finished: \d+ ok, 1 failed, 1 skipped$/);

    // The checks after the run: every key Inactive (the IAM fake's state after the UpdateAccessKey calls), and
    // each restored object's current version the one that was under its delete marker, as read back above.
    assert.equal(
      entries.at(-1)?.title,
      `contain --execute checks: ${users.length + 3} hold, 0 do not, 0 could not be checked`,
    );
    const verdicts: CheckVerdict[] = JSON.parse(
      await readFile(join(cases, CASE, entries.at(-1)?.files[0]?.path ?? ''), 'utf8'),
    );
    assert.deepEqual(
      verdicts.map((v) => [v.target, v.holds, v.found]),
      [
        ...iam.requests
          .filter((r) => r.action === 'UpdateAccessKey')
          .map(({ params: p }) => [`${p.UserName} ${p.AccessKeyId}`, true, `${p.AccessKeyId} is Inactive`]),
        ...facts.incident.deletedObjects.map((o, i) => [
          `s3://${o.bucket}/${o.key}`,
          true,
          `version ${currentVersions[i]} is current (ETag "${createHash('md5').update(original(o.key)).digest('hex')}")`,
        ]),
      ],
    );
    assert.ok(verdicts.slice(users.length).every((v, i) => v.expected === `version ${currentVersions[i]} is current`));
    assert.match(run.out, /Checks after the run:\n {2}holds: step 1 /);
    const verify = await tarn('case', 'verify', CASE, '--cases', cases);
    assert.equal(verify.code, 0, verify.err);
  } finally {
    client.destroy();
    await aws.close();
  }
});
