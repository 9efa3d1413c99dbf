// The checks after `contain --execute`, with an in-memory sender: a verdict per deactivated key and restored
// object that was sent, which says when the effect is not there, or that it could not be checked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AwsCall } from '../../src/respond/containment/aws-call.ts';
import type { CallAnswer, StepResult } from '../../src/respond/containment/plan-execution.ts';
import { runChecks } from '../../src/respond/containment/post-run-checks.ts';

const ok = (call: AwsCall, output: unknown = {}) =>
  ({ status: 'ok', call, answer: { requestId: 'r', httpStatusCode: 200, output } }) as const;
const keyOff: AwsCall = {
  service: 'iam',
  operation: 'UpdateAccessKey',
  params: { UserName: 'u1', AccessKeyId: 'AKIA1', Status: 'Inactive' },
};
const listing = { service: 's3', operation: 'ListObjectVersions', params: { Bucket: 'b', Prefix: 'k' } } as const;
const unmark: AwsCall = {
  service: 's3',
  operation: 'DeleteObject',
  params: { Bucket: 'b', Key: 'k', VersionId: 'm1' },
};

const results: StepResult[] = [
  {
    step: 1,
    origin: 'containment',
    action: 'deactivate-access-key',
    target: 'u1 AKIA1',
    status: 'failed',
    calls: [
      {
        status: 'failed',
        call: keyOff,
        error: { code: 'AccessDenied', message: 'no', requestId: null, httpStatusCode: 403 },
      },
    ],
  },
  {
    step: 2,
    origin: 'recovery',
    action: 'remove-delete-marker',
    target: 's3://b/k',
    status: 'ok',
    calls: [
      ok(listing, { Versions: [{ Key: 'k', VersionId: 'v1' }], DeleteMarkers: [{ Key: 'k', VersionId: 'm1' }] }),
      ok(unmark),
    ],
  },
];

test('says when a key is still Active or a delete marker still current, and when a check could not run', async () => {
  const answers: Record<string, unknown> = {
    ListAccessKeys: { AccessKeyMetadata: [{ AccessKeyId: 'AKIA1', Status: 'Active' }] },
    ListObjectVersions: {
      DeleteMarkers: [{ Key: 'k', VersionId: 'm2', IsLatest: true }],
      Versions: [{ Key: 'k', VersionId: 'v1' }],
    },
  };
  const sent: string[] = [];
  const send = async (call: AwsCall): Promise<CallAnswer> => {
    sent.push(`${call.operation} ${JSON.stringify(call.params)}`);
    return { requestId: 'r', httpStatusCode: 200, output: answers[call.operation] };
  };
  const record = async () => {};
  const verdicts = await runChecks(results, { send, includeRecovery: true, record });
  assert.deepEqual(sent, ['ListAccessKeys {"UserName":"u1"}', 'ListObjectVersions {"Bucket":"b","Prefix":"k"}']);
  assert.deepEqual(
    verdicts.map((v) => [v.step, v.expected, v.holds, v.found]),
    [
      [1, 'access key AKIA1 is Inactive', false, 'AKIA1 is Active'],
      [2, 'version v1 is current', false, 'a delete marker (m2) is current'],
    ],
  );
  const failing = async (): Promise<CallAnswer> => {
    throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
  };
  const unknown = await runChecks(results.slice(0, 1), { send: failing, includeRecovery: false, record });
  assert.deepEqual(
    unknown.map((v) => [v.holds, v.found]),
    [[null, 'not checked (AccessDenied: denied)']],
  );
});
