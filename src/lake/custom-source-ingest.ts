// `tarn ingest --source NAME`: OCSF events of a registered custom source in, one atomic batch of Parquet out,
// under the same writer lock, ledger, commit and dead-letter area as native ingest.

import { join } from 'node:path';
import { customSourceKey } from '../mapping/custom-sources.ts';
import { loadOcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';
import { listInputFiles } from '../sources/input-files.ts';
import type { Reject } from '../sources/log-file.ts';
import { TarnError } from '../tarn-error.ts';
import { commitBatch, recoverLake, STAGING_DIR } from './batch-commit.ts';
import { CustomSourceBatch } from './custom-source-batch.ts';
import { customSources, type SchemaChoice, schemaPathOf } from './custom-source-registry.ts';
import { deadLetterPath } from './dead-letter.ts';
import { type IngestProgress, newBatchId } from './ingest-job.ts';
import type { IngestSummary } from './ingest-summary.ts';
import { readLakeConfig, writeLakeConfig } from './lake-config.ts';
import { acquireLakeLock } from './lake-lock.ts';
import { readLedger } from './ledger.ts';

export interface CustomIngestOptions extends SchemaChoice {
  readonly lakeDir: string;
  readonly source: string;
  readonly paths: readonly string[];
  readonly rollupRegion?: string;
  readonly onReject?: (reject: Reject) => void;
  readonly onProgress?: (progress: IngestProgress) => void;
}

export async function ingestCustomSource(options: CustomIngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { lakeDir } = options;
  const lock = await acquireLakeLock(lakeDir);
  try {
    await recoverLake(lakeDir);
    const [ledger, config] = [await readLedger(lakeDir), await readLakeConfig(lakeDir)];
    const registered = customSources(config);
    const source = registered.find((candidate) => candidate.name === options.source);
    if (source === undefined) {
      const known = registered.map((candidate) => candidate.name).join(', ') || 'none';
      throw new TarnError(
        `no custom source named "${options.source}" (registered: ${known}); add it with tarn source add`,
        2,
      );
    }
    const schema = loadOcsfSchema(schemaPathOf(config, options));
    const batchId = newBatchId();
    const stagingDir = join(lakeDir, STAGING_DIR, batchId);
    const batch = await CustomSourceBatch.open(lakeDir, stagingDir, batchId, ledger, schema, source, options.onReject);
    try {
      const { files, missing } = await listInputFiles(options.paths);
      for (const path of missing) batch.rejectMissing(path);
      for (const [index, file] of files.entries()) {
        await batch.addFile(file);
        const elapsedMs = performance.now() - started;
        options.onProgress?.({ filesDone: index + 1, filesTotal: files.length, records: batch.records, elapsedMs });
      }
      const dataFiles = await batch.finish();
      const rows = batch.staged > 0 ? { [customSourceKey(source.name)]: batch.staged } : {};
      const committed = batch.inputs.length > 0 || batch.rejected.length > 0;
      if (committed) {
        const deadLetter = batch.rejected.length > 0 ? deadLetterPath(batchId) : null;
        await commitBatch(lakeDir, ledger, {
          batch: {
            seq: (ledger.batches.at(-1)?.seq ?? 0) + 1,
            id: batchId,
            committedAt: new Date().toISOString(),
            inputs: batch.inputs,
            rows,
            duplicates: batch.duplicates,
            rejected: batch.rejected.length,
            deadLetter,
          },
          files: dataFiles,
          stagedRoot: join(stagingDir, 'out'),
          stagedDeadLetter: deadLetter === null ? null : batch.deadLetter.stagedPath,
        });
      }
      const rollupRegion = options.rollupRegion ?? config.rollupRegion ?? batch.firstRegion;
      if (rollupRegion !== config.rollupRegion) await writeLakeConfig(lakeDir, { ...config, rollupRegion });
      return {
        batchId: committed ? batchId : null,
        files: files.length,
        inputRecords: batch.records,
        rows,
        duplicates: batch.duplicates,
        rejected: batch.rejected,
        seconds: (performance.now() - started) / 1000,
        rollupRegion,
      };
    } finally {
      batch.close();
      await recoverLake(lakeDir);
    }
  } finally {
    await lock.release();
  }
}
