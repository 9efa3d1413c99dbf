// `tarn ingest`: raw files in, one atomic batch of Parquet out. Every input record ends up as a row, a
// duplicate or a reject with its reason; the batch becomes visible all at once, or not at all.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { listInputFiles } from '../sources/input-files.ts';
import { commitBatch, recoverLake, STAGING_DIR } from './batch-commit.ts';
import { deadLetterPath } from './dead-letter.ts';
import { type BatchOptions, IngestBatch } from './ingest-batch.ts';
import type { IngestSummary } from './ingest-summary.ts';
import { readLakeConfig, writeLakeConfig } from './lake-config.ts';
import { acquireLakeLock } from './lake-lock.ts';
import { type Ledger, readLedger } from './ledger.ts';

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly records: number;
  readonly elapsedMs: number;
  /** The input read last: a file, or a member of an archive as `archive!path`. */
  readonly current?: string;
}

export interface IngestOptions extends BatchOptions {
  readonly lakeDir: string;
  readonly paths: readonly string[];
  readonly rollupRegion?: string;
  readonly onProgress?: (progress: IngestProgress) => void;
}

/** How often reading pauses to let finished Parquet writes start the next ones. */
const YIELD_EVERY_MS = 20;

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { lakeDir } = options;
  const lock = await acquireLakeLock(lakeDir);
  try {
    await recoverLake(lakeDir);
    const ledger = await readLedger(lakeDir);
    const config = await readLakeConfig(lakeDir);
    const batchId = newBatchId();
    const stagingDir = join(lakeDir, STAGING_DIR, batchId);
    const batch = await IngestBatch.open(lakeDir, stagingDir, batchId, ledger, options);
    try {
      const { files, missing } = await listInputFiles(options.paths);
      for (const path of missing) batch.rejectMissing(path);
      let lastYield = performance.now();
      for (const [index, file] of files.entries()) {
        // Plain files are read synchronously; only an archive or a Parquet file hands back a promise.
        const reading = batch.addFile(file);
        if (reading !== undefined) await reading;
        const now = performance.now();
        if (now - lastYield >= YIELD_EVERY_MS || index === files.length - 1) {
          await setImmediate();
          lastYield = performance.now();
          const progress = { filesDone: index + 1, filesTotal: files.length, records: batch.records };
          options.onProgress?.({ ...progress, current: batch.current ?? file, elapsedMs: now - started });
        }
      }
      const dataFiles = await batch.finish();
      const committed = batch.inputs.length > 0 || batch.rejected.length > 0;
      if (committed) await commit(lakeDir, ledger, batch, batchId, dataFiles, stagingDir);
      const rollupRegion = options.rollupRegion ?? config.rollupRegion ?? batch.firstRegion;
      if (rollupRegion !== config.rollupRegion) await writeLakeConfig(lakeDir, { ...config, rollupRegion });
      return summarize(batch, committed ? batchId : null, files.length, started, rollupRegion);
    } finally {
      await batch.drain().catch(() => undefined);
      batch.close();
      await recoverLake(lakeDir);
    }
  } finally {
    await lock.release();
  }
}

async function commit(
  lakeDir: string,
  ledger: Ledger,
  batch: IngestBatch,
  batchId: string,
  dataFiles: Awaited<ReturnType<IngestBatch['finish']>>,
  stagingDir: string,
): Promise<void> {
  const hasRejects = batch.rejected.length > 0;
  await commitBatch(lakeDir, ledger, {
    batch: {
      seq: (ledger.batches.at(-1)?.seq ?? 0) + 1,
      id: batchId,
      committedAt: new Date().toISOString(),
      inputs: batch.inputs,
      rows: batch.rows,
      duplicates: batch.duplicates,
      rejected: batch.rejected.length,
      deadLetter: hasRejects ? deadLetterPath(batchId) : null,
    },
    files: dataFiles,
    stagedRoot: join(stagingDir, 'out'),
    stagedDeadLetter: hasRejects ? batch.deadLetter.stagedPath : null,
  });
}

function summarize(
  batch: IngestBatch,
  batchId: string | null,
  files: number,
  started: number,
  rollupRegion: string | null,
): IngestSummary {
  return {
    batchId,
    files,
    inputRecords: batch.records,
    rows: batch.rows,
    duplicates: batch.duplicates,
    rejected: batch.rejected,
    seconds: (performance.now() - started) / 1000,
    rollupRegion,
  };
}

export function newBatchId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
