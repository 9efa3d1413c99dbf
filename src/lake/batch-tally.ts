// What every ingest batch counts, native or custom, so that each input record is accounted for exactly once
// (input_records = rows + duplicates + rejected + flow log status records) and each input file's checksum
// reaches the ledger.

import { statSync } from 'node:fs';
import type { Reject } from '../sources/log-file.ts';
import type { DeadLetterWriter } from './dead-letter.ts';
import type { Ledger, LedgerInput, SkipdataRecord } from './ledger.ts';

export class BatchTally {
  readonly rejected: Reject[] = [];
  readonly inputs: LedgerInput[] = [];
  duplicates = 0;
  records = 0;
  /** Byte sequences that were not UTF-8, over every input read. */
  invalidUtf8 = 0;
  /** VPC flow NODATA and SKIPDATA records read: counted, since they make no rows. */
  readonly flowLogStatus = { nodata: 0, skipdata: 0 };
  readonly skipdata: SkipdataRecord[] = [];
  firstRegion: string | null = null;
  /** Files recognised by path, size and modification time as already ingested: neither read nor hashed. */
  unreadFiles = 0;
  /** Records per input already in the lake or earlier in this batch, by the input's SHA-256. */
  private readonly known: Map<string, number>;
  /** The inputs read from a file, by path, with the size and modification time they had. */
  private readonly knownFiles: Map<string, LedgerInput>;
  /** How many rejects there were when the input being read began. */
  private rejectsBefore = 0;
  /** The inputs read from each S3 object (the object, or an archive's members), by the object's URI. */
  private readonly knownObjects = new Map<string, LedgerInput[]>();

  constructor(
    readonly deadLetter: DeadLetterWriter,
    ledger: Ledger,
    private readonly onReject: (reject: Reject) => void = () => {},
  ) {
    const inputs = ledger.batches.flatMap((batch) => batch.inputs).filter((input) => !allRejected(input));
    this.known = new Map(inputs.map((input) => [input.sha256, input.records] as const));
    this.knownFiles = new Map(
      inputs.filter((input) => input.mtimeMs !== undefined).map((input) => [input.path, input] as const),
    );
    for (const input of ledger.batches.flatMap((batch) => batch.inputs)) {
      if (input.object === undefined) continue;
      const list = this.knownObjects.get(input.object.uri) ?? [];
      this.knownObjects.set(input.object.uri, [...list.filter((i) => i.object?.etag === input.object?.etag), input]);
    }
  }

  /**
   * True when the S3 object `uri` was read before with this ETag and none of its inputs was wholly rejected:
   * its records then count as duplicates without the object being downloaded.
   */
  countIfUnchangedObject(uri: string, etag: string): boolean {
    const known = this.knownObjects.get(uri) ?? [];
    if (known.length === 0 || known.some((input) => input.object?.etag !== etag || allRejected(input))) return false;
    const records = known.reduce((sum, input) => sum + input.records, 0);
    this.unreadFiles++;
    this.duplicates += records;
    this.records += records;
    return true;
  }

  /**
   * True when `file` has the path, size and modification time of a file already ingested: its records then
   * count as duplicates without the file being read. A file changed since (or never seen) is read.
   */
  countIfUnchanged(file: string): boolean {
    const known = this.knownFiles.get(file);
    if (known === undefined) return false;
    let stats: { size: number; mtimeMs: number };
    try {
      stats = statSync(file);
    } catch {
      return false;
    }
    if (stats.size !== known.bytes || stats.mtimeMs !== known.mtimeMs) return false;
    this.unreadFiles++;
    this.duplicates += known.records;
    this.records += known.records;
    return true;
  }

  reject(entry: Reject): void {
    this.rejected.push(entry);
    this.onReject(entry);
    this.deadLetter.add(entry);
  }

  /** A whole input that cannot be read counts as one rejected record. */
  rejectInput(file: string, reason: string): undefined {
    this.records++;
    this.reject({ file, record: null, reason });
    return undefined;
  }

  /** A path given on the command line that is not there counts as one rejected input. */
  rejectMissing(path: string): void {
    this.rejectInput(path, 'no such file or folder');
  }

  /** A FIFO, device or socket named on the command line: reading it could block, and none holds a log. */
  rejectSpecial(path: string): void {
    this.rejectInput(path, 'not a regular file or folder (a FIFO, device or socket)');
  }

  /** True when these bytes were ingested before, counting nothing: `countIfKnown` counts them where they land. */
  isKnown(sha256: string): boolean {
    return this.known.has(sha256);
  }

  /**
   * True when these bytes were ingested before: their records then count as duplicates, unread. Otherwise the
   * input is about to be read, and the rejects from here to `addInput` are its own.
   */
  countIfKnown(sha256: string): boolean {
    this.rejectsBefore = this.rejected.length;
    const seen = this.known.get(sha256);
    if (seen === undefined) return false;
    this.duplicates += seen;
    this.records += seen;
    return true;
  }

  /** An input read to the end: its records are counted and its checksum goes to the ledger. */
  addInput(read: Omit<LedgerInput, 'rejected'>): void {
    const input = { ...read, rejected: this.rejected.length - this.rejectsBefore };
    this.records += input.records;
    this.invalidUtf8 += input.invalidUtf8 ?? 0;
    this.flowLogStatus.nodata += input.flowLogStatus?.nodata ?? 0;
    this.flowLogStatus.skipdata += input.flowLogStatus?.skipdata ?? 0;
    this.skipdata.push(...(input.skipdata ?? []));
    if (!allRejected(input)) this.known.set(input.sha256, input.records);
    this.inputs.push(input);
  }
}

/**
 * An input none of whose records landed is read again next time: nothing of it is in the lake to duplicate, and
 * the likely next step after a wholesale reject is to retry it with the right `--format` or a fixed Tarn.
 */
function allRejected(input: LedgerInput): boolean {
  return input.rejected !== undefined && input.records > 0 && input.rejected >= input.records;
}
