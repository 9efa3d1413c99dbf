// Verify compares the lake's files with its ledger: a removed, a changed and an extra file are each named.

import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readLedger } from '../../src/lake/ledger.ts';
import { runTarn } from '../helpers/lake-fixtures.ts';
import { buildMaintenanceLake, copyLake } from '../helpers/maintenance-lake.ts';
import { buildLake } from '../query/lake-fixture.ts';

let lake = '';
let files: string[] = [];

before(async () => {
  lake = await buildMaintenanceLake();
  files = (await readLedger(lake)).files.map((file) => file.path);
});

test('a lake that matches its ledger verifies, with its file and row counts', async () => {
  const run = await runTarn(['verify', '--lake', lake]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'verified 4 files, 2,960 rows\n');
  assert.ok((await readLedger(lake)).files.every((file) => file.sha256?.length === 64 && (file.bytes ?? 0) > 0));
});

test('a removed file is named', async () => {
  const copy = copyLake(lake);
  rmSync(join(copy, files[0] ?? ''));
  const run = await runTarn(['verify', '--lake', copy]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`missing: ${files[0]} is listed in the ledger but not in the lake`));
});

test('a changed file is named, whether its size or only its bytes changed', async () => {
  const copy = copyLake(lake);
  appendFileSync(join(copy, files[0] ?? ''), 'x');
  // Same size, other bytes: only the SHA-256 tells.
  const other = join(copy, files[1] ?? '');
  const bytes = readFileSync(other);
  const middle = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
  writeFileSync(other, bytes);
  const run = await runTarn(['verify', '--lake', copy]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`changed: ${files[0]} is \\d+ bytes; the ledger recorded \\d+`));
  assert.match(run.stderr, new RegExp(`changed: ${files[1]} does not have the SHA-256 the ledger recorded`));
});

test('an extra file under aws/ is named', async () => {
  const copy = copyLake(lake);
  const extra = (files[0] ?? '').replace(/[^/]+\.parquet$/, 'stray.parquet');
  copyFileSync(join(copy, files[0] ?? ''), join(copy, extra));
  const run = await runTarn(['verify', '--lake', copy]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`extra: ${extra} is in the lake but not in the ledger`));
});

test('a lake from before SHA-256 was recorded is checked for files and rows, and reported as unhashed', async () => {
  const row = { time: 1_710_072_000_000, time_dt: '2024-03-10 12:00:00' };
  const fixture = await buildLake([
    {
      source: 'cloud_trail_mgmt',
      region: 'us-east-1',
      accountId: '111122223333',
      eventDay: '20240310',
      name: 'a',
      rows: [row, row],
    },
    {
      source: 'cloud_trail_mgmt',
      region: 'us-east-1',
      accountId: '111122223333',
      eventDay: '20240310',
      name: 'b',
      rows: [row],
    },
  ]);
  const ok = await runTarn(['verify', '--lake', fixture.dir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^verified 2 files, 3 rows \(2 unhashed/);
  // A file of another partition's rows in b's place: the partition's rows no longer match the ledger.
  copyFileSync(join(fixture.dir, fixture.paths.a ?? ''), join(fixture.dir, fixture.paths.b ?? ''));
  const bad = await runTarn(['verify', '--lake', fixture.dir]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /rows: aws\/CLOUD_TRAIL_MGMT\/2\.0\/region=us-east-1\/accountId=111122223333\/eventDay=20240310 holds 4 rows; the ledger recorded 3/,
  );
  await fixture.remove();
});
