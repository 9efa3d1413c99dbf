// `tarn investigate`, `tarn contain --plan` and `tarn timeline` on the synthetic organization's incident.
// Every expectation comes from the generator's ScenarioFacts or from the raw CloudTrail it wrote, never
// from what Tarn itself answers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { useIncidentLake } from '../helpers/incident-lake.ts';
import { field, type Json } from '../scenario/delivered-files.ts';

interface Proof {
  uid: string;
  time: string;
  operation: string;
}
interface Created {
  kind: string;
  id: string;
  arn: string | null;
  owner: string | null;
  created_by: string;
  proof: Proof;
  then: { created: Created[] } | null;
}
interface Step {
  action: string;
  target: string;
  why: string;
  evidence: Proof[];
  commands: string[];
}
interface Report {
  principal: { arn: string; name: string; access_key_ids: string[] };
  operations: { operation: string; count: number }[];
  source_ips: { value: string }[];
  resources: { type: string; id: string; access: string[] }[];
  timeline: { time: string; operation: string; target: string | null }[];
  created: Created[];
  findings: { uid: string; product: string }[];
  containment: { steps: Step[]; deferred: Step[] };
  recovery: { bucket: string; key: string; action: string; version_id: string; commands: string[]; check: string }[];
}

const lake = useIncidentLake('tarn-investigate-', async () => {
  facts = lake.facts;
  raw = [...lake.raw];
  report = await investigateJson(facts.incident.compromisedUser.userName);
});
let facts: ScenarioFacts;
let raw: Json[];
let report: Report;

const tarn = (...argv: string[]) => lake.tarn(...argv);

async function investigateJson(principal: string): Promise<Report> {
  const run = await tarn('investigate', '--principal', principal, '--format', 'json');
  assert.equal(run.code, 0, run.err);
  return JSON.parse(run.out) as Report;
}

/** Each created item with the chain of items above it. */
function walk(items: readonly Created[], parents: Created[] = []): { item: Created; parents: Created[] }[] {
  return items.flatMap((item) => [{ item, parents }, ...walk(item.then?.created ?? [], [...parents, item])]);
}

test('resolves Service_Backup by name, access key id and principal id to one principal', async () => {
  const { compromisedUser } = facts.incident;
  assert.equal(report.principal.arn, compromisedUser.arn);
  assert.ok(report.principal.access_key_ids.includes(compromisedUser.accessKeyId));
  const byKey = await tarn('contain', '--plan', '--principal', compromisedUser.accessKeyId, '--format', 'json');
  assert.equal(byKey.code, 0, byKey.err);
  assert.equal((JSON.parse(byKey.out) as Report).principal.arn, compromisedUser.arn);
  const principalId = field(
    raw.find((r) => field(r, 'userIdentity.arn') === compromisedUser.arn),
    'userIdentity.principalId',
  );
  assert.equal((await investigateJson(String(principalId))).principal.arn, compromisedUser.arn);
});

test('finds every user, key and role it created, and the user a created user created, each with its event', () => {
  const { incident } = facts;
  const found = walk(report.created);
  const byKind = (kind: string, id: string) => found.find((f) => f.item.kind === kind && f.item.id === id);
  for (const user of incident.createdUsers) {
    const creator =
      incident.createdUsers.find((u) => u.userName === user.createdBy)?.arn ?? incident.compromisedUser.arn;
    const node = byKind('user', user.userName);
    assert.ok(node, `user ${user.userName}`);
    assert.equal(node.item.arn, user.arn);
    assert.equal(node.item.created_by, creator);
    assert.equal(node.item.proof.operation, 'CreateUser');
    assert.match(node.item.proof.uid, /\S/);
    const key = byKind('access-key', user.accessKeyId);
    assert.ok(key, `key ${user.accessKeyId}`);
    assert.equal(key.item.owner, user.userName);
    for (const policy of user.policyArns) {
      assert.ok(
        found.some(
          (f) => f.item.kind === 'policy-attachment' && f.item.id === policy && f.item.owner === user.userName,
        ),
      );
    }
  }
  const audit = incident.createdUsers.find((u) => u.createdBy !== incident.compromisedUser.userName);
  assert.ok(audit, 'the scenario has a user created by a created user');
  assert.deepEqual(
    byKind('user', audit.userName)?.parents.map((p) => p.id),
    [audit.createdBy],
    'the second-generation user hangs under the user that created it',
  );
  const role = byKind('role', incident.createdRole.roleName);
  assert.equal(role?.item.arn, incident.createdRole.arn);
  assert.ok(byKind('bucket', incident.ransomNote.bucket), 'the ransom bucket');
});

test('lists the ransom note written and the card files read and then deleted', () => {
  const { ransomNote, deletedObjects } = facts.incident;
  const resource = (id: string) => report.resources.find((r) => r.type === 'object' && r.id === id);
  assert.deepEqual(resource(`s3://${ransomNote.bucket}/${ransomNote.key}`)?.access, ['write']);
  for (const object of deletedObjects) {
    assert.deepEqual(resource(`s3://${object.bucket}/${object.key}`)?.access, ['read', 'delete'], object.key);
    const ops = report.timeline.filter((t) => t.target === `${object.bucket} ${object.key}`).map((t) => t.operation);
    assert.deepEqual(ops, ['GetObject', 'DeleteObject'], `${object.key} read, then deleted`);
  }
  for (const ip of facts.incident.attackerIps)
    assert.ok(
      report.source_ips.some((s) => s.value === ip),
      ip,
    );
});

test('relates the Macie and GuardDuty findings', () => {
  const uids = new Set(report.findings.map((f) => f.uid));
  for (const id of [...facts.findings.macieIds, ...facts.findings.guardDutyIds]) assert.ok(uids.has(id), id);
});

test('the plan deactivates every key involved, revokes the role, never deletes, and justifies each step', () => {
  const { incident } = facts;
  const { steps, deferred } = report.containment;
  const commands = steps.flatMap((s) => s.commands);
  const owners = [
    [incident.compromisedUser.userName, incident.compromisedUser.accessKeyId],
    ...incident.createdUsers.map((u) => [u.userName, u.accessKeyId]),
  ];
  for (const [user, key] of owners) {
    assert.ok(
      commands.includes(`aws iam update-access-key --user-name ${user} --access-key-id ${key} --status Inactive`),
      `deactivates ${key}`,
    );
  }
  for (const command of commands) assert.doesNotMatch(command, /\bdelete-|\bdetach-|\bterminate-|\bremove-/, command);
  for (const step of steps) assert.ok(step.evidence.length > 0 && step.why !== '', `${step.action} is justified`);
  assert.ok(
    commands.some((c) =>
      c.includes(`--role-name ${incident.createdRole.roleName} --policy-name AWSRevokeOlderSessions`),
    ),
  );
  for (const user of incident.createdUsers) {
    assert.ok(
      commands.some((c) => c.startsWith(`aws iam put-user-policy --user-name ${user.userName} `)),
      user.userName,
    );
  }
  const withPassword = incident.createdUsers.filter((u) => u.loginProfile).map((u) => u.userName);
  assert.deepEqual(
    deferred.flatMap((s) => s.commands),
    withPassword.map((u) => `aws iam delete-login-profile --user-name ${u}`),
  );
  const instances = steps.filter((s) => s.action === 'snapshot-and-isolate-instance');
  assert.deepEqual(
    instances.map((s) => [s.commands.length, s.evidence.length]),
    [[0, incident.failedRunInstances.attempts]],
  );
});

test('recovery removes each delete marker and says how to check', () => {
  for (const object of facts.incident.deletedObjects) {
    const item = report.recovery.find((r) => r.bucket === object.bucket && r.key === object.key);
    assert.equal(item?.action, 'remove-delete-marker', object.key);
    assert.equal(item.version_id, object.deleteMarkerVersionId);
    assert.ok(item.commands.some((c) => c.includes(`--version-id ${object.deleteMarkerVersionId}`)));
    assert.match(
      item.check,
      new RegExp(`^aws s3api list-object-versions --bucket ${object.bucket} --prefix ${object.key}`),
    );
  }
  assert.equal(report.recovery.length, facts.incident.deletedObjects.length, 'nothing was overwritten');
});

test('the timeline export has Timesketch columns and one row per event of the principal and its users, by name or ARN', async () => {
  const arns = new Set([facts.incident.compromisedUser.arn, ...facts.incident.createdUsers.map((u) => u.arn)]);
  const expected = raw.filter((r) => arns.has(String(field(r, 'userIdentity.arn')))).length;
  const csv = await tarn('timeline', '--principal', facts.incident.compromisedUser.userName, '--format', 'csv');
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.trimEnd().split('\r\n');
  assert.deepEqual(lines[0]?.split(',').slice(0, 3), ['message', 'datetime', 'timestamp_desc']);
  for (const column of ['api_operation', 'actor_user_name', 'src_endpoint_ip', 'metadata_uid']) {
    assert.ok(lines[0]?.split(',').includes(column), column);
  }
  assert.equal(lines.length - 1, expected);
  // By ARN this time: the same principal, so the same rows.
  const jsonl = await tarn('timeline', '--principal', facts.incident.compromisedUser.arn, '--format', 'jsonl');
  const rows = jsonl.out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);
  assert.equal(rows.length, expected);
  for (const row of rows) assert.match(row.datetime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});

test('reports in Markdown and self-contained HTML; --execute needs a case; --from/--to bound the events', async () => {
  const name = facts.incident.compromisedUser.userName;
  const md = await tarn('investigate', '--principal', name);
  assert.equal(md.code, 0, md.err);
  for (const heading of ['API calls by service and operation', 'What it created', 'Containment plan', 'Recovery']) {
    assert.match(md.out, new RegExp(`^## ${heading}`, 'm'));
  }
  const html = await tarn('investigate', '--principal', name, '--format', 'html');
  assert.match(html.out, /^<!DOCTYPE html>[\s\S]*<svg [\s\S]*<\/html>\n$/);
  assert.doesNotMatch(html.out, /<script|\ssrc=|<link /);
  const execute = await tarn('contain', '--execute', '--principal', name);
  assert.equal(execute.code, 2);
  assert.match(execute.err, /--execute needs --case NAME/);
  const { start, end } = facts.incident.timeRange;
  const bounded = await tarn('timeline', '--principal', name, '--from', start, '--to', end, '--format', 'jsonl');
  const inWindow = raw.filter((r) => {
    const time = String(field(r, 'eventTime'));
    return field(r, 'userIdentity.arn') === facts.incident.compromisedUser.arn && time >= start && time <= end;
  }).length;
  const ownRows = bounded.out
    .trimEnd()
    .split('\n')
    .filter((l) => JSON.parse(l).actor_user_name === name);
  assert.equal(ownRows.length, inWindow);
  const unknown = await tarn('investigate', '--principal', 'nobody-at-all');
  assert.deepEqual([unknown.code, unknown.err.startsWith('tarn investigate: no CloudTrail event')], [1, true]);
});
