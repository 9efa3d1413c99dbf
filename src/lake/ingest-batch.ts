// One batch being built: each input (a file, or a member of an archive) is read once (for its checksum and its
// records), mapped, and staged; DuckDB writes completed chunks to Parquet in the background while the next
// inputs are read.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { mapRecord } from '../mapping/record-mapping.ts';
import { type ArchiveSink, readArchive } from '../sources/archive-members.ts';
import { readInputBytes } from '../sources/input-bytes.ts';
import type { LogFileRead, LogFormat, Reject } from '../sources/log-file.ts';
import { readLogContent } from '../sources/log-file-reader.ts';
import { BatchTally } from './batch-tally.ts';
import { DeadLetterWriter } from './dead-letter.ts';
import type { BatchPlace } from './ingest-run.ts';
import type { Ledger, LedgerDataFile } from './ledger.ts';
import { ParquetBatchWriter } from './parquet-batch-writer.ts';
import { RowStager, type StagedChunk } from './row-stager.ts';

export interface BatchOptions {
  readonly format?: LogFormat;
  readonly rowsPerChunk?: number;
  readonly onReject?: (reject: Reject) => void;
}

export class IngestBatch extends BatchTally {
  readonly rows: Record<string, number> = {};
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly writer: ParquetBatchWriter,
    private readonly stager: RowStager,
    deadLetter: DeadLetterWriter,
    ledger: Ledger,
    private readonly options: BatchOptions,
    private readonly scratchDir: string,
    private readonly onInput: (name: string) => void,
  ) {
    super(deadLetter, ledger, options.onReject);
  }

  static async open(place: BatchPlace, options: BatchOptions) {
    const { lakeDir, stagingDir, batchId, ledger } = place;
    const writer = await ParquetBatchWriter.open(lakeDir, join(stagingDir, 'out'), batchId, ledger.files);
    const stager = new RowStager(join(stagingDir, 'rows'), options.rowsPerChunk ?? 20_000);
    const deadLetter = new DeadLetterWriter(join(stagingDir, 'dead-letter.jsonl'));
    return new IngestBatch(writer, stager, deadLetter, ledger, options, join(stagingDir, 'scratch'), place.onInput);
  }

  /**
   * Reads, maps and stages one input file: a plain file synchronously, as the hot path needs; an archive
   * member by member, and Parquet through DuckDB, behind the promise returned.
   */
  addFile(file: string): Promise<void> | undefined {
    const input = readInputBytes(file);
    if ('reason' in input) return this.rejectInput(file, input.reason);
    if ('archive' in input) return readArchive(file, input.archive, this.archiveSink);
    return this.addContent(file, input.bytes, file);
  }

  /**
   * One input's content by its name (a file, or `bundle.zip!path` for an archive member); content already
   * ingested (same bytes, loose or in an archive) counts as duplicates unread. `path` is the file holding
   * exactly these bytes, when there is one.
   */
  addContent(name: string, bytes: Buffer, path?: string): Promise<void> | undefined {
    this.onInput(name);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.countIfKnown(sha256)) return undefined;
    const options = { format: this.options.format, path, scratchDir: this.scratchDir };
    const read = readLogContent(name, bytes, options);
    if (read instanceof Promise) return read.then((done) => this.land(done, sha256, bytes.length));
    this.land(read, sha256, bytes.length);
    return undefined;
  }

  private readonly archiveSink: ArchiveSink = {
    member: (name, bytes) => this.addContent(name, bytes),
    reject: (entry) => {
      this.records++;
      this.reject(entry);
    },
  };

  private land(read: LogFileRead, sha256: string, bytes: number): void {
    const { file } = read;
    for (const entry of read.rejects) this.reject(entry);
    for (const record of read.records) {
      const outcome = read.kind ? mapRecord(read.kind, record.value) : null;
      if (outcome?.ok) {
        this.firstRegion ??= String(outcome.row.region);
        this.stager.add(outcome.source, outcome.row);
      } else {
        const reason = outcome?.reason ?? 'no mapping for this file format';
        this.reject({ file, record: record.record, reason, raw: JSON.stringify(record.value) });
      }
    }
    this.addInput({ path: file, sha256, bytes, records: read.records.length + read.rejects.length });
    this.queue(this.stager.takeCompleted());
  }

  /** Waits for the Parquet writes queued so far; a failed write surfaces here. */
  drain(): Promise<void> {
    return this.writes;
  }

  /** Writes what is still staged and lists the batch's Parquet files. */
  async finish(): Promise<LedgerDataFile[]> {
    this.queue(this.stager.finish());
    await this.writes;
    return this.writer.stagedFiles();
  }

  close(): void {
    this.writer.close();
  }

  private queue(chunks: readonly StagedChunk[]): void {
    for (const chunk of chunks) {
      this.writes = this.writes.then(async () => {
        const result = await this.writer.write(chunk);
        this.rows[result.source] = (this.rows[result.source] ?? 0) + result.written;
        this.duplicates += result.duplicates;
      });
      // Marks the failure as handled until `drain` or `finish` awaits it and throws it there.
      this.writes.catch(() => undefined);
    }
  }
}
