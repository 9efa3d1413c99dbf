// Writes a custom source's validated events as zstd Parquet in Security Lake's custom-source layout,
// `ext/<name>/region=/accountId=/eventDay=/`, each file sorted by time. The columns are those the events carry
// (events of one class may carry different optional attributes), nested objects stay structs, and each column's
// type is the one the OCSF schema gives it (see custom-column-types.ts), so every batch writes the same types.

import { mkdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import type { ColumnTyping } from './custom-column-types.ts';
import type { LedgerDataFile } from './ledger.ts';
import type { StagedChunk } from './row-stager.ts';
import { quoteLiteral } from './table-layout.ts';

/** What RETURN_STATS reports per written file. */
interface FileStats {
  readonly filename: string;
  readonly count: string;
}

export class CustomParquetWriter {
  private readonly written: LedgerDataFile[] = [];
  private chunkCount = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly outDir: string,
    private readonly batchId: string,
    private readonly typing: ColumnTyping,
  ) {}

  /** One thread with insertion order kept, so that each partition's file gets the rows in time order. */
  static async open(outDir: string, batchId: string, typing: ColumnTyping): Promise<CustomParquetWriter> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', preserve_insertion_order: 'true' });
    return new CustomParquetWriter(instance, await instance.connect(), outDir, batchId, typing);
  }

  /** The `metadata.uid` of every committed event of the source, to drop events already in the lake. */
  async committedKeys(lakeDir: string, files: readonly LedgerDataFile[]): Promise<Set<string>> {
    if (files.length === 0) return new Set();
    const list = files.map((file) => quoteLiteral(join(lakeDir, file.path))).join(', ');
    // to_json: a batch whose events had no uid has no `uid` field in its metadata struct at all.
    const reader = await this.connection.runAndReadAll(
      `SELECT DISTINCT to_json(metadata)->>'uid' FROM read_parquet([${list}], union_by_name = true) WHERE to_json(metadata)->>'uid' IS NOT NULL`,
    );
    return new Set(reader.getRowsJS().map(([uid]) => String(uid)));
  }

  /** A chunk holds the events of one source, each with its `region`, `accountId` and `eventDay` beside it. */
  async write(chunk: StagedChunk): Promise<void> {
    const target = join(this.outDir, chunk.source);
    await mkdir(target, { recursive: true });
    const pattern = `${this.batchId}-${this.chunkCount++}-{i}`;
    const reader = await this.connection.runAndReadAll(
      `COPY (SELECT * FROM read_json(${quoteLiteral(chunk.path)}, format = 'newline_delimited', columns = ${await this.columnsOf(chunk)}) ORDER BY "time")
       TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (region, "accountId", "eventDay"),
         FILENAME_PATTERN ${quoteLiteral(pattern)}, OVERWRITE_OR_IGNORE, RETURN_STATS)`,
    );
    for (const stats of reader.getRowObjectsJson() as unknown as FileStats[]) {
      this.written.push(describe(chunk.source, relative(this.outDir, stats.filename), Number(stats.count)));
    }
  }

  /**
   * The chunk's columns as read_json's `columns` struct. Every line is read to find them: a rare attribute in
   * the last event must still get its column, and the shape of the objects it leaves open must be seen whole.
   */
  private async columnsOf(chunk: StagedChunk): Promise<string> {
    const detected = await this.connection.runAndReadAll(
      `SELECT * FROM read_json(${quoteLiteral(chunk.path)}, format = 'newline_delimited', sample_size = -1) LIMIT 0`,
    );
    const types = detected.columnTypes();
    const columns = detected.columnNames().map((name, index) => {
      const detectedType = types[index] ?? VARCHAR;
      const type = PARTITION_COLUMNS.has(name) ? VARCHAR : this.typing(name, detectedType);
      return `${quoteLiteral(name)}: ${quoteLiteral(type.toString())}`;
    });
    return `{${columns.join(', ')}}`;
  }

  /** The Parquet files written so far, as the ledger will list them once they are moved into the lake. */
  stagedFiles(): LedgerDataFile[] {
    return [...this.written].sort((a, b) => a.path.localeCompare(b.path));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Staged beside each event; an account id or day of digits is still text. */
const PARTITION_COLUMNS = new Set(['region', 'accountId', 'eventDay']);
const PARTITION_PATH = /\/region=([^/]+)\/accountId=([^/]+)\/eventDay=([^/]+)\/[^/]+\.parquet$/;

function describe(source: string, path: string, rows: number): LedgerDataFile {
  const posix = path.split(sep).join('/');
  const match = PARTITION_PATH.exec(posix);
  if (!match) throw new Error(`unexpected Parquet path in staging: ${posix}`);
  const [, region = '', accountId = '', eventDay = ''] = match;
  return { path: posix, source, region, accountId, eventDay, rows };
}
