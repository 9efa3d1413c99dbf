// Ingesting the same data again adds nothing: known files by checksum, known events by metadata.uid.

import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { snapshotTree, tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');

function total(rows: Readonly<Record<string, number>>): number {
  return Object.values(rows).reduce((a, b) => a + b, 0);
}

test('the same files ingested twice: the second run adds nothing and leaves the lake untouched', async () => {
  const lake = tempDir();
  const first = await ingest({ lakeDir: lake, paths: [INVICTUS] });
  assert.equal(first.inputRecords, 2900);
  assert.equal(total(first.rows) + first.duplicates + first.rejected.length, 2900);
  assert.ok(total(first.rows) > 2800);
  const before = snapshotTree(lake);

  const second = await ingest({ lakeDir: lake, paths: [INVICTUS] });
  assert.deepEqual(second.rows, {});
  assert.equal(second.duplicates, 2900);
  assert.equal(second.inputRecords, 2900);
  assert.deepEqual(second.batches, []);
  assert.deepEqual(snapshotTree(lake), before);
});

test('events already in the lake are duplicates even in a new file; only new events land', async () => {
  const lake = tempDir();
  const input = tempDir();
  const [firstFile = ''] = readdirSync(INVICTUS).sort();
  copyFileSync(join(INVICTUS, firstFile), join(input, firstFile));
  const first = await ingest({ lakeDir: lake, paths: [input] });
  const landed = total(first.rows);

  const records = (
    JSON.parse(readFileSync(join(INVICTUS, firstFile), 'utf8')) as { Records: Record<string, unknown>[] }
  ).Records;
  const fresh = { ...records[0], eventID: 'a-new-event-id-0001' };
  const lines = [...records, fresh].map((r) => JSON.stringify(r)).join('\n');
  writeFileSync(join(input, 'again.jsonl'), lines);

  const second = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(second.duplicates, records.length + landed, 'the known file by checksum, its events again by uid');
  assert.deepEqual(second.rows, { cloud_trail_mgmt: 1 });
  const ledger = await readLedger(lake);
  assert.equal(ledger.batches.length, 2);
  assert.equal(ledger.batches[1]?.inputs.length, 1, 'only the new file is recorded as a new input');
});

test('a new file of one partition whose events are all in the lake adds no data file', async () => {
  const lake = tempDir();
  const input = tempDir();
  const [firstFile = ''] = readdirSync(INVICTUS).sort();
  copyFileSync(join(INVICTUS, firstFile), join(input, firstFile));
  await ingest({ lakeDir: lake, paths: [input] });
  const files = (await readLedger(lake)).files;
  const [known] = (
    JSON.parse(readFileSync(join(INVICTUS, firstFile), 'utf8')) as { Records: Record<string, unknown>[] }
  ).Records;
  writeFileSync(join(input, 'known.jsonl'), JSON.stringify(known));

  const second = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(total(second.rows), 0);
  assert.deepEqual((await readLedger(lake)).files, files);
});

test('a file whose every record was rejected is read again next time; a partly rejected one is not', async () => {
  const lake = tempDir();
  const input = tempDir();
  const [firstFile = ''] = readdirSync(INVICTUS).sort();
  copyFileSync(join(INVICTUS, firstFile), join(input, firstFile));
  const records = (
    JSON.parse(readFileSync(join(INVICTUS, firstFile), 'utf8')) as { Records: Record<string, unknown>[] }
  ).Records;

  const wrongFormat = await ingest({ lakeDir: lake, paths: [input], format: 'waf-lines' });
  assert.deepEqual([wrongFormat.rows, wrongFormat.rejected.length], [{}, 1]);
  const retried = await ingest({ lakeDir: lake, paths: [input] });
  assert.equal(retried.duplicates + total(retried.rows), records.length, 'read this time, not counted as known');
  assert.ok(total(retried.rows) > 0);

  const partly = join(input, 'partly.jsonl');
  writeFileSync(partly, `${JSON.stringify({ ...records[0], eventID: 'partly-0001' })}\nnot json\n`);
  const first = await ingest({ lakeDir: lake, paths: [partly] });
  assert.deepEqual([first.rows, first.rejected.length], [{ cloud_trail_mgmt: 1 }, 1]);
  const again = await ingest({ lakeDir: lake, paths: [partly] });
  assert.deepEqual([again.rows, again.duplicates, again.rejected.length], [{}, 2, 0]);
  const ledger = await readLedger(lake);
  assert.deepEqual(
    ledger.batches.map((batch) => batch.inputs.map(({ records, rejected }) => [records, rejected])),
    [[[1, 1]], [[records.length, 0]], [[2, 1]]],
  );
});
