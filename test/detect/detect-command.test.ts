// `tarn detect` on the hand-written tampering file: new detections printed and stored in the lake's
// ext/tarn_detections table once, later batches evaluated alone, OCSF JSON, exit codes and bad options.

import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pendingBatchCount } from '../../src/detect/detection-store.ts';
import { knownDetections } from '../../src/detect/stored-detections.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readHead } from '../../src/lake/ledger-store.ts';
import { openQueryEngine } from '../../src/query/index.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';
import { validateOcsf } from '../helpers/ocsf-validator.ts';
import { tarn } from '../helpers/run-cli.ts';

const TAMPERING = join(REPO, 'test/detect/fixtures/tampering.jsonl');
const uid = (line: number) => `d${String(line).padStart(7, '0')}-0000-4000-8000-${String(line).padStart(12, '0')}`;
let root: string;
let lakes = 0;

async function freshLake(): Promise<string> {
  const lakeDir = join(root, `lake-${lakes++}`);
  await ingest({ lakeDir, paths: [TAMPERING] });
  return lakeDir;
}

function detect(lakeDir: string, ...argv: string[]) {
  return tarn('detect', '--lake', lakeDir, ...argv);
}

const tableRows = (out: string) =>
  out
    .split('\n')
    .filter((line) => line.startsWith(' 2024-'))
    .map((line) => line.split('|').map((cell) => cell.trim()));

before(() => {
  root = tempDir('tarn-detect-cli-');
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('new detections are printed and stored once; a later batch is evaluated on its own', async () => {
  const lakeDir = await freshLake();
  const first = await detect(lakeDir);
  assert.equal(first.code, 0, first.err);
  assert.deepEqual(
    tableRows(first.out).map(([time, severity, rule, principal, , , events]) => [
      time,
      severity,
      rule,
      principal,
      events,
    ]),
    [
      ['2024-05-02 09:01:00.000', 'Critical', 'cloudtrail-logging-stopped', 'mallory', '1'],
      ['2024-05-02 09:02:00.000', 'Critical', 'cloudtrail-logging-stopped', 'mallory', '1'],
      ['2024-05-02 09:03:00.000', 'Critical', 'guardduty-detector-deleted', 'mallory', '1'],
      ['2024-05-02 09:04:00.000', 'High', 'admin-policy-attached', 'mallory', '1'],
    ],
  );
  assert.match(first.out, /\(4 new detections from \d+ rules\)\n$/);
  // A state from before it named the ledger's seq learns it from a run with nothing pending.
  const statePath = join(lakeDir, '_tarn/detections.json');
  const { seq: _, ...withoutSeq } = JSON.parse(await readFile(statePath, 'utf8'));
  await writeFile(statePath, JSON.stringify(withoutSeq));
  const again = await detect(lakeDir);
  assert.equal(JSON.parse(await readFile(statePath, 'utf8')).seq, (await readHead(lakeDir))?.seq);
  assert.deepEqual(tableRows(again.out), []);
  assert.match(again.out, /\(0 new detections/);
  // A window re-evaluates what was already seen and still stores nothing twice.
  assert.match((await detect(lakeDir, '--since', '2024-05-02')).out, /\(0 new detections/);

  // One more StopLogging arrives in a later batch: only it is new.
  const lines = (await readFile(TAMPERING, 'utf8')).split('\n');
  const late = (lines[1] as string).replaceAll('d0000002', 'd0000099').replace('09:01:00Z', '09:30:00Z');
  await writeFile(join(root, 'late.jsonl'), `${late}\n`);
  await ingest({ lakeDir, paths: [join(root, 'late.jsonl')] });
  assert.equal(await pendingBatchCount(lakeDir), 1);
  const later = await detect(lakeDir, '--format', 'json');
  // The state names the ledger position it evaluated through, so a reader sees "nothing pending" from the head.
  const state = JSON.parse(await readFile(statePath, 'utf8'));
  assert.equal(state.seq, (await readHead(lakeDir))?.seq);
  assert.equal(await pendingBatchCount(lakeDir), 0);
  const events = (JSON.parse(later.out) as { finding_info: { related_events: { uid: string }[] } }[]).map((f) =>
    f.finding_info.related_events.map((e) => e.uid),
  );
  assert.deepEqual(events, [['d0000099-0000-4000-8000-000000000002']]);

  const engine = await openQueryEngine({ lakeDir });
  try {
    const stored = await engine.run(
      `SELECT finding_info.analytic.uid AS rule, actor.user.uid AS principal, accountid, cardinality(finding_info.related_events) AS events
       FROM amazon_security_lake_table_us_east_1_ext_tarn_detections ORDER BY time`,
    );
    assert.deepEqual(stored.rows, [
      ['cloudtrail-logging-stopped', 'arn:aws:iam::123456789012:user/mallory', '123456789012', 1],
      ['cloudtrail-logging-stopped', 'arn:aws:iam::123456789012:user/mallory', '123456789012', 1],
      ['guardduty-detector-deleted', 'arn:aws:iam::123456789012:user/mallory', '123456789012', 1],
      ['admin-policy-attached', 'arn:aws:iam::123456789012:user/mallory', '123456789012', 1],
      ['cloudtrail-logging-stopped', 'arn:aws:iam::123456789012:user/mallory', '123456789012', 1],
    ]);
    // Everything is evaluated, so investigate's view comes from the stored table alone, hits as the rules gave them.
    const known = await knownDetections(engine, { from: null, to: null });
    assert.deepEqual(known.failures, []);
    assert.deepEqual(
      known.hits.map((h) => [h.rule, h.severity, h.principalName, h.techniques, h.events, h.detail]),
      [
        ['cloudtrail-logging-stopped', 'Critical', 'mallory', ['T1562.008'], [uid(2)], 'StopLogging'],
        ['cloudtrail-logging-stopped', 'Critical', 'mallory', ['T1562.008'], [uid(3)], 'DeleteTrail'],
        ['guardduty-detector-deleted', 'Critical', 'mallory', ['T1562.001'], [uid(4)], 'DeleteDetector'],
        ['admin-policy-attached', 'High', 'mallory', ['T1098.003'], [uid(5)], 'PutUserPolicy'],
        [
          'cloudtrail-logging-stopped',
          'Critical',
          'mallory',
          ['T1562.008'],
          ['d0000099-0000-4000-8000-000000000002'],
          'StopLogging',
        ],
      ],
    );
  } finally {
    await engine.close();
  }
});

test('--format json prints OCSF Detection Findings that pass the OCSF validator; --since/--to narrow them', async () => {
  const lakeDir = await freshLake();
  const run = await detect(
    lakeDir,
    '--format',
    'json',
    '--since',
    '2024-05-02T09:02:30Z',
    '--to',
    '2024-05-02T09:03:30Z',
  );
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
  // Epoch milliseconds as OCSF defines `time`, with the datetime profile's ISO 8601 twin beside each.
  const times = findings.map((f) => {
    const {
      time,
      time_dt,
      metadata,
      finding_info: info,
    } = f as unknown as {
      time: number;
      time_dt: string;
      metadata: { profiles: string[] };
      finding_info: { last_seen_time: number; last_seen_time_dt: string };
    };
    return [time, time_dt, info.last_seen_time, info.last_seen_time_dt, metadata.profiles];
  });
  const at = Date.parse('2024-05-02T09:03:00Z');
  assert.deepEqual(times, [[at, '2024-05-02T09:03:00.000Z', at, '2024-05-02T09:03:00.000Z', ['datetime']]]);
  const rest = JSON.parse((await detect(lakeDir, '--format', 'json')).out) as Record<string, unknown>[];
  assert.equal(rest.length, 3);
  assert.deepEqual(validateOcsf([...findings, ...rest] as Record<string, unknown>[]), []);
});

test('--fail-on exits 3 when a new detection is at or above it; --min-severity and --rule choose the rules', async () => {
  assert.equal((await detect(await freshLake(), '--fail-on', 'critical')).code, 3);
  assert.equal((await detect(await freshLake(), '--fail-on', 'low', '--rule', 'denied-burst')).code, 0);
  const high = await detect(await freshLake(), '--min-severity', 'high', '--fail-on', 'critical');
  assert.equal(high.code, 3, high.err);
  assert.deepEqual(
    tableRows(high.out).map((row) => row[2]),
    ['cloudtrail-logging-stopped', 'cloudtrail-logging-stopped', 'guardduty-detector-deleted', 'admin-policy-attached'],
  );
  const critical = await detect(await freshLake(), '--min-severity', 'Critical', '--format', 'json');
  assert.deepEqual(
    (JSON.parse(critical.out) as { severity: string }[]).map((f) => f.severity),
    ['Critical', 'Critical', 'Critical'],
  );
});

test('a run of some rules (--rule, --min-severity) leaves the batches pending for the whole pack', async () => {
  const lakeDir = await freshLake();
  assert.match((await detect(lakeDir, '--rule', 'guardduty-detector-deleted')).out, /\(1 new detections from 1 rules/);
  assert.equal(await pendingBatchCount(lakeDir), 1);
  assert.match((await detect(lakeDir, '--min-severity', 'critical')).out, /\(2 new detections/);
  assert.equal(await pendingBatchCount(lakeDir), 1);
  assert.match((await detect(lakeDir)).out, /\(1 new detections/);
  assert.equal(await pendingBatchCount(lakeDir), 0);
});

test('a bad format, window, severity or rule is refused with exit code 2', async () => {
  const lakeDir = await freshLake();
  const format = await detect(lakeDir, '--format', 'xml');
  assert.equal(format.code, 2);
  assert.match(format.err, /--format must be one of table, csv, json, jsonl, markdown, html/);
  const window = await detect(lakeDir, '--since', '2024-05-03', '--to', '2024-05-02');
  assert.equal(window.code, 2);
  assert.match(window.err, /--from must not be after --to/);
  const severity = await detect(lakeDir, '--fail-on', 'urgent');
  assert.equal(severity.code, 2);
  assert.match(severity.err, /--fail-on must be one of Low, Medium, High, Critical/);
  const rule = await detect(lakeDir, '--rule', 'nope');
  assert.equal(rule.code, 2);
  assert.match(rule.err, /no rule "nope"/);
});

test('tarn ingest evaluates the rules over the batch it commits, unless --no-detect', async () => {
  const lakeDir = join(root, 'ingested');
  const ingested = await tarn('ingest', '--lake', lakeDir, TAMPERING);
  assert.equal(ingested.code, 0, ingested.err);
  assert.match(ingested.out, /guardduty-detector-deleted[\s\S]*\(4 new detections; see tarn detect --help\)/);
  assert.match((await detect(lakeDir)).out, /\(0 new detections/);
  const other = join(root, 'not-detected');
  const quiet = await tarn('ingest', '--lake', other, '--no-detect', TAMPERING);
  assert.equal(quiet.code, 0);
  assert.doesNotMatch(quiet.out, /new detections/);
  assert.match((await detect(other)).out, /\(4 new detections/);
});
