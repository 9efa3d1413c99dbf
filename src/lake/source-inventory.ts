// What the lake holds per native source, counted from the ledger alone: every source is listed, even one with
// no data yet, because "nothing arrived" is an answer a responder needs as much as a count. Files of attached
// Security Lake copies (tarn attach) count too; their rows are not recorded anywhere, so a query counts them.

import { customSourceKey, customTableName } from '../mapping/custom-sources.ts';
import { isNativeSource, NATIVE_SOURCES, type NativeSource, tableName } from '../mapping/native-sources.ts';
import { type AttachedFile, readAttachments } from './attachments.ts';
import { customSources } from './custom-source-registry.ts';
import { type LakeConfig, readLakeConfig } from './lake-config.ts';
import { type FlowLogStatusCounts, type Ledger, readLedger, type SkipdataRecord } from './ledger.ts';

export interface SourceInventoryEntry {
  readonly source: NativeSource;
  /** `<source>_2_0`: the part of the table name after the region, the same in every region. */
  readonly tableSuffix: string;
  /** The rollup region's table (which covers every region), or null for a lake with no data and no config. */
  readonly table: string | null;
  /** Rows of the lake's own files (the ledger's count); attached files' rows are counted by a query. */
  readonly rows: number;
  /** The lake's files and the attached ones. */
  readonly files: number;
  /** Of those, the files of attached Security Lake copies. */
  readonly attachedFiles: number;
  /** Sorted, so the output is stable whatever order batches committed in. */
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

/**
 * VPC flow NODATA and SKIPDATA records ingested: they make no rows, so the ledger's input entries are the only
 * place they are counted; each SKIPDATA says where and when flow records were lost.
 */
export interface FlowLogStatusInventory extends FlowLogStatusCounts {
  readonly skipdataRecords: readonly SkipdataRecord[];
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
  readonly flowLogStatus: FlowLogStatusInventory;
}

export async function readSourceInventory(lakeDir: string): Promise<SourceInventory> {
  const attached = (await readAttachments(lakeDir)).flatMap((attachment) => attachment.files);
  return planSourceInventory(await readLedger(lakeDir), await readLakeConfig(lakeDir), attached);
}

export function planSourceInventory(
  ledger: Ledger,
  config: LakeConfig,
  attached: readonly AttachedFile[] = [],
): SourceInventory {
  const files = ledger.files.filter((file) => isNativeSource(file.source));
  // The same fallback the query catalog uses, so the table named here is the one a query would read.
  const rollupRegion = config.rollupRegion ?? files[0]?.region ?? attached[0]?.region ?? null;
  const sources = NATIVE_SOURCES.map((source) => ({
    source,
    tableSuffix: `${source}_2_0`,
    table: rollupRegion === null ? null : tableName(rollupRegion, source),
    ...holdings(ledger, attached, source),
  }));
  const custom = customSources(config).map(({ name, className, classUid }) => {
    const source = customSourceKey(name);
    const table = rollupRegion === null ? null : customTableName(rollupRegion, source);
    return { name, source, className, classUid, table, ...holdings(ledger, [], source) };
  });
  return { rollupRegion, sources, customSources: custom, flowLogStatus: flowLogStatus(ledger) };
}

function flowLogStatus(ledger: Ledger): FlowLogStatusInventory {
  const inputs = ledger.batches.flatMap((batch) => batch.inputs);
  return {
    nodata: inputs.reduce((sum, input) => sum + (input.flowLogStatus?.nodata ?? 0), 0),
    skipdata: inputs.reduce((sum, input) => sum + (input.flowLogStatus?.skipdata ?? 0), 0),
    skipdataRecords: inputs.flatMap((input) => input.skipdata ?? []),
  };
}

function holdings(ledger: Ledger, attached: readonly AttachedFile[], source: string) {
  const own = ledger.files.filter((file) => file.source === source);
  const theirs = attached.filter((file) => file.source === source);
  const all = [...own, ...theirs];
  return {
    rows: own.reduce((sum, file) => sum + file.rows, 0),
    files: all.length,
    attachedFiles: theirs.length,
    accounts: [...new Set(all.map((file) => file.accountId))].sort(),
    regions: [...new Set(all.map((file) => file.region))].sort(),
  };
}
