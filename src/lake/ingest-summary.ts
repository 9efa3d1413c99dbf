// What an ingest did, counted so that every input record is accounted for exactly once:
// input_records = sum(rows) + duplicates + rejected.

import type { Reject } from '../sources/log-file.ts';

export interface IngestSummary {
  readonly batchId: string | null;
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
    files: summary.files,
    unread_files: summary.unreadFiles,
    seconds: summary.seconds,
    batch: summary.batchId,
  };
}
