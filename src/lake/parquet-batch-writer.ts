// Turns staged JSON rows into zstd Parquet in the staging area, partitioned as Security Lake lays out its
// objects, after dropping rows already in the lake or earlier in the batch.

import { mkdir, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { NativeSource } from '../mapping/native-sources.ts';
import type { LedgerDataFile } from './ledger.ts';
import type { StagedChunk } from './row-stager.ts';
import { PARTITION_COLUMNS, quoteIdentifier, quoteLiteral, type TableLayout, tableLayout } from './table-layout.ts';

export interface ChunkWrite {
  readonly source: string;
  readonly written: number;
  readonly duplicates: number;
}

export class ParquetBatchWriter {
  private readonly keyTables = new Map<string, string>();
  private chunkCount = 0;

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
      // A batch can span hundreds of partitions (region × account × day); buffering fewer rows in each keeps
      // memory bounded, at the cost of smaller row groups.
      partitioned_write_flush_threshold: '20000',
    });
    const connection = await instance.connect();
    return new ParquetBatchWriter(instance, connection, lakeDir, outDir, batchId, committed);
  }

  async write(chunk: StagedChunk): Promise<ChunkWrite> {
    const layout = tableLayout(chunk.source as NativeSource);
    const keys = await this.keyTable(layout);
    const fileColumns = layout.columns
      .filter((c) => !PARTITION_COLUMNS.has(c.name))
      .map((c) => quoteIdentifier(c.name))
      .join(', ');
    const target = join(this.outDir, layout.folder);
    await mkdir(target, { recursive: true });
    // One pass: read, drop known keys and repeats, write.
    const result = await this.connection.run(
      `COPY (
         SELECT ${fileColumns}, region, accountid AS "accountId", strftime(time_dt, '%Y%m%d') AS "eventDay"
         FROM ${readStaged(chunk.path, layout.columns)} s
         WHERE NOT EXISTS (SELECT 1 FROM ${keys} k WHERE k.tarn_key = (${layout.keySql}))
         QUALIFY (${layout.keySql}) IS NULL OR row_number() OVER (PARTITION BY (${layout.keySql}) ORDER BY s.time) = 1
       ) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (region, "accountId", "eventDay"),
         FILENAME_PATTERN ${quoteLiteral(`${this.batchId}-${this.chunkCount++}-{i}`)}, OVERWRITE_OR_IGNORE)`,
    );
    const keyColumns = Object.entries(layout.keyColumns).map(([name, type]) => ({ name, type }));
    if (keyColumns.length > 0) {
      await this.connection.run(
        `INSERT INTO ${keys} SELECT DISTINCT ${layout.keySql} FROM ${readStaged(chunk.path, keyColumns)}`,
      );
    }
    const written = Number(result.rowsChanged);
    return { source: chunk.source, written, duplicates: chunk.rows - written };
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

  private async keyTable(layout: TableLayout): Promise<string> {
    const existing = this.keyTables.get(layout.source);
    if (existing) return existing;
    const name = `keys_${layout.source}`;
    const files = this.committed.filter((f) => f.source === layout.source).map((f) => join(this.lakeDir, f.path));
    const from =
      files.length === 0
        ? 'SELECT NULL::VARCHAR AS tarn_key WHERE false'
        : `SELECT ${layout.keySql} AS tarn_key FROM read_parquet([${files.map(quoteLiteral).join(', ')}])`;
    await this.connection.run(`CREATE TEMP TABLE ${name} AS ${from}`);
    this.keyTables.set(layout.source, name);
    return name;
  }
}

function readStaged(path: string, columns: readonly { name: string; type: string }[]): string {
  const spec = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  // The default object size limit (16 MB) sizes DuckDB's read buffers; rows are far smaller, and a larger
  // limit costs its buffer in memory on every read.
  return `read_json(${quoteLiteral(path)}, format = 'newline_delimited', auto_detect = false, columns = {${spec}})`;
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
