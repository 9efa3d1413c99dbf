// `tarn investigate --principal Service_Backup` as a reader gets it: the HTML report carries every section
// of the Markdown one (charts besides), resources say who touched them, and the JSON's keys are snake_case.
// Expectations come from the generator's ScenarioFacts and the raw CloudTrail it wrote.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useIncidentLake } from '../helpers/incident-lake.ts';
import { field, type Json } from '../scenario/delivered-files.ts';

const lake = useIncidentLake('tarn-investigate-report-');

async function investigate(format: string, principal = lake.facts.incident.compromisedUser.userName) {
  const run = await lake.tarn('investigate', '--principal', principal, '--format', format);
  assert.equal(run.code, 0, run.err);
  return run.out;
}

const iso = (time: unknown) => new Date(String(time)).toISOString();
const esc = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The HTML between `<h2 id=…>title</h2>` and the next `<h2`. */
function htmlSection(html: string, title: string): string {
  const start = html.search(new RegExp(`<h2 id="[a-z-]+">${esc(title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h2>`));
  assert.ok(start >= 0, `no section ${title}`);
  const end = html.indexOf('<h2 ', start + 4);
  return html.slice(start, end < 0 ? undefined : end);
}

test('the HTML report has the sections of the Markdown one, with their tables, and the charts', async () => {
  const { incident } = lake.facts;
  const [md, html] = [await investigate('md'), await investigate('html')];
  const mdTitles = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  const htmlTitles = [...html.matchAll(/<h2 id="[a-z-]+">(.+?)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(
    htmlTitles,
    // Markdown headings escape its control characters (`Create\*`); HTML escapes its own.
    mdTitles.map((t) => esc((t ?? '').replace(/\\(.)/g, '$1'))),
  );
  const victim = lake.raw.filter((r) => field(r, 'userIdentity.arn') === incident.compromisedUser.arn);
  const agents = htmlSection(html, 'User agents');
  for (const agent of new Set(victim.map((r) => String(r.userAgent))))
    assert.ok(agents.includes(`<td>${esc(agent)}</td>`));
  const changes = htmlSection(html, 'Changes: Create*, Attach*, Put*, Delete*');
  for (const r of victim.filter((r) => /^(Create|Attach|Put|Delete)/.test(String(r.eventName)))) {
    assert.ok(changes.includes(`<td>${r.eventID}</td>`), `change ${r.eventName} ${r.eventID}`);
  }
  const timeline = htmlSection(html, 'Timeline');
  assert.match(timeline, /<svg [^>]*aria-label="timeline"/);
  for (const r of victim) assert.ok(timeline.includes(`<td>${r.eventID}</td>`), `timeline ${r.eventID}`);
  const runs = victim.filter((r) => r.eventName === 'RunInstances');
  const attempts = String(incident.failedRunInstances.attempts);
  const operations = htmlSection(html, 'API calls by service and operation');
  assert.match(operations, /<svg [^>]*aria-label="operations"/);
  assert.ok(
    operations.includes(
      `<td>ec2.amazonaws.com</td><td>RunInstances</td><td>${attempts}</td><td>${attempts}</td><td>${runs[0]?.recipientAccountId}</td><td>${iso(runs[0]?.eventTime)}</td><td>${iso(runs.at(-1)?.eventTime)}</td>`,
    ),
  );
  const verify = htmlSection(html, 'Verify containment');
  for (const key of [incident.compromisedUser.accessKeyId, ...incident.createdUsers.map((u) => u.accessKeyId)]) {
    assert.match(verify, new RegExp(`<pre>[^<]*AttributeValue=${key}`), key);
  }
  // Links only within the page (the table of contents); nothing external.
  assert.doesNotMatch(html, /<script|\ssrc=|\shref="(?!#)|<link /);
});

interface Resource {
  type: string;
  id: string;
  by: string;
  by_principal: boolean;
  access: string[];
  operations: string[];
}

test('each resource access names its actor, the principal apart from the users it created', async () => {
  const { incident } = lake.facts;
  const resources = JSON.parse(await investigate('json')).resources as Resource[];
  const audit = incident.createdUsers.find((u) => u.createdBy !== incident.compromisedUser.userName);
  const creator = incident.createdUsers.find((u) => u.userName === audit?.createdBy);
  assert.ok(audit && creator, 'the scenario has a user created by a created user');
  const byCreator = lake.raw.filter(
    (r: Json) =>
      field(r, 'userIdentity.arn') === creator.arn && field(r, 'requestParameters.userName') === audit.userName,
  );
  assert.deepEqual(
    resources.filter((r) => r.type === 'user' && r.id === audit.userName),
    [
      {
        ...resources.find((r) => r.id === audit.userName),
        by: creator.arn,
        by_principal: false,
        access: ['write'],
        operations: byCreator.map((r) => String(r.eventName)),
      },
    ],
  );
  const created = new Set(incident.createdUsers.map((u) => u.arn));
  for (const r of resources) {
    assert.ok(r.by_principal ? r.by === incident.compromisedUser.arn : created.has(r.by), JSON.stringify(r));
  }
  const md = await investigate('md');
  const account = incident.compromisedUser.arn.split(':')[4];
  assert.ok(md.includes(`| user | ${audit.userName} | ${account} | ${creator.arn} | write |`));
  assert.ok(
    md.includes(
      `| object | s3://${incident.ransomNote.bucket}/${incident.ransomNote.key} | ${account} | the principal | write |`,
    ),
  );
});

/** Every key below `value` that is not snake_case, except the AWS SDK parameters of plan calls. */
function badKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badKeys(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const awsName = (path.endsWith('.params') || path.includes('.params.')) && /^[A-Z][A-Za-z0-9]*$/.test(key);
    const ok = awsName || /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(key);
    return [...(ok ? [] : [`${path}.${key}`]), ...badKeys(v, `${path}.${key}`)];
  });
}

test('every key of the JSON is snake_case, but the AWS parameter names of the plan calls', async () => {
  const report = JSON.parse(await investigate('json'));
  for (const key of ['principal', 'operations', 'source_ips', 'user_agents', 'resources', 'created', 'findings']) {
    assert.ok(key in report, key);
  }
  assert.ok(report.containment.steps.some((s: { calls: unknown[] }) => s.calls.length > 0));
  assert.deepEqual(badKeys(report), []);
});

test('one run writes several formats into --out, each the same report as printed alone', async () => {
  const out = join(lake.root, 'report-formats');
  const principal = lake.facts.incident.compromisedUser.userName;
  const run = await lake.tarn('investigate', '--principal', principal, '--format', 'md,html,json', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(readdirSync(out).sort(), ['investigation.html', 'investigation.json', 'investigation.md']);
  const printed = JSON.parse(await investigate('json'));
  const written = JSON.parse(readFileSync(join(out, 'investigation.json'), 'utf8'));
  // The plan's deny-older-sessions policy carries the report's own time: each run's time is masked.
  const masked = (report: { generated_at: string }) => JSON.stringify(report).replaceAll(report.generated_at, 'NOW');
  assert.equal(masked(written), masked(printed));
  assert.match(readFileSync(join(out, 'investigation.md'), 'utf8'), /^# /);
  assert.match(readFileSync(join(out, 'investigation.html'), 'utf8'), /<h2 id="executive-summary">/);
  const several = await lake.tarn('investigate', '--principal', principal, '--format', 'md,html');
  assert.equal(several.code, 2);
  assert.match(several.err, /give --out DIR/);
  const unknown = await lake.tarn('investigate', '--principal', principal, '--format', 'md,pdf', '--out', out);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /--format must be one or more of md, json, html/);
});
