// A long run commits a batch each time its staging passes a size, so its scratch disk stays bounded: what
// lands is what one batch would have written, each batch still writes one file per partition and source, and
// the files of the committed batches are known to the next run.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');

/** Every row of the lake as text, sorted, whichever files hold them. */
async function lakeRows(lake: string): Promise<string[]> {
  const ledger = await readLedger(lake);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows: string[] = [];
    for (const file of ledger.files) {
      const sql = `SELECT CAST(t AS VARCHAR) AS row FROM read_parquet('${join(lake, file.path)}') t`;
      rows.push(...(await connection.runAndReadAll(sql)).getRowObjects().map((r) => String(r.row)));
    }
    return rows.sort();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('a run over its staging limit commits several batches that land exactly what one batch lands', async () => {
  const lakes = { one: tempDir(), several: tempDir() };
  const whole = await ingest({ lakeDir: lakes.one, paths: [INVICTUS] });
  const split = await ingest({ lakeDir: lakes.several, paths: [INVICTUS], stagedBytesPerCommit: 1 << 20 });

  assert.equal(whole.batches.length, 1);
  assert.ok(split.batches.length >= 3, `${split.batches.length} batches`);
  const comparable = ({ batches, seconds, ...rest }: typeof whole) => rest;
  assert.deepEqual(comparable(split), comparable(whole));
  assert.deepEqual(await lakeRows(lakes.several), await lakeRows(lakes.one));

  const ledger = await readLedger(lakes.several);
  assert.deepEqual(
    ledger.batches.map((b) => b.id),
    split.batches,
  );
  assert.equal(
    ledger.batches.reduce((sum, b) => sum + b.inputs.length, 0),
    whole.files,
    'every file is an input of exactly one batch',
  );
  for (const id of split.batches) {
    const places = ledger.files
      .filter((file) => basename(file.path).startsWith(`${id}-`))
      .map((file) => `${file.source} ${file.region} ${file.accountId} ${file.eventDay}`);
    assert.ok(places.length > 0, `batch ${id} wrote files`);
    assert.equal(new Set(places).size, places.length, `batch ${id} writes one file per partition and source`);
  }

  const again = await ingest({ lakeDir: lakes.several, paths: [INVICTUS], stagedBytesPerCommit: 1 << 20 });
  assert.deepEqual(again.batches, []);
  assert.equal(again.unreadFiles, whole.files, 'the files of every committed batch are known');
});

test('a run stopped in a later batch keeps the batches it committed, and the next run lands only the rest', async () => {
  const lakes = { one: tempDir(), stopped: tempDir() };
  await ingest({ lakeDir: lakes.one, paths: [INVICTUS] });
  let batchesWriting = 0;
  const stopSecondWrite = (p: { phase: string; write?: unknown }) => {
    if (p.phase === 'writing' && p.write === undefined && ++batchesWriting === 2) throw new Error('stopped');
  };
  const options = { lakeDir: lakes.stopped, paths: [INVICTUS], stagedBytesPerCommit: 1 << 20 };
  await assert.rejects(ingest({ ...options, onProgress: stopSecondWrite }), /stopped/);

  const ledger = await readLedger(lakes.stopped);
  assert.equal(ledger.batches.length, 1, 'the first batch stays committed');
  const staging = join(lakes.stopped, '_tarn/staging');
  assert.deepEqual(existsSync(staging) ? readdirSync(staging) : [], [], 'nothing of the stopped batch is left');

  const rest = await ingest(options);
  assert.equal(rest.unreadFiles, ledger.batches[0]?.inputs.length, "the first batch's files are not read again");
  assert.deepEqual(await lakeRows(lakes.stopped), await lakeRows(lakes.one));
});
