// The ledger is the lake's single source of truth: which Parquet files are committed, which input files
// were ingested (by checksum), and what each batch did. It is rewritten atomically on each commit, so a
// Parquet file that the ledger does not list is invisible to queries and swept away on the next write.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TARN_DIR = '_tarn';
export const LEDGER_FILE = `${TARN_DIR}/ledger.json`;

export interface LedgerDataFile {
  /** Path relative to the lake root, with forward slashes: `aws/S3_DATA/2.0/region=…/accountId=…/eventDay=…/x.parquet`. */
  readonly path: string;
  /** Native source name (`cloud_trail_mgmt`, …) or `ext/<name>` for a custom source. */
  readonly source: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  readonly rows: number;
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

export interface Ledger {
  readonly version: 1;
  readonly batches: readonly LedgerBatch[];
  readonly files: readonly LedgerDataFile[];
}

export const EMPTY_LEDGER: Ledger = { version: 1, batches: [], files: [] };

export async function readLedger(lakeDir: string): Promise<Ledger> {
  try {
    return JSON.parse(await readFile(join(lakeDir, LEDGER_FILE), 'utf8')) as Ledger;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_LEDGER;
    throw error;
  }
}

/** The ledger position a query or a piece of evidence was taken at. */
export function ledgerPosition(ledger: Ledger): number {
  return ledger.batches.at(-1)?.seq ?? 0;
}
