// `tarn contain --plan --out` saves the reviewed plan and `--execute --plan-file` runs exactly it, after STS
// GetCallerIdentity (answered by a recorded-request fake, not STS) says the credentials are the plan's
// account; `--execute` without a case, or with one that was never opened, fails before any analysis.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { camelCaseKeys } from '../../src/json-keys.ts';
import { parsePlan } from '../../src/respond/report/plan-file.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { CASE, useIncidentCase } from '../helpers/incident-case-fixture.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { StsRecordedFake } from '../helpers/sts-recorded-fake.ts';

const incident = useIncidentCase();
const planFile = join(tempDir('tarn-plan-file-'), 'plan.json');

test('--plan --out saves the plan --format json prints, and it reads back as the same plan', async () => {
  const user = incident.facts.incident.compromisedUser.userName;
  const run = await tarn('contain', '--plan', '--principal', user, '--lake', incident.lakeDir, '--out', planFile);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^# Containment and recovery: /);
  assert.match(run.err, new RegExp(`wrote ${planFile}: run exactly this plan with tarn contain --execute --plan-file`));
  const text = await readFile(planFile, 'utf8');
  const saved = JSON.parse(text);
  assert.equal(saved.format, 'tarn-containment-plan/1');
  assert.equal(saved.containment.account, incident.facts.incident.accountId);
  assert.ok(saved.containment.steps[0].wont_undo, 'snake_case keys, as --format json');
  const plan = parsePlan(text, planFile);
  assert.ok(!('problem' in plan));
  assert.deepEqual(plan, camelCaseKeys(saved));
  const { containment, recovery } = (await incident.investigated()).investigation;
  assert.deepEqual(
    plan.containment.steps.map((s) => [s.action, s.target, s.calls.length]),
    containment.steps.map((s) => [s.action, s.target, s.calls.length]),
  );
  assert.deepEqual(plan.recovery.length, recovery.length);
});

test('--execute --plan-file runs exactly the saved plan, with no lake, after STS names the plan’s account', async () => {
  const saved = JSON.parse(await readFile(planFile, 'utf8'));
  const iam = new IamRecordedFake();
  const sts = new StsRecordedFake(incident.facts.incident.accountId);
  const aws = await startLocalAws({ iam, sts });
  try {
    const run = await tarn(
      ...['contain', '--execute', '--plan-file', planFile, '--yes', '--no-verify', '--case', CASE],
      ...['--cases', incident.cases, '--analyst', 'alice', '--endpoint-url', aws.url, '--lake', tempDir()],
    );
    // No S3 stand-in: the first S3 step fails and the run stops there, after every IAM step.
    assert.equal(run.code, 1, run.err);
    assert.deepEqual(
      sts.requests.map((r) => r.action),
      ['GetCallerIdentity'],
    );
    assert.match(
      run.out,
      new RegExp(`Credentials \\(STS\\): the default credentials: account ${saved.containment.account}`),
    );
    const revoke = iam.requests.find((r) => r.action === 'PutRolePolicy');
    const issued = JSON.parse(revoke?.params.PolicyDocument ?? '{}').Statement[0].Condition.DateLessThan[
      'aws:TokenIssueTime'
    ];
    assert.equal(issued, saved.containment.generated_at, 'the saved plan’s time, not a rebuilt plan’s');
  } finally {
    await aws.close();
  }
});

test('credentials of another account stop the run before anything is sent or logged', async () => {
  const iam = new IamRecordedFake();
  const aws = await startLocalAws({ iam, sts: new StsRecordedFake('999999999999') });
  const logged = (await incident.entries()).length;
  try {
    const run = await tarn(
      ...['contain', '--execute', '--plan-file', planFile, '--yes', '--case', CASE],
      ...['--cases', incident.cases, '--analyst', 'alice', '--endpoint-url', aws.url],
    );
    assert.deepEqual(
      [run.code, run.err],
      [
        1,
        `tarn contain: nothing was sent: the default credentials are for account 999999999999, but the plan's steps for them run in account ${incident.facts.incident.accountId}\n`,
      ],
    );
    assert.deepEqual([iam.requests.length, (await incident.entries()).length], [0, logged]);
  } finally {
    await aws.close();
  }
});

test('--execute fails at once without --case, with a case never opened, or with a plan file that is not one', async () => {
  const user = incident.facts.incident.compromisedUser.userName;
  // The lake does not exist: an error about the case, not the lake, shows the case was checked first.
  const noLake = join(tempDir(), 'no-lake');
  const noCase = await tarn('contain', '--execute', '--yes', '--principal', user, '--lake', noLake);
  assert.deepEqual(
    [noCase.code, noCase.err],
    [2, 'tarn contain: --execute needs --case NAME: every call is logged to a case\n'],
  );
  const unknown = await tarn(
    ...['contain', '--execute', '--yes', '--case', 'IR-none', '--cases', incident.cases],
    ...['--principal', user, '--lake', noLake],
  );
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.err,
    /^tarn contain: nothing was sent: there is no case at .*IR-none \(open it with tarn case open IR-none\)\n$/,
  );
  const notPlan = join(tempDir(), 'other.json');
  await writeFile(notPlan, '{"principal": {"arn": "x"}}');
  const cases = ['--case', CASE, '--cases', incident.cases];
  const bad = await tarn('contain', '--execute', '--yes', '--plan-file', notPlan, ...cases);
  assert.deepEqual(
    [bad.code, bad.err],
    [
      2,
      `tarn contain: ${notPlan} is not a plan saved by tarn contain --plan --out (no "format": "tarn-containment-plan/1")\n`,
    ],
  );
  const both = await tarn('contain', '--execute', '--yes', '--plan-file', planFile, '--principal', user, ...cases);
  assert.deepEqual(
    [both.code, both.err],
    [2, 'tarn contain: --plan-file runs the saved plan as it is: drop --principal\n'],
  );
});
