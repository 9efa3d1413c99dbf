// `tarn investigate --principal Service_Backup` on the synthetic organization lists Tarn's detections
// among the related findings, beside GuardDuty's and Macie's. Expectations come from the generator's
// ScenarioFacts and the raw CloudTrail it wrote (the eventIDs), never from what Tarn answers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScenarioFacts } from '../../src/scenario/scenario-generator.ts';
import { useIncidentLake } from '../helpers/incident-lake.ts';
import { field, type Json } from '../scenario/delivered-files.ts';

interface Finding {
  source: string;
  product: string;
  rule: string | null;
  severity: string;
  events: string[];
  matched_on: string[];
  uid: string;
}

const lake = useIncidentLake('tarn-investigate-detect-', () => {
  facts = lake.facts;
  raw = [...lake.raw];
});
let facts: ScenarioFacts;
let raw: Json[];

async function investigate(format: string): Promise<string> {
  const run = await lake.tarn(
    'investigate',
    '--principal',
    facts.incident.compromisedUser.userName,
    '--format',
    format,
  );
  assert.equal(run.code, 0, run.err);
  return run.out;
}

/** The eventIDs of a user's calls, in time order, optionally only those a test picks. */
function calls(user: string, names: readonly string[], pick: (r: Json) => boolean = () => true): string[] {
  return raw
    .filter((r) => field(r, 'userIdentity.userName') === user && names.includes(String(r.eventName)) && pick(r))
    .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)))
    .map((r) => String(r.eventID));
}

/**
 * api-never-called-before's hits: the first call of each operation the user had not called before the incident,
 * one hit per day of the incident (its calls within an hour of each other).
 */
function neverCalledBefore(user: string): [string, string[]][] {
  const op = (r: Json) => `${r.eventSource} ${r.eventName}`;
  const mine = raw
    .filter((r) => field(r, 'userIdentity.userName') === user)
    .sort((a, b) => `${a.eventTime}${a.eventID}`.localeCompare(`${b.eventTime}${b.eventID}`));
  const start = facts.incident.timeRange.start;
  const known = new Set(mine.filter((r) => String(r.eventTime) < start).map(op));
  const firsts = new Map<string, Json>();
  for (const r of mine) if (!known.has(op(r)) && !firsts.has(op(r))) firsts.set(op(r), r);
  const days = new Map<string, string[]>();
  for (const r of firsts.values()) {
    const day = String(r.eventTime).slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), String(r.eventID)]);
  }
  return [...days.values()].map((ids) => ['api-never-called-before', ids]);
}

test('lists the Tarn detections of Service_Backup and of the user it created, with their proving events', async () => {
  const findings = JSON.parse(await investigate('json')).findings as Finding[];
  const victim = facts.incident.compromisedUser.userName;
  const admin = facts.incident.createdUsers.find((u) => u.createdBy === victim && u.loginProfile)?.userName ?? '';
  const { ransomNote, deletedObjects } = facts.incident;
  const each = (rule: string, ids: readonly string[]) => ids.map((id) => [rule, [id]]);
  const expected = [
    ...each('iam-user-creates-user', [...calls(victim, ['CreateUser']), ...calls(admin, ['CreateUser'])]),
    ...each('admin-policy-attached', calls(victim, ['AttachUserPolicy', 'AttachRolePolicy'])),
    ...each('access-key-for-other-user', [...calls(victim, ['CreateAccessKey']), ...calls(admin, ['CreateAccessKey'])]),
    ...each('login-profile-created', calls(victim, ['CreateLoginProfile'])),
    ...each('role-created', calls(victim, ['CreateRole'])),
    ...each('trust-policy-widened', calls(victim, ['CreateRole'])),
    ['runinstances-failed-burst', calls(victim, ['RunInstances'])],
    ...neverCalledBefore(victim),
    [
      'denied-burst',
      calls(victim, ['RunInstances'], (r) => r.errorCode === facts.incident.failedRunInstances.errorCode),
    ],
    [
      's3-read-then-delete',
      calls(victim, ['GetObject', 'DeleteObject'], (r) =>
        deletedObjects.some((o) => o.key === field(r, 'requestParameters.key')),
      ),
    ],
    [
      's3-new-bucket-written',
      calls(
        victim,
        ['CreateBucket', 'PutObject'],
        (r) => field(r, 'requestParameters.bucketName') === ransomNote.bucket,
      ),
    ],
  ];
  const tarn = findings.filter((f) => f.source === 'Tarn');
  const byRule = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  assert.deepEqual(byRule(tarn.map((f) => [f.rule, f.events])), byRule(expected));
  assert.equal(calls(victim, ['RunInstances']).length, facts.incident.failedRunInstances.attempts);
  assert.equal(expected.find(([rule]) => rule === 's3-read-then-delete')?.[1]?.length, deletedObjects.length * 2);
  for (const f of tarn) {
    assert.equal(f.product, 'Tarn');
    assert.ok(['Low', 'Medium', 'High', 'Critical'].includes(f.severity), f.severity);
    assert.ok(f.matched_on.includes(victim) || f.matched_on.includes(admin), JSON.stringify(f));
  }
  const lakeUids = new Set(findings.filter((f) => f.source === 'Security Hub').map((f) => f.uid));
  for (const id of [...facts.findings.macieIds, ...facts.findings.guardDutyIds]) assert.ok(lakeUids.has(id), id);
});

test('the Markdown and HTML reports show the Tarn detections with their rule and events', async () => {
  const burst = calls(facts.incident.compromisedUser.userName, ['RunInstances']);
  const md = await investigate('md');
  const section = md.slice(md.indexOf('## Related findings'), md.indexOf('## Timeline'));
  const row = section.split('\n').find((line) => line.includes('| denied-burst |'));
  const account = facts.incident.compromisedUser.arn.split(':')[4];
  assert.ok(row?.startsWith(`| 2024-03-10T14:44:06.000Z | ${account} | Tarn | Tarn | denied-burst | Medium |`), row);
  assert.ok(row?.includes(`| ${burst.join(' ')} |`), row);
  const html = await investigate('html');
  assert.ok(
    html.includes(
      `<td>${account}</td><td>Tarn</td><td>Tarn</td><td>denied-burst</td><td class="sev-medium">Medium</td>`,
    ),
  );
  assert.ok(html.includes(`<td>${burst.join(' ')}</td>`));
});
