// `tarn investigate --principal ASIA…` traces a temporary key to the AssumeRole that issued it, and on
// through a role chain: a user in account A assumes a role in account B (recorded in both accounts),
// whose session assumes a second role in B, whose key then calls S3 and EC2. The source identity set
// at the first hop is carried down the chain. Fixture: test/respond/role-chain/cloudtrail.jsonl.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO, runTarn, tempDir } from '../helpers/lake-fixtures.ts';

const A = '111111111111';
const B = '222222222222';
const ref = (n: number, accountId: string, time: string) => ({
  uid: `e000000${n}-0000-4000-8000-00000000000${n}`,
  time,
  operation: 'AssumeRole',
  account_id: accountId,
  region: 'us-east-1',
});

const EXPECTED_CHAIN = [
  {
    access_key_id: 'ASIAOPSADMINSESSION1',
    operation: 'AssumeRole',
    role_arn: `arn:aws:iam::${B}:role/ops-admin`,
    session_arn: `arn:aws:sts::${B}:assumed-role/ops-admin/alice-ops`,
    session_name: 'alice-ops',
    account_id: B,
    source_identity: 'alice@example.com',
    caller: {
      type: 'IAMUser',
      arn: `arn:aws:iam::${A}:user/alice`,
      account_id: A,
      access_key_id: 'AKIAALICEEXAMPLE0001',
      source_identity: null,
      ip: '203.0.113.10',
    },
    cross_account: true,
    events: [ref(1, A, '2024-03-10T14:00:05.000Z'), ref(2, B, '2024-03-10T14:00:05.000Z')],
  },
  {
    access_key_id: 'ASIADATAREADERSESS01',
    operation: 'AssumeRole',
    role_arn: `arn:aws:iam::${B}:role/data-reader`,
    session_arn: `arn:aws:sts::${B}:assumed-role/data-reader/chained`,
    session_name: 'chained',
    account_id: B,
    source_identity: 'alice@example.com',
    caller: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${B}:assumed-role/ops-admin/alice-ops`,
      account_id: B,
      access_key_id: 'ASIAOPSADMINSESSION1',
      source_identity: 'alice@example.com',
      ip: '203.0.113.10',
    },
    cross_account: false,
    events: [ref(3, B, '2024-03-10T14:05:10.000Z')],
  },
];

let root: string;
let lake: string;

async function investigate(principal: string, format: string): Promise<string> {
  const run = await runTarn(['investigate', '--lake', lake, '--principal', principal, '--format', format]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

before(async () => {
  root = tempDir('tarn-role-chain-');
  lake = join(root, 'lake');
  const run = await runTarn(['ingest', '--lake', lake, join(REPO, 'test/respond/role-chain/cloudtrail.jsonl')]);
  assert.equal(run.code, 0, run.stderr);
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('the chained session key is traced through both AssumeRole calls to the user', async () => {
  const report = JSON.parse(await investigate('ASIADATAREADERSESS01', 'json'));
  assert.equal(report.principal.arn, `arn:aws:iam::${B}:role/data-reader`);
  assert.deepEqual(report.principal.chain, EXPECTED_CHAIN);
});

test('the first session key is traced one hop, to the user in the other account', async () => {
  const report = JSON.parse(await investigate('ASIAOPSADMINSESSION1', 'json'));
  assert.deepEqual(report.principal.chain, EXPECTED_CHAIN.slice(0, 1));
});

test('a long-term user has no chain', async () => {
  const report = JSON.parse(await investigate('alice', 'json'));
  assert.deepEqual(report.principal.chain, []);
});

test('the Markdown and HTML reports show the path and a row per issued key', async () => {
  const path = `arn:aws:iam::${A}:user/alice (AKIAALICEEXAMPLE0001, account ${A}) → AssumeRole → arn:aws:sts::${B}:assumed-role/ops-admin/alice-ops in ${B} (cross-account), session name alice-ops, source identity alice@example.com → AssumeRole → arn:aws:sts::${B}:assumed-role/data-reader/chained in ${B}, session name chained, source identity alice@example.com`;
  const md = await investigate('ASIADATAREADERSESS01', 'md');
  assert.ok(md.includes(`- **Credential chain:** ${path}\n`), md.slice(0, 2000));
  const section = md.slice(md.indexOf('## Role chain'), md.indexOf('## API calls'));
  assert.equal(section.split('\n').filter((line) => line.startsWith('| ASIA')).length, 2);
  assert.match(section, /\| ASIAOPSADMINSESSION1 \| AssumeRole \| .* \| 222222222222 \(cross-account\) \|/);
  const html = await investigate('ASIADATAREADERSESS01', 'html');
  assert.ok(html.includes(`<li><b>Credential chain:</b> ${path}</li>`));
  assert.ok(html.includes('<h2 id="chain">Role chain</h2>'));
  assert.ok(html.includes('<td>e0000003-0000-4000-8000-000000000003</td>'));
});
