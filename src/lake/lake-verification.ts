// Verification: the lake's files against its ledger. Every listed file must exist with its recorded size and
// SHA-256 (entries from before Tarn recorded them are checked for existence and row count, and counted as
// unhashed), no data file may lie under aws/ or ext/ without being listed, and each partition's rows must be
// the rows its files hold.

import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fileChecksum } from './batch-commit.ts';
import { partitionsOf, withLakeLocked } from './lake-maintenance.ts';
import type { LedgerDataFile } from './ledger.ts';
import { quoteLiteral } from './table-layout.ts';

export interface VerificationProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytes: number;
  readonly elapsedMs: number;
}

export interface VerificationResult {
  readonly files: number;
  readonly rows: number;
  /** Listed files whose ledger entry has no SHA-256 (written before Tarn recorded it). */
  readonly unhashed: number;
  /** Each problem found, naming the file or partition; empty when the lake matches its ledger. */
  readonly problems: readonly string[];
}

const DATA_ROOTS = ['aws', 'ext'];

export async function verifyLake(
  lakeDir: string,
  onProgress: (progress: VerificationProgress) => void = () => {},
): Promise<VerificationResult> {
  const started = performance.now();
  return withLakeLocked(lakeDir, async (ledger) => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const problems: string[] = [];
    const actualRows = new Map<string, number>();
    let bytes = 0;
    let unhashed = 0;
    try {
      for (const [index, file] of ledger.files.entries()) {
        const path = join(lakeDir, file.path);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) {
          problems.push(`missing: ${file.path} is listed in the ledger but not in the lake`);
          continue;
        }
        bytes += info.size;
        if (file.bytes !== undefined && info.size !== file.bytes) {
          problems.push(`changed: ${file.path} is ${info.size} bytes; the ledger recorded ${file.bytes}`);
        } else if (file.sha256 !== undefined && (await fileChecksum(path)) !== file.sha256) {
          problems.push(`changed: ${file.path} does not have the SHA-256 the ledger recorded`);
        }
        if (file.sha256 === undefined) unhashed++;
        try {
          const reader = await connection.runAndReadAll(
            `SELECT num_rows FROM parquet_file_metadata(${quoteLiteral(path)})`,
          );
          actualRows.set(file.path, Number(reader.getRowsJS()[0]?.[0] ?? 0));
        } catch (error) {
          problems.push(`unreadable: ${file.path}: ${(error as Error).message.split('\n')[0]}`);
        }
        onProgress({
          filesDone: index + 1,
          filesTotal: ledger.files.length,
          bytes,
          elapsedMs: performance.now() - started,
        });
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    problems.push(...rowProblems(ledger.files, actualRows));
    const listed = new Set(ledger.files.map((file) => file.path));
    for (const path of await dataFilesOnDisk(lakeDir)) {
      if (!listed.has(path)) problems.push(`extra: ${path} is in the lake but not in the ledger`);
    }
    const rows = ledger.files.reduce((sum, file) => sum + file.rows, 0);
    return { files: ledger.files.length, rows, unhashed, problems };
  });
}

/** Per partition, the rows the ledger records against the rows its readable files hold. */
function rowProblems(files: readonly LedgerDataFile[], actualRows: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  for (const partition of partitionsOf(files)) {
    const readable = partition.files.filter((file) => actualRows.has(file.path));
    const recorded = readable.reduce((sum, file) => sum + file.rows, 0);
    const actual = readable.reduce((sum, file) => sum + (actualRows.get(file.path) ?? 0), 0);
    if (recorded !== actual) {
      problems.push(`rows: ${partition.folder} holds ${actual} rows; the ledger recorded ${recorded}`);
    }
  }
  return problems;
}

async function dataFilesOnDisk(lakeDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const root of DATA_ROOTS) {
    const entries = await readdir(join(lakeDir, root), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile()) found.push(relative(lakeDir, join(entry.parentPath, entry.name)).split(sep).join('/'));
    }
  }
  return found.sort();
}
