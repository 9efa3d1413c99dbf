// Small lakes for the query tests: Parquet files written by DuckDB in Security Lake's layout, with the
// Glue columns cast to their Glue types, and a ledger that lists the files meant to be committed.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { LakeConfig } from '../../src/lake/lake-config.ts';
import { CONFIG_FILE } from '../../src/lake/lake-config.ts';
import { LEGACY_LEDGER_FILE, type LedgerDataFile, type LegacyLedgerFile } from '../../src/lake/ledger.ts';
import { glueToDuckDbType } from '../../src/mapping/glue-types.ts';
import { type NativeSource, sourceFolder } from '../../src/mapping/native-sources.ts';
import { TABLE_SCHEMAS } from '../../src/mapping/table-schemas.ts';

export interface FixtureFile {
  readonly source: NativeSource;
  readonly region: string;
  readonly accountId: string;
  readonly eventDay: string;
  readonly name: string;
  /** Column values as JSON; a column left out is NULL. Timestamps as `2024-03-10 12:00:00`. */
  readonly rows: readonly Record<string, unknown>[];
  /** False for a file written to the lake but never committed. */
  readonly committed?: boolean;
}

export interface FixtureLake {
  readonly dir: string;
  /** Lake-relative paths of the files, by name. */
  readonly paths: Readonly<Record<string, string>>;
  remove(): Promise<void>;
}

export async function buildLake(files: readonly FixtureFile[], config?: LakeConfig): Promise<FixtureLake> {
  const dir = await mkdtemp(join(tmpdir(), 'tarn-query-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const ledgerFiles: LedgerDataFile[] = [];
  const paths: Record<string, string> = {};
  for (const file of files) {
    const path = `${sourceFolder(file.source)}/region=${file.region}/accountId=${file.accountId}/eventDay=${file.eventDay}/${file.name}.parquet`;
    paths[file.name] = path;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    const jsonl = join(dir, `${file.name}.jsonl`);
    await writeFile(jsonl, file.rows.map((row) => JSON.stringify(row)).join('\n'));
    await connection.run(
      `COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited', columns = ${fileColumns(file.source)})) TO '${join(dir, path)}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    await rm(jsonl);
    if (file.committed !== false) {
      const { source, region, accountId, eventDay } = file;
      ledgerFiles.push({ path, source, region, accountId, eventDay, rows: file.rows.length });
    }
  }
  connection.closeSync();
  // The ledger.json of lakes written before commit records, which Tarn still reads as it is.
  const ledger: LegacyLedgerFile = { version: 1, batches: [], files: ledgerFiles };
  await mkdir(join(dir, dirname(LEGACY_LEDGER_FILE)), { recursive: true });
  await writeFile(join(dir, LEGACY_LEDGER_FILE), JSON.stringify(ledger));
  if (config !== undefined) await writeFile(join(dir, CONFIG_FILE), JSON.stringify(config));
  return { dir, paths, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every Glue column but the two the folder names carry, as read_json's `columns` struct. */
export function fileColumns(source: NativeSource): string {
  const columns = TABLE_SCHEMAS[source]
    .filter((column) => column.name !== 'region' && column.name !== 'accountid')
    .map((column) => `'${column.name}': '${glueToDuckDbType(column.type).replaceAll("'", "''")}'`);
  return `{${columns.join(', ')}}`;
}
