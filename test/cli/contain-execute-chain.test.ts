// `tarn contain --execute` on a role chain that crosses accounts (test/respond/role-chain/cloudtrail.jsonl):
// the investigated role is in account B, alice's key and user in account A. The default credentials are B's,
// so A's steps are never sent with them: without --profile-for they are skipped and say why; with it they go
// with that profile's credentials. Which credentials signed each request is read from its SigV4 scope.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { IamRecordedFake } from '../helpers/iam-recorded-fake.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { startLocalAws } from '../helpers/local-aws-endpoint.ts';
import { tarn } from '../helpers/run-cli.ts';
import { StsRecordedFake } from '../helpers/sts-recorded-fake.ts';

const A = '111111111111';
const B = '222222222222';
const KEY_OF_B = 'AKIADEFAULTACCOUNTB1';
const KEY_OF_A = 'AKIAPROFILEACCOUNTA1';
const savedEnv = { ...process.env };
let root: string;
let lake: string;

before(async () => {
  root = tempDir('tarn-contain-chain-');
  lake = join(root, 'lake');
  await ingest({ lakeDir: lake, paths: [join(REPO, 'test/respond/role-chain/cloudtrail.jsonl')] });
  const credentials = join(root, 'aws-credentials');
  await writeFile(
    credentials,
    `[default]\naws_access_key_id = ${KEY_OF_B}\naws_secret_access_key = b\n\n[incident-a]\naws_access_key_id = ${KEY_OF_A}\naws_secret_access_key = a\n`,
  );
  await writeFile(join(root, 'aws-config'), '');
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
    delete process.env[name];
  }
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: join(root, 'aws-config'),
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

after(() => {
  process.env = savedEnv;
});

async function execute(caseName: string, ...more: string[]) {
  const cases = join(root, 'cases');
  await mkdir(cases, { recursive: true });
  assert.equal((await tarn('case', 'open', caseName, '--cases', cases, '--analyst', 'alice')).code, 0);
  const iam = new IamRecordedFake(undefined, { alice: ['AKIAALICEEXAMPLE0001'] });
  const aws = await startLocalAws({ iam, sts: new StsRecordedFake(B, { [KEY_OF_A]: A }) });
  try {
    const run = await tarn(
      ...['contain', '--execute', '--yes', '--case', caseName, '--cases', cases, '--analyst', 'alice'],
      ...['--principal', 'ASIADATAREADERSESS01', '--lake', lake, '--endpoint-url', aws.url, ...more],
    );
    const sent = iam.requests.map((r, i) => [
      r.action,
      r.params.UserName ?? r.params.RoleName,
      aws.requests.filter((r) => r.service === 'iam')[i]?.accessKeyId,
    ]);
    return { run, sent, caseDir: join(cases, caseName) };
  } finally {
    await aws.close();
  }
}

test('without --profile-for, the steps in account A are not sent, and say why; B’s go with the default credentials', async () => {
  const { run, sent, caseDir } = await execute('IR-chain-1');
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(sent, [
    ['PutRolePolicy', 'ops-admin', KEY_OF_B],
    ['PutRolePolicy', 'data-reader', KEY_OF_B],
  ]);
  const why = `runs in account ${A}, not the investigated account 222222222222: not sent without that account's credentials (give --profile-for ${A}=PROFILE)`;
  assert.ok(run.out.includes(`1. skipped deactivate-access-key: alice AKIAALICEEXAMPLE0001 (${why})`), run.out);
  assert.ok(run.out.includes(`2. skipped deny-all-user-policy: alice (${why})`), run.out);
  assert.match(run.out, /^3\. ok revoke-role-sessions: arn:aws:iam::222222222222:role\/ops-admin$/m);
  assert.match(run.out, /^4\. ok revoke-role-sessions: arn:aws:iam::222222222222:role\/data-reader$/m);
  assert.ok(run.out.includes(`1. [containment] deactivate-access-key: alice AKIAALICEEXAMPLE0001 (in account ${A})`));
  const call = JSON.parse(await readFile(join(caseDir, 'evidence/0003/call.json'), 'utf8'));
  assert.deepEqual([call.request.operation, call.status, call.reason], ['UpdateAccessKey', 'skipped', why]);
  assert.equal((await tarn('case', 'verify', 'IR-chain-1', '--cases', join(root, 'cases'))).code, 0);
});

test('with --profile-for, the steps in account A and their check are sent with that profile, the rest with the default', async () => {
  const { run, sent, caseDir } = await execute('IR-chain-2', '--profile-for', `${A}=incident-a`);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(sent, [
    ['UpdateAccessKey', 'alice', KEY_OF_A],
    ['PutUserPolicy', 'alice', KEY_OF_A],
    ['PutRolePolicy', 'ops-admin', KEY_OF_B],
    ['PutRolePolicy', 'data-reader', KEY_OF_B],
    ['ListAccessKeys', 'alice', KEY_OF_A],
  ]);
  assert.match(
    run.out,
    /holds: step 1 alice AKIAALICEEXAMPLE0001: expected access key AKIAALICEEXAMPLE0001 is Inactive/,
  );
  const call = JSON.parse(await readFile(join(caseDir, 'evidence/0003/call.json'), 'utf8'));
  assert.deepEqual(
    [call.request.operation, call.request.profile, call.status],
    ['UpdateAccessKey', 'incident-a', 'ok'],
  );
});

test('a --profile-for that is not ACCOUNT=PROFILE is a usage error, before anything is sent', async () => {
  const { run, sent } = await execute('IR-chain-3', '--profile-for', 'incident-a');
  assert.deepEqual(
    [run.code, run.err],
    [2, 'tarn contain: --profile-for takes ACCOUNT=PROFILE with a 12-digit account id, not "incident-a"\n'],
  );
  assert.deepEqual(sent, []);
});
