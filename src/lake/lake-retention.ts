// Retention: whole partitions older than N days leave the lake in one commit, recorded in the ledger, so a query
// sees either all of a retention run or none of it; their files are deleted after the commit.

import { join } from 'node:path';
import { commitChange, STAGING_DIR } from './batch-commit.ts';
import { newChangeId, partitionsOf, sourceMatches, withLakeLocked } from './lake-maintenance.ts';
import type { LedgerPartitionChange } from './ledger.ts';

export interface RetentionOptions {
  readonly lakeDir: string;
  readonly days: number;
  readonly source?: string;
  /** Today, for tests; the current time otherwise. */
  readonly now?: Date;
}

export interface RetentionResult {
  /** Partitions whose eventDay is before this `YYYYMMDD` were removed. */
  readonly before: string;
  readonly partitions: readonly LedgerPartitionChange[];
  readonly files: number;
  readonly rows: number;
  /** The ledger position of the retention commit; null when nothing was old enough. */
  readonly seq: number | null;
}

export async function retainLake(options: RetentionOptions): Promise<RetentionResult> {
  const before = cutoffDay(options.now ?? new Date(), options.days);
  return withLakeLocked(options.lakeDir, async (ledger) => {
    const matches = sourceMatches(options.source);
    const old = partitionsOf(ledger.files).filter((p) => matches(p.source) && p.eventDay < before);
    const partitions = old.map(({ source, region, accountId, eventDay, files }) => ({
      source,
      region,
      accountId,
      eventDay,
      filesBefore: files.length,
      filesAfter: 0,
      rows: files.reduce((sum, file) => sum + file.rows, 0),
    }));
    const removed = old.flatMap((p) => p.files.map((file) => file.path));
    const rows = partitions.reduce((sum, p) => sum + p.rows, 0);
    if (removed.length === 0) return { before, partitions, files: 0, rows, seq: null };
    const id = newChangeId('retention');
    const committedAt = new Date().toISOString();
    const next = await commitChange(options.lakeDir, ledger, {
      id,
      entry: (seq) => ({ maintenance: { seq, id, kind: 'retention', committedAt, partitions, before } }),
      added: [],
      stagedRoot: join(options.lakeDir, STAGING_DIR, id),
      removed,
    });
    return { before, partitions, files: removed.length, rows, seq: next.seq };
  });
}

/** The first day kept: N days before today (UTC); a partition of an earlier eventDay is removed. */
export function cutoffDay(now: Date, days: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days));
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}
