// The frame compaction, verification and retention share with ingest: the lake's writer lock, then recovery of
// any interrupted change, then the work on the ledger as committed.

import { randomBytes } from 'node:crypto';
import { recoverLake } from './batch-commit.ts';
import { acquireLakeLock } from './lake-lock.ts';
import { type Ledger, type LedgerDataFile, readLedger } from './ledger.ts';

export async function withLakeLocked<T>(lakeDir: string, work: (ledger: Ledger) => Promise<T>): Promise<T> {
  const lock = await acquireLakeLock(lakeDir);
  try {
    await recoverLake(lakeDir);
    try {
      return await work(await readLedger(lakeDir));
    } finally {
      await recoverLake(lakeDir);
    }
  } finally {
    await lock.release();
  }
}

export interface Partition {
  readonly source: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  /** The partition's folder, relative to the lake root. */
  readonly folder: string;
  readonly files: readonly LedgerDataFile[];
}

/** The ledger's files by partition, in the order the ledger first lists each partition. */
export function partitionsOf(files: readonly LedgerDataFile[]): Partition[] {
  const byFolder = new Map<string, LedgerDataFile[]>();
  for (const file of files) {
    const folder = file.path.slice(0, file.path.lastIndexOf('/'));
    const list = byFolder.get(folder);
    if (list) list.push(file);
    else byFolder.set(folder, [file]);
  }
  return [...byFolder].map(([folder, own]) => {
    const { source, region, accountId, eventDay } = own[0] as LedgerDataFile;
    return { source, region, accountId, eventDay, folder, files: own };
  });
}

/** `--source` names a native source (`cloud_trail_mgmt`) or a custom one (`acme-api`, or `ext/acme-api`). */
export function sourceMatches(wanted: string | undefined): (source: string) => boolean {
  if (wanted === undefined) return () => true;
  return (source) => source === wanted || source === `ext/${wanted}`;
}

export function newChangeId(kind: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${kind}-${randomBytes(4).toString('hex')}`;
}
