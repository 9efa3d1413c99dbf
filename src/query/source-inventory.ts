// The source inventory with each source's time range added, read through the query engine so that the
// range is the one a query sees (the ledger counts rows and files but does not record event times).

import { readSourceInventory, type SourceInventoryEntry } from '../lake/source-inventory.ts';
import { openQueryEngine } from './query-engine.ts';
import type { QueryValue } from './result-values.ts';

export interface SourceTimeRange {
  /** The first and last `time_dt`, as Athena prints a timestamp; null for a source with no rows. */
  readonly firstEvent: string | null;
  readonly lastEvent: string | null;
}

export type SourceInventoryRow = SourceInventoryEntry & SourceTimeRange;

export interface SourceInventoryReport {
  readonly rollupRegion: string | null;
  readonly sources: readonly SourceInventoryRow[];
}

export async function loadSourceInventory(lakeDir: string): Promise<SourceInventoryReport> {
  const inventory = await readSourceInventory(lakeDir);
  // An empty lake has no tables to query; skip opening DuckDB at all.
  if (inventory.sources.every((entry) => entry.rows === 0)) {
    return {
      ...inventory,
      sources: inventory.sources.map((entry) => ({ ...entry, firstEvent: null, lastEvent: null })),
    };
  }
  const engine = await openQueryEngine({ lakeDir });
  try {
    const sources: SourceInventoryRow[] = [];
    // One query per non-empty table, over the rollup region's table, which reads every region's files.
    for (const entry of inventory.sources) {
      if (entry.rows === 0 || entry.table === null) {
        sources.push({ ...entry, firstEvent: null, lastEvent: null });
        continue;
      }
      const result = await engine.run(`SELECT min(time_dt), max(time_dt) FROM ${entry.table}`);
      const [first, last] = result.rows[0] ?? [];
      sources.push({ ...entry, firstEvent: timestampText(first), lastEvent: timestampText(last) });
    }
    return { rollupRegion: inventory.rollupRegion, sources };
  } finally {
    await engine.close();
  }
}

function timestampText(value: QueryValue | undefined): string | null {
  return value === undefined || value === null ? null : String(value);
}
