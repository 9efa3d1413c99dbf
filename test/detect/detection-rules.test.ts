// The single-event detections on a hand-written CloudTrail file (test/detect/fixtures/tampering.jsonl):
// what each rule reports for the calls it exists for, and silence for the look-alikes beside them
// (a refused StopLogging, a policy that allows one action, a key for oneself, a user made by a role,
// two refusals that are not a burst). And the runner keeps going past a rule that fails.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DetectionRule } from '../../src/detect/detection-rule.ts';
import { DETECTION_RULES } from '../../src/detect/detection-rules.ts';
import { type DetectionHit, type RuleResult, runDetections } from '../../src/detect/detection-runner.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { openQueryEngine, type QueryEngine } from '../../src/query/index.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';

const FIXTURE = join(REPO, 'test/detect/fixtures/tampering.jsonl');
/** The fixture's eventIDs are `d000000N-…`, N being the line. */
const uid = (line: number) => `d${String(line).padStart(7, '0')}-0000-4000-8000-${String(line).padStart(12, '0')}`;
const MALLORY = 'arn:aws:iam::123456789012:user/mallory';

let root: string;
let engine: QueryEngine;
let results: RuleResult[];

const hitsOf = (id: string): readonly DetectionHit[] => {
  const result = results.find((r) => r.rule.id === id);
  assert.ok(result && 'hits' in result, `rule ${id} ran`);
  return result.hits;
};

before(async () => {
  root = tempDir('tarn-detect-');
  await ingest({ lakeDir: join(root, 'lake'), paths: [FIXTURE] });
  engine = await openQueryEngine({ lakeDir: join(root, 'lake') });
  results = await runDetections(engine, { from: null, to: null });
});

after(async () => {
  await engine?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

test('every rule runs and only the tampering calls are hits', () => {
  assert.deepEqual(
    results.map((r) => [r.rule.id, 'hits' in r ? r.hits.flatMap((h) => h.events) : r.error]),
    DETECTION_RULES.map((rule) => [
      rule.id,
      {
        'cloudtrail-logging-stopped': [uid(2), uid(3)],
        'guardduty-detector-deleted': [uid(4)],
        'admin-policy-attached': [uid(5)],
      }[rule.id] ?? [],
    ]),
  );
});

test('a hit names when, who, where, what and why', () => {
  assert.deepEqual(hitsOf('guardduty-detector-deleted'), [
    {
      rule: 'guardduty-detector-deleted',
      title: 'GuardDuty detector deleted',
      severity: 'Critical',
      techniques: ['T1562.001'],
      time: '2024-05-02T09:03:00.000Z',
      principal: MALLORY,
      principalName: 'mallory',
      accountId: '123456789012',
      resources: ['12abc34d567e8fa901bc2d34e56789f0'],
      events: [uid(4)],
      detail: 'DeleteDetector',
    },
  ]);
  assert.deepEqual(
    hitsOf('cloudtrail-logging-stopped').map((h) => [h.time, h.resources, h.detail]),
    [
      ['2024-05-02T09:01:00.000Z', ['arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail'], 'StopLogging'],
      ['2024-05-02T09:02:00.000Z', ['arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail'], 'DeleteTrail'],
    ],
  );
  assert.deepEqual(
    hitsOf('admin-policy-attached').map((h) => [h.principalName, h.resources, h.detail]),
    [['mallory', ['mallory-ops'], 'PutUserPolicy']],
  );
});

test('the window bounds the events a rule sees', async () => {
  const from = Date.parse('2024-05-02T09:01:30Z');
  const windowed = await runDetections(engine, { from, to: Date.parse('2024-05-02T09:02:30Z') });
  const stopped = windowed.find((r) => r.rule.id === 'cloudtrail-logging-stopped');
  assert.ok(stopped && 'hits' in stopped);
  assert.deepEqual(
    stopped.hits.map((h) => h.events),
    [[uid(3)]],
  );
});

test('a failing rule is reported by id with its reason, and the rules after it still run', async () => {
  const meta = {
    title: 't',
    severity: 'Low',
    tactics: [],
    techniques: [],
    tests: [],
    file: 'inline',
    description: 'd',
  } as const;
  const broken: DetectionRule = { ...meta, id: 'broken', sql: (c) => `SELECT nope FROM ${c.cloudTrail}` };
  const shapeless: DetectionRule = { ...meta, id: 'shapeless', sql: (c) => `SELECT time FROM ${c.cloudTrail}` };
  const gd = DETECTION_RULES.find((r) => r.id === 'guardduty-detector-deleted') as DetectionRule;
  const [first, second, third] = await runDetections(engine, { from: null, to: null }, [broken, shapeless, gd]);
  assert.ok(first && 'error' in first && /^rule broken: .*nope/i.test(first.error), JSON.stringify(first));
  assert.ok(second && 'error' in second, JSON.stringify(second));
  assert.equal(
    second.error,
    'rule shapeless: its query does not return the hit columns principal, principal_name, account_id, resources, event_uids, detail',
  );
  assert.ok(third && 'hits' in third);
  assert.deepEqual(
    third.hits.map((h) => h.events),
    [[uid(4)]],
  );
});
