// One input's records turned into what the batch stages: each mapped row as a JSON line in its partition's
// group, with its de-duplication key, or a reject with its reason. Pure, so that a worker thread can do it and
// hand the result over as a few buffers.

import { createHash } from 'node:crypto';
import { mapRecord } from '../mapping/record-mapping.ts';
import { type RecordPlace, withPlace } from '../mapping/record-place.ts';
import type { ArchiveKind } from '../sources/archive-detection.ts';
import type { ConsumerStart, LogFileRead, RawRecord, RecordConsumer, RecordKind, Reject } from '../sources/log-file.ts';
import { invalidUtf8Reason } from '../sources/utf8-check.ts';
import type { FlowLogStatusCounts, SkipdataRecord } from './ledger.ts';
import { LineBytes } from './line-bytes.ts';
import type { PartitionLines } from './partition-stager.ts';
import { rowKey } from './table-layout.ts';

/**
 * The largest row staged: DuckDB's JSON reader refuses a line over its `maximum_object_size` (16 MiB by
 * default), and raising it costs that much buffer on every read. A larger row is rejected with its reason.
 */
export const MAX_ROW_BYTES = 16 * 1024 * 1024 - 1024;
/** Dead-letter entries keep a prefix of the rejected record. */
const RAW_CHARS = 64 * 1024;

export interface PreparedInput {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly mtimeMs?: number;
  /** Records the input held: rows staged + rejected + flow log status records. */
  readonly records: number;
  readonly rejects: readonly Reject[];
  readonly invalidUtf8?: number;
  /** Present when the input held VPC flow NODATA or SKIPDATA records, which make no rows. */
  readonly flowLogStatus?: FlowLogStatusCounts;
  readonly skipdata?: readonly SkipdataRecord[];
  readonly firstRegion: string | null;
  readonly parts: readonly PartitionLines[];
  /** The input is this archive, found when it was gunzipped: nothing of it was read (`ReadLogFileOptions.archives`). */
  readonly archive?: ArchiveKind;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface OpenPart {
  readonly source: string;
  readonly partition: string;
  readonly lines: LineBytes;
  readonly keys: (string | null)[];
}

type MappingOptions = { readonly place?: RecordPlace; readonly strict?: boolean };

/**
 * Reads one input with `read` and maps each record as the reader hands it over, so that a record is parsed,
 * mapped, written as its JSON line and dropped before the next is parsed (a large delivery file's events never
 * live all at once). Records a read keeps (Parquet's) are mapped after it. The records the reader rejected
 * come first among the rejects, as it found them.
 */
export function mapWhileReading(
  read: (consume: ConsumerStart) => LogFileRead,
  input: InputFacts,
  options?: MappingOptions,
): PreparedInput;
export function mapWhileReading(
  read: (consume: ConsumerStart) => LogFileRead | Promise<LogFileRead>,
  input: InputFacts,
  options?: MappingOptions,
): PreparedInput | Promise<PreparedInput>;
export function mapWhileReading(
  read: (consume: ConsumerStart) => LogFileRead | Promise<LogFileRead>,
  input: InputFacts,
  options: MappingOptions = {},
): PreparedInput | Promise<PreparedInput> {
  let mapper: RowMapper | undefined;
  const finish = (done: LogFileRead): PreparedInput => {
    mapper ??= new RowMapper(done.file, done.kind, done.invalidUtf8 ?? 0, options);
    for (const record of done.records) mapper.add(record);
    return mapper.finish(done, input);
  };
  const result = read((file, kind, invalidUtf8) => {
    mapper = new RowMapper(file, kind, invalidUtf8, options);
    return mapper;
  });
  return result instanceof Promise ? result.then(finish) : finish(result);
}

interface InputFacts {
  readonly sha256: string;
  readonly bytes: number;
  readonly mtimeMs?: number;
}

/** One input's rows, in JSON lines by partition, as its records are handed over one by one. */
class RowMapper implements RecordConsumer {
  private parts = new Map<string, OpenPart>();
  private rejects: Reject[] = [];
  private firstRegion: string | null = null;
  private count = 0;
  private status = { nodata: 0, skipdata: 0 };
  private skipdata: SkipdataRecord[] = [];
  private readonly refused: string | undefined;

  constructor(
    private readonly file: string,
    private readonly kind: RecordKind | null,
    invalidUtf8: number,
    private readonly options: MappingOptions,
  ) {
    this.refused = options.strict === true && invalidUtf8 > 0 ? invalidUtf8Reason(invalidUtf8) : undefined;
  }

  add(record: RawRecord): void {
    this.count++;
    const { kind, refused, file } = this;
    const outcome =
      refused !== undefined
        ? { ok: false as const, reason: refused }
        : kind
          ? mapRecord(kind, withPlace(kind, record.value, this.options.place))
          : null;
    if (outcome?.ok === false && outcome.logStatus !== undefined) {
      if (outcome.logStatus.status === 'NODATA') this.status.nodata++;
      else {
        this.status.skipdata++;
        this.skipdata.push({ file, record: record.record, ...outcome.logStatus });
      }
      return;
    }
    if (!outcome?.ok) {
      const reason = outcome?.reason ?? 'no mapping for this file format';
      this.rejects.push({ file, record: record.record, reason, raw: rawPrefix(record.value) });
      return;
    }
    const { source, row } = outcome;
    const line = JSON.stringify(row);
    const size = line.length * 3 > MAX_ROW_BYTES ? Buffer.byteLength(line) : line.length;
    if (size > MAX_ROW_BYTES) {
      const reason = `record too large: its OCSF row takes ${mebibytes(size)} MiB, over the ${mebibytes(MAX_ROW_BYTES)} MiB a row may take`;
      this.rejects.push({ file, record: record.record, reason, raw: rawPrefix(record.value) });
      return;
    }
    const region = String(row.region);
    this.firstRegion ??= region;
    const partition = `${region}\0${String(row.accountid)}\0${String(row.time_dt).slice(0, 10)}`;
    const id = `${source}\0${partition}`;
    let part = this.parts.get(id);
    if (!part) {
      part = { source, partition, lines: new LineBytes(), keys: [] };
      this.parts.set(id, part);
    }
    part.lines.add(line);
    part.keys.push(rowKey(source, row));
  }

  discard(): void {
    this.parts = new Map();
    this.rejects = [];
    this.firstRegion = null;
    this.count = 0;
    this.status = { nodata: 0, skipdata: 0 };
    this.skipdata = [];
  }

  finish(read: LogFileRead, input: InputFacts): PreparedInput {
    const { sha256, bytes, mtimeMs } = input;
    const records = this.count + read.rejects.length;
    const rejects = [...read.rejects, ...this.rejects];
    // One buffer of the exact size for all of the input's lines, which a worker hands over in one transfer.
    const open = [...this.parts.values()];
    const all = Buffer.allocUnsafeSlow(open.reduce((sum, part) => sum + part.lines.length, 0));
    let offset = 0;
    const parts = open.map(({ source, partition, lines, keys }) => {
      const bytes = lines.copyTo(all, offset);
      offset += bytes.length;
      return { source, partition, lines: bytes, keys };
    });
    const invalid = read.invalidUtf8 === undefined ? {} : { invalidUtf8: read.invalidUtf8 };
    const time = mtimeMs === undefined ? {} : { mtimeMs };
    const { status, skipdata } = this;
    const counted = status.nodata + status.skipdata === 0 ? {} : { flowLogStatus: status, skipdata };
    const archive = read.archive === undefined ? {} : { archive: read.archive };
    return {
      name: read.file,
      sha256,
      bytes,
      ...time,
      records,
      rejects,
      firstRegion: this.firstRegion,
      parts,
      ...invalid,
      ...counted,
      ...archive,
    };
  }
}

function rawPrefix(value: unknown): string {
  return JSON.stringify(value).slice(0, RAW_CHARS);
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
