// Ingest reports each of its phases, so a terminal never shows a frozen reading line while Parquet is
// written and the batch committed.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type IngestProgress, ingest } from '../../src/lake/ingest-job.ts';
import { tempDir } from '../helpers/lake-fixtures.ts';
import { SHARED } from '../helpers/ocsf-validator.ts';

const INVICTUS = join(SHARED, 'datasets/invictus-ir_aws_dataset/CloudTrail');

test('progress goes through reading, writing (partitions and rows) and committing, in that order', async () => {
  const seen: IngestProgress[] = [];
  const summary = await ingest({ lakeDir: tempDir(), paths: [INVICTUS], onProgress: (p) => seen.push(p) });
  const phases = seen.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
  assert.deepEqual(phases, ['reading', 'writing', 'committing']);
  const lastRead = seen.filter((p) => p.phase === 'reading').at(-1);
  assert.equal(lastRead?.filesDone, lastRead?.filesTotal);
  const lastWrite = seen.filter((p) => p.phase === 'writing').at(-1)?.write;
  assert.ok(lastWrite !== undefined && lastWrite.partitionsTotal > 0);
  assert.equal(lastWrite.partitionsDone, lastWrite.partitionsTotal);
  assert.equal(
    lastWrite.rowsWritten,
    Object.values(summary.rows).reduce((a, b) => a + b, 0),
  );
});
