// The ledger as a head over commit records and snapshots: a legacy ledger.json opens and is migrated on the next
// write, snapshots change nothing a reader sees, and a record the head does not name is never read.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { commitChange, recoverLake, STAGING_DIR } from '../../src/lake/batch-commit.ts';
import {
  LEGACY_LEDGER_FILE,
  type Ledger,
  readLakeState,
  readLedger,
  readLedgerFiles,
  sha256Hex,
} from '../../src/lake/ledger.ts';
import { HEAD_FILE, LEDGER_DIR, SNAPSHOT_EVERY } from '../../src/lake/ledger-store.ts';
import { buildLake } from '../query/lake-fixture.ts';

const ROW = { time: 1_710_072_000_000, time_dt: '2024-03-10 12:00:00' };

async function legacyLake() {
  return buildLake([
    {
      source: 'cloud_trail_mgmt',
      region: 'us-east-1',
      accountId: '111122223333',
      eventDay: '20240310',
      name: 'a',
      rows: [ROW],
    },
    {
      source: 'cloud_trail_mgmt',
      region: 'us-east-1',
      accountId: '111122223333',
      eventDay: '20240311',
      name: 'b',
      rows: [ROW, ROW],
    },
  ]);
}

/** A commit that retires one file and adds none, as a retention run of one partition does. */
function retire(lakeDir: string, ledger: Ledger, path: string) {
  const id = `retire-${ledger.seq}`;
  return commitChange(lakeDir, ledger, {
    id,
    entry: (seq) => ({
      maintenance: { seq, id, kind: 'retention', committedAt: '2024-03-20T00:00:00Z', partitions: [] },
    }),
    added: [],
    stagedRoot: join(lakeDir, STAGING_DIR, id),
    removed: [path],
  });
}

test('a lake with a legacy ledger.json opens as it is, its state being the SHA-256 of that file', async () => {
  const lake = await legacyLake();
  const ledger = await readLedger(lake.dir);
  assert.equal(ledger.files.length, 2);
  assert.equal(ledger.seq, 0);
  assert.equal(ledger.state, sha256Hex(readFileSync(join(lake.dir, LEGACY_LEDGER_FILE))));
  assert.deepEqual(await readLakeState(lake.dir), { seq: 0, state: ledger.state });
  await lake.remove();
});

test('the next write migrates a legacy ledger: a head replaces ledger.json, the files stay listed', async () => {
  const lake = await legacyLake();
  const before = await readLedger(lake.dir);
  const after = await retire(lake.dir, before, lake.paths.a ?? '');
  assert.ok(!existsSync(join(lake.dir, LEGACY_LEDGER_FILE)));
  assert.ok(existsSync(join(lake.dir, HEAD_FILE)));
  const read = await readLedger(lake.dir);
  assert.deepEqual(read, after);
  assert.deepEqual(
    read.files.map((f) => f.path),
    [lake.paths.b],
  );
  assert.equal(read.seq, 1);
  assert.notEqual(read.state, before.state);
  assert.ok(!existsSync(join(lake.dir, lake.paths.a ?? '')), 'the retired file is deleted after the commit');
  await lake.remove();
});

test('snapshots fold the records every SNAPSHOT_EVERY commits without changing what readers see', async () => {
  const lake = await legacyLake();
  let ledger = await readLedger(lake.dir);
  const states: string[] = [];
  for (let i = 0; i < SNAPSHOT_EVERY + 3; i++) {
    // Retiring a path no longer listed is a commit that changes only the history.
    ledger = await retire(lake.dir, ledger, `aws/none/${i}.parquet`);
    states.push(ledger.state ?? '');
  }
  const names = readdirSync(join(lake.dir, LEDGER_DIR)).sort();
  assert.ok(
    names.some((name) => name.startsWith('files-')),
    names.join(' '),
  );
  assert.equal(names.filter((name) => name.startsWith('commit-')).length, 3, 'records before the base are folded');
  const read = await readLedger(lake.dir);
  assert.deepEqual(read, ledger);
  assert.equal(read.maintenance.length, SNAPSHOT_EVERY + 3);
  assert.equal(new Set(states).size, states.length, 'every commit has its own state');
  assert.deepEqual(await readLedgerFiles(lake.dir), { seq: read.seq, state: read.state, files: read.files });
  await lake.remove();
});

test('a record written without its head is never read, and the next writer removes it', async () => {
  const lake = await legacyLake();
  const ledger = await retire(lake.dir, await readLedger(lake.dir), 'aws/none.parquet');
  const head = readFileSync(join(lake.dir, HEAD_FILE), 'utf8');
  // What a writer killed after writing its record leaves: the record, without the head that names it.
  await retire(lake.dir, ledger, lake.paths.a ?? '');
  writeFileSync(join(lake.dir, HEAD_FILE), head);
  assert.deepEqual((await readLedger(lake.dir)).files, ledger.files);
  await recoverLake(lake.dir);
  assert.deepEqual(readdirSync(join(lake.dir, LEDGER_DIR)).sort(), [
    'commit-000000000001.json',
    'files-000000000000.json',
    'head.json',
  ]);
  await lake.remove();
});

test("the data-file list is read without parsing the records' entries, which the whole ledger reads", async () => {
  const lake = await legacyLake();
  const ledger = await retire(lake.dir, await readLedger(lake.dir), lake.paths.a ?? '');
  const record = join(lake.dir, LEDGER_DIR, 'commit-000000000001.json');
  const [changes, entry] = readFileSync(record, 'utf8').split('\n');
  assert.deepEqual(JSON.parse(changes ?? ''), { seq: 1, id: 'retire-0', added: [], removed: [lake.paths.a] });
  assert.deepEqual(JSON.parse(entry ?? '').maintenance, ledger.maintenance[0]);
  // An entry that cannot be parsed shows which reader reads it.
  writeFileSync(record, `${changes}\n{"maintenance": not json`);
  assert.deepEqual(await readLedgerFiles(lake.dir), { seq: 1, state: ledger.state, files: ledger.files });
  await assert.rejects(readLedger(lake.dir), SyntaxError);
  await lake.remove();
});

test('a record written on one line, as before the entries had a line of their own, reads the same', async () => {
  const lake = await legacyLake();
  const ledger = await retire(lake.dir, await readLedger(lake.dir), lake.paths.a ?? '');
  const record = join(lake.dir, LEDGER_DIR, 'commit-000000000001.json');
  const [changes, entry] = readFileSync(record, 'utf8').split('\n');
  writeFileSync(record, JSON.stringify({ ...JSON.parse(changes ?? ''), ...JSON.parse(entry ?? '') }));
  assert.deepEqual(await readLedger(lake.dir), ledger);
  assert.deepEqual(await readLedgerFiles(lake.dir), { seq: 1, state: ledger.state, files: ledger.files });
  await lake.remove();
});
