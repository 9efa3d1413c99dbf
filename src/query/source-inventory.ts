// The source inventory with each source's time range added, read through the query engine so that the
// range is the one a query sees (the ledger counts rows and files but does not record event times).

import {
  type CustomSourceInventoryEntry,
  type FlowLogStatusInventory,
  readSourceInventory,
  type SourceInventoryEntry,
} from '../lake/source-inventory.ts';
import { quoteName } from './catalog-views.ts';
import { openQueryEngine } from './query-engine.ts';
import type { QueryValue } from './result-values.ts';

export interface SourceTimeRange {
  /** The first and last `time_dt`, as Athena prints a timestamp; null for a source with no rows. */
  readonly firstEvent: string | null;
  readonly lastEvent: string | null;
}

export type SourceInventoryRow = SourceInventoryEntry & SourceTimeRange;
export type CustomSourceInventoryRow = CustomSourceInventoryEntry & SourceTimeRange;

export interface SourceInventoryReport {
  readonly rollupRegion: string | null;
  readonly sources: readonly SourceInventoryRow[];
  readonly customSources: readonly CustomSourceInventoryRow[];
  readonly flowLogStatus: FlowLogStatusInventory;
}

export async function loadSourceInventory(lakeDir: string): Promise<SourceInventoryReport> {
  const inventory = await readSourceInventory(lakeDir);
  // An empty lake has no tables to query; skip opening DuckDB at all.
  if ([...inventory.sources, ...inventory.customSources].every((e) => e.rows === 0 && e.attachedFiles === 0)) {
    const noRange = { firstEvent: null, lastEvent: null };
    return {
      ...inventory,
      sources: inventory.sources.map((entry) => ({ ...entry, ...noRange })),
      customSources: inventory.customSources.map((entry) => ({ ...entry, ...noRange })),
    };
  }
  const engine = await openQueryEngine({ lakeDir });
  try {
    const sources: SourceInventoryRow[] = [];
    // One query per non-empty table, over the rollup region's table, which reads every region's files.
    for (const entry of inventory.sources) {
      if ((entry.rows === 0 && entry.attachedFiles === 0) || entry.table === null) {
        sources.push({ ...entry, firstEvent: null, lastEvent: null });
        continue;
      }
      const table = quoteName(entry.table);
      const result = await engine.run(`SELECT min(time_dt), max(time_dt), count(*) FROM ${table}`);
      const [first, last, count] = result.rows[0] ?? [];
      // Attached files' rows are known only by counting them.
      const rows = entry.attachedFiles === 0 ? entry.rows : Number(count);
      sources.push({ ...entry, rows, firstEvent: timestampText(first), lastEvent: timestampText(last) });
    }
    const customSources: CustomSourceInventoryRow[] = [];
    for (const entry of inventory.customSources) {
      if (entry.rows === 0 || entry.table === null) {
        customSources.push({ ...entry, firstEvent: null, lastEvent: null });
        continue;
      }
      // A custom event's one required time is `time`, epoch milliseconds; time_dt is optional.
      const result = await engine.run(`SELECT min("time"), max("time") FROM ${quoteName(entry.table)}`);
      const [first, last] = result.rows[0] ?? [];
      customSources.push({ ...entry, firstEvent: epochText(first), lastEvent: epochText(last) });
    }
    return { rollupRegion: inventory.rollupRegion, sources, customSources, flowLogStatus: inventory.flowLogStatus };
  } finally {
    await engine.close();
  }
}

/** Epoch milliseconds printed as Athena prints a timestamp(3), like the native sources' time_dt. */
function epochText(value: QueryValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return new Date(Number(value)).toISOString().replace('T', ' ').replace('Z', '');
}

function timestampText(value: QueryValue | undefined): string | null {
  return value === undefined || value === null ? null : String(value);
}
