// `tarn sources [--lake DIR] [--format table|json]`: what each native source holds, so a responder knows
// which tables to query (and which logs never arrived) before writing any SQL.

import { LAKE_WIDE_DATABASE, lakeWideTableName, renderTextTable } from '../query/index.ts';
import { loadSourceInventory, type SourceInventoryReport } from '../query/source-inventory.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';
import { flowLogStatusCounts, skipdataLines } from './flow-log-status-text.ts';
import { formatCount } from './progress-line.ts';

const FORMATS = ['table', 'json'] as const;
type SourcesFormat = (typeof FORMATS)[number];

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list every source with its rows, time range, accounts, regions and files',
  usage: `Usage: tarn sources [--lake DIR] [--format table|json]

  --lake DIR   the lake (default ./lake, or $TARN_LAKE)
  --format F   table (default) or json (snake_case keys, times in ISO 8601 with Z)

  Lists all eight native Security Lake sources, those with no data too (0 rows). Each source's table is
  the rollup region's (its full name is shown), which covers every region, as does the lake-wide
  amazon_security_lake_table_all_<source>_2_0 whatever the rollup region; the time range is its first and
  last time_dt. Custom sources
  (tarn source add) follow, with their OCSF class; their time range is that of the events' time.
  Security Lake copies joined with tarn attach count in their tables (files shown as "N (M attached)").
  VPC flow NODATA (no traffic) and SKIPDATA (flow records lost) records make no rows: they are counted
  below the table, with each SKIPDATA's interface and window (json: flow_log_status).`,
  options: { ...LAKE_OPTION, format: { type: 'string', default: 'table' } },
  async run(args, io) {
    const format = stringOption(args, 'format') as SourcesFormat;
    if (!FORMATS.includes(format)) throw new TarnError(`--format must be one of ${FORMATS.join(', ')}`, 2);
    const report = await loadSourceInventory(existingLake(args));
    io.stdout(format === 'json' ? `${JSON.stringify(sourcesJson(report), null, 2)}\n` : renderSources(report));
    return 0;
  },
};

/** snake_case keys and ISO 8601 times, as every JSON Tarn prints. */
function sourcesJson(report: SourceInventoryReport): unknown {
  const lakeWide = <T extends { source: string }>(entry: T) => ({
    ...entry,
    lakeWideTable: lakeWideTableName(entry.source),
  });
  return snakeCase({
    rollupRegion: report.rollupRegion,
    sources: report.sources.map(lakeWide),
    customSources: report.customSources.map(lakeWide),
    flowLogStatus: report.flowLogStatus,
  });
}

function snakeCase(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeCase(item));
  if (typeof value === 'string' && /^(first|last)Event$/.test(key)) return `${value.replace(' ', 'T')}Z`;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCase(v, k)]),
  );
}

function renderSources(report: SourceInventoryReport): string {
  const header = [
    'source',
    'rollup table (all regions)',
    'rows',
    'first event (UTC)',
    'last event (UTC)',
    'accounts',
    'regions',
    'files',
  ];
  const custom = report.customSources.map((s) => ({
    ...s,
    source: `${s.source} (${s.className})`,
  }));
  const body = [...report.sources, ...custom].map((s) => [
    s.source,
    s.table ?? '-',
    formatCount(s.rows),
    s.firstEvent ?? '-',
    s.lastEvent ?? '-',
    s.accounts.join(', ') || '-',
    s.regions.join(', ') || '-',
    'attachedFiles' in s && s.attachedFiles > 0 ? `${s.files} (${s.attachedFiles} attached)` : String(s.files),
  ]);
  const rollup =
    report.rollupRegion === null ? 'no rollup region yet (empty lake)' : `rollup region ${report.rollupRegion}`;
  const customs = custom.length === 0 ? 'none' : `${custom.length}, listed as ext/<name> (OCSF class)`;
  const lakeWide = `every region, whatever the rollup region: amazon_security_lake_table_all_<source>_2_0 (database ${LAKE_WIDE_DATABASE})`;
  return `${renderTextTable(header, body)}\n${rollup}; custom sources: ${customs}\n${lakeWide}\n${flowLogStatusText(report)}`;
}

/** Shown one by one up to this many; `--format json` lists them all. */
const SKIPDATA_SHOWN = 20;

function flowLogStatusText({ flowLogStatus }: SourceInventoryReport): string {
  if (flowLogStatus.nodata + flowLogStatus.skipdata === 0) return '';
  const counts = flowLogStatusCounts(flowLogStatus);
  return `vpc_flow also had ${counts} records, counted, not rows\n${skipdataLines(flowLogStatus.skipdataRecords, SKIPDATA_SHOWN, false)}`;
}
