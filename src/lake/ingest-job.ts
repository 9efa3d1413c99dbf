// `tarn ingest`: raw files in, one atomic batch of Parquet out. Every input record ends up as a row, a
// duplicate or a reject with its reason; the batch becomes visible all at once, or not at all.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { mapRecord } from '../mapping/record-mapping.ts';
import { listInputFiles } from '../sources/input-files.ts';
import type { LogFormat, Reject } from '../sources/log-file.ts';
import { readLogFile } from '../sources/log-file-reader.ts';
import { commitBatch, recoverLake, STAGING_DIR } from './batch-commit.ts';
import { DeadLetterWriter, deadLetterPath } from './dead-letter.ts';
import { sha256File } from './file-checksum.ts';
import type { IngestSummary } from './ingest-summary.ts';
import { readLakeConfig, writeLakeConfig } from './lake-config.ts';
import { acquireLakeLock } from './lake-lock.ts';
import type { LedgerInput } from './ledger.ts';
import { readLedger } from './ledger.ts';
import { ParquetBatchWriter } from './parquet-batch-writer.ts';
import { RowStager } from './row-stager.ts';

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly records: number;
  readonly elapsedMs: number;
}

export interface IngestOptions {
  readonly lakeDir: string;
  readonly paths: readonly string[];
  readonly rollupRegion?: string;
  readonly format?: LogFormat;
  readonly rowsPerChunk?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly onReject?: (reject: Reject) => void;
}

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
    const known = new Map(ledger.batches.flatMap((b) => b.inputs.map((i) => [i.sha256, i.records] as const)));
    const stager = new RowStager(join(stagingDir, 'rows'), options.rowsPerChunk ?? 250_000);
    const deadLetter = new DeadLetterWriter(join(stagingDir, 'dead-letter.jsonl'));
    const writer = await ParquetBatchWriter.open(lakeDir, join(stagingDir, 'out'), batchId, ledger.files);
    const rows: Record<string, number> = {};
    const rejected: Reject[] = [];
    const inputs: LedgerInput[] = [];
    let duplicates = 0;
    let records = 0;
    let firstRegion: string | null = null;

    const reject = async (entry: Reject) => {
      rejected.push(entry);
      options.onReject?.(entry);
      await deadLetter.add(entry);
    };
    const writeChunks = async (chunks: Awaited<ReturnType<RowStager['finish']>>) => {
      for (const chunk of chunks) {
        const result = await writer.write(chunk);
        rows[result.source] = (rows[result.source] ?? 0) + result.written;
        duplicates += result.duplicates;
      }
    };

    try {
      const { files, missing } = await listInputFiles(options.paths);
      for (const path of missing) await reject({ file: path, record: null, reason: 'no such file or folder' });
      for (const [index, file] of files.entries()) {
        const { sha256, bytes } = await sha256File(file);
        const seen = known.get(sha256);
        if (seen !== undefined) {
          duplicates += seen;
          records += seen;
        } else {
          const read = await readLogFile(file, { format: options.format });
          for (const entry of read.rejects) await reject(entry);
          for (const record of read.records) {
            const outcome = read.kind ? mapRecord(read.kind, record.value) : null;
            if (outcome?.ok) {
              firstRegion ??= String(outcome.row.region);
              await stager.add(outcome.source, outcome.row);
            } else {
              const reason = outcome?.reason ?? 'no mapping for this file format';
              await reject({ file, record: record.record, reason, raw: JSON.stringify(record.value) });
            }
          }
          const fileRecords = read.records.length + read.rejects.length;
          records += fileRecords;
          known.set(sha256, fileRecords);
          inputs.push({ path: file, sha256, bytes, records: fileRecords });
          await writeChunks(stager.takeCompleted());
        }
        options.onProgress?.({
          filesDone: index + 1,
          filesTotal: files.length,
          records,
          elapsedMs: performance.now() - started,
        });
      }
      await writeChunks(await stager.finish());
      const dataFiles = await writer.stagedFiles();
      writer.close();

      const hasWork = inputs.length > 0 || deadLetter.rejected > 0;
      if (hasWork) {
        const batch = {
          seq: (ledger.batches.at(-1)?.seq ?? 0) + 1,
          id: batchId,
          committedAt: new Date().toISOString(),
          inputs,
          rows,
          duplicates,
          rejected: rejected.length,
          deadLetter: deadLetter.rejected > 0 ? deadLetterPath(batchId) : null,
        };
        await commitBatch(lakeDir, ledger, {
          batch,
          files: dataFiles,
          stagedRoot: join(stagingDir, 'out'),
          stagedDeadLetter: deadLetter.rejected > 0 ? deadLetter.stagedPath : null,
        });
      }
      const rollupRegion = options.rollupRegion ?? config.rollupRegion ?? firstRegion;
      if (rollupRegion !== config.rollupRegion) await writeLakeConfig(lakeDir, { ...config, rollupRegion });
      return {
        batchId: hasWork ? batchId : null,
        files: files.length,
        inputRecords: records + missing.length,
        rows,
        duplicates,
        rejected,
        seconds: (performance.now() - started) / 1000,
        rollupRegion,
      };
    } finally {
      await recoverLake(lakeDir);
    }
  } finally {
    await lock.release();
  }
}

function newBatchId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
