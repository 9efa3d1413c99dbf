// `tarn watch`: polls a folder, ingests the files that appeared or changed once they have settled (same size
// and modification time on two polls in a row, so a file still being written is not read half-way), then
// evaluates the rules over the new batch and stores what is new. Restarts are safe without any state of its
// own: ingest skips files the ledger knows (path, size, modification time) and records it holds, and a
// detection already stored is never stored or alerted again.

import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ingest } from '../lake/ingest-job.ts';
import type { IngestSummary } from '../lake/ingest-summary.ts';
import { listInputFiles } from '../sources/input-files.ts';
import type { DetectionRule } from './detection-rule.ts';
import { type DetectOutcome, detectAndStore } from './detection-store.ts';

export interface WatchRound {
  readonly files: readonly string[];
  readonly ingested: IngestSummary;
  readonly detected: DetectOutcome;
}

export interface WatchOptions {
  readonly lakeDir: string;
  readonly dir: string;
  readonly rules: readonly DetectionRule[];
  readonly intervalMs: number;
  /** Aborting ends the watch after the round under way, never in the middle of a batch. */
  readonly signal: AbortSignal;
  /** After every poll, with the round when files were ingested (for printing and delivering alerts). */
  readonly afterPoll: (round: WatchRound | null) => Promise<void>;
}

/** Returns the number of rounds that ingested files. */
export async function watchFolder(options: WatchOptions): Promise<number> {
  const { lakeDir, dir, signal } = options;
  const previous = new Map<string, string>();
  const done = new Map<string, string>();
  let rounds = 0;
  while (!signal.aborted) {
    const { files } = await listInputFiles([dir], lakeDir);
    const settled: string[] = [];
    for (const file of files) {
      const info = await stat(file).catch(() => null);
      if (info === null) continue;
      const signature = `${info.size}:${info.mtimeMs}`;
      if (previous.get(file) === signature && done.get(file) !== signature) settled.push(file);
      previous.set(file, signature);
    }
    let round: WatchRound | null = null;
    if (settled.length > 0) {
      const ingested = await ingest({ lakeDir, paths: settled });
      const detected = ingested.batches.length === 0 ? EMPTY : await detectAndStore(lakeDir, options.rules);
      for (const file of settled) done.set(file, previous.get(file) as string);
      if (ingested.batches.length > 0) {
        rounds++;
        round = { files: settled, ingested, detected };
      }
    }
    await options.afterPoll(round);
    await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
  }
  return rounds;
}

const EMPTY: DetectOutcome = { detections: [], errors: [], batches: 0 };
