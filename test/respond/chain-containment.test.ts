// The containment plan of a chained temporary key contains every link of the chain: alice's long-term key in
// account A (deactivated, and alice denied everything), and the sessions of both roles in account B (revoked).
// The steps in account A say so. Fixture: test/respond/role-chain/cloudtrail.jsonl (see role-chain.test.ts).

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const A = '111111111111';
const B = '222222222222';
const ALICE = `arn:aws:iam::${A}:user/alice`;
const OPS_SESSION = `arn:aws:sts::${B}:assumed-role/ops-admin/alice-ops`;
const uid = (n: number) => `e000000${n}-0000-4000-8000-00000000000${n}`;
const FIRST_HOP = `AssumeRole by ${ALICE} with AKIAALICEEXAMPLE0001 at 2024-03-10T14:00:05.000Z issued ASIAOPSADMINSESSION1 for ${OPS_SESSION} (session alice-ops, source identity alice@example.com, from account ${A})`;
const SECOND_HOP = `AssumeRole by ${OPS_SESSION} with ASIAOPSADMINSESSION1 at 2024-03-10T14:05:10.000Z issued ASIADATAREADERSESS01 for arn:aws:sts::${B}:assumed-role/data-reader/chained (session chained, source identity alice@example.com)`;

interface Step {
  action: string;
  target: string;
  account?: string;
  why: string;
  evidence: { uid: string }[];
  commands: string[];
}

let lake: string;

/** Each step as what it does, to what, and in which account when not the investigated one. */
const brief = (steps: Step[]) => steps.map((s) => [s.action, s.target, s.account]);

async function plan(principal: string) {
  const run = await tarn('contain', '--plan', '--principal', principal, '--lake', lake, '--format', 'json');
  assert.equal(run.code, 0, run.err);
  return JSON.parse(run.out).containment as { account: string; generated_at: string; steps: Step[]; verify: string[] };
}

before(async () => {
  lake = join(tempDir('tarn-chain-plan-'), 'lake');
  await ingest({ lakeDir: lake, paths: [join(REPO, 'test/respond/role-chain/cloudtrail.jsonl')] });
});

const revoke = (role: string, now: string) =>
  `aws iam put-role-policy --role-name ${role} --policy-name AWSRevokeOlderSessions --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"${now}"}}}]}'`;

test('the chained key: alice’s key and user in account A, both roles’ older sessions in B, each for the chain’s events', async () => {
  const { account, generated_at: now, steps, verify } = await plan('ASIADATAREADERSESS01');
  assert.equal(account, B);
  assert.deepEqual(
    steps.map(({ action, target, why, evidence, commands, ...s }) => ({
      action,
      target,
      account: s.account ?? account,
      why,
      evidence: evidence.map((e) => e.uid),
      commands,
    })),
    [
      {
        action: 'deactivate-access-key',
        target: 'alice AKIAALICEEXAMPLE0001',
        account: A,
        why: `the long-term key the credential chain starts from: ${FIRST_HOP}`,
        evidence: [uid(1), uid(2)],
        commands: [
          'aws iam update-access-key --user-name alice --access-key-id AKIAALICEEXAMPLE0001 --status Inactive',
        ],
      },
      {
        action: 'deny-all-user-policy',
        target: 'alice',
        account: A,
        why: `the user the credential chain starts from: ${FIRST_HOP}`,
        evidence: [uid(1), uid(2)],
        commands: [
          `aws iam put-user-policy --user-name alice --policy-name TarnIncidentDenyAll --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"TarnIncidentDenyAll","Effect":"Deny","Action":"*","Resource":"*"}]}'`,
        ],
      },
      {
        action: 'revoke-role-sessions',
        target: `arn:aws:iam::${B}:role/ops-admin`,
        account: B,
        why: `a role of the credential chain: ${FIRST_HOP}; ${SECOND_HOP}`,
        evidence: [uid(1), uid(2), uid(3)],
        commands: [revoke('ops-admin', now)],
      },
      {
        action: 'revoke-role-sessions',
        target: `arn:aws:iam::${B}:role/data-reader`,
        account: B,
        why: `the investigated role: 2 call(s) from 203.0.113.10, 2024-03-10T14:06:00.000Z to 2024-03-10T14:07:30.000Z; a role of the credential chain: ${SECOND_HOP}`,
        evidence: [uid(3), uid(4), uid(5)],
        commands: [revoke('data-reader', now)],
      },
    ],
  );
  assert.equal(
    verify[0],
    `aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=AKIAALICEEXAMPLE0001 --start-time ${now}   # in account ${A}`,
  );
  assert.ok(
    steps.filter((s) => s.account === undefined).every((s) => s.target.includes(`::${B}:`)),
    'only steps in B go without an account',
  );
});

test('the first session key: alice’s key and user, its own role, and the session it started', async () => {
  const { steps } = await plan('ASIAOPSADMINSESSION1');
  assert.deepEqual(brief(steps), [
    ['deactivate-access-key', 'alice AKIAALICEEXAMPLE0001', A],
    ['deny-all-user-policy', 'alice', A],
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/ops-admin`, undefined],
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/data-reader`, undefined],
  ]);
  assert.equal(steps[3]?.why, "sessions started from the investigated principal's credentials");
  assert.match(
    steps[2]?.why ?? '',
    /^the investigated role: .*; a role of the credential chain: AssumeRole by arn:aws:iam::111111111111:user\/alice /,
  );
});

test('alice herself: her key and user in her own account, and the sessions she started in B, marked as B’s', async () => {
  const { account, steps } = await plan('alice');
  assert.equal(account, A);
  assert.deepEqual(brief(steps), [
    ['deactivate-access-key', 'alice AKIAALICEEXAMPLE0001', undefined],
    ['deny-all-user-policy', 'alice', undefined],
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/ops-admin`, B],
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/data-reader`, B],
  ]);
});

test('a chain whose first hop is not in the lake still revokes the role its first caller worked in', async () => {
  const partial = join(tempDir('tarn-chain-partial-'), 'lake');
  const fixture = await readFile(join(REPO, 'test/respond/role-chain/cloudtrail.jsonl'), 'utf8');
  const withoutFirstHop = join(tempDir(), 'cloudtrail.jsonl');
  await writeFile(withoutFirstHop, fixture.split('\n').slice(2).join('\n'));
  await ingest({ lakeDir: partial, paths: [withoutFirstHop] });
  const run = await tarn(
    'contain',
    '--plan',
    '--principal',
    'ASIADATAREADERSESS01',
    '--lake',
    partial,
    '--format',
    'json',
  );
  const { steps } = JSON.parse(run.out).containment as { steps: Step[] };
  assert.deepEqual(brief(steps), [
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/ops-admin`, undefined],
    ['revoke-role-sessions', `arn:aws:iam::${B}:role/data-reader`, undefined],
  ]);
  assert.equal(steps[0]?.why, `a role of the credential chain: ${SECOND_HOP}`);
});

test('the Markdown plan names the account a step runs in when it is not the investigated one', async () => {
  const run = await tarn('contain', '--plan', '--principal', 'ASIADATAREADERSESS01', '--lake', lake);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, new RegExp(`Steps run in the investigated account, ${B}, unless they name another\\.`));
  const runsIn = `- **Runs in account:** ${A}, not the investigated account: run its commands with that account's credentials (\`contain --execute --profile-for ${A}=PROFILE\`)`;
  const stepText = (n: number) => run.out.slice(run.out.indexOf(`### ${n}. `), run.out.indexOf(`### ${n + 1}. `));
  assert.ok(stepText(1).includes(runsIn), stepText(1));
  assert.ok(stepText(2).includes(runsIn), stepText(2));
  assert.ok(!stepText(3).includes('Runs in account'), stepText(3));
});
