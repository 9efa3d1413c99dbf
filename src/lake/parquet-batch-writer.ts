// Turns the batch's staged rows into zstd Parquet in the staging area, partitioned as Security Lake lays out
// its objects: one file per partition and source, after dropping rows already in the lake or earlier in the
// batch. Partitions are written in groups of about ROWS_PER_GROUP rows and at most PARTITIONS_PER_GROUP
// partitions, each partition whole within one group, so DuckDB's partitioned writer buffers a bounded number of
// rows, reserves memory for a bounded number of partitions, and never splits a partition. A group of one
// partition (every partition of 25k rows or more) is written straight to its file, as the partitioned write
// would name it, which buffers its rows once instead of twice.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { NativeSource } from '../mapping/native-sources.ts';
import { isAccountId, isRegionName } from '../mapping/partition-names.ts';
import type { LedgerDataFile } from './ledger.ts';
import type { StagedPartition } from './partition-stager.ts';
import { PARTITION_COLUMNS, quoteIdentifier, quoteLiteral, type TableLayout, tableLayout } from './table-layout.ts';

/** Rows per row group: Security Lake's readers scan row groups of 100k rows and more best. */
export const ROWS_PER_WRITE = 100_000;
/**
 * Rows per COPY: DuckDB buffers a group whole before writing it. A quarter of a row group's rows keep that buffer
 * small (the write of 1M events peaked at 742 MB with 50,000, 558 MB with 25,000); a partition is never split,
 * so one with more rows still goes alone, and one with ROWS_PER_WRITE rows or more in full row groups.
 */
const ROWS_PER_GROUP = 25_000;
/**
 * Partitions per COPY: DuckDB reserves memory for each partition a COPY writes, however few its rows. At 512 MB,
 * 178 small partitions in one COPY ran out of memory and 100 did not; 64 leaves a margin.
 */
const PARTITIONS_PER_GROUP = 64;
/**
 * A key repeated within the batch is de-duplicated within its group only, and the shared datasets hold repeats
 * across partitions: a source where some key may repeat keeps the groups it always had (whole partitions of
 * about 50,000 rows, however many), so that its rows stay exactly what they were, and the cap is raised for a
 * group with more than PARTITIONS_PER_GROUP partitions.
 */
const ROWS_PER_REPEATING_GROUP = 50_000;
const WRITE_MEMORY_LIMIT = '512MB';
const WIDE_GROUP_MEMORY_LIMIT = '2GB';
/**
 * Freed memory DuckDB may keep between groups. Its allocator (the jemalloc built into the bindings) keeps the
 * pages a COPY freed, per thread, for the next COPY, and the client threads change from query to query: over many
 * large groups what it kept grew by 400-500 MB while DuckDB held nothing (`duckdb_memory()`). Returning them after
 * every group cost 20-25% more CPU in the write (the next group faults them in again), so only past this much
 * above the process's size when the write began (4 of 69 groups for 1M events of the 10M bench, whose ingest
 * then peaked 50-200 MB lower, for 4-13% more CPU-s in all; 10M events peaked at 960 MB).
 */
const RETAINED_BYTES = 256 * 2 ** 20;
/** zstd's level 1 against the default 3: files no larger for the bench's 1M events, up to 10% less CPU under load. */
const ZSTD_LEVEL = 1;

export interface GroupWrite {
  readonly source: string;
  readonly partitions: number;
  readonly written: number;
  readonly duplicates: number;
}

export class ParquetBatchWriter {
  private groupCount = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly lakeDir: string,
    private readonly outDir: string,
    private readonly batchId: string,
    private readonly committed: readonly LedgerDataFile[],
  ) {}

  static async open(lakeDir: string, outDir: string, batchId: string, committed: readonly LedgerDataFile[]) {
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '2',
      preserve_insertion_order: 'false',
      // DuckDB's default (80% of RAM) let its memory grow with every group written: 680 MB after 200k rows,
      // 911 MB after 400k. 512 MB keeps it flat; it is enough since a group's partitions are bounded too (a
      // 2,000-event month of several accounts and regions had 178 in one COPY). Bounded, with a place to spill.
      memory_limit: WRITE_MEMORY_LIMIT,
      temp_directory: join(outDir, '..', 'spill'),
      // A group holds whole partitions of at most ROWS_PER_GROUP rows in all (or one larger partition):
      // buffering ROWS_PER_WRITE per partition keeps each partition in one file, in row groups of that size.
      partitioned_write_flush_threshold: String(ROWS_PER_WRITE),
      partitioned_write_max_open_files: '100000',
    });
    const connection = await instance.connect();
    return new ParquetBatchWriter(instance, connection, lakeDir, outDir, batchId, committed);
  }

  /** Writes every staged partition, a group at a time, reporting each group as it is written. */
  async writeAll(staged: readonly StagedPartition[], onGroup: (write: GroupWrite) => void): Promise<void> {
    const releaseAbove = process.memoryUsage.rss() + RETAINED_BYTES;
    for (const group of groupPartitions(staged)) {
      onGroup(await this.write(group));
      if (process.memoryUsage.rss() > releaseAbove) await this.releaseFreedMemory();
    }
  }

  /** Setting the memory limit, even to the same value, ends in DuckDB flushing its allocator (`BufferPool::SetLimit`). */
  private async releaseFreedMemory(): Promise<void> {
    await this.connection.run(`SET memory_limit = '${WRITE_MEMORY_LIMIT}'`);
  }

  private async write(group: readonly StagedPartition[]): Promise<GroupWrite> {
    const source = group[0]?.source ?? '';
    const layout = tableLayout(source as NativeSource);
    const fileColumns = layout.columns
      .filter((c) => !PARTITION_COLUMNS.has(c.name))
      .map((c) => quoteIdentifier(c.name))
      .join(', ');
    const target = join(this.outDir, layout.folder);
    const rows = group.reduce((sum, p) => sum + p.rows, 0);
    const [only] = group;
    const folder = group.length === 1 && only !== undefined ? partitionFolder(only.partition) : undefined;
    const name = `${this.batchId}-${this.groupCount++}`;
    // One partition is written straight to the file the partitioned write would name, without that write's
    // buffer of the partition in front of the row group's: 81,205 rows peaked 200 MB lower, with less CPU.
    const file = folder === undefined ? undefined : join(target, folder, `${name}-0.parquet`);
    await mkdir(file === undefined ? target : dirname(file), { recursive: true });
    const options = `FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL ${ZSTD_LEVEL}, ROW_GROUP_SIZE ${ROWS_PER_WRITE}`;
    const to =
      file === undefined
        ? `${quoteLiteral(target)} (${options}, PARTITION_BY (region, "accountId", "eventDay"),
             FILENAME_PATTERN ${quoteLiteral(`${name}-{i}`)}, OVERWRITE_OR_IGNORE)`
        : `${quoteLiteral(file)} (${options})`;
    const wide = group.length > PARTITIONS_PER_GROUP;
    if (wide) await this.connection.run(`SET memory_limit = '${WIDE_GROUP_MEMORY_LIMIT}'`);
    const partitionColumns =
      file === undefined ? `, region, accountid AS "accountId", strftime(time_dt, '%Y%m%d') AS "eventDay"` : '';
    const result = await this.connection.run(
      `COPY (
         SELECT ${fileColumns}${partitionColumns}
         FROM ${readStaged(
           group.map((p) => p.path),
           layout.columns,
         )} s
         ${this.notInLake(layout, group)}
         ${group.some((p) => p.mayRepeat) ? earliestOfEachKey(layout) : ''}
       ) TO ${to}`,
    );
    if (wide) await this.connection.run(`SET memory_limit = '${WRITE_MEMORY_LIMIT}'`);
    const written = Number(result.rowsChanged);
    // A partitioned write of no rows writes no file; a plain one writes a file of no rows.
    if (file !== undefined && written === 0) await rm(file);
    return { source, partitions: group.length, written, duplicates: rows - written };
  }

  /**
   * Drops rows whose key is already committed. A repeated event has the same time, region and account, so
   * it lies in the same partition: only the committed files of the group's partitions are read.
   */
  private notInLake(layout: TableLayout, group: readonly StagedPartition[]): string {
    if (Object.keys(layout.keyColumns).length === 0) return '';
    const partitions = new Set(group.map((p) => p.partition));
    const files = this.committed
      .filter((f) => f.source === layout.source && partitions.has(partitionOf(f)))
      .map((f) => quoteLiteral(join(this.lakeDir, f.path)));
    if (files.length === 0) return '';
    return `WHERE NOT EXISTS (SELECT 1 FROM (SELECT ${layout.keySql} AS tarn_key FROM read_parquet([${files.join(', ')}])) k
              WHERE k.tarn_key = (${layout.keySql}))`;
  }

  /** The Parquet files written so far, as the ledger will list them once they are moved into the lake. */
  async stagedFiles(): Promise<LedgerDataFile[]> {
    const paths = await listParquet(this.outDir);
    if (paths.length === 0) return [];
    const list = paths.map(quoteLiteral).join(', ');
    const reader = await this.connection.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata([${list}]) ORDER BY file_name`,
    );
    return reader.getRowsJS().map(([file, rows]) => describe(relative(this.outDir, String(file)), Number(rows)));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Within the batch, the earliest row of each key is kept (rows without a key are all kept). */
function earliestOfEachKey(layout: TableLayout): string {
  return `QUALIFY (${layout.keySql}) IS NULL OR row_number() OVER (PARTITION BY (${layout.keySql}) ORDER BY s.time) = 1`;
}

/**
 * Partitions of one source packed into groups of at most ROWS_PER_GROUP rows and PARTITIONS_PER_GROUP partitions
 * (of about ROWS_PER_REPEATING_GROUP rows, however many partitions, where a key may repeat); a larger partition
 * goes alone.
 */
export function groupPartitions(staged: readonly StagedPartition[]): StagedPartition[][] {
  const groups: StagedPartition[][] = [];
  const bySource = new Map<string, StagedPartition[]>();
  for (const partition of staged) {
    const list = bySource.get(partition.source);
    if (list) list.push(partition);
    else bySource.set(partition.source, [partition]);
  }
  for (const partitions of bySource.values()) {
    const repeats = partitions.some((p) => p.mayRepeat);
    const maxRows = repeats ? ROWS_PER_REPEATING_GROUP : ROWS_PER_GROUP;
    const maxPartitions = repeats ? Number.POSITIVE_INFINITY : PARTITIONS_PER_GROUP;
    let group: StagedPartition[] = [];
    let rows = 0;
    for (const partition of partitions) {
      if (group.length > 0 && (rows + partition.rows > maxRows || group.length === maxPartitions)) {
        groups.push(group);
        group = [];
        rows = 0;
      }
      group.push(partition);
      rows += partition.rows;
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

/**
 * The folder DuckDB's partitioned write gives a partition's rows, when the stager's name of it says what it
 * would be: a region and an account as AWS shapes them (written in folder names as they are) and a day of a
 * four-digit year (the stager takes it from the row's `time_dt`, which the mappings write in UTC, as
 * `YYYY-MM-DDT…Z` for such a year). Otherwise undefined, and the partitioned write decides.
 */
function partitionFolder(partition: string): string | undefined {
  const [region = '', accountId = '', day = ''] = partition.split('\0');
  if (!isRegionName(region) || !isAccountId(accountId) || !/^[1-9]\d{3}-\d{2}-\d{2}$/.test(day)) return undefined;
  return `region=${region}/accountId=${accountId}/eventDay=${day.replaceAll('-', '')}`;
}

/** The partition of a committed file, as the stager names a row's: `region\0accountId\0yyyy-mm-dd`. */
function partitionOf(file: LedgerDataFile): string {
  const day = file.eventDay;
  return `${file.region}\0${file.accountId}\0${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
}

function readStaged(paths: readonly string[], columns: readonly { name: string; type: string }[]): string {
  const spec = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  // The default object size limit (16 MB) sizes DuckDB's read buffers: the stager rejects larger rows.
  return `read_json([${paths.map(quoteLiteral).join(', ')}], format = 'newline_delimited', auto_detect = false, columns = {${spec}})`;
}

const PARTITION_PATH = /^aws\/([^/]+)\/2\.0\/region=([^/]+)\/accountId=([^/]+)\/eventDay=([^/]+)\/[^/]+\.parquet$/;

function describe(path: string, rows: number): LedgerDataFile {
  const posix = path.split(sep).join('/');
  const match = PARTITION_PATH.exec(posix);
  if (!match) throw new Error(`unexpected Parquet path in staging: ${posix}`);
  const [, folder = '', region = '', accountId = '', eventDay = ''] = match;
  return { path: posix, source: folder.toLowerCase(), region, accountId, eventDay, rows };
}

async function listParquet(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.parquet')).map((e) => join(e.parentPath, e.name));
}
