// Alerts reaching people: detections queued in the lake's outbox and delivered to a real local webhook
// receiver and a real local SMTP server, both down at first and brought back later. Nothing is lost while they
// are down, retries back off exponentially, nothing is sent twice, and a crash in the middle of a send resends
// once with the same idempotency key.

import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NOTIFY_FILE, parseNotifyConfig, readNotifyConfig } from '../../src/detect/alert-destinations.ts';
import { deliverAlerts, OUTBOX_DIR, pendingAlerts } from '../../src/detect/alert-outbox.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { type Mail, smtpReceiver, type WebhookPost, webhookReceiver } from '../helpers/alert-receivers.ts';
import { REPO, runTarn, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const TAMPERING = join(REPO, 'test/detect/fixtures/tampering.jsonl');
let root: string;

before(() => {
  root = tempDir('tarn-notify-');
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function lakeWithConfig(name: string, config: string): Promise<string> {
  const lakeDir = join(root, name);
  await mkdir(join(lakeDir, '_tarn'), { recursive: true });
  await writeFile(join(lakeDir, NOTIFY_FILE), config);
  await ingest({ lakeDir, paths: [TAMPERING] });
  return lakeDir;
}

test('destinations down: alerts wait in the outbox; back up: each is delivered once, by webhook, e-mail and stdout', async () => {
  const posts: WebhookPost[] = [];
  const mails: Mail[] = [];
  const web = await webhookReceiver(posts);
  const smtp = await smtpReceiver(mails);
  const lakeDir = await lakeWithConfig(
    'lake-down-up',
    `destinations:
  - { name: soc-slack, type: webhook, url: "http://127.0.0.1:${web.port}/hook", min_severity: high }
  - { name: oncall, type: email, host: 127.0.0.1, port: ${smtp.port}, from: tarn@example.com, to: [oncall@example.com], min_severity: critical }
  - { name: console, type: stdout }
retry: { first_delay_seconds: 0.001, max_delay_seconds: 0.001 }
`,
  );
  // Both down: detect stores 4 detections (3 Critical, 1 High) and queues 4 + 3 + 4 alerts.
  const first = await tarn('detect', '--lake', lakeDir);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /\(4 new detections/);
  assert.equal((first.out.match(/^\[Tarn\] /gm) ?? []).length, 4, 'the stdout destination printed each alert');
  assert.equal((first.err.match(/soc-slack did not take/g) ?? []).length, 4);
  assert.equal((first.err.match(/oncall did not take/g) ?? []).length, 3);
  const listed = await tarn('notify', '--lake', lakeDir, '--list');
  assert.match(listed.out, /\(7 pending alerts\)/);
  assert.match(listed.out, /cloudtrail-logging-stopped \| oncall +\| +1 \|/);

  // Still down: a retry fails again, nothing is lost, attempts are counted, exit code 1.
  const retry = await tarn('notify', '--lake', lakeDir);
  assert.equal(retry.code, 1);
  assert.deepEqual(
    (await pendingAlerts(lakeDir)).map((i) => i.attempts),
    [2, 2, 2, 2, 2, 2, 2],
  );

  // Back up: every pending alert goes out once.
  await web.start();
  await smtp.start();
  try {
    const delivered = await tarn('notify', '--lake', lakeDir);
    assert.equal(delivered.code, 0, delivered.err);
    assert.match(delivered.err, /7 sent, 0 failed, 0 waiting/);
    assert.equal(posts.length, 4);
    assert.equal(new Set(posts.map((p) => p.key)).size, 4);
    assert.deepEqual(posts.map((p) => p.body.tarn.severity).sort(), ['Critical', 'Critical', 'Critical', 'High']);
    assert.ok(posts.every((p) => p.body.text.startsWith(`[Tarn] ${p.body.tarn.severity}: `)));
    assert.equal(mails.length, 3);
    assert.ok(mails.every((m) => m.to.join() === 'oncall@example.com'));
    assert.ok(mails.every((m) => /^Subject: \[Tarn\] Critical: /m.test(m.raw)));
    assert.ok(mails.some((m) => m.raw.includes('mallory')));

    // Nothing twice: no delivery again, and a re-run of detect over the same window queues nothing new.
    assert.match((await tarn('notify', '--lake', lakeDir)).err, /0 sent, 0 failed, 0 waiting/);
    const again = await tarn('detect', '--lake', lakeDir, '--since', '2024-05-02');
    assert.match(again.out, /\(0 new detections/);
    assert.equal(posts.length, 4);
    assert.equal(mails.length, 3);
    assert.match((await tarn('notify', '--lake', lakeDir, '--list')).out, /\(0 pending alerts\)/);
  } finally {
    await web.stop();
    await smtp.stop();
  }
});

test('retries back off exponentially up to the maximum; a crash mid-send resends once with the same key', async () => {
  const posts: WebhookPost[] = [];
  const web = await webhookReceiver(posts);
  const lakeDir = await lakeWithConfig(
    'lake-backoff',
    `destinations:
  - { name: hook, type: webhook, url: "http://127.0.0.1:${web.port}/", min_severity: critical }
retry: { first_delay_seconds: 10, max_delay_seconds: 30 }
`,
  );
  await tarn('detect', '--lake', lakeDir);
  const config = await readNotifyConfig(lakeDir);
  const t0 = Date.now() + 1000;
  const deliverAt = (time: number) => deliverAlerts(lakeDir, config, { now: () => time, stdout: () => {} });
  // The detect run's own attempt failed at about now: its retry is 10 s later.
  const waits = async () => (await pendingAlerts(lakeDir)).map((i) => i.nextAttemptAt);
  assert.ok((await deliverAt(t0)).every((r) => r.status === 'waiting'));
  assert.ok((await deliverAt(t0 + 10_000)).every((r) => r.status === 'failed'));
  assert.deepEqual(await waits(), [t0 + 30_000, t0 + 30_000, t0 + 30_000], 'second retry after 20 s, capped at 30');
  assert.ok((await deliverAt(t0 + 30_000)).every((r) => r.status === 'failed'));
  assert.deepEqual(await waits(), [t0 + 60_000, t0 + 60_000, t0 + 60_000]);
  assert.deepEqual(
    (await pendingAlerts(lakeDir)).map((i) => [i.attempts, /ECONNREFUSED|fetch failed/.test(i.lastError ?? '')]),
    [
      [3, true],
      [3, true],
      [3, true],
    ],
  );

  await web.start();
  try {
    // A crash after an attempt was recorded and before it was marked sent: the item is still pending, flagged.
    const [first] = await pendingAlerts(lakeDir);
    assert.ok(first);
    const file = join(lakeDir, OUTBOX_DIR, `${first.key}.json`);
    await writeFile(file, JSON.stringify({ ...first, sending: true }));
    const results = await deliverAt(t0 + 60_000);
    assert.deepEqual(
      results.map((r) => r.status),
      ['sent', 'sent', 'sent'],
    );
    assert.equal(posts.length, 3);
    assert.ok(posts.some((p) => p.key === first.key));
    const sent = JSON.parse(await readFile(join(lakeDir, OUTBOX_DIR, 'sent', `${first.key}.json`), 'utf8'));
    assert.equal(sent.attempts, 4);
    assert.deepEqual(await deliverAt(t0 + 120_000), []);
  } finally {
    await web.stop();
  }
});

test('the sender killed (SIGKILL) after the receiver took an alert and before the outbox recorded it: resent once, same key; sent never again', async () => {
  const posts: WebhookPost[] = [];
  const web = await webhookReceiver(posts);
  const lakeDir = await lakeWithConfig(
    'lake-killed',
    `destinations:
  - { name: hook, type: webhook, url: "http://127.0.0.1:${web.port}/", min_severity: critical }
retry: { first_delay_seconds: 0.001, max_delay_seconds: 0.001 }
`,
  );
  // The receiver is down while detect queues the 3 Critical alerts.
  assert.match((await tarn('detect', '--lake', lakeDir)).out, /\(4 new detections/);
  assert.equal((await pendingAlerts(lakeDir)).length, 3);
  await web.start();
  try {
    // A real child process: the receiver takes the first alert, then the sender dies before recording it.
    const killed = await runTarn(['notify', '--lake', lakeDir], { TARN_FAULT: 'after-send' });
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal(posts.length, 1);
    const [taken] = posts;
    assert.ok(taken);
    const pending = await pendingAlerts(lakeDir);
    assert.equal(pending.length, 3, 'the outbox still holds the alert the receiver took');
    const inFlight = pending.find((item) => item.key === taken.key);
    assert.equal(inFlight?.sending, true, 'flagged: the last attempt may have reached the destination');
    await assert.rejects(readFile(join(lakeDir, OUTBOX_DIR, 'sent', `${taken.key}.json`)));

    // Restarted: the taken alert goes again with the same idempotency key; a receiver that drops keys it has
    // seen keeps each alert once.
    const restarted = await runTarn(['notify', '--lake', lakeDir]);
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.match(restarted.stderr, /3 sent, 0 failed/);
    assert.equal(posts.length, 4);
    assert.deepEqual(
      posts.filter((p) => p.key === taken.key).map((p) => p.body.tarn.finding_uid),
      [taken.body.tarn.finding_uid, taken.body.tarn.finding_uid],
    );
    const deduplicated = new Map(posts.map((p) => [p.key, p]));
    assert.equal(deduplicated.size, 3);

    // Marked sent: never sent again, by notify or by a later detect.
    assert.equal((await runTarn(['notify', '--lake', lakeDir])).code, 0);
    assert.match((await tarn('detect', '--lake', lakeDir, '--since', '2024-05-02')).out, /\(0 new detections/);
    assert.equal(posts.length, 4);
    assert.equal((await pendingAlerts(lakeDir)).length, 0);
  } finally {
    await web.stop();
  }
});

test('a notify config with a mistake is refused naming the file and the field', () => {
  const bad = (text: string) => () => parseNotifyConfig(text, 'notify.yaml');
  assert.throws(bad('destinations: {}'), /notify.yaml: "destinations" must be a list/);
  assert.throws(bad('destinations:\n  - { name: x, type: pager }'), /destinations\[0\]: "type" must be webhook/);
  assert.throws(bad('destinations:\n  - { name: x, type: webhook, url: "ftp://a" }'), /"url" must be an http/);
  assert.throws(bad('destinations:\n  - { name: x, type: stdout, min_severity: urgent }'), /unknown "min_severity"/);
  assert.throws(bad('destinations:\n  - { name: x, type: stdout }\n  - { name: x, type: stdout }'), /used twice/);
  assert.throws(bad('destinations:\n  - { name: m, type: email, host: h, from: f }'), /"to" must be a non-empty/);
});
