// `tarn ingest --source NAME`: valid OCSF events land in Security Lake's custom-source layout, each invalid one
// is rejected with the validator's reason, and the batch is atomic and idempotent like native ingest.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestCustomSource } from '../../src/lake/custom-source-ingest.ts';
import { addCustomSource } from '../../src/lake/custom-source-registry.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { apiActivity, jsonLines, OCSF_SCHEMA } from '../helpers/custom-source-events.ts';
import { snapshotTree, tempDir } from '../helpers/lake-fixtures.ts';

const DAY1 = Date.UTC(2024, 2, 10, 12);
const DAY2 = Date.UTC(2024, 2, 11, 23, 59);
const eu = { cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: '444455556666' } } };

/** The mixed file: line by line, what it is. */
const MIXED = [
  apiActivity('b', DAY1 + 2000), // 1: valid
  apiActivity('a', DAY1 + 1000), // 2: valid, earlier: sorted first in its file
  apiActivity('c', DAY2, eu), // 3: valid, another partition
  apiActivity('a', DAY1 + 1000), // 4: a repeat of line 2
  apiActivity(null, DAY1 + 3000), // 5: valid, no uid: never a duplicate
  { ...apiActivity('d', DAY1), colour: 'red' }, // 6: unknown attribute
  { ...apiActivity('e', DAY1), api: undefined }, // 7: missing required
  { ...apiActivity('f', DAY1), time: 'yesterday' }, // 8: type mismatch
  { ...apiActivity('g', DAY1), severity_id: 42 }, // 9: invalid enum
  { ...apiActivity('h', DAY1), type_uid: 600302 }, // 10: wrong type_uid
  { ...apiActivity('i', DAY1), category_uid: 3 }, // 11: wrong category_uid
  { ...apiActivity('j', DAY1), class_uid: 6002, type_uid: 600201 }, // 12: another class
  { ...apiActivity('k', DAY1), cloud: { provider: 'AWS' } }, // 13: no region, no default
];

async function lakeWithSource(): Promise<{ lake: string; input: string }> {
  const lake = tempDir();
  await addCustomSource(lake, { name: 'acme-api', eventClass: 'API_ACTIVITY', given: OCSF_SCHEMA });
  const input = join(tempDir(), 'events.jsonl.gz');
  writeFileSync(input, gzipSync(`${jsonLines(MIXED)}{not json\n`));
  return { lake, input };
}

async function readRows(path: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT metadata.uid AS uid, "time" FROM read_parquet('${path}', file_row_number = true) ORDER BY file_row_number`,
  );
  connection.closeSync();
  return reader.getRowObjectsJS();
}

test('a mixed file: valid events land, each invalid one is rejected with its reason', async () => {
  const { lake, input } = await lakeWithSource();
  const summary = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [input] });
  assert.deepEqual(summary.rows, { 'ext/acme-api': 4 });
  assert.equal(summary.duplicates, 1);
  assert.equal(summary.inputRecords, 14);
  const reasons = summary.rejected.map((r) => [r.record, r.reason.split(':')[0]]);
  assert.deepEqual(
    summary.rejected.map((r) => r.file),
    Array(9).fill(input),
  );
  assert.deepEqual(reasons, [
    [14, 'malformed JSON'],
    [6, 'not valid OCSF'],
    [7, 'not valid OCSF'],
    [8, 'not valid OCSF'],
    [9, 'not valid OCSF'],
    [10, 'not valid OCSF'],
    [11, 'not valid OCSF'],
    [12, 'not valid OCSF'],
    [13, 'no region'],
  ]);
  const why = (record: number) => summary.rejected.find((r) => r.record === record)?.reason;
  assert.match(why(6) ?? '', /unknown_attribute colour: not an attribute of class api_activity/);
  assert.match(why(7) ?? '', /missing_required api: required by api_activity/);
  assert.match(why(8) ?? '', /type_mismatch time: expected timestamp_t \(integer\)/);
  assert.match(why(9) ?? '', /invalid_enum severity_id: 42 not in/);
  assert.match(why(10) ?? '', /wrong_type_uid type_uid: type_uid 600302/);
  assert.match(why(11) ?? '', /wrong_category_uid category_uid: category_uid 3/);
  assert.match(
    why(12) ?? '',
    /wrong_class class_uid: 6002 \(application_lifecycle\) is not the class of source acme-api, api_activity \(6003\)/,
  );
  assert.match(why(13) ?? '', /no cloud.region and the source no default region/);

  const ledger = await readLedger(lake);
  const batch = ledger.batches[0];
  assert.ok(batch);
  const deadLetter = readFileSync(join(lake, batch.deadLetter ?? ''), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    deadLetter.map((entry) => entry.reason),
    summary.rejected.map((r) => r.reason),
  );
  assert.equal(JSON.parse(deadLetter[1].raw).colour, 'red');

  const expected = [
    `ext/acme-api/region=eu-west-1/accountId=444455556666/eventDay=20240311/${batch.id}-0-0.parquet`,
    `ext/acme-api/region=us-east-1/accountId=111122223333/eventDay=20240310/${batch.id}-0-0.parquet`,
  ];
  assert.deepEqual(
    ledger.files.map((f) => [f.path, f.source, f.region, f.accountId, f.eventDay, f.rows]),
    [
      [expected[0], 'ext/acme-api', 'eu-west-1', '444455556666', '20240311', 1],
      [expected[1], 'ext/acme-api', 'us-east-1', '111122223333', '20240310', 3],
    ],
  );
  const onDisk = Object.keys(snapshotTree(lake, (path) => path.startsWith('_tarn'))).sort();
  assert.deepEqual(onDisk, expected);
  const rows = await readRows(join(lake, expected[1] as string));
  assert.deepEqual(
    rows.map((row) => row.uid),
    ['a', 'b', null],
  );
  assert.deepEqual(
    rows.map((row) => Number(row.time)),
    [DAY1 + 1000, DAY1 + 2000, DAY1 + 3000],
  );
});

test('ingest is idempotent: the same file again, and known uids in a new file, are duplicates', async () => {
  const { lake, input } = await lakeWithSource();
  await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [input] });
  const before = snapshotTree(lake, (path) => path.startsWith('_tarn'));
  const again = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [input] });
  assert.deepEqual([again.rows, again.duplicates, again.rejected.length], [{}, 14, 0]);
  const overlap = join(tempDir(), 'overlap.jsonl');
  writeFileSync(
    overlap,
    jsonLines([apiActivity('a', DAY1 + 1000), apiActivity('c', DAY2, eu), apiActivity('z', DAY1)]),
  );
  const next = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [overlap] });
  assert.deepEqual([next.rows, next.duplicates], [{ 'ext/acme-api': 1 }, 2]);
  const after = snapshotTree(lake, (path) => path.startsWith('_tarn'));
  for (const [path, hash] of Object.entries(before)) assert.equal(after[path], hash, path);
  assert.equal(Object.keys(after).length, Object.keys(before).length + 1);
});

test('OCSF Parquet is read too, 64-bit integers included', async () => {
  const { lake, input } = await lakeWithSource();
  await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [input] });
  const parquet = (await readLedger(lake)).files.map((file) => join(lake, file.path));
  const copy = tempDir();
  await addCustomSource(copy, { name: 'acme-api', eventClass: '6003', given: OCSF_SCHEMA });
  const summary = await ingestCustomSource({ lakeDir: copy, source: 'acme-api', paths: parquet });
  assert.deepEqual([summary.rows, summary.duplicates, summary.rejected], [{ 'ext/acme-api': 4 }, 0, []]);
  const paths = (await readLedger(copy)).files.map((file) => file.path.replace(/\/[^/]+$/, ''));
  assert.deepEqual(
    paths,
    (await readLedger(lake)).files.map((file) => file.path.replace(/\/[^/]+$/, '')),
  );
});

test('an unknown source and a bad definition are refused before anything is written', async () => {
  const lake = tempDir();
  await assert.rejects(
    ingestCustomSource({ lakeDir: lake, source: 'nope', paths: [] }),
    /no custom source named "nope" \(registered: none\)/,
  );
  await assert.rejects(
    addCustomSource(lake, { name: 'x', eventClass: 'api_activity', given: join(lake, 'missing.json') }),
    /cannot read the OCSF schema .*missing\.json.*--ocsf-schema FILE.*TARN_OCSF_SCHEMA.*OCSF 1\.1 facts shipped/,
  );
  await addCustomSource(lake, { name: 'x', eventClass: 'api_activity', fromEnv: OCSF_SCHEMA });
  await assert.rejects(
    addCustomSource(lake, { name: 'x', eventClass: 'api_activity', fromEnv: OCSF_SCHEMA }),
    /a custom source named "x" already exists/,
  );
  await assert.rejects(
    addCustomSource(lake, { name: 'bad/name', eventClass: 'api_activity', fromEnv: OCSF_SCHEMA }),
    /invalid custom source name "bad\/name"/,
  );
  await assert.rejects(
    addCustomSource(lake, { name: 'y', eventClass: 'api_activity', fromEnv: OCSF_SCHEMA, accountId: 'acme' }),
    /account "acme" is neither a 12-digit AWS account id nor external or external_<id>/,
  );
  assert.deepEqual(Object.keys(snapshotTree(lake)).sort(), ['_tarn/config.json']);
});

test('with no schema given anywhere, the shipped OCSF facts check events as the full export does', async () => {
  const results = [];
  for (const given of [OCSF_SCHEMA, undefined]) {
    const lake = tempDir();
    await addCustomSource(lake, { name: 'acme-api', eventClass: 'API_ACTIVITY', given });
    const input = join(tempDir(), 'events.jsonl');
    writeFileSync(input, jsonLines(MIXED));
    const summary = await ingestCustomSource({ lakeDir: lake, source: 'acme-api', paths: [input] });
    const config = JSON.parse(readFileSync(join(lake, '_tarn/config.json'), 'utf8'));
    const rejected = summary.rejected.map((reject) => [reject.record, reject.reason]);
    results.push({ rows: summary.rows, rejected, schemaSaved: config.ocsfSchema !== undefined });
  }
  assert.deepEqual(results[0]?.schemaSaved, true);
  assert.deepEqual(results[1], { ...results[0], schemaSaved: false });
  assert.equal(results[1]?.rejected.length, 8);
});
