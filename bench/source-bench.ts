// `npm run bench:sources`: ingest speed per native source. For each source, N events of that source alone
// (written by source-samples.ts, 200 events a file), then in one run, each phase in its own process:
// a plain DuckDB copy of the same files to zstd Parquet (CloudTrail's Records unnested and JSON lines as
// one JSON value each with read_json, flow logs with read_csv), and `tarn ingest` into an empty lake.
//
//   npm run bench:sources              20,000 events per source
//   npm run bench:sources -- 100000    another size

import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingest } from '../src/lake/ingest-job.ts';
import {
  cloudTrailRecordsSql,
  copyToParquet,
  fileList,
  type PhaseResult,
  phaseInChild,
  rate,
  reportPhase,
} from './bench-phases.ts';
import { BENCH_SOURCES, type BenchSource, EVENTS_PER_FILE, writeSourceSamples } from './source-samples.ts';

const WORK = resolve(import.meta.dirname, '../.bench');

async function main(): Promise<void> {
  const [phase, name, source] = process.argv.slice(2);
  if (phase === '--phase') return runPhase(name ?? '', source as BenchSource);
  const events = Number(phase ?? 20_000);
  const rows: string[][] = [];
  for (const source of BENCH_SOURCES) {
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
  printTable(['source', 'files', 'DuckDB s', 'DuckDB ev/s', 'tarn s', 'tarn ev/s', 'tarn RSS', 'ratio'], rows);
}

/** DuckDB's plainest read of each delivery format, with nothing mapped, partitioned or checked. */
function baselineSql(source: BenchSource, data: string): string {
  if (source === 'cloud_trail_mgmt' || source === 's3_data') return cloudTrailRecordsSql(fileList(data));
  if (source === 'vpc_flow') {
    return `SELECT * FROM read_csv([${fileList(data)}], delim = ' ', header = true, nullstr = '-', union_by_name = true)`;
  }
  return `SELECT * FROM read_json([${fileList(data)}], format = 'newline_delimited', records = false, columns = {'json': 'JSON'})`;
}

async function runPhase(name: string, source: BenchSource): Promise<void> {
  const data = process.env.BENCH_DATA ?? '';
  await reportPhase(async () => {
    if (name === 'baseline') return copyToParquet(baselineSql(source, data), join(WORK, 'baseline.parquet'));
    const lake = join(WORK, 'lake-sources');
    rmSync(lake, { recursive: true, force: true });
    const summary = await ingest({ lakeDir: lake, paths: [data] });
    return { rows: summary.rows[source] ?? 0, rejected: summary.rejected.length };
  });
}

function printTable(header: readonly string[], rows: readonly string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((width, i) => (i === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

await main();
