// A file of 100,000 rows or more has no row group below that, whether a batch writes it (as one file, or through
// DuckDB's partitioned write) or compaction merges it: two DuckDB threads each ended their share of a file with a
// small row group. The rows are synthetic staged rows with few columns, so that the test stays cheap.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { commitBatch } from '../../src/lake/batch-commit.ts';
import { compactLake } from '../../src/lake/lake-compaction.ts';
import { readLedger } from '../../src/lake/ledger.ts';
import { ParquetBatchWriter } from '../../src/lake/parquet-batch-writer.ts';
import type { StagedPartition } from '../../src/lake/partition-stager.ts';
import { MIN_ROW_GROUP_ROWS, rowGroupSize } from '../../src/lake/row-group-size.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { stagedPartition } from '../helpers/staged-rows.ts';

/** Writes and commits one batch of the staged partitions into the lake. */
async function commitStaged(lake: string, batchId: string, staged: readonly StagedPartition[]): Promise<void> {
  const ledger = await readLedger(lake);
  const stagedRoot = join(lake, '_tarn/staging', batchId, 'out');
  const writer = await ParquetBatchWriter.open(lake, stagedRoot, batchId, ledger.files);
  let written = 0;
  try {
    await writer.writeAll(staged, (group) => {
      written += group.written;
    });
    const files = await writer.stagedFiles();
    const batch = {
      seq: ledger.batches.length + 1,
      id: batchId,
      committedAt: new Date().toISOString(),
      inputs: [],
      rows: { cloud_trail_mgmt: written },
      duplicates: 0,
      rejected: 0,
      deadLetter: null,
    };
    await commitBatch(lake, ledger, { batch, files, stagedRoot, stagedDeadLetter: null });
  } finally {
    writer.close();
  }
}

/** Each committed file's rows, its row groups' sizes, and whether its rows are in time order. */
async function rowGroups(lake: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const out: { path: string; rows: number; groups: number[]; inTimeOrder: boolean }[] = [];
    for (const file of (await readLedger(lake)).files) {
      const path = join(lake, file.path).replaceAll("'", "''");
      const groups = await connection.runAndReadAll(
        `SELECT row_group_id, any_value(row_group_num_rows) FROM parquet_metadata('${path}') GROUP BY ALL ORDER BY 1`,
      );
      const steps = await connection.runAndReadAll(
        `SELECT count(*) FILTER (WHERE back) FROM (SELECT "time" < lag("time") OVER () AS back FROM read_parquet('${path}'))`,
      );
      out.push({
        path: file.path,
        rows: file.rows,
        groups: groups.getRowsJS().map((row) => Number(row[1])),
        inTimeOrder: Number(steps.getRowsJS()[0]?.[0]) === 0,
      });
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('the row group size leaves no row group below 100,000 rows, however late DuckDB cuts each', () => {
  for (let rows = MIN_ROW_GROUP_ROWS; rows <= 3_000_000; rows += 997) {
    const size = rowGroupSize(rows);
    const groups = Math.ceil(rows / size);
    // DuckDB cuts a row group after the vector that reaches the size: up to 2,047 rows late each time.
    const fewestLast = rows - (groups - 1) * (size + 2_047);
    assert.ok(size >= MIN_ROW_GROUP_ROWS && fewestLast >= MIN_ROW_GROUP_ROWS, `${rows} rows: ${size} a group`);
    assert.ok(groups === 1 || groups <= Math.floor(rows / MIN_ROW_GROUP_ROWS), `${rows} rows: ${groups} groups`);
  }
  assert.deepEqual([173_725, 230_000, 1_000_000].map(rowGroupSize), [173_725, 115_000, 125_000]);
});

test('a batch writes a partition of 230,000 rows in two row groups of 100,000 or more, named by Tarn or by DuckDB', async () => {
  const lake = tempDir();
  const staging = tempDir();
  // us-east-1 is a folder Tarn names and writes straight to; a region AWS would not name goes through DuckDB's
  // partitioned write, which names the folder itself.
  const staged = ['us-east-1', 'Lab_Region'].map((region) => stagedPartition(staging, region, 0, 230_000));
  await commitStaged(lake, 'batch-a', staged);

  const files = await rowGroups(lake);
  assert.equal(files.length, 2);
  for (const { path, rows, groups } of files) {
    assert.equal(rows, 230_000, path);
    assert.equal(groups.length, 2, `${path}: ${groups}`);
    assert.ok(
      groups.every((size) => size >= 100_000),
      `${path}: ${groups}`,
    );
  }
});

test('compaction merges a partition of 140,000 rows into one row group, in time order', async () => {
  const lake = tempDir();
  const staging = tempDir();
  await commitStaged(lake, 'batch-a', [stagedPartition(staging, 'us-east-1', 0, 70_000)]);
  await commitStaged(lake, 'batch-b', [stagedPartition(staging, 'us-east-1', 70_000, 70_000)]);
  assert.equal((await readLedger(lake)).files.length, 2);

  const result = await compactLake({ lakeDir: lake });
  assert.equal(result.partitions.length, 1);
  assert.deepEqual(
    (await rowGroups(lake)).map(({ rows, groups, inTimeOrder }) => ({ rows, groups, inTimeOrder })),
    [{ rows: 140_000, groups: [140_000], inTimeOrder: true }],
  );
});
