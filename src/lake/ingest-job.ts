// `tarn ingest`: raw files in, one atomic batch of Parquet out. Every input record ends up as a row, a
// duplicate or a reject with its reason; the batch becomes visible all at once, or not at all.

import { type BatchOptions, IngestBatch } from './ingest-batch.ts';
import { type RunOptions, runIngest } from './ingest-run.ts';
import type { IngestSummary } from './ingest-summary.ts';

export type { IngestProgress } from './ingest-run.ts';

export interface IngestOptions extends BatchOptions, RunOptions {}

export function ingest(options: IngestOptions): Promise<IngestSummary> {
  return runIngest(options, (place) => IngestBatch.open(place, options));
}
