// The ledger is the lake's single source of truth: which Parquet files are committed, which input files
// were ingested (by checksum), and what each batch, compaction and retention run did. A Parquet file that the
// ledger does not list is invisible to queries and swept away on the next write. How it is stored (a small
// head renamed at each commit, naming immutable commit records and snapshots) is in ledger-store.ts.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowLogStatus } from '../mapping/vpcflow/flow-log-status.ts';
import {
  applyCommit,
  EMPTY_HEAD,
  HEAD_FILE,
  type LedgerHead,
  readCommits,
  readHead,
  readHistory,
  readSnapshotFiles,
  sha256Hex,
} from './ledger-store.ts';

export { sha256Hex };

export const TARN_DIR = '_tarn';
/** The ledger of lakes written before Tarn stored it as commit records; read as is, replaced on the next write. */
export const LEGACY_LEDGER_FILE = `${TARN_DIR}/ledger.json`;

export interface LedgerDataFile {
  /** Path relative to the lake root, with forward slashes: `aws/S3_DATA/2.0/region=…/accountId=…/eventDay=…/x.parquet`. */
  readonly path: string;
  /** Native source name (`cloud_trail_mgmt`, …) or `ext/<name>` for a custom source. */
  readonly source: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  readonly rows: number;
  /** Size and SHA-256 of the file's bytes, recorded at commit (absent in entries written before Tarn recorded them). */
  readonly bytes?: number;
  readonly sha256?: string;
}

export interface LedgerInput {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Records the file held: rows written + duplicates + rejected. */
  readonly records: number;
  /** Of those, how many were rejected (absent in ledgers written before Tarn counted it). */
  readonly rejected?: number;
  /** The file's modification time when read (absent for archive members and older ledgers). */
  readonly mtimeMs?: number;
  /** The S3 object the input was read from (itself, or the archive holding it), with the ETag it had. */
  readonly object?: { readonly uri: string; readonly etag: string };
  /** Byte sequences in it that were not UTF-8, read as U+FFFD (absent when none). */
  readonly invalidUtf8?: number;
  /** VPC flow NODATA and SKIPDATA records in it, counted rather than written as rows (absent when none). */
  readonly flowLogStatus?: FlowLogStatusCounts;
  /** Its SKIPDATA records one by one: where and when flow records were lost (absent when none). */
  readonly skipdata?: readonly SkipdataRecord[];
}

/** A SKIPDATA record, where it was read: flow records of its interface and window were lost. */
export interface SkipdataRecord extends FlowLogStatus {
  readonly file: string;
  readonly record: number | null;
}

/** VPC flow records that describe the log, not traffic: no traffic in the window, or records lost. */
export interface FlowLogStatusCounts {
  readonly nodata: number;
  readonly skipdata: number;
}

export interface LedgerBatch {
  readonly seq: number;
  readonly id: string;
  readonly committedAt: string;
  readonly inputs: readonly LedgerInput[];
  readonly rows: Readonly<Record<string, number>>;
  readonly duplicates: number;
  readonly rejected: number;
  /** Dead-letter file of this batch, relative to the lake root, when it rejected anything. */
  readonly deadLetter: string | null;
}

/** One partition a maintenance run rewrote or removed. */
export interface LedgerPartitionChange {
  readonly source: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  readonly filesBefore: number;
  readonly filesAfter: number;
  readonly rows: number;
}

/** A compaction (files merged, rows unchanged) or a retention run (whole partitions removed). */
export interface LedgerMaintenance {
  readonly seq: number;
  readonly id: string;
  readonly kind: 'compaction' | 'retention';
  readonly committedAt: string;
  readonly partitions: readonly LedgerPartitionChange[];
  /** Retention only: partitions whose eventDay is before this day (`YYYYMMDD`) were removed. */
  readonly before?: string;
}

/** What queries need: the committed files, and the lake state they make up. */
export interface LedgerFiles {
  /** Every commit (batch, compaction, retention) takes the next number; 0 for an empty lake. */
  readonly seq: number;
  /**
   * The lake-state hash: a SHA-256 chained over every commit record (the SHA-256 of `_tarn/ledger.json` for a
   * lake not yet written since), so two equal hashes mean the same committed files; null with no ledger at all.
   */
  readonly state: string | null;
  readonly files: readonly LedgerDataFile[];
}

export interface Ledger extends LedgerFiles {
  readonly batches: readonly LedgerBatch[];
  readonly maintenance: readonly LedgerMaintenance[];
}

/** `_tarn/ledger.json` as lakes written before commit records hold it. */
export interface LegacyLedgerFile {
  readonly version: 1;
  readonly batches: readonly LedgerBatch[];
  readonly files: readonly LedgerDataFile[];
}

export const EMPTY_LEDGER: Ledger = { seq: 0, state: null, batches: [], maintenance: [], files: [] };

/** A reader may find a file gone when a writer just replaced it by a snapshot: it reads the new head again. */
const READ_ATTEMPTS = 5;

export async function readLedger(lakeDir: string): Promise<Ledger> {
  return retried(lakeDir, async (head) => {
    const history = await readHistory(lakeDir, head);
    const commits = await readCommits(lakeDir, head);
    let files = await readSnapshotFiles(lakeDir, head);
    for (const commit of commits) files = applyCommit(files, commit);
    const all = [...history, ...commits];
    return {
      seq: head.seq,
      state: head.state,
      files,
      batches: all.flatMap((c) => (c.batch ? [c.batch] : [])),
      maintenance: all.flatMap((c) => (c.maintenance ? [c.maintenance] : [])),
    };
  });
}

/** The committed files without the batches' input lists, which a large lake's queries need not parse. */
export async function readLedgerFiles(lakeDir: string): Promise<LedgerFiles> {
  return retried(lakeDir, async (head) => {
    let files = await readSnapshotFiles(lakeDir, head);
    for (const commit of await readCommits(lakeDir, head, false)) files = applyCommit(files, commit);
    return { seq: head.seq, state: head.state, files };
  });
}

/** The position and hash of the lake's state, from the head alone; null when the folder holds no ledger. */
export async function readLakeState(lakeDir: string): Promise<{ seq: number; state: string } | null> {
  const head = await readHead(lakeDir);
  if (head?.state) return { seq: head.seq, state: head.state };
  const legacy = await readLegacyBytes(lakeDir);
  if (!legacy) return null;
  const ledger = JSON.parse(legacy.toString('utf8')) as LegacyLedgerFile;
  return { seq: ledger.batches.at(-1)?.seq ?? 0, state: sha256Hex(legacy) };
}

/** Whether the folder holds a lake's ledger, in either form. */
export function hasLedger(lakeDir: string): boolean {
  return existsSync(join(lakeDir, HEAD_FILE)) || existsSync(join(lakeDir, LEGACY_LEDGER_FILE));
}

/** The ledger position a query or a piece of evidence was taken at. */
export function ledgerPosition(ledger: LedgerFiles): number {
  return ledger.seq;
}

async function retried<T>(lakeDir: string, read: (head: LedgerHead) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const head = (await readHead(lakeDir)) ?? (await readLegacyHead(lakeDir)) ?? EMPTY_HEAD;
    try {
      return await read(head);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= READ_ATTEMPTS) throw error;
    }
  }
}

/** A lake not yet written by this version: its whole ledger.json stands in as the snapshot at its last batch. */
export async function readLegacyHead(lakeDir: string): Promise<LedgerHead | null> {
  const bytes = await readLegacyBytes(lakeDir);
  if (!bytes) return null;
  const ledger = JSON.parse(bytes.toString('utf8')) as LegacyLedgerFile;
  const seq = ledger.batches.at(-1)?.seq ?? 0;
  const history = ledger.batches.map((batch) => ({ seq: batch.seq, id: batch.id, batch, added: [], removed: [] }));
  return {
    version: 2,
    seq,
    state: sha256Hex(bytes),
    base: { seq, files: null, history: [] },
    inMemory: { files: ledger.files, history },
  };
}

async function readLegacyBytes(lakeDir: string): Promise<Buffer | null> {
  try {
    return await readFile(join(lakeDir, LEGACY_LEDGER_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
