// The executor of `contain --execute` with an in-memory call sender: order, one result per call, stop or go
// on after a failure, the guard that never sends a deleting call, and the check before a delete marker goes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AwsCall } from '../../src/respond/containment/aws-call.ts';
import type { ExecutableStep } from '../../src/respond/containment/executable-steps.ts';
import { type CallAnswer, type CallResult, executePlan } from '../../src/respond/containment/plan-execution.ts';

const call = (operation: string, params: Record<string, unknown>, service: 'iam' | 's3' = 'iam'): AwsCall => ({
  service,
  operation,
  params,
});
const step = (action: string, calls: AwsCall[], origin: ExecutableStep['origin'] = 'containment'): ExecutableStep => ({
  origin,
  action,
  target: action,
  calls,
});

const keyOff = (user: string) =>
  call('UpdateAccessKey', { UserName: user, AccessKeyId: `AKIA${user}`, Status: 'Inactive' });
const marker = call('DeleteObject', { Bucket: 'b', Key: 'k.csv', VersionId: 'marker-1' }, 's3');

/** A sender that answers from a table of errors and listings, and remembers what it was sent. */
function fakeSender(errors: Record<string, { name: string; message: string }> = {}, listing: unknown = {}) {
  const sent: string[] = [];
  const send = async (c: AwsCall): Promise<CallAnswer> => {
    const name = `${c.operation} ${String(c.params.UserName ?? c.params.Bucket)}`;
    sent.push(name);
    const error = errors[name];
    if (error) throw Object.assign(new Error(error.message), { name: error.name, $metadata: { requestId: 'req-err' } });
    return {
      requestId: `req-${sent.length}`,
      httpStatusCode: 200,
      output: c.operation === 'ListObjectVersions' ? listing : {},
    };
  };
  return { sent, send };
}

async function run(steps: ExecutableStep[], sender: ReturnType<typeof fakeSender>, options = {}) {
  const recorded: [number, CallResult['status'], string][] = [];
  const results = await executePlan(steps, {
    send: sender.send,
    includeRecovery: false,
    continueOnError: false,
    record: async (result, n) => {
      recorded.push([n, result.status, result.call.operation]);
    },
    ...options,
  });
  return { results, recorded };
}

test('runs the steps in order and records one result per call', async () => {
  const sender = fakeSender();
  const { results, recorded } = await run([step('a', [keyOff('u1')]), step('b', [keyOff('u2'), keyOff('u3')])], sender);
  assert.deepEqual(sender.sent, ['UpdateAccessKey u1', 'UpdateAccessKey u2', 'UpdateAccessKey u3']);
  assert.deepEqual(
    results.map((r) => r.status),
    ['ok', 'ok'],
  );
  assert.deepEqual(
    recorded.map(([n]) => n),
    [1, 2, 2],
  );
  const first = results[0]?.calls[0];
  assert.equal(first?.status === 'ok' && first.answer.requestId, 'req-1');
});

test('stops after a failure unless told to go on, and keeps the AWS error code and message', async () => {
  const errors = { 'UpdateAccessKey u1': { name: 'NoSuchEntity', message: 'The user with name u1 cannot be found.' } };
  const steps = [step('a', [keyOff('u1'), keyOff('u9')]), step('b', [keyOff('u2')])];
  const stopped = await run(steps, fakeSender(errors));
  assert.deepEqual(
    stopped.results.map((r) => r.status),
    ['failed', 'skipped'],
  );
  const failed = stopped.results[0]?.calls[0];
  assert.deepEqual(failed?.status === 'failed' && [failed.error.code, failed.error.message, failed.error.requestId], [
    'NoSuchEntity',
    'The user with name u1 cannot be found.',
    'req-err',
  ]);
  assert.match(
    String(stopped.results[1]?.calls[0]?.status === 'skipped' && stopped.results[1].calls[0].reason),
    /step 1 failed/,
  );
  assert.equal(stopped.recorded.length, 3, 'the calls not sent are recorded as skipped too');
  const goOn = fakeSender(errors);
  const continued = await run(steps, goOn, { continueOnError: true });
  assert.deepEqual(
    continued.results.map((r) => r.status),
    ['failed', 'ok'],
  );
  assert.deepEqual(goOn.sent, ['UpdateAccessKey u1', 'UpdateAccessKey u2'], 'the rest of a failed step is not sent');
});

test('never sends a deleting call from the containment plan, whatever the options', async () => {
  const sender = fakeSender();
  const steps = [step('eradicate', [call('DeleteLoginProfile', { UserName: 'u1' })]), step('sneaky', [marker])];
  const { results } = await run(steps, sender, { includeRecovery: true });
  assert.deepEqual(sender.sent, []);
  for (const result of results) {
    assert.equal(result.status, 'skipped');
    assert.match(
      String(result.calls[0]?.status === 'skipped' && result.calls[0].reason),
      /^refused: Delete\w+ deletes/,
    );
  }
});

test('removes a delete marker only with --include-recovery, and only after listing shows it is one', async () => {
  const restore = step('remove-delete-marker', [marker], 'recovery');
  const without = fakeSender();
  const refused = await run([restore], without);
  assert.deepEqual(without.sent, []);
  assert.match(
    String(refused.results[0]?.calls[0]?.status === 'skipped' && refused.results[0].calls[0].reason),
    /--include-recovery/,
  );
  const isMarker = fakeSender({}, { DeleteMarkers: [{ Key: 'k.csv', VersionId: 'marker-1' }] });
  const restored = await run([restore], isMarker, { includeRecovery: true });
  assert.deepEqual(isMarker.sent, ['ListObjectVersions b', 'DeleteObject b']);
  assert.deepEqual(
    restored.recorded.map(([, status, op]) => `${op} ${status}`),
    ['ListObjectVersions ok', 'DeleteObject ok'],
  );
  const isData = fakeSender({}, { Versions: [{ Key: 'k.csv', VersionId: 'marker-1' }] });
  const kept = await run([restore], isData, { includeRecovery: true });
  assert.deepEqual(isData.sent, ['ListObjectVersions b']);
  assert.match(
    String(kept.results[0]?.calls[1]?.status === 'skipped' && kept.results[0].calls[1].reason),
    /not a delete marker/,
  );
});

test('a read that finds nothing configured is an answer; a step without calls is skipped with its reason', async () => {
  const errors = { 'GetBucketPolicy b': { name: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' } };
  const manual: ExecutableStep = { ...step('snapshot', []), manual: 'not automated' };
  const { results } = await run(
    [step('save', [call('GetBucketPolicy', { Bucket: 'b' }, 's3')]), manual],
    fakeSender(errors),
  );
  assert.deepEqual(
    results.map((r) => [r.status, r.reason]),
    [
      ['ok', undefined],
      ['skipped', 'not automated'],
    ],
  );
  const read = results[0]?.calls[0];
  assert.equal(read?.status === 'ok' && read.note, 'not configured (NoSuchBucketPolicy)');
});

test('when the case log cannot be written, nothing more is sent', async () => {
  const sender = fakeSender();
  const results = await executePlan([step('a', [keyOff('u1'), keyOff('u2')]), step('b', [keyOff('u3')])], {
    send: sender.send,
    includeRecovery: false,
    continueOnError: true,
    record: async () => {
      throw new Error('disk full');
    },
  });
  assert.deepEqual(sender.sent, ['UpdateAccessKey u1']);
  assert.match(
    String(results[1]?.calls[0]?.status === 'skipped' && results[1].calls[0].reason),
    /case log could not be written \(disk full\)/,
  );
});

test('fills run-time values from earlier answers of the step, once per value of a list, and never guesses one', async () => {
  const sent: string[] = [];
  const answers: Record<string, unknown> = {
    Describe: { Items: [{ Vpc: 'vpc-1', Volumes: [{ Id: 'vol-1' }, { Id: 'vol-2' }] }] },
    CreateGroup: { GroupId: 'sg-9' },
  };
  const send = async (c: AwsCall): Promise<CallAnswer> => {
    sent.push(`${c.operation} ${JSON.stringify(c.params)}`);
    return { requestId: 'r', httpStatusCode: 200, output: answers[c.operation] ?? {} };
  };
  const ref = (runTimeValue: string, from: string, path: string) => ({ runTimeValue, from, path });
  const isolate = step('isolate', [
    call('Describe', { Id: 'i-1' }),
    call('CreateGroup', { Vpc: ref('vpc', 'Describe', 'Items.0.Vpc') }),
    call('Snapshot', { Volume: { ...ref('volume', 'Describe', 'Items.*.Volumes.*.Id'), each: true } }),
    call('Move', { Groups: [ref('sg', 'CreateGroup', 'GroupId')] }),
    call('Tag', { Subnet: ref('subnet', 'Describe', 'Items.0.Subnet') }),
  ]);
  const results = await executePlan([isolate], {
    send,
    includeRecovery: false,
    continueOnError: false,
    record: async () => {},
  });
  assert.deepEqual(sent, [
    'Describe {"Id":"i-1"}',
    'CreateGroup {"Vpc":"vpc-1"}',
    'Snapshot {"Volume":"vol-1"}',
    'Snapshot {"Volume":"vol-2"}',
    'Move {"Groups":["sg-9"]}',
  ]);
  const calls = results[0]?.calls ?? [];
  assert.deepEqual(calls[4]?.resolved, {
    '<sg from create-group>': { ...ref('sg', 'CreateGroup', 'GroupId'), value: 'sg-9' },
  });
  const last = calls.at(-1);
  assert.equal(
    last?.status === 'skipped' && last.reason,
    'not sent: <subnet from describe> is not known: the answer of Describe has nothing at Items.0.Subnet',
  );
  assert.equal(results[0]?.status, 'skipped');

  // An instance without EBS volumes: nothing to snapshot is said in the log, and the step still ends ok.
  answers.Describe = { Items: [{ Vpc: 'vpc-1', Volumes: [] }] };
  const noVolumes = await executePlan([{ ...isolate, calls: isolate.calls.slice(0, 4) }], {
    send,
    includeRecovery: false,
    continueOnError: false,
    record: async () => {},
  });
  assert.equal(noVolumes[0]?.status, 'ok');
  const none = noVolumes[0]?.calls[2];
  assert.match(
    String(none?.status === 'skipped' && none.reason),
    /^nothing to send: <each volume from describe> has no value/,
  );
});
