// Compaction merges each partition's files in one commit: the same answers before and after, and a SIGKILL at any
// point leaves the lake as it was before or as it is after.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { readLedger } from '../../src/lake/ledger.ts';
import { runTarn, snapshotTree } from '../helpers/lake-fixtures.ts';
import { answers, buildMaintenanceLake, copyLake, transient } from '../helpers/maintenance-lake.ts';

let lake = '';
let expected: string[] = [];

before(async () => {
  lake = await buildMaintenanceLake();
  expected = await answers(lake);
  assert.equal(JSON.parse(expected[3] ?? '[]').length, 60, 'both custom batches are in the answers');
  assert.equal(JSON.parse(expected[2] ?? '[]').length, 2900);
});

function filesPerPartition(files: readonly { path: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { path } of files) {
    const folder = path.slice(0, path.lastIndexOf('/'));
    out[folder] = (out[folder] ?? 0) + 1;
  }
  return out;
}

test('compact merges each partition into one file, with the same answers to every query, custom sources too', async () => {
  const copy = copyLake(lake);
  const ledgerBefore = await readLedger(copy);
  assert.deepEqual(Object.values(filesPerPartition(ledgerBefore.files)), [2, 2]);

  const run = await runTarn(['compact', '--lake', copy]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /2 partitions\s+\| 4 → 2 /);

  const after = await readLedger(copy);
  assert.deepEqual(Object.values(filesPerPartition(after.files)), [1, 1]);
  assert.equal(after.seq, ledgerBefore.seq + 1);
  assert.deepEqual(
    after.maintenance.map((m) => [m.kind, m.partitions.length]),
    [['compaction', 2]],
  );
  assert.deepEqual(
    after.files.map((f) => f.rows).reduce((a, b) => a + b),
    ledgerBefore.files.map((f) => f.rows).reduce((a, b) => a + b),
  );
  // The old files are gone from the disk, not only from the ledger.
  const onDisk = Object.keys(snapshotTree(copy)).filter((p) => p.endsWith('.parquet'));
  assert.deepEqual(onDisk.sort(), after.files.map((f) => f.path).sort());
  assert.deepEqual(await answers(copy), expected);

  const verify = await runTarn(['verify', '--lake', copy]);
  assert.equal(verify.code, 0, verify.stderr);
  const again = await runTarn(['compact', '--lake', copy]);
  assert.match(again.stdout, /nothing to compact/);
});

test('compact --source touches only that source', async () => {
  const copy = copyLake(lake);
  const run = await runTarn(['compact', '--lake', copy, '--source', 'acme-api']);
  assert.equal(run.code, 0, run.stderr);
  const counts = filesPerPartition((await readLedger(copy)).files);
  assert.deepEqual(
    Object.entries(counts).map(([folder, n]) => [folder.split('/')[0], n]),
    [
      ['aws', 2],
      ['ext', 1],
    ],
  );
  assert.deepEqual(await answers(copy), expected);
});

for (const fault of ['before-move', 'after-move', 'after-record', 'after-commit', 'mid-remove']) {
  test(`a SIGKILL at ${fault} leaves the lake as it was before or as it is after the compaction`, async () => {
    const copy = copyLake(lake);
    const treeBefore = snapshotTree(copy, transient);
    const killed = await runTarn(['compact', '--lake', copy], { TARN_FAULT: fault });
    assert.equal(killed.signal, 'SIGKILL');
    assert.deepEqual(await answers(copy), expected, 'a reader during the crash sees whole answers');
    // The next writer (verify takes the lock) finishes or undoes the interrupted compaction.
    const verify = await runTarn(['verify', '--lake', copy]);
    assert.equal(verify.code, 0, verify.stderr);
    const committed = ['after-commit', 'mid-remove'].includes(fault);
    const ledger = await readLedger(copy);
    if (committed) {
      assert.deepEqual(Object.values(filesPerPartition(ledger.files)), [1, 1]);
      const onDisk = Object.keys(snapshotTree(copy)).filter((p) => p.endsWith('.parquet'));
      assert.deepEqual(onDisk.sort(), ledger.files.map((f) => f.path).sort());
    } else {
      assert.deepEqual(snapshotTree(copy, transient), treeBefore);
    }
    assert.deepEqual(await answers(copy), expected);
  });
}
