// The batch's partitions are written a group at a time, each partition whole in one group: groups stay small
// enough for DuckDB to buffer (its memory is capped), in rows and in partitions, and a partition larger than a
// group goes alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupPartitions } from '../../src/lake/parquet-batch-writer.ts';
import type { StagedPartition } from '../../src/lake/partition-stager.ts';

function partition(source: string, name: string, rows: number): StagedPartition {
  return { source, partition: name, path: `${name}.jsonl`, rows, mayRepeat: false };
}

test('partitions are packed whole into groups of at most 12,500 rows, one source per group', () => {
  const staged = [
    partition('cloud_trail_mgmt', 'a', 5_000),
    partition('s3_data', 'x', 1_000),
    partition('cloud_trail_mgmt', 'b', 5_000),
    partition('cloud_trail_mgmt', 'c', 5_000),
    partition('cloud_trail_mgmt', 'big', 180_000),
    partition('cloud_trail_mgmt', 'd', 5_000),
  ];
  const groups = groupPartitions(staged).map((group) => group.map((p) => `${p.source}:${p.partition}`));
  assert.deepStrictEqual(groups, [
    ['cloud_trail_mgmt:a', 'cloud_trail_mgmt:b'],
    ['cloud_trail_mgmt:c'],
    ['cloud_trail_mgmt:big'],
    ['cloud_trail_mgmt:d'],
    ['s3_data:x'],
  ]);
});

test('a group holds at most 32 partitions, however few their rows', () => {
  const staged = Array.from({ length: 130 }, (_, i) => partition('vpc_flow', `p${i}`, 3));
  const groups = groupPartitions(staged);
  assert.deepStrictEqual(
    groups.map((group) => group.length),
    [32, 32, 32, 32, 2],
  );
  assert.deepStrictEqual(
    groups.flat().map((p) => p.partition),
    staged.map((p) => p.partition),
  );
});

test('where a key may repeat, partitions keep their groups of 50,000 rows however many: duplicates stay together', () => {
  const staged = Array.from({ length: 130 }, (_, i) => ({
    ...partition('cloud_trail_mgmt', `p${i}`, 300),
    mayRepeat: i === 7,
  }));
  const groups = groupPartitions([...staged, partition('s3_data', 'x', 30_000), partition('s3_data', 'y', 30_000)]);
  assert.deepStrictEqual(
    groups.map((group) => group.length),
    [130, 1, 1],
  );
});
