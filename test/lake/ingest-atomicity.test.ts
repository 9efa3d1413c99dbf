// A batch is all or nothing: a process killed with a real SIGKILL at any point leaves the lake as it was.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { HEAD_FILE } from '../../src/lake/ledger-store.ts';
import { apiActivity, jsonLines, OCSF_SCHEMA } from '../helpers/custom-source-events.ts';
import { runTarn, runTarnAndKill, snapshotTree, tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { zipArchive } from '../helpers/zip-writer.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');
const OTRF = join(SHARED, 'datasets/OTRF_Security-Datasets/atomic/aws/collection');
/** What a writer may leave behind when killed and the next writer clears: not part of the lake's state. */
const transient = (path: string) =>
  path.startsWith('_tarn/staging') || path === '_tarn/lock' || path === '_tarn/pending.json';

async function lakeWithOneBatch(): Promise<string> {
  const lake = tempDir();
  const first = await runTarn(['ingest', '--lake', lake, OTRF]);
  assert.equal(first.code, 0, first.stderr);
  return lake;
}

async function countRows(lake: string): Promise<number> {
  const run = await runTarn([
    'query',
    '--lake',
    lake,
    '--format',
    'json',
    'SELECT count(*) AS n FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0',
  ]);
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { rows: number[][] }).rows[0]?.[0] ?? -1;
}

test('a SIGKILL between moving files in and writing the ledger leaves the committed lake unchanged', async () => {
  const lake = await lakeWithOneBatch();
  const before = snapshotTree(lake);
  const ledgerBefore = readFileSync(join(lake, HEAD_FILE), 'utf8');
  const rowsBefore = await countRows(lake);

  const killed = await runTarn(['ingest', '--lake', lake, INVICTUS], { TARN_FAULT: 'after-move' });
  assert.equal(killed.signal, 'SIGKILL');
  // The new batch's Parquet files are in the lake's folders now, but no query sees them: the ledger did not move.
  assert.ok(existsSync(join(lake, '_tarn/pending.json')));
  assert.equal(readFileSync(join(lake, HEAD_FILE), 'utf8'), ledgerBefore);
  assert.notDeepEqual(snapshotTree(lake, transient), before);
  assert.equal(await countRows(lake), rowsBefore);

  // The next writer rolls the interrupted batch back before it starts; re-ingesting the old data changes nothing.
  const again = await runTarn(['ingest', '--lake', lake, OTRF]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(snapshotTree(lake, transient), before);
});

test('a SIGKILL while files are being read leaves the lake as it was, and the batch can be run again', async () => {
  const lake = await lakeWithOneBatch();
  const before = snapshotTree(lake);
  const staging = join(lake, '_tarn/staging');
  const killed = await runTarnAndKill(['ingest', '--lake', lake, INVICTUS], () => existsSync(staging));
  assert.equal(killed.signal, 'SIGKILL');
  assert.deepEqual(snapshotTree(lake, transient), before);

  const summaryFile = join(tempDir(), 'summary.json');
  const rerun = await runTarn(['ingest', '--lake', lake, '--summary-json', summaryFile, INVICTUS]);
  assert.equal(rerun.code, 0, rerun.stderr);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { input_records: number };
  assert.equal(summary.input_records, 2900);
  assert.ok((await countRows(lake)) > 2800);
});

test('a custom source and an archive are committed the same way: a SIGKILL before the ledger leaves the lake whole', async () => {
  const lake = await lakeWithOneBatch();
  await addCustomSource(lake, { name: 'acme-api', eventClass: 'API_ACTIVITY', given: OCSF_SCHEMA });
  const before = snapshotTree(lake, transient);
  const ledgerBefore = readFileSync(join(lake, HEAD_FILE), 'utf8');
  const inputs = tempDir();
  const events = join(inputs, 'events.jsonl');
  writeFileSync(
    events,
    jsonLines([apiActivity('kill-1', 1_710_079_200_000), apiActivity('kill-2', 1_710_079_260_000)]),
  );
  const bundle = join(inputs, 'bundle.zip');
  const trail = readFileSync(join(INVICTUS, readdirSync(INVICTUS).sort()[0] ?? ''));
  writeFileSync(bundle, zipArchive([{ name: 'AWSLogs/trail.json', content: trail }]));

  for (const args of [['--source', 'acme-api', events], [bundle]]) {
    const killed = await runTarn(['ingest', '--lake', lake, ...args], { TARN_FAULT: 'after-move' });
    assert.equal(killed.signal, 'SIGKILL', args.join(' '));
    assert.equal(readFileSync(join(lake, HEAD_FILE), 'utf8'), ledgerBefore);
    // The next writer rolls the interrupted batch back before anything else.
    const listed = await runTarn(['ingest', '--lake', lake, OTRF]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(snapshotTree(lake, transient), before);
  }
});
