// `npm run bench`: ingest speed, memory and query latency on 1M CloudTrail events, measured against a plain
// DuckDB read_json → Parquet copy of the same files in the same run. Each phase runs in its own process so
// that its peak RSS is its own.
//
//   npm run bench                        1,000,000 events in the scenario's 51,854 small delivery files
//   npm run bench -- 200000              another size
//   npm run bench -- 1000000 --large     the same events in large delivery files of 5,000 events (200 files)
//
// Tarn's ingest runs twice: with its worker threads (`TARN_INGEST_WORKERS`, default one per CPU) and without.

import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ingest } from '../src/lake/ingest-job.ts';
import { ingestWorkers } from '../src/lake/ingest-worker-pool.ts';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { generateScenario } from '../src/scenario/scenario-generator.ts';
import {
  cloudTrailRecordsSql,
  copyToParquet,
  fileList,
  type PhaseResult,
  rate,
  reportPhase,
  phaseInChild as runChild,
} from './bench-phases.ts';
import { writeLargeDeliveryFiles } from './large-delivery-files.ts';

const WORK = resolve(import.meta.dirname, '../.bench');
const QUERY_RUNS = 9;

async function main(): Promise<void> {
  const [phase, arg] = process.argv.slice(2);
  if (phase === '--phase') return runPhase(arg ?? '');
  const large = process.argv.includes('--large');
  const events = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
  let data = join(WORK, `data-${events}`);
  if (!existsSync(data)) {
    console.log(`generating ${events.toLocaleString('en-US')} CloudTrail events in ${data} …`);
    // CloudTrail and findings only, as the baseline copies: bench:sources measures the network logs.
    await generateScenario({ outDir: data, events, seed: 42, networkEvents: 0 });
  }
  if (large) {
    const largeData = join(WORK, `large-${events}`);
    if (!existsSync(largeData)) console.log(`${writeLargeDeliveryFiles(data, largeData)} large files in ${largeData}`);
    data = largeData;
  }
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const baseline = phaseInChild('baseline', data);
  const tarn = phaseInChild('tarn', data);
  // The same ingest with reading and mapping on the main thread only, to show what the workers bring.
  const single = phaseInChild('tarn', data, { TARN_INGEST_WORKERS: '0' });
  const queries = phaseInChild('queries', data);
  const ratio = tarn.seconds / baseline.seconds;
  console.log(
    `\nevents                         ${events.toLocaleString('en-US')} (${large ? 'large' : 'small'} files)`,
  );
  const workers = ingestWorkers().count;
  for (const [name, result] of [
    ['plain DuckDB read_json→Parquet', baseline],
    [`tarn ingest, ${workers} workers`.padEnd(30), tarn],
    ['tarn ingest, no workers       ', single],
  ] as const) {
    console.log(
      `${name}  ${result.seconds.toFixed(1)} s, ${rate(events, result.seconds)} events/s, ${result.cpuSeconds.toFixed(1)} CPU-s, peak RSS ${result.maxRssMb} MB`,
    );
  }
  console.log(
    `ratio tarn / baseline           ${ratio.toFixed(2)} (CPU-s ${(tarn.cpuSeconds / baseline.cpuSeconds).toFixed(2)}; no workers ${(single.seconds / baseline.seconds).toFixed(2)})`,
  );
  for (const [name, result] of [
    ['workers   ', tarn],
    ['no workers', single],
  ] as const) {
    const phases = result.detail as Record<string, number> | undefined;
    if (!phases) continue;
    const shown = Object.entries(phases).map(
      ([phase, cpu]) => `${phase} ${Number.isInteger(cpu) ? cpu : cpu.toFixed(1)}`,
    );
    console.log(`tarn CPU-s by phase, ${name} ${shown.join(', ')}`);
  }
  console.log('\nreference queries on the lake (median of 9 runs):');
  for (const q of queries.detail as { name: string; medianMs: number; rows: number }[]) {
    console.log(`  ${q.name.padEnd(6)} ${q.medianMs.toFixed(1).padStart(8)} ms   ${q.rows} rows`);
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

function phaseInChild(name: string, data: string, env: Readonly<Record<string, string>> = {}): PhaseResult {
  return runChild(import.meta.filename, [name], { BENCH_DATA: data, ...env });
}

async function runPhase(name: string): Promise<void> {
  const data = process.env.BENCH_DATA ?? '';
  const lake = join(WORK, 'lake');
  await reportPhase(async () => {
    if (name === 'baseline') {
      const files = fileList(join(data, 'AWSLogs'), (file) => file.endsWith('.json.gz'));
      await copyToParquet(cloudTrailRecordsSql(files), join(WORK, 'baseline.parquet'));
    } else if (name === 'tarn') {
      rmSync(lake, { recursive: true, force: true });
      return cpuByPhase(lake, data);
    } else if (name === 'queries') return timeQueries(lake);
    return undefined;
  });
}

/** Ingests `data`, measuring the process's CPU time (all threads, DuckDB's included) in each phase. */
async function cpuByPhase(lake: string, data: string): Promise<Record<string, number>> {
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const phases: Record<string, number> = {};
  let phase = 'reading';
  let mark = cpu();
  let wallMark = performance.now();
  // Wall time beside CPU time: their ratio is how many cores a phase kept busy.
  const enter = (next: string) => {
    const now = cpu();
    const wallNow = performance.now();
    phases[phase] = (phases[phase] ?? 0) + now - mark;
    phases[`${phase} wall s`] = (phases[`${phase} wall s`] ?? 0) + (wallNow - wallMark) / 1000;
    phases[`peak RSS MB after ${phase}`] = Math.round(process.resourceUsage().maxRSS / 1024);
    [phase, mark, wallMark] = [next, now, wallNow];
  };
  await ingest({
    lakeDir: lake,
    paths: [data],
    rollupRegion: 'us-west-2',
    onProgress: (p) => {
      if (p.phase !== phase) enter(p.phase);
    },
  });
  enter('done');
  return phases;
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

await main();
