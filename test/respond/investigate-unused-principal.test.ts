// `tarn investigate` on what has little or nothing to show: a role Service_Backup created that never made a
// call is reported with its creation, findings and containment; empty sections say so instead of showing a
// bare table; an unknown principal and a folder that is no lake get errors that say what is wrong.
// Expectations come from the generator's ScenarioFacts and the raw CloudTrail it wrote.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { useIncidentLake } from '../helpers/incident-lake.ts';
import { field } from '../scenario/delivered-files.ts';

const lake = useIncidentLake('tarn-investigate-unused-');

async function investigate(principal: string, format: string): Promise<string> {
  const run = await lake.tarn('investigate', '--principal', principal, '--format', format);
  assert.equal(run.code, 0, run.err);
  return run.out;
}

function creatingEvent() {
  const { createdRole } = lake.facts.incident;
  const event = lake.raw.find(
    (r) => r.eventName === 'CreateRole' && field(r, 'requestParameters.roleName') === createdRole.roleName,
  );
  assert.ok(event, 'the scenario created the role');
  return event;
}

test('a role created but never used is reported: who created it and when, no activity, its findings and plan', async () => {
  const { createdRole, compromisedUser } = lake.facts.incident;
  assert.ok(!lake.raw.some((r) => field(r, 'userIdentity.sessionContext.sessionIssuer.arn') === createdRole.arn));
  const created = creatingEvent();
  for (const asked of [createdRole.arn, createdRole.roleName]) {
    const report = JSON.parse(await investigate(asked, 'json'));
    assert.deepEqual([report.principal.type, report.principal.arn], ['Role', createdRole.arn], asked);
    assert.deepEqual(report.principal.creation, {
      by: compromisedUser.arn,
      proof: {
        uid: created.eventID,
        time: new Date(String(created.eventTime)).toISOString(),
        operation: 'CreateRole',
        account_id: created.recipientAccountId,
        region: created.awsRegion,
      },
    });
    assert.deepEqual([report.event_count, report.operations, report.timeline], [0, [], []]);
    const roleCreated = report.findings.filter((f: { rule: string }) => f.rule === 'role-created');
    assert.deepEqual(
      roleCreated.map((f: { events: string[] }) => f.events),
      [[created.eventID]],
    );
    assert.ok(report.containment.steps.some((s: { target: string }) => s.target === createdRole.arn));
  }
  const md = await investigate(createdRole.arn, 'md');
  assert.ok(md.includes(`- **Created by:** ${compromisedUser.arn}, CreateRole at `), md.slice(0, 1500));
  assert.ok(md.includes(`event \`${created.eventID}\``));
  assert.match(md, /^- \*\*Events:\*\* none of its own: no CloudTrail event was made by it; /m);
});

test('empty sections say so in Markdown and HTML, never as a bare heading or a header-only table', async () => {
  const { createdRole } = lake.facts.incident;
  const md = await investigate(createdRole.arn, 'md');
  const sections = md.split(/^## /m).slice(1);
  for (const section of sections) {
    const [title, ...body] = section.split('\n');
    assert.notEqual(body.join('\n').trim(), '', `section ${title} is empty`);
  }
  assert.doesNotMatch(md, /^\|.*\|\n\|(---\|)+\n(?!\|)/m, 'a table without rows');
  assert.match(md, /^## User agents\n\nNo user agent recorded\.$/m);
  assert.match(md, /^## Resources touched [^\n]*\n\nNone\.$/m);
  const html = await investigate(createdRole.arn, 'html');
  assert.doesNotMatch(html, /<tbody><\/tbody>|<\/h2>\s*<h2 /);
  assert.ok(html.includes('<h2 id="user-agents">User agents</h2>\n<p>No user agent recorded.</p>'));
});

test('an unknown principal names the time window only when one was given', async () => {
  const whole = await lake.tarn('investigate', '--principal', 'nobody-at-all');
  assert.equal(whole.code, 1);
  assert.match(whole.err, /^tarn investigate: no CloudTrail event in the lake was made by "nobody-at-all", and no/);
  const { start, end } = lake.facts.incident.timeRange;
  const windowed = await lake.tarn('investigate', '--principal', 'nobody-at-all', '--from', start, '--to', end);
  assert.equal(windowed.code, 1);
  assert.match(windowed.err, /made by "nobody-at-all" \(in the time window given\), and no/);
});

test('a folder that holds no lake, or no folder at all, is named as no lake', async () => {
  for (const dir of [join(lake.root, 'data'), join(lake.root, 'missing')]) {
    const run = await lake.tarn('investigate', '--principal', 'Service_Backup', '--lake', dir);
    assert.equal(run.code, 2);
    assert.ok(
      run.err.startsWith(`tarn investigate: ${dir} is not a Tarn lake`) ||
        run.err.startsWith(`tarn investigate: no lake at ${dir}`),
      run.err,
    );
  }
});
