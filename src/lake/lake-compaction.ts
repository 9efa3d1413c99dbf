// Compaction: each partition's small files merged into files of up to about 256 MB (zstd, rows sorted by time as
// ingest writes them, row groups of 122,880 rows, or of 100,000 or more each where the partition has that many),
// all partitions in one commit. The ledger swaps the old files for the new ones at the commit point; the old files
// are deleted only after it.

import { mkdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { commitChange, STAGING_DIR } from './batch-commit.ts';
import { newChangeId, type Partition, partitionsOf, sourceMatches, withLakeLocked } from './lake-maintenance.ts';
import type { LedgerDataFile, LedgerPartitionChange } from './ledger.ts';
import { largeFileRowGroupSize } from './row-group-size.ts';
import { quoteLiteral } from './table-layout.ts';

export const TARGET_FILE_BYTES = 256 * 1024 * 1024;
/** A file at least half the target is left as it is: rewriting it would gain little. */
const SMALL_FILE_BYTES = TARGET_FILE_BYTES / 2;
const ROW_GROUP_ROWS = 122_880;
const MERGE_THREADS = 2;

export interface CompactionProgress {
  readonly phase: 'merging' | 'committing';
  readonly partitionsDone: number;
  readonly partitionsTotal: number;
  readonly rows: number;
  readonly elapsedMs: number;
}

export interface CompactionOptions {
  readonly lakeDir: string;
  readonly source?: string;
  readonly onProgress?: (progress: CompactionProgress) => void;
}

export interface CompactedPartition extends LedgerPartitionChange {
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

export interface CompactionResult {
  readonly partitions: readonly CompactedPartition[];
  /** The ledger position of the compaction commit; null when no partition had files to merge. */
  readonly seq: number | null;
}

export async function compactLake(options: CompactionOptions): Promise<CompactionResult> {
  const started = performance.now();
  const { lakeDir } = options;
  return withLakeLocked(lakeDir, async (ledger) => {
    const matches = sourceMatches(options.source);
    const candidates: { partition: Partition; small: LedgerDataFile[] }[] = [];
    for (const partition of partitionsOf(ledger.files).filter((p) => matches(p.source))) {
      const small = await smallFiles(lakeDir, partition.files);
      if (small.length >= 2) candidates.push({ partition, small });
    }
    if (candidates.length === 0) return { partitions: [], seq: null };
    const id = newChangeId('compaction');
    const stagedRoot = join(lakeDir, STAGING_DIR, id, 'out');
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(MERGE_THREADS),
      temp_directory: join(lakeDir, STAGING_DIR, id, 'spill'),
    });
    const connection = await instance.connect();
    const added: LedgerDataFile[] = [];
    const partitions: CompactedPartition[] = [];
    let rows = 0;
    try {
      for (const [index, { partition, small }] of candidates.entries()) {
        const report = (phase: CompactionProgress['phase'], done: number) =>
          options.onProgress?.({
            phase,
            partitionsDone: done,
            partitionsTotal: candidates.length,
            rows,
            elapsedMs: performance.now() - started,
          });
        report('merging', index);
        const target = join(stagedRoot, partition.folder);
        await mkdir(target, { recursive: true });
        const sources = small.map((file) => quoteLiteral(join(lakeDir, file.path))).join(', ');
        // Custom sources' batches may carry different columns: the merged file holds them all, as queries read them.
        const byName = partition.source.startsWith('ext/') ? ', union_by_name = true' : '';
        const partRows = small.reduce((sum, file) => sum + file.rows, 0);
        // A partition of a row group's rows or more is merged by one thread, in row groups of its own size
        // (row-group-size.ts): with two, DuckDB's ordered copy cut 219,993 rows into 97,113 + 110,592 + 12,288,
        // and `time` stepped back between the first two, where one thread cut 110,592 + 109,401 in order, with
        // less memory.
        // The threads are set only around such a partition: DuckDB makes its threads anew at each setting.
        const rowGroupRows = largeFileRowGroupSize(partRows);
        if (rowGroupRows !== undefined) await connection.run('SET threads = 1');
        const reader = await connection.runAndReadAll(
          `COPY (SELECT * FROM read_parquet([${sources}], hive_partitioning = false${byName}) ORDER BY "time")
           TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows ?? ROW_GROUP_ROWS},
             FILE_SIZE_BYTES ${TARGET_FILE_BYTES}, FILENAME_PATTERN ${quoteLiteral(`${id}-{i}`)}, RETURN_STATS)`,
        );
        if (rowGroupRows !== undefined) await connection.run(`SET threads = ${MERGE_THREADS}`);
        const written = (reader.getRowObjectsJson() as unknown as { filename: string; count: string }[]).map(
          ({ filename, count }) => ({
            ...placeOf(partition),
            path: relative(stagedRoot, filename).split(sep).join('/'),
            rows: Number(count),
          }),
        );
        added.push(...written);
        rows += partRows;
        partitions.push({
          ...placeOf(partition),
          filesBefore: partition.files.length,
          filesAfter: partition.files.length - small.length + written.length,
          rows: partition.files.reduce((sum, file) => sum + file.rows, 0),
          bytesBefore: await totalBytes(lakeDir, partition.files),
          bytesAfter:
            (await totalBytes(
              lakeDir,
              partition.files.filter((file) => !small.includes(file)),
            )) + (await totalBytes(stagedRoot, written)),
        });
        report(index + 1 === candidates.length ? 'committing' : 'merging', index + 1);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const committedAt = new Date().toISOString();
    const summary = partitions.map(({ bytesBefore: _, bytesAfter: __, ...change }) => change);
    const next = await commitChange(lakeDir, ledger, {
      id,
      entry: (seq) => ({ maintenance: { seq, id, kind: 'compaction', committedAt, partitions: summary } }),
      added,
      stagedRoot,
      removed: candidates.flatMap(({ small }) => small.map((file) => file.path)),
    });
    return { partitions, seq: next.seq };
  });
}

function placeOf({ source, region, accountId, eventDay }: Partition) {
  return { source, region, accountId, eventDay };
}

async function smallFiles(lakeDir: string, files: readonly LedgerDataFile[]): Promise<LedgerDataFile[]> {
  const small: LedgerDataFile[] = [];
  for (const file of files) if ((await sizeOf(lakeDir, file)) < SMALL_FILE_BYTES) small.push(file);
  return small;
}

async function totalBytes(root: string, files: readonly LedgerDataFile[]): Promise<number> {
  let total = 0;
  for (const file of files) total += await sizeOf(root, file);
  return total;
}

/** Entries written before the ledger recorded sizes are measured on disk. */
async function sizeOf(root: string, file: LedgerDataFile): Promise<number> {
  return file.bytes ?? (await stat(join(root, file.path))).size;
}
