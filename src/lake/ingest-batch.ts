// One batch being built: each input (a file, or a member of an archive) is read once (for its checksum and its
// records), mapped, and staged by partition; once every input is read, each partition is written as one
// Parquet file.

import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RecordPlace } from '../mapping/record-place.ts';
import { type ArchiveKind, archiveKind } from '../sources/archive-detection.ts';
import { type ArchiveSink, readArchive, readArchiveBytes } from '../sources/archive-members.ts';
import { messageOf } from '../sources/decompress.ts';
import { readInputBytes } from '../sources/input-bytes.ts';
import type { LogFormat, Reject } from '../sources/log-file.ts';
import { readLogContent } from '../sources/log-file-reader.ts';
import { isParquet } from '../sources/parquet-records.ts';
import { BatchTally } from './batch-tally.ts';
import { DeadLetterWriter } from './dead-letter.ts';
import { mapWhileReading, type PreparedInput, sha256Of } from './ingest-input.ts';
import type { BatchPlace, WriteProgress } from './ingest-run.ts';
import { ingestWorkers, type MappingJob, MappingPool, MESSAGE_BYTES, MESSAGE_INPUTS } from './ingest-worker-pool.ts';
import type { Ledger, LedgerDataFile, LedgerInput } from './ledger.ts';
import { releaseSpareLineBuffers } from './line-bytes.ts';
import { OrderedLanding } from './ordered-landing.ts';
import { ParquetBatchWriter } from './parquet-batch-writer.ts';
import { PartitionStager } from './partition-stager.ts';

export interface BatchOptions {
  readonly format?: LogFormat;
  /** `--account`/`--region`: the place of records that name none, nor does their file's path. */
  readonly place?: RecordPlace;
  /** `--strict`: a file that is not valid UTF-8 has its records rejected. */
  readonly strict?: boolean;
  readonly onReject?: (reject: Reject) => void;
  /** Worker threads that read and map inputs (default: `TARN_INGEST_WORKERS`, else one per CPU); 0 or 1: none. */
  readonly workers?: number;
}

export class IngestBatch extends BatchTally {
  readonly rows: Record<string, number> = {};
  private readonly workers: { count: number; startAfterBytes: number };
  private readonly landing: OrderedLanding;
  private pool: MappingPool | null = null;
  private bytesRead = 0;
  /** The S3 object being read, recorded with each of its inputs (taken when an input is added, not landed). */
  private object: LedgerInput['object'];
  /** Numbers the scratch files of streamed objects. */
  private streamed = 0;

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
    this.workers = options.workers === undefined ? ingestWorkers() : { count: options.workers, startAfterBytes: 0 };
    this.landing = this.newLanding();
  }

  /**
   * Two messages in flight per worker keep each busy while bounding memory, or two inputs each when they are
   * large; without workers, one input at a time.
   */
  private newLanding(): OrderedLanding {
    const { count } = this.workers;
    return new OrderedLanding(
      count > 1 ? { inputs: 2 * count * MESSAGE_INPUTS, fewInputs: 2 * count, bytes: 2 * count * MESSAGE_BYTES } : 1,
    );
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
    // A small gzip is not inflated here to see whether it holds an archive: mapping it tells (`landArchive`).
    const input = readInputBytes(file, 'defer');
    if ('reason' in input) return this.landing.add(null, () => this.rejectInput(file, input.reason));
    if ('archive' in input) return readArchive(file, input.archive, this.archiveSink(this.landing));
    return this.addContent(file, input.bytes, file, input.mtimeMs);
  }

  /** An S3 object's bytes, read as a file's would be; its inputs record the object's URI and ETag. */
  addObject(uri: string, bytes: Buffer, etag: string): Promise<void> | undefined {
    this.object = { uri, etag };
    const archive = archiveKind(bytes);
    if (archive !== undefined) return readArchiveBytes(uri, bytes, archive, this.archiveSink(this.landing));
    return this.addContent(uri, bytes);
  }

  /**
   * An S3 object too large to hold in memory: streamed to a scratch file in the batch's staging folder (in the
   * lake's `_tarn/`, removed with the batch whatever happens), then read as a local file is: an archive member
   * by member, other content whole within the limit on one file.
   */
  async addObjectStream(uri: string, body: Readable, etag: string): Promise<void> {
    this.object = { uri, etag };
    await mkdir(this.scratchDir, { recursive: true });
    const file = join(this.scratchDir, `s3-object-${this.streamed++}`);
    try {
      try {
        await pipeline(body, createWriteStream(file));
      } catch (error) {
        return await this.landing.add(null, () => this.rejectInput(uri, `cannot read the object: ${messageOf(error)}`));
      }
      const input = readInputBytes(file);
      if ('reason' in input)
        return await this.landing.add(null, () => this.rejectInput(uri, objectReason(input.reason)));
      if ('archive' in input) return await readArchive(file, input.archive, this.archiveSink(this.landing), uri);
      return await this.addContent(uri, input.bytes);
    } finally {
      await rm(file, { force: true });
    }
  }

  /**
   * One input's content by its name (a file, or `bundle.zip!path` for an archive member); content already
   * ingested (same bytes, loose or in an archive) counts as duplicates unread. `path` is the file holding
   * exactly these bytes, when there is one, read with `readInputBytes`'s `'defer'`.
   */
  addContent(
    name: string,
    bytes: Buffer,
    path?: string,
    mtimeMs?: number,
    landing = this.landing,
  ): Promise<void> | undefined {
    this.onInput(name);
    const sha256 = sha256Of(bytes);
    const input = { sha256, bytes: bytes.length, ...(mtimeMs === undefined ? {} : { mtimeMs }) };
    // Known content is not read; content an input still in flight holds is read, and counted when it lands.
    const prepared = this.isKnown(sha256) ? null : this.prepare(name, bytes, path, input);
    // The next object may be read before this input lands (worker threads): its object is the one read now.
    const { object } = this;
    return landing.add(
      prepared,
      (done) => {
        if (this.countIfKnown(sha256) || done === null) return;
        if (done.archive !== undefined && path !== undefined) landing.holdUntil(this.landArchive(path, done.archive));
        else this.land(done, object);
      },
      bytes.length,
    );
  }

  /**
   * A gzipped archive that mapping found (a small file is not inflated before): its members are read and land
   * in its place, before any input read after it, on a landing of their own while the batch's waits.
   */
  private async landArchive(file: string, kind: ArchiveKind): Promise<void> {
    const landing = this.newLanding();
    await readArchive(file, kind, this.archiveSink(landing));
    await landing.settle();
  }

  /** Reads and maps one input: in a worker when there are workers (Parquet, which DuckDB reads, stays here). */
  private prepare(name: string, bytes: Buffer, path: string | undefined, input: MappingJob['input']) {
    this.bytesRead += bytes.length;
    const { count, startAfterBytes } = this.workers;
    if (this.pool === null && count > 1 && this.bytesRead > startAfterBytes) this.pool = new MappingPool(count);
    const { format, place, strict } = this.options;
    const mapping = { ...(place && { place }), ...(strict && { strict }) };
    const archives = path !== undefined;
    if (this.pool !== null && !isParquet(bytes)) {
      return this.pool.map({ name, bytes, input, mapping, ...(format && { format }), ...(archives && { archives }) });
    }
    const options = { format, path, scratchDir: this.scratchDir, archives };
    return mapWhileReading((consume) => readLogContent(name, bytes, options, consume), input, mapping);
  }

  private archiveSink(landing: OrderedLanding): ArchiveSink {
    return {
      member: (name, bytes) => this.addContent(name, bytes, undefined, undefined, landing),
      reject: (entry) => {
        void landing.add(null, () => {
          this.records++;
          this.reject(entry);
        });
      },
    };
  }

  private land(input: PreparedInput, object: LedgerInput['object']): void {
    for (const entry of input.rejects) this.reject(entry);
    for (const part of input.parts) this.stager.add(part);
    this.firstRegion ??= input.firstRegion;
    const { name: path, sha256, bytes, records, mtimeMs, invalidUtf8, flowLogStatus, skipdata } = input;
    this.addInput({
      path,
      sha256,
      bytes,
      records,
      ...(mtimeMs === undefined ? {} : { mtimeMs }),
      ...(invalidUtf8 === undefined ? {} : { invalidUtf8 }),
      ...(flowLogStatus === undefined ? {} : { flowLogStatus }),
      ...(skipdata === undefined ? {} : { skipdata }),
      ...(object === undefined ? {} : { object }),
    });
  }

  /** The bytes of rows staged so far (landed inputs only): what the batch's staging holds on disk. */
  get stagedBytes(): number {
    return this.stager.stagedBytes;
  }

  /** Writes every staged partition and lists the batch's Parquet files. */
  async finish(onWrite?: (progress: WriteProgress) => void): Promise<LedgerDataFile[]> {
    await this.settle();
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

  /** Waits until every input read so far has landed in the tally and the staging files; stops the workers. */
  async settle(): Promise<void> {
    await this.landing.settle();
    releaseSpareLineBuffers();
    const { pool } = this;
    this.pool = null;
    await pool?.close();
  }

  close(): void {
    void this.pool?.close();
    this.writer.close();
  }
}

/** The local file's reasons speak of a file; the object is what the user named. */
function objectReason(reason: string): string {
  return reason.replace(/\bthe file\b/g, 'the object');
}
