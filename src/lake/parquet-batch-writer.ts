// Turns the batch's staged rows into zstd Parquet in the staging area, partitioned as Security Lake lays out
// its objects: one file per partition and source, after dropping rows already in the lake or earlier in the
// batch. Partitions are written in groups of about ROWS_PER_GROUP rows and at most PARTITIONS_PER_GROUP
// partitions, each partition whole within one group, so DuckDB's partitioned writer buffers a bounded number of
// rows, reserves memory for a bounded number of partitions, and never splits a partition. Two such groups are
// written at once, on a thread each; a larger group alone. A group of one partition (every partition of
// ROWS_PER_GROUP rows or more) is written straight to its file, as the partitioned write would name it, which
// buffers its rows once instead of twice; one of 100k rows or more by one thread, in row groups of 100k rows or
// more (row-group-size.ts).

import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { NativeSource } from '../mapping/native-sources.ts';
import { isAccountId, isRegionName } from '../mapping/partition-names.ts';
import type { LedgerDataFile } from './ledger.ts';
import type { StagedPartition } from './partition-stager.ts';
import { largeFileRowGroupSize, MIN_ROW_GROUP_ROWS } from './row-group-size.ts';
import { PARTITION_COLUMNS, quoteIdentifier, quoteLiteral, type TableLayout, tableLayout } from './table-layout.ts';

/**
 * Rows per COPY: DuckDB buffers a group whole before writing it. A quarter of a row group's rows at once keep that
 * buffer small (the write of 1M events peaked at 742 MB with 50,000, 558 MB with 25,000), and two lanes each write
 * a group: an eighth each. A partition is never split, so one with more rows goes alone, and one with
 * MIN_ROW_GROUP_ROWS rows or more in full row groups.
 */
const ROWS_PER_GROUP = 12_500;
/**
 * Partitions per COPY: DuckDB reserves memory for each partition a COPY writes, however few its rows. At 512 MB,
 * 178 small partitions in one COPY ran out of memory and 100 did not; 64 at once leaves a margin, 32 a lane.
 */
const PARTITIONS_PER_GROUP = 32;
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
 * DuckDB's allocator (the jemalloc in its bindings) keeps the pages a COPY freed, per thread, and the threads that
 * run the next COPY are not always the same: at 10M events, where most groups are one partition of some 70,000
 * rows, the write climbed to 1.1–1.2 GB. A group alone that leaves the process this far above the write's start
 * has the pages returned before the next one; the next group faults some in again, so it is not done after
 * every group (bench/RESULTS.md, session 10).
 */
const RELEASE_ABOVE_START_BYTES = 256 << 20;
/** zstd's level 1 against the default 3: files no larger for the bench's 1M events, up to 10% less CPU under load. */
const ZSTD_LEVEL = 1;

export interface GroupWrite {
  readonly source: string;
  readonly partitions: number;
  readonly written: number;
  readonly duplicates: number;
}

interface Lane {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/**
 * DuckDB databases that write groups side by side, each on one thread: a COPY on one thread costs less CPU than on
 * two, and two of them keep both cores busy where one two-thread COPY of a small group left part of a core idle.
 * A larger group has a database of LANES threads of its own: changing a database's threads for each group (at 10M
 * events, every group) cost more system time than it saved, its threads made anew each time.
 */
const LANES = 2;

export class ParquetBatchWriter {
  private constructor(
    private readonly lanes: readonly Lane[],
    private readonly both: Lane,
    private readonly lakeDir: string,
    private readonly outDir: string,
    private readonly batchId: string,
    private readonly committed: readonly LedgerDataFile[],
  ) {}

  static async open(lakeDir: string, outDir: string, batchId: string, committed: readonly LedgerDataFile[]) {
    const databases: Lane[] = [];
    for (const threads of [...Array(LANES).fill(1), LANES]) {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(threads),
        preserve_insertion_order: 'false',
        // DuckDB's default (80% of RAM) let its memory grow with every group written: 680 MB after 200k rows,
        // 911 MB after 400k. A bounded limit keeps it flat; it is enough since a group's partitions are bounded
        // too (a 2,000-event month of several accounts and regions had 178 in one COPY). Bounded, with a place
        // to spill.
        memory_limit: WRITE_MEMORY_LIMIT,
        temp_directory: join(outDir, '..', `spill-${databases.length}`),
        // A group holds whole partitions of at most ROWS_PER_GROUP rows in all (or one larger partition):
        // buffering MIN_ROW_GROUP_ROWS per partition keeps each partition in one file, in row groups of that size.
        partitioned_write_flush_threshold: String(MIN_ROW_GROUP_ROWS),
        partitioned_write_max_open_files: '100000',
      });
      databases.push({ instance, connection: await instance.connect() });
    }
    const both = databases.pop() as Lane;
    return new ParquetBatchWriter(databases, both, lakeDir, outDir, batchId, committed);
  }

  /**
   * Writes every staged partition, a group at a time, reporting each group as it is written, and deletes each
   * group's staging files once it is written, while the next group is: removed all at once after the commit, the
   * 2.4 GB staged for 1M events held the commit 2 s, mostly waiting for the disk.
   */
  async writeAll(staged: readonly StagedPartition[], onGroup: (write: GroupWrite) => void): Promise<void> {
    const free = [...this.lanes];
    const running = new Set<Promise<void>>();
    const removals: Promise<void>[] = [];
    const startRss = process.memoryUsage.rss();
    const start = (lane: Lane, group: readonly StagedPartition[], index: number) => {
      const task = this.write(lane.connection, group, index).then((write) => {
        running.delete(task);
        if (lane !== this.both) free.push(lane);
        onGroup(write);
        removals.push(...group.map((partition) => rm(partition.path, { force: true })));
      });
      running.add(task);
      return task;
    };
    try {
      // A group's number, and so its file names, is its place in the list, whichever lane writes it.
      for (const [index, group] of groupPartitions(staged).entries()) {
        if (rowsOf(group) <= ROWS_PER_GROUP) {
          while (free.length === 0) await Promise.race(running);
          start(free.pop() as Lane, group, index);
          continue;
        }
        // A larger group (one partition, or a source whose keys may repeat) is written alone, so that the rows
        // buffered at once stay what one lane's groups allow: on both threads, or on one where it must cut row
        // groups of its own size.
        await Promise.all(running);
        await start(ownRowGroups(group) === undefined ? this.both : (free[0] as Lane), group, index);
        // Nothing else runs now: setting the limit, even to the one it has, has DuckDB flush its allocator.
        if (process.memoryUsage.rss() > startRss + RELEASE_ABOVE_START_BYTES) {
          await this.both.connection.run(`SET memory_limit = '${WRITE_MEMORY_LIMIT}'`);
        }
      }
      await Promise.all(running);
    } finally {
      // A failed write leaves the other lane's COPY to finish before the databases may be closed. The run
      // removes the staging area after every batch whatever happens: a file not removed here is removed then.
      await Promise.allSettled(running);
      await Promise.allSettled(removals);
    }
  }

  private async write(
    connection: DuckDBConnection,
    group: readonly StagedPartition[],
    index: number,
  ): Promise<GroupWrite> {
    const source = group[0]?.source ?? '';
    const layout = tableLayout(source as NativeSource);
    const fileColumns = layout.columns
      .filter((c) => !PARTITION_COLUMNS.has(c.name))
      .map((c) => quoteIdentifier(c.name))
      .join(', ');
    const target = join(this.outDir, layout.folder);
    const rows = rowsOf(group);
    const [only] = group;
    const folder = group.length === 1 && only !== undefined ? partitionFolder(only.partition) : undefined;
    const name = `${this.batchId}-${index}`;
    // One partition is written straight to the file the partitioned write would name, without that write's
    // buffer of the partition in front of the row group's: 81,205 rows peaked 200 MB lower, with less CPU.
    const file = folder === undefined ? undefined : join(target, folder, `${name}-0.parquet`);
    await mkdir(file === undefined ? target : dirname(file), { recursive: true });
    // A partition of a row group's rows or more gets row groups of its own size, cut by one thread: two threads
    // buffer row groups of their own and each ends its file's share with a smaller one (162,410 rows were written
    // as 78,269 + 84,141, 219,993 as 101,355 + 101,456 + 17,182). Measured on such partitions, one thread cost
    // no more CPU and memory than two (bench/RESULTS.md, session 9). A partitioned write (a partition DuckDB
    // names) flushes its partition buffer into the file at the same size, which cuts the same row groups. The
    // size is taken from the staged rows: rows dropped as duplicates come off the last row group.
    const rowGroupRows = ownRowGroups(group);
    const options = `FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL ${ZSTD_LEVEL}, ROW_GROUP_SIZE ${rowGroupRows ?? MIN_ROW_GROUP_ROWS}`;
    const to =
      file === undefined
        ? `${quoteLiteral(target)} (${options}, PARTITION_BY (region, "accountId", "eventDay"),
             FILENAME_PATTERN ${quoteLiteral(`${name}-{i}`)}, OVERWRITE_OR_IGNORE)`
        : `${quoteLiteral(file)} (${options})`;
    const wide = group.length > PARTITIONS_PER_GROUP;
    if (wide) await connection.run(`SET memory_limit = '${WIDE_GROUP_MEMORY_LIMIT}'`);
    if (rowGroupRows !== undefined) await flushAt(connection, rowGroupRows);
    const partitionColumns =
      file === undefined ? `, region, accountid AS "accountId", strftime(time_dt, '%Y%m%d') AS "eventDay"` : '';
    const result = await connection.run(
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
    if (wide) await connection.run(`SET memory_limit = '${WRITE_MEMORY_LIMIT}'`);
    if (rowGroupRows !== undefined) await flushAt(connection, MIN_ROW_GROUP_ROWS);
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
    const reader = await (this.lanes[0] as Lane).connection.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata([${list}]) ORDER BY file_name`,
    );
    return reader.getRowsJS().map(([file, rows]) => describe(relative(this.outDir, String(file)), Number(rows)));
  }

  close(): void {
    for (const lane of [...this.lanes, this.both]) {
      lane.connection.closeSync();
      lane.instance.closeSync();
    }
  }
}

/** How many rows a partitioned write buffers per partition before it cuts a row group. */
async function flushAt(connection: DuckDBConnection, rows: number): Promise<void> {
  await connection.run(`SET partitioned_write_flush_threshold = ${rows}`);
}

/** The row group size of a group that is one partition of a row group's rows or more, cut by one thread. */
function ownRowGroups(group: readonly StagedPartition[]): number | undefined {
  return group.length === 1 ? largeFileRowGroupSize(rowsOf(group)) : undefined;
}

function rowsOf(group: readonly StagedPartition[]): number {
  return group.reduce((sum, p) => sum + p.rows, 0);
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
