// `tarn sources [--lake DIR] [--format F] [--wide]`: what each native source holds, so a responder knows
// which tables to query (and which logs never arrived) before writing any SQL.

import { LAKE_WIDE_DATABASE, lakeWideTableName } from '../query/index.ts';
import { loadSourceInventory, type SourceInventoryReport } from '../query/source-inventory.ts';
import { type Command, existingLake, LAKE_OPTION } from './command.ts';
import { flowLogStatusCounts, skipdataLines } from './flow-log-status-text.ts';
import {
  LISTING_OPTIONS,
  type Listing,
  listingFormat,
  listingResult,
  listingText,
  listingUsage,
} from './listing-output.ts';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list every source with its rows, time range, accounts, regions and files',
  usage: `Usage: tarn sources [--lake DIR] [--format table|csv|json|jsonl|markdown|html] [--wide]

  --lake DIR     the lake (default ./lake, or $TARN_LAKE)
${listingUsage('{"rollup_region", "sources": [...], "custom_sources": [...]}', 'one source a line')}

  Lists all eight native Security Lake sources, those with no data too (0 rows). Each source's table is
  the rollup region's (its full name is shown), which covers every region, as does the lake-wide
  amazon_security_lake_table_all_<source>_2_0 whatever the rollup region; the time range is its first and
  last time_dt (UTC; ISO 8601 with Z in JSON). Custom sources (tarn source add) follow, with their OCSF
  class; their time range is that of the events' time. Security Lake copies joined with tarn attach count in
  their tables (attached_files). JSON keys are snake_case. VPC flow NODATA (no traffic) and SKIPDATA (flow
  records lost) records make no rows: they are counted below the table, with each SKIPDATA's interface and
  window (json: flow_log_status).`,
  options: { ...LAKE_OPTION, ...LISTING_OPTIONS },
  async run(args, io) {
    const format = listingFormat(args);
    const report = await loadSourceInventory(existingLake(args));
    io.stdout(listingText(sourcesListing(report), format, args, io));
    return 0;
  },
};

const COLUMNS = [
  ['source', 'varchar'],
  ['table', 'varchar'],
  ['rows', 'bigint'],
  ['first_event', 'timestamp(3)'],
  ['last_event', 'timestamp(3)'],
  ['accounts', 'varchar'],
  ['regions', 'varchar'],
  ['files', 'bigint'],
  ['attached_files', 'bigint'],
] as const;

function sourcesListing(report: SourceInventoryReport): Listing {
  const withLakeWide = <T extends { source: string; firstEvent: string | null; lastEvent: string | null }>(
    entry: T,
  ) => ({
    ...entry,
    lakeWideTable: lakeWideTableName(entry.source),
    firstEvent: isoTime(entry.firstEvent),
    lastEvent: isoTime(entry.lastEvent),
  });
  const sources = report.sources.map(withLakeWide);
  const customSources = report.customSources.map(withLakeWide);
  const custom = report.customSources.map((s) => ({ ...s, source: `${s.source} (${s.className})` }));
  const rows = [...report.sources, ...custom].map((s) => [
    s.source,
    s.table,
    s.rows,
    s.firstEvent,
    s.lastEvent,
    s.accounts.join(', '),
    s.regions.join(', '),
    s.files,
    s.attachedFiles,
  ]);
  const rollup =
    report.rollupRegion === null ? 'no rollup region yet (empty lake)' : `rollup region ${report.rollupRegion}`;
  const customs = custom.length === 0 ? 'none' : `${custom.length}, listed as ext/<name> (OCSF class)`;
  return {
    result: listingResult(COLUMNS, rows),
    json: { rollupRegion: report.rollupRegion, sources, customSources, flowLogStatus: report.flowLogStatus },
    lines: [...sources, ...customSources],
    footer: `table: the rollup region's, covering every region; ${rollup}; custom sources: ${customs}
every region, whatever the rollup region: amazon_security_lake_table_all_<source>_2_0 (database ${LAKE_WIDE_DATABASE})\n${flowLogStatusText(report)}`,
    title: 'Tarn sources',
  };
}

/** Athena's timestamp text (`2024-03-10 08:00:00.000`) as JSON prints times: ISO 8601 with Z. */
function isoTime(text: string | null): string | null {
  return text === null ? null : `${text.replace(' ', 'T')}Z`;
}

/** Shown one by one up to this many; `--format json` lists them all. */
const SKIPDATA_SHOWN = 20;

function flowLogStatusText({ flowLogStatus }: SourceInventoryReport): string {
  if (flowLogStatus.nodata + flowLogStatus.skipdata === 0) return '';
  const counts = flowLogStatusCounts(flowLogStatus);
  return `vpc_flow also had ${counts} records, counted, not rows\n${skipdataLines(flowLogStatus.skipdataRecords, SKIPDATA_SHOWN, false)}`;
}
