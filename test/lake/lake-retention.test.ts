// Retention removes whole old partitions in one commit recorded in the ledger: queries see all of the data before
// it and none of it after, and a SIGKILL leaves one or the other.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { cutoffDay } from '../../src/lake/lake-retention.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { runTarn, snapshotTree } from '../helpers/lake-fixtures.ts';
import { answers, buildMaintenanceLake, copyLake, transient } from '../helpers/maintenance-lake.ts';

const COUNTS = [
  'SELECT count(*) FROM amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0',
  'SELECT count(*) FROM amazon_security_lake_table_us_east_1_ext_acme_api',
];
// The CloudTrail rows are of 2023-07-10, the custom source's of 2024-03-10: 30 days before 2024-03-20 splits them.
const RETAIN = ['retain', '--days', '30', '--now', '2024-03-20'];

let lake = '';

before(async () => {
  lake = await buildMaintenanceLake();
  assert.deepEqual(await answers(lake, COUNTS), ['[[2900]]', '[[60]]']);
});

test('the cutoff is N days before today, in UTC', () => {
  assert.equal(cutoffDay(new Date('2024-03-20T23:59:00Z'), 30), '20240219');
  assert.equal(cutoffDay(new Date('2024-03-01T00:00:00Z'), 1), '20240229');
});

test('retain removes the old partitions in one commit that the ledger records, and their files after it', async () => {
  const copy = copyLake(lake);
  const seqBefore = (await readLedger(copy)).seq;
  const run = await runTarn([...RETAIN, '--lake', copy]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /removed 1 partitions \(2 files, 2,900 rows\) before 20240219/);
  assert.deepEqual(await answers(copy, COUNTS), ['[[0]]', '[[60]]']);

  const ledger = await readLedger(copy);
  assert.equal(ledger.seq, seqBefore + 1);
  assert.deepEqual(
    ledger.maintenance.map(({ kind, before, partitions }) => [
      kind,
      before,
      partitions.map((p) => [p.eventDay, p.rows]),
    ]),
    [['retention', '20240219', [['20230710', 2900]]]],
  );
  assert.ok(ledger.files.every((file) => file.source === 'ext/acme-api'));
  assert.ok(!Object.keys(snapshotTree(copy)).some((path) => path.startsWith('aws/')), 'the files are deleted');
  assert.equal((await runTarn(['verify', '--lake', copy])).code, 0);
  const again = await runTarn([...RETAIN, '--lake', copy]);
  assert.match(again.stdout, /nothing to remove/);
});

test('retain --source removes only that source', async () => {
  const copy = copyLake(lake);
  const run = await runTarn(['retain', '--days', '0', '--now', '2030-01-01', '--source', 'acme-api', '--lake', copy]);
  assert.equal(run.code, 0, run.stderr);
  // A custom source's table is made from its files, so with none left it has no table until data arrives again.
  assert.deepEqual(await answers(copy, COUNTS.slice(0, 1)), ['[[2900]]']);
  assert.ok((await readLedger(copy)).files.every((file) => file.source === 'cloud_trail_mgmt'));
});

for (const [fault, committed] of [
  ['after-record', false],
  ['mid-remove', true],
] as const) {
  test(`a SIGKILL at ${fault} leaves the lake ${committed ? 'after' : 'before'} the retention run`, async () => {
    const copy = copyLake(lake);
    const treeBefore = snapshotTree(copy, transient);
    const killed = await runTarn([...RETAIN, '--lake', copy], { TARN_FAULT: fault });
    assert.equal(killed.signal, 'SIGKILL');
    const expected = committed ? ['[[0]]', '[[60]]'] : ['[[2900]]', '[[60]]'];
    assert.deepEqual(await answers(copy, COUNTS), expected);
    const verify = await runTarn(['verify', '--lake', copy]);
    assert.equal(verify.code, 0, verify.stderr);
    if (!committed) assert.deepEqual(snapshotTree(copy, transient), treeBefore);
    else assert.ok(!Object.keys(snapshotTree(copy)).some((path) => path.startsWith('aws/')));
    assert.deepEqual(await answers(copy, COUNTS), expected);
  });
}
