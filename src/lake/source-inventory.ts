// What the lake holds per native source, counted from the ledger alone: every source is listed, even one with
// no data yet, because "nothing arrived" is an answer a responder needs as much as a count.

import { customSourceKey, customTableName } from '../mapping/custom-sources.ts';
import { isNativeSource, NATIVE_SOURCES, type NativeSource, tableName } from '../mapping/native-sources.ts';
import { customSources } from './custom-source-registry.ts';
import { type LakeConfig, readLakeConfig } from './lake-config.ts';
import { type LedgerFiles, readLedgerFiles } from './ledger.ts';

export interface SourceInventoryEntry {
  readonly source: NativeSource;
  /** `<source>_2_0`: the part of the table name after the region, the same in every region. */
  readonly tableSuffix: string;
  /** The rollup region's table (which covers every region), or null for a lake with no data and no config. */
  readonly table: string | null;
  readonly rows: number;
  readonly files: number;
  /** Sorted, so the output is stable whatever order batches committed in. */
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

/** A registered custom source: what it holds, counted the same way; `source` is `ext/<name>`. */
export interface CustomSourceInventoryEntry extends Omit<SourceInventoryEntry, 'source' | 'tableSuffix'> {
  readonly name: string;
  readonly source: string;
  readonly className: string;
  readonly classUid: number;
}

export interface SourceInventory {
  readonly rollupRegion: string | null;
  readonly sources: readonly SourceInventoryEntry[];
  readonly customSources: readonly CustomSourceInventoryEntry[];
}

export async function readSourceInventory(lakeDir: string): Promise<SourceInventory> {
  return planSourceInventory(await readLedgerFiles(lakeDir), await readLakeConfig(lakeDir));
}

export function planSourceInventory(ledger: LedgerFiles, config: LakeConfig): SourceInventory {
  const files = ledger.files.filter((file) => isNativeSource(file.source));
  // The same fallback the query catalog uses, so the table named here is the one a query would read.
  const rollupRegion = config.rollupRegion ?? files[0]?.region ?? null;
  const sources = NATIVE_SOURCES.map((source) => ({
    source,
    tableSuffix: `${source}_2_0`,
    table: rollupRegion === null ? null : tableName(rollupRegion, source),
    ...holdings(ledger, source),
  }));
  const custom = customSources(config).map(({ name, className, classUid }) => {
    const source = customSourceKey(name);
    const table = rollupRegion === null ? null : customTableName(rollupRegion, source);
    return { name, source, className, classUid, table, ...holdings(ledger, source) };
  });
  return { rollupRegion, sources, customSources: custom };
}

function holdings(ledger: LedgerFiles, source: string) {
  const own = ledger.files.filter((file) => file.source === source);
  return {
    rows: own.reduce((sum, file) => sum + file.rows, 0),
    files: own.length,
    accounts: [...new Set(own.map((file) => file.accountId))].sort(),
    regions: [...new Set(own.map((file) => file.region))].sort(),
  };
}
