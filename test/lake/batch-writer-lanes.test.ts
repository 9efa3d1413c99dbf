// The batch writer writes small groups two at a time, in two DuckDB databases: each group's files are named by
// its place in the list whichever database wrote it, every row lands once, each partition's staging file goes
// once its group is written, and a group that fails fails the write with DuckDB's reason.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { groupPartitions, ParquetBatchWriter } from '../../src/lake/parquet-batch-writer.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { stagedPartition } from '../helpers/staged-rows.ts';

/** 70 partitions of 10 rows, one a day: groups of 32, 32 and 6 partitions. */
function seventyDays(dir: string) {
  return Array.from({ length: 70 }, (_, day) => stagedPartition(dir, 'us-east-1', 0, 10, day));
}

test('groups written side by side keep the names of their place in the list, and every row lands once', async () => {
  const staging = tempDir();
  const out = tempDir();
  const staged = seventyDays(staging);
  assert.deepEqual(
    groupPartitions(staged).map((group) => group.length),
    [32, 32, 6],
  );
  const writer = await ParquetBatchWriter.open(tempDir(), out, 'batch-a', []);
  const reported: number[] = [];
  try {
    await writer.writeAll(staged, (group) => reported.push(group.partitions));
    const files = await writer.stagedFiles();
    assert.deepEqual(
      reported.sort((a, b) => a - b),
      [6, 32, 32],
    );
    assert.equal(files.length, 70);
    assert.equal(
      files.reduce((sum, file) => sum + file.rows, 0),
      700,
    );
    for (const file of files) {
      const day =
        (Date.UTC(+file.eventDay.slice(0, 4), +file.eventDay.slice(4, 6) - 1, +file.eventDay.slice(6)) -
          Date.UTC(2024, 2, 1)) /
        86_400_000;
      assert.match(file.path, new RegExp(`/batch-a-${Math.floor(day / 32)}-\\d+\\.parquet$`), file.path);
    }
    assert.ok(staged.every((partition) => !existsSync(partition.path)));
  } finally {
    writer.close();
  }
});

test('a group that fails fails the write with the reason, and the writer still closes', async () => {
  const staging = tempDir();
  const out = tempDir();
  const staged = seventyDays(staging);
  const broken = staged[40];
  assert.ok(broken);
  writeFileSync(broken.path, '{"time": \n');
  const writer = await ParquetBatchWriter.open(tempDir(), out, 'batch-b', []);
  try {
    await assert.rejects(
      writer.writeAll(staged, () => {}),
      /JSON/i,
    );
    // The first group, written before the failing one, is complete.
    const written = readdirSync(out, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.parquet'));
    assert.ok(written.some((name) => name.includes('batch-b-0-')));
  } finally {
    writer.close();
  }
});
