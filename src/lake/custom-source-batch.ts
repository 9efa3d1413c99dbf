// One batch of a custom source being built: each input file is read once (for its checksum and its events),
// every event checked against OCSF and the source's class, and the valid ones staged for Parquet. Every
// event ends up as a row, a duplicate or a reject with its reason.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { customSourceKey } from '../mapping/custom-sources.ts';
import { checkCustomEvent } from '../mapping/ocsf-validation/custom-event-mapping.ts';
import type { OcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';
import { parquetEventValues } from '../mapping/ocsf-validation/parquet-event-values.ts';
import { readInputBytes } from '../sources/input-bytes.ts';
import type { Reject } from '../sources/log-file.ts';
import { readOcsfEvents } from '../sources/ocsf-event-reader.ts';
import { CustomParquetWriter } from './custom-parquet-writer.ts';
import type { CustomSourceDefinition } from './custom-source-registry.ts';
import { DeadLetterWriter } from './dead-letter.ts';
import type { Ledger, LedgerDataFile, LedgerInput } from './ledger.ts';
import { RowStager } from './row-stager.ts';

const ROWS_PER_CHUNK = 100_000;

export class CustomSourceBatch {
  readonly rejected: Reject[] = [];
  readonly inputs: LedgerInput[] = [];
  duplicates = 0;
  records = 0;
  staged = 0;
  firstRegion: string | null = null;
  private readonly knownFiles: Map<string, number>;

  private constructor(
    private readonly schema: OcsfSchema,
    private readonly source: CustomSourceDefinition,
    private readonly writer: CustomParquetWriter,
    private readonly stager: RowStager,
    readonly deadLetter: DeadLetterWriter,
    private readonly keys: Set<string>,
    ledger: Ledger,
    private readonly onReject: (reject: Reject) => void,
  ) {
    this.knownFiles = new Map(ledger.batches.flatMap((b) => b.inputs.map((i) => [i.sha256, i.records] as const)));
  }

  static async open(
    lakeDir: string,
    stagingDir: string,
    batchId: string,
    ledger: Ledger,
    schema: OcsfSchema,
    source: CustomSourceDefinition,
    onReject: (reject: Reject) => void = () => {},
  ): Promise<CustomSourceBatch> {
    const writer = await CustomParquetWriter.open(join(stagingDir, 'out'), batchId);
    const own = ledger.files.filter((file) => file.source === customSourceKey(source.name));
    const keys = await writer.committedKeys(lakeDir, own).catch((error: unknown) => {
      writer.close();
      throw error;
    });
    const stager = new RowStager(join(stagingDir, 'rows'), ROWS_PER_CHUNK);
    const deadLetter = new DeadLetterWriter(join(stagingDir, 'dead-letter.jsonl'));
    return new CustomSourceBatch(schema, source, writer, stager, deadLetter, keys, ledger, onReject);
  }

  reject(entry: Reject): void {
    this.rejected.push(entry);
    this.onReject(entry);
    this.deadLetter.add(entry);
  }

  /** A path given on the command line that is not there counts as one rejected input. */
  rejectMissing(path: string): void {
    this.records++;
    this.reject({ file: path, record: null, reason: 'no such file or folder' });
  }

  /** A file already ingested (same bytes) counts as duplicates without being read again. */
  async addFile(file: string): Promise<void> {
    const content = readInputBytes(file);
    if (!('bytes' in content)) {
      this.records++;
      const reason = 'reason' in content ? content.reason : `a ${content.archive} archive: extract it first`;
      return this.reject({ file, record: null, reason });
    }
    const sha256 = createHash('sha256').update(content.bytes).digest('hex');
    const seen = this.knownFiles.get(sha256);
    if (seen !== undefined) {
      this.duplicates += seen;
      this.records += seen;
      return;
    }
    const read = await readOcsfEvents(file, content.bytes);
    for (const entry of read.rejects) this.reject(entry);
    for (const { record, value } of read.records) {
      const event = read.parquet ? parquetEventValues(this.schema, value) : value;
      const outcome = checkCustomEvent(this.schema, this.source, event);
      if (!outcome.ok) {
        this.reject({ file, record, reason: outcome.reason, raw: JSON.stringify(value) });
      } else if (outcome.key !== null && this.keys.has(outcome.key)) {
        this.duplicates++;
      } else {
        if (outcome.key !== null) this.keys.add(outcome.key);
        this.firstRegion ??= outcome.partition.region;
        this.stager.add(customSourceKey(this.source.name), { ...outcome.event, ...outcome.partition });
        this.staged++;
      }
    }
    const records = read.records.length + read.rejects.length;
    this.records += records;
    this.knownFiles.set(sha256, records);
    this.inputs.push({ path: file, sha256, bytes: content.bytes.length, records });
    for (const chunk of this.stager.takeCompleted()) await this.writer.write(chunk);
  }

  /** Writes what is still staged and lists the batch's Parquet files. */
  async finish(): Promise<LedgerDataFile[]> {
    for (const chunk of this.stager.finish()) await this.writer.write(chunk);
    return this.writer.stagedFiles();
  }

  close(): void {
    this.writer.close();
  }
}
