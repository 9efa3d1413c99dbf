// `tarn detect` on the hand-written tampering file: the table, the JSON, the window and bad options.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectingIO } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import { ingest } from '../../src/lake/ingest-job.ts';
import { REPO, tempDir } from '../helpers/lake-fixtures.ts';

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

test('--format json gives the hits and the (empty) errors; --from/--to narrow them', async () => {
  const run = await detect('--format', 'json', '--from', '2024-05-02T09:02:30Z', '--to', '2024-05-02T09:03:30Z');
  assert.equal(run.code, 0, run.err);
  const parsed = JSON.parse(run.out) as { hits: { rule: string; events: string[] }[]; errors: unknown[] };
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(
    parsed.hits.map((h) => [h.rule, h.events]),
    [['guardduty-detector-deleted', ['d0000004-0000-4000-8000-000000000004']]],
  );
});

test('a bad format or window is refused with exit code 2', async () => {
  const format = await detect('--format', 'csv');
  assert.equal(format.code, 2);
  assert.match(format.err, /--format must be one of table, json/);
  const window = await detect('--from', '2024-05-03', '--to', '2024-05-02');
  assert.equal(window.code, 2);
  assert.match(window.err, /--from must not be after --to/);
});
