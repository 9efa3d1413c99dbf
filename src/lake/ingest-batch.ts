// One batch being built: each input (a file, or a member of an archive) is read once (for its checksum and its
// records), mapped, and staged by partition; once every input is read, each partition is written as one
// Parquet file.

import { join } from 'node:path';
import type { RecordPlace } from '../mapping/record-place.ts';
import { type ArchiveSink, readArchive } from '../sources/archive-members.ts';
import { readInputBytes } from '../sources/input-bytes.ts';
import type { LogFormat, Reject } from '../sources/log-file.ts';
import { readLogContent } from '../sources/log-file-reader.ts';
import { BatchTally } from './batch-tally.ts';
import { DeadLetterWriter } from './dead-letter.ts';
import { mapRead, type PreparedInput, sha256Of } from './ingest-input.ts';
import type { BatchPlace, WriteProgress } from './ingest-run.ts';
import type { Ledger, LedgerDataFile } from './ledger.ts';
import { ParquetBatchWriter } from './parquet-batch-writer.ts';
import { PartitionStager } from './partition-stager.ts';

export interface BatchOptions {
  readonly format?: LogFormat;
  /** `--account`/`--region`: the place of records that name none, nor does their file's path. */
  readonly place?: RecordPlace;
  /** `--strict`: a file that is not valid UTF-8 has its records rejected. */
  readonly strict?: boolean;
  readonly onReject?: (reject: Reject) => void;
}

export class IngestBatch extends BatchTally {
  readonly rows: Record<string, number> = {};

  private constructor(
    private readonly writer: ParquetBatchWriter,
    private readonly stager: PartitionStager,
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
    const stager = new PartitionStager(join(stagingDir, 'rows'));
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
    return this.addContent(file, input.bytes, file, input.mtimeMs);
  }

  /**
   * One input's content by its name (a file, or `bundle.zip!path` for an archive member); content already
   * ingested (same bytes, loose or in an archive) counts as duplicates unread. `path` is the file holding
   * exactly these bytes, when there is one.
   */
  addContent(name: string, bytes: Buffer, path?: string, mtimeMs?: number): Promise<void> | undefined {
    this.onInput(name);
    const sha256 = sha256Of(bytes);
    if (this.countIfKnown(sha256)) return undefined;
    const options = { format: this.options.format, path, scratchDir: this.scratchDir };
    const read = readLogContent(name, bytes, options);
    const input = { sha256, bytes: bytes.length, ...(mtimeMs === undefined ? {} : { mtimeMs }) };
    const { place, strict } = this.options;
    if (read instanceof Promise) return read.then((done) => this.land(mapRead(done, input, { place, strict })));
    this.land(mapRead(read, input, { place, strict }));
    return undefined;
  }

  private readonly archiveSink: ArchiveSink = {
    member: (name, bytes) => this.addContent(name, bytes),
    reject: (entry) => {
      this.records++;
      this.reject(entry);
    },
  };

  private land(input: PreparedInput): void {
    for (const entry of input.rejects) this.reject(entry);
    for (const part of input.parts) this.stager.add(part);
    this.firstRegion ??= input.firstRegion;
    const { name: path, sha256, bytes, records, mtimeMs, invalidUtf8 } = input;
    this.addInput({
      path,
      sha256,
      bytes,
      records,
      ...(mtimeMs === undefined ? {} : { mtimeMs }),
      ...(invalidUtf8 === undefined ? {} : { invalidUtf8 }),
    });
  }

  /** Writes every staged partition and lists the batch's Parquet files. */
  async finish(onWrite?: (progress: WriteProgress) => void): Promise<LedgerDataFile[]> {
    const staged = this.stager.finish();
    const total = staged.length;
    let done = 0;
    let written = 0;
    await this.writer.writeAll(staged, (group) => {
      this.rows[group.source] = (this.rows[group.source] ?? 0) + group.written;
      this.duplicates += group.duplicates;
      done += group.partitions;
      written += group.written;
      onWrite?.({ partitionsDone: done, partitionsTotal: total, rowsWritten: written });
    });
    return this.writer.stagedFiles();
  }

  close(): void {
    this.writer.close();
  }
}
