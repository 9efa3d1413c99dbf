// `npm run bench`: ingest speed, memory and query latency on 1M CloudTrail events, measured against a plain
// DuckDB read_json → Parquet copy of the same files in the same run. Each phase runs in its own process so
// that its peak RSS is its own.
//
//   npm run bench                 1,000,000 events
//   npm run bench -- 200000       another size

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../src/lake/ingest-job.ts';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { generateScenario } from '../src/scenario/scenario-generator.ts';

const WORK = resolve(import.meta.dirname, '../.bench');
const QUERY_RUNS = 9;

interface PhaseResult {
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly detail?: unknown;
}

async function main(): Promise<void> {
  const [phase, arg] = process.argv.slice(2);
  if (phase === '--phase') return runPhase(arg ?? '');
  const events = Number(phase ?? 1_000_000);
  const data = join(WORK, `data-${events}`);
  if (!existsSync(data)) {
    console.log(`generating ${events.toLocaleString('en-US')} CloudTrail events in ${data} …`);
    await generateScenario({ outDir: data, events, seed: 42 });
  }
  const baseline = phaseInChild('baseline', data);
  const tarn = phaseInChild('tarn', data);
  const queries = phaseInChild('queries', data);
  const ratio = tarn.seconds / baseline.seconds;
  console.log(`\nevents                         ${events.toLocaleString('en-US')}`);
  console.log(
    `plain DuckDB read_json→Parquet  ${baseline.seconds.toFixed(1)} s, ${rate(events, baseline.seconds)} events/s, peak RSS ${baseline.maxRssMb} MB`,
  );
  console.log(
    `tarn ingest                     ${tarn.seconds.toFixed(1)} s, ${rate(events, tarn.seconds)} events/s, peak RSS ${tarn.maxRssMb} MB`,
  );
  console.log(`ratio tarn / baseline           ${ratio.toFixed(2)}`);
  console.log('\nreference queries on the lake (median of 9 runs):');
  for (const q of queries.detail as { name: string; medianMs: number; rows: number }[]) {
    console.log(`  ${q.name.padEnd(6)} ${q.medianMs.toFixed(1).padStart(8)} ms   ${q.rows} rows`);
  }
}

function phaseInChild(name: string, data: string): PhaseResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--phase', name], {
    env: { ...process.env, BENCH_DATA: data },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as PhaseResult;
}

async function runPhase(name: string): Promise<void> {
  const data = process.env.BENCH_DATA ?? '';
  const lake = join(WORK, 'lake');
  const started = performance.now();
  let detail: unknown;
  if (name === 'baseline') await baselineCopy(data);
  else if (name === 'tarn') {
    rmSync(lake, { recursive: true, force: true });
    detail = await ingest({ lakeDir: lake, paths: [data], rollupRegion: 'us-west-2' });
  } else if (name === 'queries') detail = await timeQueries(lake);
  const seconds = (performance.now() - started) / 1000;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ seconds, maxRssMb, detail: name === 'queries' ? detail : undefined }));
}

/** The plainest copy DuckDB can do of these files: each record as JSON text, straight to Parquet. */
async function baselineCopy(data: string): Promise<void> {
  const files = readdirSync(join(data, 'AWSLogs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json.gz'))
    .map((e) => `'${join(e.parentPath, e.name)}'`);
  const out = join(WORK, 'baseline.parquet');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT unnest(Records) AS r FROM read_json([${files.join(', ')}], maximum_object_size = 1073741824, columns = {'Records': 'JSON[]'}))
     TO '${out}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  connection.closeSync();
  instance.closeSync();
}

async function timeQueries(lake: string): Promise<{ name: string; medianMs: number; rows: number }[]> {
  const engine = await openQueryEngine({ lakeDir: lake });
  const results = [];
  for (const [index, query] of REFERENCE_QUERIES.entries()) {
    const sql = fillAccount(query.sql, '111122223333');
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run < QUERY_RUNS; run++) {
      const started = performance.now();
      rows = (await engine.run(sql, { maxRows: 100_000 })).rows.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    results.push({ name: `Q${index + 1}`, medianMs: times[Math.floor(times.length / 2)] ?? 0, rows });
  }
  await engine.close();
  return results;
}

function rate(events: number, seconds: number): string {
  return Math.round(events / seconds).toLocaleString('en-US');
}

await main();
