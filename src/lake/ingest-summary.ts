// What an ingest did, counted so that every input record is accounted for exactly once:
// input_records = sum(rows) + duplicates + rejected + flow log status records (NODATA, SKIPDATA).

import type { Reject } from '../sources/log-file.ts';
import type { FlowLogStatusCounts, SkipdataRecord } from './ledger.ts';

export interface IngestSummary {
  /** The batches committed, in order: a long run commits one every `STAGED_BYTES_PER_COMMIT` staged. */
  readonly batches: readonly string[];
  readonly files: number;
  /** Of those, the files recognised by path, size and modification time as already ingested, not read. */
  readonly unreadFiles: number;
  readonly inputRecords: number;
  /** Rows written, per source as Security Lake names them (`cloud_trail_mgmt`, `s3_data`, …). */
  readonly rows: Readonly<Record<string, number>>;
  /** Records already in the lake, or repeated within the batch. */
  readonly duplicates: number;
  readonly rejected: readonly Reject[];
  /** Byte sequences that were not UTF-8 in the files read, read as U+FFFD. */
  readonly invalidUtf8: number;
  /** VPC flow NODATA and SKIPDATA records read: no traffic to make rows of, so counted instead. */
  readonly flowLogStatus: FlowLogStatusCounts;
  /** The SKIPDATA records one by one: each says where and when flow evidence is missing. */
  readonly skipdata: readonly SkipdataRecord[];
  readonly seconds: number;
  readonly rollupRegion: string | null;
}

/** The `--summary-json` document. */
export function summaryJson(summary: IngestSummary): unknown {
  return {
    input_records: summary.inputRecords,
    rows: summary.rows,
    duplicates: summary.duplicates,
    rejected: summary.rejected.map(({ file, record, reason }) => ({ file, record, reason })),
    invalid_utf8: summary.invalidUtf8,
    flow_log_status: {
      nodata: summary.flowLogStatus.nodata,
      skipdata: summary.flowLogStatus.skipdata,
      skipdata_records: summary.skipdata.map((s) => ({
        file: s.file,
        record: s.record,
        account_id: s.accountId,
        region: s.region,
        interface_id: s.interfaceId,
        start: s.start,
        end: s.end,
      })),
    },
    files: summary.files,
    unread_files: summary.unreadFiles,
    seconds: summary.seconds,
    batches: summary.batches,
  };
}

/** What one batch of a run counted, and its id if it was committed. */
export type BatchPart = Omit<IngestSummary, 'batches' | 'files' | 'seconds' | 'rollupRegion'> & {
  readonly batchId: string | null;
};

/** A run's summary: its batches' counts added up. */
export function combineBatches(
  parts: readonly BatchPart[],
  run: Pick<IngestSummary, 'files' | 'seconds' | 'rollupRegion'>,
): IngestSummary {
  const rows: Record<string, number> = {};
  for (const part of parts) for (const [source, n] of Object.entries(part.rows)) rows[source] = (rows[source] ?? 0) + n;
  const sum = (count: (part: BatchPart) => number) => parts.reduce((total, part) => total + count(part), 0);
  return {
    batches: parts.flatMap((part) => (part.batchId === null ? [] : [part.batchId])),
    files: run.files,
    unreadFiles: sum((p) => p.unreadFiles),
    inputRecords: sum((p) => p.inputRecords),
    rows,
    duplicates: sum((p) => p.duplicates),
    rejected: parts.flatMap((p) => p.rejected),
    invalidUtf8: sum((p) => p.invalidUtf8),
    flowLogStatus: { nodata: sum((p) => p.flowLogStatus.nodata), skipdata: sum((p) => p.flowLogStatus.skipdata) },
    skipdata: parts.flatMap((p) => p.skipdata),
    seconds: run.seconds,
    rollupRegion: run.rollupRegion,
  };
}
