// `tarn contain --execute` before anything is sent: `--dry-run` prints the SDK calls, a missing case or
// confirmation sends nothing, and a confirmed run against an endpoint without S3 stops at the first failure.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { executeContainment } from '../../src/cli/contain-execution.ts';
import type { ExecutableStep } from '../../src/respond/containment/executable-steps.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { argsOf, CASE, useIncidentCase } from '../helpers/incident-case-fixture.ts';
import { startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { StsRecordedFake } from '../helpers/sts-recorded-fake.ts';

const incident = useIncidentCase();

test('--dry-run prints the SDK calls and sends nothing; deletes appear only as recovery of delete markers', async () => {
  const io = collectingIO();
  assert.equal(
    await executeContainment(
      argsOf({ 'dry-run': true, 'include-recovery': true }),
      io,
      (await incident.investigated()).investigation,
    ),
    0,
  );
  const steps = JSON.parse(io.out.join('')) as ExecutableStep[];
  const deletes = steps.flatMap((s) =>
    s.calls.filter((c) => /^Delete/.test(c.operation)).map((c) => [s.origin, c.params]),
  );
  assert.deepEqual(
    deletes,
    incident.facts.incident.deletedObjects.map((o) => [
      'recovery',
      { Bucket: o.bucket, Key: o.key, VersionId: o.deleteMarkerVersionId },
    ]),
  );
  const missingCase = executeContainment(
    argsOf({ execute: true, yes: true }),
    collectingIO(),
    (await incident.investigated()).investigation,
  );
  await assert.rejects(missingCase, { name: 'TarnError', exitCode: 2, message: /--execute needs --case NAME/ });
});

test('asks before sending: no terminal needs --yes, a wrong answer sends nothing, the case name runs it to the first failure', async () => {
  const iam = new IamRecordedFake();
  // No S3 stand-in behind this endpoint: the first S3 call fails, and without --continue-on-error the run stops.
  const aws = await startLocalAws({ iam, sts: new StsRecordedFake(incident.facts.incident.accountId) });
  const args = argsOf({ execute: true, case: CASE, cases: incident.cases, analyst: 'bob', 'endpoint-url': aws.url });
  const logged = (await incident.entries()).length;
  try {
    const noTerminal = executeContainment(args, collectingIO(), (await incident.investigated()).investigation);
    await assert.rejects(noTerminal, { exitCode: 2, message: /without a terminal to confirm on, give --yes/ });
    const questions: string[] = [];
    const answering = (answer: string) => ({
      ...collectingIO(),
      ask: async (question: string) => {
        questions.push(question);
        return answer;
      },
    });
    await assert.rejects(executeContainment(args, answering('no'), (await incident.investigated()).investigation), {
      message: /not confirmed/,
    });
    assert.deepEqual(
      [iam.requests.length, (await incident.entries()).length],
      [0, logged],
      'nothing sent, nothing logged',
    );

    const io = answering(` ${CASE} `);
    assert.equal(await executeContainment(args, io, (await incident.investigated()).investigation), 1);
    assert.match(questions[1] ?? '', new RegExp(`Type the case name \\(${CASE}\\) or "yes"`));
    const actions = iam.requests.map((r) => r.action);
    assert.equal(actions.indexOf('ListAccessKeys'), 11, 'every IAM step ran before the first S3 call');
    assert.deepEqual(actions.slice(11), Array(4).fill('ListAccessKeys'), 'then the checks of the keys it deactivated');
    const out = io.out.join('');
    assert.match(out, /\d+\. failed lock-down-bucket: breach\.notify \(GetBucketPolicy: /);
    assert.match(out, /\d+\. skipped preserve-bucket-configuration: \S+ \(not run: step \d+ failed/);
    const entries = (await incident.entries()).slice(logged);
    assert.match(entries[0]?.title ?? '', new RegExp(`confirmed by bob by typing "${CASE}"$`));
    assert.equal(entries.filter((e) => e.kind === 'aws-call' && / skipped: not run: /.test(e.title)).length, 6);
  } finally {
    await aws.close();
  }
});
