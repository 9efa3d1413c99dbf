// The frame every ingest shares, native or custom: take the lake's writer lock, finish any interrupted commit,
// read the inputs into one batch, and commit it atomically (or leave the lake as it was). The batch decides how
// an input becomes rows.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { regionProblem } from '../mapping/partition-names.ts';
import { listInputFiles } from '../sources/input-files.ts';
import type { ObjectProgress, ObjectSink } from '../sources/s3-inputs.ts';
import { TarnError } from '../tarn-error.ts';
import { commitBatch, recoverLake, STAGING_DIR } from './batch-commit.ts';
import type { BatchTally } from './batch-tally.ts';
import { deadLetterPath } from './dead-letter.ts';
import { diskFullError } from './disk-full.ts';
import { type BatchPart, combineBatches } from './ingest-summary.ts';
import { type LakeConfig, readLakeConfig, writeLakeConfig } from './lake-config.ts';
import { acquireLakeLock } from './lake-lock.ts';
import { type Ledger, type LedgerDataFile, readLedger } from './ledger.ts';

export interface IngestProgress {
  /** Reading inputs, writing the staged rows as Parquet, or committing the batch. */
  readonly phase: 'reading' | 'writing' | 'committing';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly records: number;
  readonly elapsedMs: number;
  /** The input read last: a file, or a member of an archive as `archive!path`. */
  readonly current?: string;
  /** While writing: partitions written of all staged, and rows written so far. */
  readonly write?: WriteProgress;
}

export interface WriteProgress {
  readonly partitionsDone: number;
  readonly partitionsTotal: number;
  readonly rowsWritten: number;
}

export interface RunOptions {
  readonly lakeDir: string;
  readonly paths: readonly string[];
  readonly rollupRegion?: string;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Inputs read from somewhere other than local paths (S3 objects), instead of `paths`. */
  readonly objects?: ObjectInputs;
  /** Staged row bytes after which a batch is committed and the next files go into a new one. */
  readonly stagedBytesPerCommit?: number;
}

export interface ObjectInputs {
  /** Hands each object to the batch (or counts it unread) and returns how many there were. */
  /**
   * Hands the objects to the sink (or counts them unread) in order, from the index `from` until `full()` says
   * the batch should be committed; returns how many objects there are and the index of the next to read.
   */
  readInto(
    sink: ObjectSink,
    progress: ObjectProgress,
    range: { readonly from: number; readonly full: () => boolean },
  ): Promise<{ readonly total: number; readonly next: number }>;
}

export interface RunBatch extends BatchTally {
  /** Rows written so far, per source. */
  readonly rows: Readonly<Record<string, number>>;
  /** Plain files may be read synchronously (undefined); archives and Parquet hand back a promise. */
  addFile(file: string): Promise<void> | undefined;
  /** Only native batches read S3 objects. */
  addObject?(uri: string, bytes: Buffer, etag: string): Promise<void> | undefined;
  addObjectStream?(uri: string, body: Readable, etag: string): Promise<void>;
  /** Writes what is still staged and lists the batch's Parquet files. */
  finish(onWrite?: (progress: WriteProgress) => void): Promise<LedgerDataFile[]>;
  /** Bytes of rows staged so far (native batches): past the run's limit, the batch is committed. */
  readonly stagedBytes?: number;
  /** Waits until every input read so far is counted (inputs may be read in parallel). */
  settle?(): Promise<void>;
  /** Waits for background writes, so cleanup never races them. */
  drain?(): Promise<void>;
  close(): void;
}

export interface BatchPlace {
  readonly lakeDir: string;
  readonly stagingDir: string;
  readonly batchId: string;
  readonly ledger: Ledger;
  readonly config: LakeConfig;
  /** Called by the batch for each input it starts reading, archive members included, for progress. */
  readonly onInput: (name: string) => void;
}

/**
 * A batch stages its rows as JSON lines on disk before writing them, about 2.4 kB a CloudTrail event: 10M
 * events in one batch staged 24 GB. Past this many bytes (about 1.7M such rows) the batch is written and
 * committed and the next files go into a new batch, so that a month of logs needs a few GB of scratch disk and
 * each commit is a point an interrupted run resumes from (its files are known). Each batch still writes one file
 * per partition and source. Custom sources, whose batches do not count their staging, stay one batch.
 */
export const STAGED_BYTES_PER_COMMIT = 4 * 1024 ** 3;
/** How often reading pauses to let finished Parquet writes start the next ones. */
const YIELD_EVERY_MS = 20;
/** How often progress is reported from inside one input (a large archive). */
const REPORT_EVERY_MS = 250;

export async function runIngest(options: RunOptions, open: (place: BatchPlace) => Promise<RunBatch>) {
  const started = performance.now();
  const { lakeDir } = options;
  const problem = options.rollupRegion === undefined ? undefined : regionProblem(options.rollupRegion);
  if (problem !== undefined) throw new TarnError(`--rollup-region: ${problem}`, 2);
  const lock = await acquireLakeLock(lakeDir);
  try {
    await recoverLake(lakeDir);
    let config = await readLakeConfig(lakeDir);
    const progress = new ProgressTracker(options, started);
    const reader = new InputReader(options, progress);
    const parts: BatchPart[] = [];
    let rollupRegion: string | null = null;
    let more = true;
    while (more) {
      // Each batch sees the ledger as the one before left it: its inputs are known, its rows de-duplicated against.
      const ledger = await readLedger(lakeDir);
      const batchId = newBatchId();
      const stagingDir = join(lakeDir, STAGING_DIR, batchId);
      const onInput = (name: string) => progress.input(name);
      const batch = await open({ lakeDir, stagingDir, batchId, ledger, config, onInput });
      progress.startBatch(batch);
      try {
        more = await reader.readInto(batch);
        progress.phase = 'writing';
        progress.report(performance.now());
        const dataFiles = await batch.finish((write) => progress.writing(write));
        const committed = batch.inputs.length > 0 || batch.rejected.length > 0;
        progress.phase = 'committing';
        progress.report(performance.now());
        if (committed) await commit({ lakeDir, stagingDir, batchId, ledger }, batch, dataFiles);
        rollupRegion = options.rollupRegion ?? config.rollupRegion ?? batch.firstRegion;
        if (rollupRegion !== config.rollupRegion) {
          config = { ...config, rollupRegion };
          await writeLakeConfig(lakeDir, config);
        }
        parts.push(batchPart(batch, committed ? batchId : null));
      } catch (error) {
        throw diskFullError(error, lakeDir) ?? error;
      } finally {
        await batch.drain?.().catch(() => undefined);
        batch.close();
        await recoverLake(lakeDir);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return combineBatches(parts, { files: reader.files, seconds, rollupRegion });
  } finally {
    await lock.release();
  }
}

/**
 * The run's inputs, local files or S3 objects, read in order into one batch after another, each until it has
 * staged `stagedBytesPerCommit`.
 */
class InputReader {
  files = 0;
  private next = 0;
  private listing: readonly string[] | undefined;

  constructor(
    private readonly options: RunOptions,
    private readonly progress: ProgressTracker,
  ) {}

  /** Reads inputs into `batch`; true when some are left for another. */
  async readInto(batch: RunBatch): Promise<boolean> {
    const { options, progress } = this;
    const limit = options.stagedBytesPerCommit ?? STAGED_BYTES_PER_COMMIT;
    if (options.objects !== undefined) {
      const full = () => (batch.stagedBytes ?? 0) >= limit;
      const { total, next } = await readObjects(batch, options.objects, progress, { from: this.next, full });
      [this.files, this.next] = [total, next];
      return next < total;
    }
    if (this.listing === undefined) {
      const { files, missing, special } = await listInputFiles(options.paths, options.lakeDir);
      for (const path of missing) batch.rejectMissing(path);
      for (const path of special) batch.rejectSpecial(path);
      this.listing = files;
      this.files = progress.filesTotal = files.length;
    }
    this.next = await readFiles(batch, this.listing, this.next, limit, progress);
    return this.next < this.listing.length;
  }
}

/** Reads files from `start` until the batch has staged `limit` bytes; returns the index of the next file. */
async function readFiles(
  batch: RunBatch,
  files: readonly string[],
  start: number,
  limit: number,
  progress: ProgressTracker,
): Promise<number> {
  let lastYield = performance.now();
  for (let index = start; index < files.length; index++) {
    const file = files[index] as string;
    progress.current = file;
    const reading = batch.countIfUnchanged(file) ? undefined : batch.addFile(file);
    if (reading !== undefined) await reading;
    const full = (batch.stagedBytes ?? 0) >= limit && index < files.length - 1;
    const last = full || index === files.length - 1;
    if (last) await batch.settle?.();
    progress.filesDone = index + 1;
    const now = performance.now();
    if (now - lastYield >= YIELD_EVERY_MS || last) {
      await setImmediate();
      lastYield = performance.now();
      progress.report(now);
    }
    if (full) return index + 1;
  }
  return files.length;
}

async function readObjects(
  batch: RunBatch,
  objects: ObjectInputs,
  progress: ProgressTracker,
  range: { readonly from: number; readonly full: () => boolean },
) {
  const { addObject, addObjectStream } = batch;
  if (addObject === undefined || addObjectStream === undefined) {
    throw new TarnError('this source reads local files only, not S3 objects', 2);
  }
  const sink = {
    countIfUnchangedObject: (uri: string, etag: string) => batch.countIfUnchangedObject(uri, etag),
    addObject: (uri: string, bytes: Buffer, etag: string) => addObject.call(batch, uri, bytes, etag),
    addObjectStream: (uri: string, body: Readable, etag: string) => addObjectStream.call(batch, uri, body, etag),
    rejectInput: (uri: string, reason: string) => batch.rejectInput(uri, reason),
  };
  const report = (done: number, total: number, uri: string) => {
    Object.assign(progress, { filesDone: done, filesTotal: total, current: uri });
    progress.report(performance.now());
  };
  return objects.readInto(sink, report, range);
}

/** Counts files done and names the input being read, so a long archive still shows progress. */
class ProgressTracker {
  phase: IngestProgress['phase'] = 'reading';
  write: WriteProgress | undefined;
  filesDone = 0;
  filesTotal = 0;
  current = '';
  private batch: RunBatch | null = null;
  /** Records of the run's batches before this one. */
  private recordsBefore = 0;
  private lastReport = 0;

  constructor(
    private readonly options: RunOptions,
    private readonly started: number,
  ) {}

  startBatch(batch: RunBatch): void {
    this.recordsBefore += this.batch?.records ?? 0;
    this.batch = batch;
    this.phase = 'reading';
    this.write = undefined;
  }

  input(name: string): void {
    this.current = name;
    const now = performance.now();
    if (now - this.lastReport >= REPORT_EVERY_MS) this.report(now);
  }

  writing(write: WriteProgress): void {
    this.write = write;
    this.report(performance.now());
  }

  report(now: number): void {
    this.lastReport = now;
    const { phase, filesDone, filesTotal, current, write } = this;
    const records = this.recordsBefore + (this.batch?.records ?? 0);
    const elapsedMs = now - this.started;
    this.options.onProgress?.({ phase, filesDone, filesTotal, records, current, elapsedMs, write });
  }
}

async function commit(
  place: Omit<BatchPlace, 'config' | 'onInput'>,
  batch: RunBatch,
  files: LedgerDataFile[],
): Promise<void> {
  const { lakeDir, ledger, batchId, stagingDir } = place;
  const hasRejects = batch.rejected.length > 0;
  await commitBatch(lakeDir, ledger, {
    batch: {
      seq: (ledger.batches.at(-1)?.seq ?? 0) + 1,
      id: batchId,
      committedAt: new Date().toISOString(),
      inputs: batch.inputs,
      rows: batch.rows,
      duplicates: batch.duplicates,
      rejected: batch.rejected.length,
      deadLetter: hasRejects ? deadLetterPath(batchId) : null,
    },
    files,
    stagedRoot: join(stagingDir, 'out'),
    stagedDeadLetter: hasRejects ? batch.deadLetter.stagedPath : null,
  });
}

function batchPart(batch: RunBatch, batchId: string | null): BatchPart {
  return {
    batchId,
    unreadFiles: batch.unreadFiles,
    inputRecords: batch.records,
    rows: batch.rows,
    duplicates: batch.duplicates,
    rejected: batch.rejected,
    invalidUtf8: batch.invalidUtf8,
    flowLogStatus: { ...batch.flowLogStatus },
    skipdata: batch.skipdata,
  };
}

function newBatchId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
