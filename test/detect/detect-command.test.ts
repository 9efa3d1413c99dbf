// `tarn detect` on the hand-written tampering file: the table, the JSON, the window and bad options.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';

let root: string;
let lakeDir: string;

async function detect(...argv: string[]) {
  const io = collectingIO();
  const code = await runCli(['detect', '--lake', lakeDir, ...argv], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

before(async () => {
  root = tempDir('tarn-detect-cli-');
  lakeDir = join(root, 'lake');
  await ingest({ lakeDir, paths: [join(REPO, 'test/detect/fixtures/tampering.jsonl')] });
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('prints one table row per hit, in time order, and exits 0', async () => {
  const run = await detect();
  assert.equal(run.code, 0, run.err);
  const rows = run.out
    .split('\n')
    .filter((line) => line.startsWith(' 2024-'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  assert.deepEqual(
    rows.map(([time, severity, rule, principal, , , events]) => [time, severity, rule, principal, events]),
    [
      ['2024-05-02T09:01:00.000Z', 'Critical', 'cloudtrail-logging-stopped', 'mallory', '1'],
      ['2024-05-02T09:02:00.000Z', 'Critical', 'cloudtrail-logging-stopped', 'mallory', '1'],
      ['2024-05-02T09:03:00.000Z', 'Critical', 'guardduty-detector-deleted', 'mallory', '1'],
      ['2024-05-02T09:04:00.000Z', 'High', 'admin-policy-attached', 'mallory', '1'],
    ],
  );
  assert.match(run.out, /\(4 hits from \d+ rules\)\n$/);
});

test('--format json prints OCSF Detection Findings that pass the OCSF validator; --since/--to narrow them', async () => {
  const run = await detect('--format', 'json', '--since', '2024-05-02T09:02:30Z', '--to', '2024-05-02T09:03:30Z');
  assert.equal(run.code, 0, run.err);
  const findings = JSON.parse(run.out) as {
    class_uid: number;
    severity_id: number;
    actor: { user: { uid: string } };
    cloud: { account: { uid: string } };
    finding_info: { analytic: { uid: string }; related_events: { uid: string }[]; attacks: unknown[] };
  }[];
  assert.deepEqual(
    findings.map((f) => [
      f.class_uid,
      f.finding_info.analytic.uid,
      f.finding_info.related_events.map((e) => e.uid),
      f.actor.user.uid,
      f.cloud.account.uid,
      f.severity_id,
    ]),
    [
      [
        2004,
        'guardduty-detector-deleted',
        ['d0000004-0000-4000-8000-000000000004'],
        'arn:aws:iam::123456789012:user/mallory',
        '123456789012',
        5,
      ],
    ],
  );
  assert.deepEqual(findings[0]?.finding_info.attacks, [
    { technique: { uid: 'T1562.001', name: 'Impair Defenses: Disable or Modify Tools' }, version: '15' },
  ]);
  const all = JSON.parse((await detect('--format', 'json')).out) as Record<string, unknown>[];
  assert.equal(all.length, 4);
  assert.deepEqual(validateOcsf(all), []);
});

test('--fail-on exits 3 when a hit is at or above it; --min-severity and --rule choose the rules', async () => {
  assert.equal((await detect('--fail-on', 'critical')).code, 3);
  assert.equal((await detect('--fail-on', 'high', '--rule', 'denied-burst')).code, 0);
  const high = await detect('--min-severity', 'high', '--since', '2024-05-02T09:03:30Z', '--fail-on', 'critical');
  assert.equal(high.code, 0, high.err);
  assert.match(high.out, /admin-policy-attached/);
  assert.match(high.out, /\(1 hits from \d+ rules\)/);
  const critical = await detect('--min-severity', 'Critical', '--format', 'json');
  assert.deepEqual(
    (JSON.parse(critical.out) as { severity: string }[]).map((f) => f.severity),
    ['Critical', 'Critical', 'Critical'],
  );
  const unknown = await detect('--rule', 'nope');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no rule "nope"/);
  const badSeverity = await detect('--fail-on', 'urgent');
  assert.equal(badSeverity.code, 2);
  assert.match(badSeverity.err, /--fail-on must be one of Low, Medium, High, Critical/);
});

test('a bad format or window is refused with exit code 2', async () => {
  const format = await detect('--format', 'csv');
  assert.equal(format.code, 2);
  assert.match(format.err, /--format must be one of table, json/);
  const window = await detect('--from', '2024-05-03', '--to', '2024-05-02');
  assert.equal(window.code, 2);
  assert.match(window.err, /--from must not be after --to/);
});
