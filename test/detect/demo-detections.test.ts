// The built-in pack on the demo scenario (seed 1, 5,000 events here to keep the test short; `tarn demo`'s
// 20,000 give the same counts): it raises the alerts the reference
// incident needs, naming Service_Backup, the users it created, the buckets it emptied and the ransom note, and
// only a handful of others on the benign background. README (Detections) states these counts.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { generateScenario } from '../../src/scenario/scenario-generator.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

interface Finding {
  severity: string;
  message: string;
  actor: { user: { name: string } };
  resources: { uid: string }[];
  finding_info: { analytic: { uid: string } };
}

let root: string;
let findings: Finding[];

before(async () => {
  root = tempDir('tarn-demo-detections-');
  const data = join(root, 'data');
  const lakeDir = join(root, 'lake');
  await generateScenario({ outDir: data, events: 5_000, seed: 1 });
  await ingest({ lakeDir, paths: [data] });
  const detected = await tarn('detect', '--lake', lakeDir, '--format', 'json');
  assert.equal(detected.code, 0, detected.err);
  findings = JSON.parse(detected.out) as Finding[];
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const INCIDENT_PRINCIPALS = new Set(['Service_Backup', 'backup-admin']);
const incident = () => findings.filter((f) => INCIDENT_PRINCIPALS.has(f.actor.user.name));
const resourcesOf = (list: Finding[]) => new Set(list.flatMap((f) => f.resources.map((r) => r.uid)));
const rulesOf = (list: Finding[]) => [...new Set(list.map((f) => f.finding_info.analytic.uid))].sort();

test('the pack raises the incident: Service_Backup, the users it made, the emptied bucket, the ransom note', () => {
  const found = incident();
  const resources = resourcesOf(found);
  for (const user of ['backup-admin', 'svc-reporting', 'svc-audit']) assert.ok(resources.has(user), user);
  for (const month of ['01', '02', '03']) {
    assert.ok(resources.has(`s3://acme-customer-data-prod/cc-data-2024-${month}.csv`), month);
  }
  assert.ok(resources.has('s3://breach.notify/README_RESTORE_FILES.txt'));
  assert.deepEqual(rulesOf(found), [
    'access-key-for-other-user',
    'admin-policy-attached',
    'api-never-called-before',
    'denied-burst',
    'iam-user-creates-user',
    'login-profile-created',
    'role-created',
    'runinstances-failed-burst',
    's3-new-bucket-written',
    's3-read-then-delete',
    'trust-policy-widened',
  ]);
  assert.equal(found.length, 18);
});

test('on the benign background the pack raises only a handful of alerts', () => {
  const background = findings.filter((f) => !INCIDENT_PRINCIPALS.has(f.actor.user.name));
  assert.ok(background.length <= 5, background.map((f) => f.message).join('\n'));
  assert.deepEqual(rulesOf(background), ['aws-high-severity-finding']);
  assert.equal(background.length, 1, 'the Macie findings of financial data in one bucket, grouped');
});
