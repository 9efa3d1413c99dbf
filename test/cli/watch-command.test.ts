// `tarn watch`: files dropped into a folder are ingested and evaluated, their detections printed once; a
// restart re-reads and re-alerts nothing and sees only what arrives next; Ctrl-C (SIGINT) ends it cleanly.
// Its SIGINT test runs bin/tarn.js as an executable, whose first line sets glibc's mmap threshold.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { REPO, TARN_BIN, tempDir } from '../helpers/lake-fixtures.ts';
import { tarn } from '../helpers/run-cli.ts';

const TAMPERING = join(REPO, 'test/detect/fixtures/tampering.jsonl');
let root: string;

before(() => {
  root = tempDir('tarn-watch-');
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Runs `tarn watch` in this process until `until(stdout)` holds (5 minutes at most), then stops it as Ctrl-C would. */
async function watchUntil(dir: string, lakeDir: string, arrive: () => Promise<void>, until: (out: string) => boolean) {
  const io = collectingIO();
  const controller = new AbortController();
  const running = runCli(['watch', dir, '--lake', lakeDir, '--interval', '0.05'], { ...io, signal: controller.signal });
  await arrive();
  for (let i = 0; i < 6000 && !until(io.out.join('')); i++) await sleep(50);
  controller.abort();
  const code = await running;
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const rules = (out: string) =>
  out
    .split('\n')
    .filter((line) => line.startsWith(' 2024-'))
    .map((line) => line.split('|').map((cell) => cell.trim())[2]);

test('watch ingests what arrives and alerts once; after a restart only the newly arrived file alerts', async () => {
  const dir = join(root, 'incoming');
  const lakeDir = join(root, 'lake');
  await mkdir(dir);
  const first = await watchUntil(
    dir,
    lakeDir,
    () => copyFile(TAMPERING, join(dir, 'tampering.jsonl')),
    (out) => out.includes('new detections'),
  );
  assert.equal(first.code, 0, first.err);
  assert.deepEqual(rules(first.out), [
    'cloudtrail-logging-stopped',
    'cloudtrail-logging-stopped',
    'guardduty-detector-deleted',
    'admin-policy-attached',
  ]);
  assert.match(first.err, /stopped after 1 batch\(es\)/);

  // Restarted: the file already ingested is not a batch again and nothing is re-alerted; a late event is.
  const lines = (await readFile(TAMPERING, 'utf8')).split('\n');
  const late = (lines[1] as string).replaceAll('d0000002', 'd0000099').replace('09:01:00Z', '09:30:00Z');
  const second = await watchUntil(
    dir,
    lakeDir,
    () => writeFile(join(dir, 'late.jsonl'), `${late}\n`),
    (out) => out.includes('new detections'),
  );
  assert.equal(second.code, 0, second.err);
  assert.deepEqual(rules(second.out), ['cloudtrail-logging-stopped']);
  assert.match(second.out, /\(1 new detections/);
  assert.match(second.err, /1 new file\(s\), 1 rows/);
  assert.match(second.err, /stopped after 1 batch\(es\)/);
});

test('SIGINT ends a running watch cleanly with exit code 0, run as the executable with its malloc setting', async () => {
  const dir = join(root, 'quiet');
  await mkdir(dir);
  // Run as npx and a shell run it, so its first line applies (bin/tarn.js says why); the caller's own value of
  // the variable gives way to the executable's.
  const child = spawn(TARN_BIN, ['watch', dir, '--lake', join(root, 'quiet-lake'), '--interval', '0.1'], {
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '4096' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let sent = false;
  const environ = new Promise<string[]>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (sent || !stderr.includes('Ctrl-C to stop')) return;
      sent = true;
      // The executable's env replaces itself with Node, so the watching process has the executable's pid.
      readFile(`/proc/${child.pid}/environ`, 'latin1').then((text) => {
        child.kill('SIGINT');
        resolve(text.split('\0'));
      }, reject);
    });
  });
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 0, stderr);
  assert.match(stderr, /tarn watch: stopped after 0 batch\(es\)/);
  assert.deepEqual(
    (await environ).filter((entry) => entry.startsWith('MALLOC_MMAP_THRESHOLD_=')),
    ['MALLOC_MMAP_THRESHOLD_=4194304'],
  );
});

test('watch refuses a missing folder argument and a bad interval', async () => {
  const missing = await tarn('watch', '--lake', join(root, 'x'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /give one folder to watch/);
  const bad = await tarn('watch', root, '--interval', '0');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--interval takes a positive number/);
});
