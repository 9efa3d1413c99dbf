// One batch of a custom source being built: each input file is read once (for its checksum and its events),
// every event checked against OCSF and the source's class, and the valid ones staged for Parquet. Every
// event ends up as a row, a duplicate or a reject with its reason.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { customSourceKey } from '../mapping/custom-sources.ts';
import { checkCustomEvent } from '../mapping/ocsf-validation/custom-event-mapping.ts';
import type { OcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';
import { classEntity } from '../mapping/ocsf-validation/ocsf-value-walk.ts';
import { parquetEventValues } from '../mapping/ocsf-validation/parquet-event-values.ts';
import { readInputBytes } from '../sources/input-bytes.ts';
import type { Reject } from '../sources/log-file.ts';
import { readOcsfEvents } from '../sources/ocsf-event-reader.ts';
import { invalidUtf8Reason } from '../sources/utf8-check.ts';
import { BatchTally } from './batch-tally.ts';
import { ocsfColumnTyping } from './custom-column-types.ts';
import { CustomParquetWriter } from './custom-parquet-writer.ts';
import type { CustomSourceDefinition } from './custom-source-registry.ts';
import { DeadLetterWriter } from './dead-letter.ts';
import type { Ledger, LedgerDataFile } from './ledger.ts';
import { RowStager } from './row-stager.ts';

const ROWS_PER_CHUNK = 100_000;

export class CustomSourceBatch extends BatchTally {
  private staged = 0;

  private constructor(
    private readonly schema: OcsfSchema,
    private readonly source: CustomSourceDefinition,
    private readonly writer: CustomParquetWriter,
    private readonly stager: RowStager,
    deadLetter: DeadLetterWriter,
    private readonly keys: Set<string>,
    ledger: Ledger,
    onReject?: (reject: Reject) => void,
    private readonly strict = false,
  ) {
    super(deadLetter, ledger, onReject);
  }

  get rows(): Readonly<Record<string, number>> {
    return this.staged > 0 ? { [customSourceKey(this.source.name)]: this.staged } : {};
  }

  static async open(
    lakeDir: string,
    stagingDir: string,
    batchId: string,
    ledger: Ledger,
    schema: OcsfSchema,
    source: CustomSourceDefinition,
    onReject?: (reject: Reject) => void,
    strict = false,
  ): Promise<CustomSourceBatch> {
    const typing = ocsfColumnTyping(schema, classEntity(schema, source.classUid));
    const writer = await CustomParquetWriter.open(join(stagingDir, 'out'), batchId, typing);
    const own = ledger.files.filter((file) => file.source === customSourceKey(source.name));
    const keys = await writer.committedKeys(lakeDir, own).catch((error: unknown) => {
      writer.close();
      throw error;
    });
    const stager = new RowStager(join(stagingDir, 'rows'), ROWS_PER_CHUNK);
    const deadLetter = new DeadLetterWriter(join(stagingDir, 'dead-letter.jsonl'));
    return new CustomSourceBatch(schema, source, writer, stager, deadLetter, keys, ledger, onReject, strict);
  }

  /** A file already ingested (same bytes) counts as duplicates without being read again. */
  async addFile(file: string): Promise<void> {
    const content = readInputBytes(file);
    if (!('bytes' in content)) {
      return this.rejectInput(
        file,
        'reason' in content ? content.reason : `a ${content.archive} archive: extract it first`,
      );
    }
    const sha256 = createHash('sha256').update(content.bytes).digest('hex');
    if (this.countIfKnown(sha256)) return;
    const read = await readOcsfEvents(file, content.bytes);
    for (const entry of read.rejects) this.reject(entry);
    const refused = this.strict && read.invalidUtf8 > 0 ? invalidUtf8Reason(read.invalidUtf8) : undefined;
    for (const { record, value } of read.records) {
      const event = read.parquet ? parquetEventValues(this.schema, value) : value;
      const outcome = refused === undefined ? checkCustomEvent(this.schema, this.source, event) : rejected(refused);
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
    this.addInput({
      path: file,
      sha256,
      bytes: content.bytes.length,
      records: read.records.length + read.rejects.length,
      ...(read.invalidUtf8 > 0 ? { invalidUtf8: read.invalidUtf8 } : {}),
    });
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

function rejected(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
