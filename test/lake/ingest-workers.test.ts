// Worker threads change how fast inputs are read, never what lands: the same inputs ingested with two workers
// and in the main thread give the same rows in the same files, the same summary and the same dead letters.

import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { c as createTar } from 'tar';
import { ingest } from '../../src/lake/ingest-job.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';
import { zipArchive } from '../helpers/zip-writer.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');

/** The invictus trail, plus what must stay in order: repeated content, a broken file, bad records, an archive. */
function inputs(): string {
  const dir = tempDir();
  const names = readdirSync(INVICTUS).sort();
  for (const name of names) copyFileSync(join(INVICTUS, name), join(dir, name));
  const first = readFileSync(join(INVICTUS, names[0] ?? ''));
  writeFileSync(join(dir, 'zz-copy-of-first.json.gz'), gzipSync(first));
  writeFileSync(join(dir, 'broken.json'), '{"Records": [');
  const events = (JSON.parse(first.toString('utf8')) as { Records: Record<string, unknown>[] }).Records;
  const bad = [{ ...events[0], eventTime: undefined }, { ...events[1], eventID: 'fresh-1' }, { eventName: 'x' }];
  writeFileSync(join(dir, 'bad-records.jsonl'), bad.map((e) => JSON.stringify(e)).join('\n'));
  const members = names.slice(1, 4).map((name) => ({ name, content: readFileSync(join(INVICTUS, name)) }));
  writeFileSync(join(dir, 'bundle.zip'), zipArchive([...members, { name: 'empty.json', content: '' }]));
  return dir;
}

async function lakeContents(lake: string) {
  const ledger = await readLedger(lake);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const files: Record<string, { rows: number; content: string[] }> = {};
  try {
    for (const file of ledger.files) {
      const sql = `SELECT CAST(t AS VARCHAR) AS row FROM read_parquet('${join(lake, file.path)}') t`;
      // Sorted: where DuckDB's de-duplication window runs, the order of rows in a file varies from run to run.
      const rows = (await connection.runAndReadAll(sql))
        .getRowObjects()
        .map((r) => String(r.row))
        .sort();
      files[`${file.source} ${file.region} ${file.accountId} ${file.eventDay}`] = { rows: file.rows, content: rows };
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const deadLetter = readdirSync(join(lake, '_tarn/dead-letter')).map((name) =>
    readFileSync(join(lake, '_tarn/dead-letter', name), 'utf8'),
  );
  const inputsRead = ledger.batches.flatMap((batch) => batch.inputs.map(({ mtimeMs, ...input }) => input));
  return { files, deadLetter, inputsRead };
}

test('two worker threads and none give the same lake, summary and dead letters', async () => {
  const dir = inputs();
  const lakes = { none: tempDir(), two: tempDir() };
  const inProcess = await ingest({ lakeDir: lakes.none, paths: [dir], workers: 0 });
  const pooled = await ingest({ lakeDir: lakes.two, paths: [dir], workers: 2 });
  const comparable = ({ batches, seconds, ...rest }: typeof inProcess) => rest;
  assert.deepEqual(comparable(pooled), comparable(inProcess));
  assert.ok(inProcess.duplicates > 0 && inProcess.rejected.length >= 4, 'repeats and rejects are exercised');
  const [none, two] = [await lakeContents(lakes.none), await lakeContents(lakes.two)];
  const rows = Object.values(none.files).flatMap((file) => file.content);
  assert.equal(
    rows.length,
    Object.values(inProcess.rows).reduce((a, b) => a + b, 0),
  );
  assert.ok(rows.length > 2800);
  assert.deepEqual(two, none);
});

test('a small gzip holding a tar, found to be one only when mapped, has its members land in its place', async () => {
  const dir = tempDir();
  const names = readdirSync(INVICTUS).sort().slice(0, 4);
  const [first, , , last] = names.map((name) => readFileSync(join(INVICTUS, name)));
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(first ?? ''));
  // Named as a log: only its bytes say it is an archive, and the main thread no longer inflates them to see.
  writeFileSync(join(dir, 'b.json.gz'), gzipSync(await tarOf([names[1] ?? '', names[2] ?? ''])));
  writeFileSync(join(dir, 'c.json.gz'), gzipSync(last ?? ''));
  const expected = ['a.json.gz', `b.json.gz!${names[1]}`, `b.json.gz!${names[2]}`, 'c.json.gz'];
  for (const workers of [0, 2]) {
    const lake = tempDir();
    await ingest({ lakeDir: lake, paths: [dir], workers });
    const read = (await readLedger(lake)).batches.flatMap((batch) => batch.inputs.map((input) => input.path));
    assert.deepEqual(
      read.map((path) => relative(dir, path)),
      expected,
      `${workers} workers`,
    );
  }
});

async function tarOf(names: string[]): Promise<Buffer> {
  const file = join(tempDir(), 'bundle.tar');
  await createTar({ file, cwd: INVICTUS, portable: true }, names);
  return readFileSync(file);
}
