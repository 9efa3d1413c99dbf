// Sigma rules for CloudTrail, loaded as published: three public SigmaHQ rules (kept with their author and
// licence note) and one written here with every supported construct, run over the hand-written tampering file
// and two root calls through the real ingest and query path; unsupported constructs refused by name.

import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadRuleDir } from '../../src/detect/detection-rules.ts';
import { runDetections } from '../../src/detect/detection-runner.ts';
import { loadRuleFile } from '../../src/detect/rule-file.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';

const FIXTURES = join(REPO, 'test/detect/fixtures');
const uid = (line: number) => `d${String(line).padStart(7, '0')}-0000-4000-8000-${String(line).padStart(12, '0')}`;
let root: string;
let engine: QueryEngine;

before(async () => {
  root = tempDir('tarn-sigma-');
  const lakeDir = join(root, 'lake');
  await ingest({ lakeDir, paths: [join(FIXTURES, 'tampering.jsonl'), join(FIXTURES, 'sigma-root.jsonl')] });
  engine = await openQueryEngine({ lakeDir });
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function eventsOf(dir: string): Promise<Record<string, string[]>> {
  const rules = loadRuleDir(join(FIXTURES, dir));
  const results = await runDetections(engine, { from: null, to: null }, rules);
  return Object.fromEntries(
    results.map((r) => [r.rule.id, 'hits' in r ? r.hits.flatMap((h) => h.events) : [`error: ${r.error}`]]),
  );
}

test('public SigmaHQ CloudTrail rules load as they are and match the events they describe', async () => {
  assert.deepEqual(await eventsOf('sigma'), {
    // StopLogging (refused too: the Sigma rule does not look at errorCode) and DeleteTrail.
    'sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74': [uid(1), uid(2), uid(3)],
    // Root's own call, not the AwsServiceEvent made on its behalf.
    'sigma-8ad1600d-e9dc-4251-b0ee-a65268f29add': ['e1000001-0000-4000-8000-000000000001'],
    // Its filter compares with a literal text, as Sigma does, so every CreateAccessKey matches.
    'sigma-0a5177f4-6ca9-44c2-aacf-d3f3d8b6e4d2': [uid(7)],
  });
  const [rule] = loadRuleDir(join(FIXTURES, 'sigma')).filter((r) => r.id.startsWith('sigma-8ad'));
  assert.deepEqual(
    [rule?.severity, rule?.tactics, rule?.techniques.map((t) => t.id)],
    ['Medium', ['privilege-escalation'], ['T1078.004']],
  );
});

test('lists, contains|all, startswith, endswith, re, cidr, 1 of selection_*, all of, not and parentheses', async () => {
  const rules = [loadRuleFile(join(FIXTURES, 'sigma-tarn/modifiers.yml'))];
  const [result] = await runDetections(engine, { from: null, to: null }, rules);
  assert.ok(result && 'hits' in result, JSON.stringify(result));
  // The calls from 198.51.100.66 with a kali aws-cli agent, less the org-trail CloudTrail calls (1-3); root's
  // ListAccountAliases is a List call but from another network.
  assert.deepEqual(
    result.hits.flatMap((h) => h.events),
    [uid(4), uid(5), uid(6), uid(7), uid(8), uid(9)],
  );
});

test('an unsupported construct is an error naming the rule and the construct', async () => {
  assert.throws(
    () => loadRuleFile(join(FIXTURES, 'sigma-tarn/unsupported.yml')),
    /Sigma rule "Too many calls" \(.*unsupported\.yml\): unsupported construct: the aggregation "\| count\(\) by userIdentity\.arn > 100"/,
  );
  const file = join(root, 'rule.yml');
  const head = 'title: T\nlogsource: {product: aws, service: cloudtrail}\nlevel: low\ndetection:\n';
  const cases: [string, RegExp][] = [
    ['  s: {eventName|base64: x}\n  condition: s', /unsupported construct: modifier "base64" on eventName/],
    ['  s: {additionalEventData.MFAUsed: "No"}\n  condition: s', /field "additionalEventData.MFAUsed" has no OCSF/],
    ['  s: [evil, worse]\n  condition: s', /keyword selection "s"/],
    ['  s: {eventName: x}\n  condition: 2 of s*', /unsupported construct: "2 of"/],
    ['  s: {eventName: x}\n  condition: t', /"t", which is not a selection/],
    ['  s: {sourceIPAddress|cidr: "2001:db8::/32"}\n  condition: s', /cidr "2001:db8::\/32"/],
  ];
  for (const [detection, reason] of cases) {
    await writeFile(file, head + detection);
    assert.throws(() => loadRuleFile(file), reason);
  }
  await writeFile(file, 'title: W\nlogsource: {product: aws, service: s3}\ndetection: {s: {a: b}, condition: s}\n');
  assert.throws(() => loadRuleFile(file), /unsupported log source .*only product aws, service cloudtrail/);
});
