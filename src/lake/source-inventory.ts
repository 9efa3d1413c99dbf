// What the lake holds per native source, counted from the ledger alone: every source is listed, even one with
// no data yet, because "nothing arrived" is an answer a responder needs as much as a count.

import { isNativeSource, NATIVE_SOURCES, type NativeSource, tableName } from '../mapping/native-sources.ts';
import { type LakeConfig, readLakeConfig } from './lake-config.ts';
import { type Ledger, readLedger } from './ledger.ts';

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

export interface SourceInventory {
  readonly rollupRegion: string | null;
  readonly sources: readonly SourceInventoryEntry[];
}

export async function readSourceInventory(lakeDir: string): Promise<SourceInventory> {
  return planSourceInventory(await readLedger(lakeDir), await readLakeConfig(lakeDir));
}

export function planSourceInventory(ledger: Ledger, config: LakeConfig): SourceInventory {
  const files = ledger.files.filter((file) => isNativeSource(file.source));
  // The same fallback the query catalog uses, so the table named here is the one a query would read.
  const rollupRegion = config.rollupRegion ?? files[0]?.region ?? null;
  const sources = NATIVE_SOURCES.map((source) => {
    const own = files.filter((file) => file.source === source);
    return {
      source,
      tableSuffix: `${source}_2_0`,
      table: rollupRegion === null ? null : tableName(rollupRegion, source),
      rows: own.reduce((sum, file) => sum + file.rows, 0),
      files: own.length,
      accounts: [...new Set(own.map((file) => file.accountId))].sort(),
      regions: [...new Set(own.map((file) => file.region))].sort(),
    };
  });
  return { rollupRegion, sources };
}
