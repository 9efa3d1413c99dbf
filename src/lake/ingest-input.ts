// One input's records turned into what the batch stages: each mapped row as a JSON line in its partition's
// group, with its de-duplication key, or a reject with its reason. Pure, so that a worker thread can do it and
// hand the result over as a few strings.

import { createHash } from 'node:crypto';
import { mapRecord } from '../mapping/record-mapping.ts';
import { type RecordPlace, withPlace } from '../mapping/record-place.ts';
import type { LogFileRead, Reject } from '../sources/log-file.ts';
import { invalidUtf8Reason } from '../sources/utf8-check.ts';
import type { FlowLogStatusCounts, SkipdataRecord } from './ledger.ts';
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
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface OpenPart {
  readonly source: string;
  readonly partition: string;
  lines: string;
  readonly keys: (string | null)[];
}

/** Maps every record `read` holds; the records the reader rejected come first, as it found them. */
export function mapRead(
  read: LogFileRead,
  input: { readonly sha256: string; readonly bytes: number; readonly mtimeMs?: number },
  options: { readonly place?: RecordPlace; readonly strict?: boolean } = {},
): PreparedInput {
  const { file } = read;
  const rejects: Reject[] = [...read.rejects];
  const parts = new Map<string, OpenPart>();
  let firstRegion: string | null = null;
  const { place, strict } = options;
  const refused = strict === true && read.invalidUtf8 !== undefined ? invalidUtf8Reason(read.invalidUtf8) : undefined;
  const status = { nodata: 0, skipdata: 0 };
  const skipdata: SkipdataRecord[] = [];
  for (const record of read.records) {
    const outcome =
      refused !== undefined
        ? { ok: false as const, reason: refused }
        : read.kind
          ? mapRecord(read.kind, withPlace(read.kind, record.value, place))
          : null;
    if (outcome?.ok === false && outcome.logStatus !== undefined) {
      if (outcome.logStatus.status === 'NODATA') status.nodata++;
      else {
        status.skipdata++;
        skipdata.push({ file, record: record.record, ...outcome.logStatus });
      }
      continue;
    }
    if (!outcome?.ok) {
      const reason = outcome?.reason ?? 'no mapping for this file format';
      rejects.push({ file, record: record.record, reason, raw: rawPrefix(record.value) });
      continue;
    }
    const { source, row } = outcome;
    const line = JSON.stringify(row);
    const size = line.length * 3 > MAX_ROW_BYTES ? Buffer.byteLength(line) : line.length;
    if (size > MAX_ROW_BYTES) {
      const reason = `record too large: its OCSF row takes ${mebibytes(size)} MiB, over the ${mebibytes(MAX_ROW_BYTES)} MiB a row may take`;
      rejects.push({ file, record: record.record, reason, raw: rawPrefix(record.value) });
      continue;
    }
    const region = String(row.region);
    firstRegion ??= region;
    const partition = `${region}\0${String(row.accountid)}\0${String(row.time_dt).slice(0, 10)}`;
    const id = `${source}\0${partition}`;
    let part = parts.get(id);
    if (!part) {
      part = { source, partition, lines: '', keys: [] };
      parts.set(id, part);
    }
    part.lines += `${line}\n`;
    part.keys.push(rowKey(source, row));
  }
  const records = read.records.length + read.rejects.length;
  const invalid = read.invalidUtf8 === undefined ? {} : { invalidUtf8: read.invalidUtf8 };
  const counted = status.nodata + status.skipdata === 0 ? {} : { flowLogStatus: status, skipdata };
  return { name: file, ...input, records, rejects, firstRegion, parts: [...parts.values()], ...invalid, ...counted };
}

function rawPrefix(value: unknown): string {
  return JSON.stringify(value).slice(0, RAW_CHARS);
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
