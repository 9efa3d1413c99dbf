// `npm run bench:sources`: ingest speed per source. For each sample, N events of one source alone (written by
// source-samples.ts, 200 events a file), then in one run, each phase in its own process: a plain DuckDB copy of
// the same files to zstd Parquet (CloudTrail's Records unnested and JSON lines as one JSON value each with
// read_json, flow logs with read_csv or read_parquet; for an archive, its loose files), and `tarn ingest` (for
// the custom source, `tarn ingest --source`) into an empty lake.
//
//   npm run bench:sources              20,000 events per source
//   npm run bench:sources -- 100000    another size
//   BENCH_ONLY=sh_findings,waf npm run bench:sources -- 5000    some samples only

import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  cloudTrailRecordsSql,
  copyToParquet,
  fileList,
  type PhaseResult,
  phaseInChild,
  rate,
  reportPhase,
} from './bench-phases.ts';
import { ingestSample, prepareLake } from './sample-ingest.ts';
import {
  BENCH_SOURCES,
  type BenchSource,
  EVENTS_PER_FILE,
  SAMPLE_TABLES,
  sampleInputs,
  writeSourceSamples,
} from './source-samples.ts';

const WORK = resolve(import.meta.dirname, '../.bench');

async function main(): Promise<void> {
  const [phase, name, source] = process.argv.slice(2);
  if (phase === '--phase') return runPhase(name ?? '', source as BenchSource);
  const events = Number(phase ?? 20_000);
  const rows: string[][] = [];
  const only = process.env.BENCH_ONLY?.split(',');
  for (const source of BENCH_SOURCES.filter((name) => only === undefined || only.includes(name))) {
    const data = join(WORK, `sources-${events}`, source);
    if (!existsSync(data)) {
      console.log(`writing ${events.toLocaleString('en-US')} ${source} events in ${data} …`);
      await writeSourceSamples(data, source, events);
    }
    const run = (step: string): PhaseResult => phaseInChild(import.meta.filename, [step, source], { BENCH_DATA: data });
    const baseline = run('baseline');
    const tarn = run('tarn');
    const detail = tarn.detail as { rows: number; rejected: number };
    if (detail.rows !== events || detail.rejected !== 0) {
      throw new Error(`${source}: ${detail.rows} rows and ${detail.rejected} rejects from ${events} events`);
    }
    rows.push([
      source,
      SAMPLE_TABLES[source],
      String(Math.ceil(events / EVENTS_PER_FILE)),
      baseline.seconds.toFixed(1),
      rate(events, baseline.seconds),
      tarn.seconds.toFixed(1),
      rate(events, tarn.seconds),
      `${tarn.maxRssMb} MB`,
      (tarn.seconds / baseline.seconds).toFixed(2),
    ]);
  }
  console.log(`\n${events.toLocaleString('en-US')} events per source, ${EVENTS_PER_FILE} a file\n`);
  printTable(['sample', 'table', 'files', 'DuckDB s', 'DuckDB ev/s', 'tarn s', 'tarn ev/s', 'tarn RSS', 'ratio'], rows);
}

/** The tables fed by CloudTrail delivery files (`{"Records": [...]}`), loose or in archives. */
const CLOUDTRAIL_TABLES = new Set(['cloud_trail_mgmt', 's3_data', 'lambda_execution']);

/** DuckDB's plainest read of each delivery format, with nothing mapped, partitioned or checked. */
function baselineSql(source: BenchSource, data: string): string {
  const files = fileList(sampleInputs(data, source).baseline);
  if (CLOUDTRAIL_TABLES.has(SAMPLE_TABLES[source])) return cloudTrailRecordsSql(files);
  if (source === 'vpc_flow_parquet') return `SELECT * FROM read_parquet([${files}], union_by_name = true)`;
  if (source === 'vpc_flow') {
    return `SELECT * FROM read_csv([${files}], delim = ' ', header = true, nullstr = '-', union_by_name = true)`;
  }
  return `SELECT * FROM read_json([${files}], format = 'newline_delimited', records = false, columns = {'json': 'JSON'})`;
}

async function runPhase(name: string, source: BenchSource): Promise<void> {
  const data = process.env.BENCH_DATA ?? '';
  if (name === 'baseline') {
    return reportPhase(() => copyToParquet(baselineSql(source, data), join(WORK, 'baseline.parquet')));
  }
  const lake = join(WORK, 'lake-sources');
  rmSync(lake, { recursive: true, force: true });
  await prepareLake(lake, source);
  await reportPhase(async () => {
    const summary = await ingestSample(lake, source, data);
    return { rows: summary.rows[SAMPLE_TABLES[source]] ?? 0, rejected: summary.rejected.length };
  });
}

/** A Markdown table, names (the first `leftColumns` columns) left-aligned and figures right-aligned. */
function printTable(header: readonly string[], rows: readonly string[][], leftColumns = 2): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((width, i) => (i < leftColumns ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

await main();
