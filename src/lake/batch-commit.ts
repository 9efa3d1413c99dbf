// A batch becomes visible in one step: the rename of the ledger. Files are moved into the lake before that,
// under a journal, so a crash at any point leaves either the whole batch or, after recovery, none of it.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LEDGER_FILE, type Ledger, type LedgerBatch, type LedgerDataFile, readLedger, TARN_DIR } from './ledger.ts';

const JOURNAL_FILE = `${TARN_DIR}/pending.json`;
export const STAGING_DIR = `${TARN_DIR}/staging`;

interface Journal {
  readonly batchId: string;
  /** Every path, relative to the lake root, that the batch puts in place before the ledger names it. */
  readonly paths: readonly string[];
}

export interface BatchToCommit {
  readonly batch: LedgerBatch;
  /** Staged Parquet files, relative to `stagedRoot`; they keep that relative path in the lake. */
  readonly files: readonly LedgerDataFile[];
  readonly stagedRoot: string;
  /** A staged dead-letter file to move to `batch.deadLetter`. */
  readonly stagedDeadLetter: string | null;
}

/** Test hook: `TARN_FAULT=after-move` kills the process with a real SIGKILL between the moves and the ledger. */
function faultPoint(name: string): void {
  if (process.env.TARN_FAULT === name) process.kill(process.pid, 'SIGKILL');
}

export async function commitBatch(lakeDir: string, ledger: Ledger, toCommit: BatchToCommit): Promise<Ledger> {
  const { batch, files } = toCommit;
  const paths = files.map((f) => f.path);
  if (batch.deadLetter) paths.push(batch.deadLetter);
  await writeAtomically(join(lakeDir, JOURNAL_FILE), JSON.stringify({ batchId: batch.id, paths } satisfies Journal));
  for (const file of files) await moveInto(join(toCommit.stagedRoot, file.path), join(lakeDir, file.path));
  if (batch.deadLetter && toCommit.stagedDeadLetter) {
    await moveInto(toCommit.stagedDeadLetter, join(lakeDir, batch.deadLetter));
  }
  faultPoint('after-move');
  const next: Ledger = { version: 1, batches: [...ledger.batches, batch], files: [...ledger.files, ...files] };
  await writeAtomically(join(lakeDir, LEDGER_FILE), JSON.stringify(next));
  await rm(join(lakeDir, JOURNAL_FILE), { force: true });
  return next;
}

/**
 * Undoes what an interrupted commit left behind: files moved in for a batch that the ledger does not list,
 * and the staging area. Called by every writer before it starts.
 */
export async function recoverLake(lakeDir: string): Promise<{ removed: number }> {
  let removed = 0;
  const journal = await readJournal(lakeDir);
  if (journal) {
    const ledger = await readLedger(lakeDir);
    if (!ledger.batches.some((b) => b.id === journal.batchId)) {
      for (const path of journal.paths) {
        await rm(join(lakeDir, path), { force: true });
        removed++;
      }
    }
    await rm(join(lakeDir, JOURNAL_FILE), { force: true });
  }
  await rm(join(lakeDir, STAGING_DIR), { recursive: true, force: true });
  return { removed };
}

async function readJournal(lakeDir: string): Promise<Journal | null> {
  try {
    return JSON.parse(await readFile(join(lakeDir, JOURNAL_FILE), 'utf8')) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
