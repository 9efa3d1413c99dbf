// `tarn investigate` keeps same-named users of different accounts apart: `deploy` exists in two accounts,
// and the report on one names only its own account's detections, findings and accounts, with the account
// in every section. Sources CloudTrail writes that are not plain addresses are shown as written. A principal
// seen only in findings or EKS audit logs, and an address (`--ip`), can be investigated too.
// Fixture: two-account-fixture.ts.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { A, ATTACKER_IP, B, DEPLOY_A, DEPLOY_B, writeTwoAccountLogs } from './two-account-fixture.ts';

let root: string;
let lake: string;

before(async () => {
  root = tempDir('tarn-two-accounts-');
  lake = join(root, 'lake');
  const files = await writeTwoAccountLogs(join(root, 'raw'));
  const run = await runTarn(['ingest', '--lake', lake, ...files]);
  assert.equal(run.code, 0, run.stderr);
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function investigate(principal: string, format: string): Promise<string> {
  const run = await runTarn(['investigate', '--lake', lake, '--principal', principal, '--format', format]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

interface Finding {
  account_id: string;
  rule: string | null;
  title: string;
}

test('a bare name that two accounts use is refused with both ARNs', async () => {
  const run = await runTarn(['investigate', '--lake', lake, '--principal', 'deploy']);
  assert.equal(run.code, 2);
  assert.ok(run.stderr.includes(DEPLOY_A) && run.stderr.includes(DEPLOY_B), run.stderr);
});

test("one account's deploy gets only its own account's detections and findings", async () => {
  const a = JSON.parse(await investigate(DEPLOY_A, 'json'));
  assert.deepEqual(
    a.findings.map((f: Finding) => [f.account_id, f.rule, f.title]),
    [
      [A, 'iam-user-creates-user', 'IAM user created another IAM user: helper'],
      [A, null, 'Unusual API calls by deploy'],
      // The high-severity finding raises a Tarn detection too, naming the key it was about.
      [A, 'aws-high-severity-finding', 'High-severity GuardDuty, Macie or Security Hub finding: AKIADEPLOY111111'],
    ],
  );
  assert.deepEqual(a.principal.account_ids, [A]);
  const b = JSON.parse(await investigate(DEPLOY_B, 'json'));
  assert.deepEqual(
    b.findings.map((f: Finding) => [f.account_id, f.rule ?? f.title]),
    [
      [B, 'iam-user-creates-user'],
      [B, 'cloudtrail-logging-stopped'],
      [B, 'role-created'],
      [B, 'deploy disabled logging'],
      [B, 'aws-high-severity-finding'],
    ],
  );
});

test('every section of the Markdown and HTML reports names the account', async () => {
  const md = await investigate(DEPLOY_A, 'md');
  const tables = md.split(/^## /m).filter((section) => section.includes('\n| '));
  assert.ok(tables.length >= 6, md);
  for (const section of tables) {
    const title = section.split('\n')[0];
    const header = section.split('\n').find((line) => line.startsWith('| ')) ?? '';
    const row = section.split('\n').filter((line) => line.startsWith('| '))[1] ?? '';
    if (/^(Containment|Recovery)/.test(title ?? '')) continue;
    assert.match(header, /\| accounts? \|/, `section ${title}`);
    assert.ok(row.includes(A) && !row.includes(B), `section ${title}: ${row}`);
  }
  assert.match(
    md,
    /\*\*user\*\* `helper` `arn:aws:iam::111111111111:user\/helper` — CreateUser at \S+ in 111111111111,/,
  );
  const html = await investigate(DEPLOY_A, 'html');
  assert.ok(html.includes('<th>account</th>') && html.includes('<th>accounts</th>'));
  assert.ok(!html.includes(B) || !html.includes('org-trail'), 'no trace of the other account');
});

test('sources that are not addresses are shown as CloudTrail wrote them, with why they have no owner', async () => {
  const a = JSON.parse(await investigate(DEPLOY_A, 'json'));
  const sources = Object.fromEntries(a.source_ips.map((s: { value: string; ip_note: string }) => [s.value, s.ip_note]));
  assert.equal(sources['AWS Internal'], 'not an IP address: a call made by an AWS service');
  assert.equal(sources['010.001.002.003'], 'not a valid IP address as written (shown as recorded)');
  assert.ok(a.timeline.some((t: { ip: string }) => t.ip === 'AWS Internal'));
});

test('a principal seen only in a finding is investigated from it, with that finding', async () => {
  const ghost = JSON.parse(await investigate('ghost', 'json'));
  assert.deepEqual(
    [ghost.principal.type, ghost.principal.arn, ghost.principal.account_ids, ghost.event_count],
    ['IAMUser', `arn:aws:iam::${A}:user/ghost`, [A], 0],
  );
  assert.deepEqual(
    ghost.principal.elsewhere.map((e: { table: string; count: number }) => [e.table, e.count]),
    [['sh_findings', 1]],
  );
  assert.deepEqual(
    ghost.findings.map((f: Finding) => f.title),
    [
      'Credentials of ghost used from a Tor exit node',
      `High-severity GuardDuty, Macie or Security Hub finding: arn:aws:iam::${A}:user/ghost`,
    ],
  );
  const md = await investigate('ghost', 'md');
  assert.match(md, /^- \*\*Seen only in:\*\* 1 finding resource\(s\) from 2024-03-10T12:00:00\.000Z/m);
});

test('a role seen only in EKS audit logs is investigated from them, by name or ARN', async () => {
  for (const asked of ['kube-operator', `arn:aws:iam::${A}:role/kube-operator`]) {
    const role = JSON.parse(await investigate(asked, 'json'));
    assert.deepEqual(
      [role.principal.type, role.principal.arn, role.principal.access_key_ids],
      ['Role', `arn:aws:iam::${A}:role/kube-operator`, ['ASIAKUBEOPERATOR0001']],
      asked,
    );
    assert.deepEqual(
      role.principal.elsewhere.map((e: { table: string; count: number }) => [e.table, e.count]),
      [['eks_audit', 1]],
    );
  }
});

test('--ip lists every principal and flow that used the address, in every format', async () => {
  const out = join(root, 'by-ip');
  const run = await runTarn(['investigate', '--lake', lake, '--ip', ATTACKER_IP, '--format', 'md,json', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(await readFile(join(out, 'investigation.json'), 'utf8'));
  assert.deepEqual(
    report.users.map((u: { source: string; account_id: string; principal: string; count: number }) => [
      u.source,
      u.account_id,
      u.principal,
      u.count,
    ]),
    [
      ['CloudTrail', A, DEPLOY_A, 1],
      ['CloudTrail', B, `arn:aws:iam::${B}:user/ops`, 1],
      ['EKS audit', A, `arn:aws:iam::${A}:role/kube-operator`, 1],
    ],
  );
  assert.deepEqual(
    report.flows.map((f: { destination_port: number; action: string; count: number; bytes: number }) => [
      f.destination_port,
      f.action,
      f.count,
      f.bytes,
    ]),
    [
      [443, 'Allowed', 2, 7300],
      [22, 'Denied', 1, 60],
    ],
  );
  const md = await readFile(join(out, 'investigation.md'), 'utf8');
  assert.ok(md.startsWith(`# Investigation: address ${ATTACKER_IP}\n`), md);
  assert.ok(!md.includes('198.51.100.9'), 'another address left out');
  const asWritten = await runTarn(['investigate', '--lake', lake, '--ip', 'AWS Internal', '--format', 'json']);
  assert.deepEqual(
    JSON.parse(asWritten.stdout).users.map((u: { principal: string }) => u.principal),
    [DEPLOY_A],
  );
});

test('--ip and --principal together are refused', async () => {
  const run = await runTarn(['investigate', '--lake', lake, '--ip', ATTACKER_IP, '--principal', DEPLOY_A]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^tarn investigate: give either --principal or --ip ADDRESS$/m);
});
