// `npm run bench:ingest`: ingest speed, memory and query latency on 1M CloudTrail events, measured against a
// plain DuckDB read_json → Parquet copy of the same files in the same run. Each phase runs in its own process
// so that its peak RSS is its own. `npm run bench` runs it as two of its parts (bench/all-bench.ts).
//
//   npm run bench:ingest                         1,000,000 events in the scenario's 51,854 small delivery files
//   npm run bench:ingest -- 200000               another size
//   npm run bench:ingest -- 1000000 --large      the same events in large delivery files of 5,000 events (200 files)
//   --no-single    leave out the ingest without worker threads
//   --no-queries   leave out the reference queries on the lake
//   --lake DIR     the lake to ingest into (emptied first; default .bench/lake)
//
// Tarn's ingest runs twice: with its worker threads (`TARN_INGEST_WORKERS`, default one per CPU) and without.
// In the small-file layout, the folder is then ingested again with 10 new files beside it: only those are read.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ingest } from '../src/lake/ingest-job.ts';
import { ingestWorkers } from '../src/lake/ingest-worker-pool.ts';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { benchData } from './bench-data.ts';
import {
  cloudTrailRecordsSql,
  copyToParquet,
  fileList,
  filesUnder,
  loadAverage,
  type PhaseResult,
  rate,
  reportPhase,
  phaseInChild as runChild,
  saveFigures,
} from './bench-phases.ts';

const WORK = resolve(import.meta.dirname, '../.bench');
const QUERY_RUNS = 9;
const NEW_FILES = 10;
const ROLLUP_REGION = 'us-west-2';

/** What `npm run bench` reads of this bench. */
export interface IngestFigures {
  readonly events: number;
  readonly layout: 'small' | 'large';
  readonly workers: number;
  readonly baseline: PhaseResult;
  readonly tarn: PhaseResult;
  readonly single: PhaseResult | null;
  readonly queries: QueryTiming[] | null;
  readonly reingest: Reingest | null;
}

interface QueryTiming {
  readonly name: string;
  readonly medianMs: number;
  readonly rows: number;
}

interface Reingest {
  readonly files: number;
  /** Of those, the new ones. */
  readonly added: number;
  readonly filesRead: number;
  readonly seconds: number;
}

async function main(): Promise<void> {
  const [phase, arg] = process.argv.slice(2);
  if (phase === '--phase') return runPhase(arg ?? '');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      large: { type: 'boolean', default: false },
      'no-single': { type: 'boolean', default: false },
      'no-queries': { type: 'boolean', default: false },
      lake: { type: 'string', default: join(WORK, 'lake') },
    },
  });
  const events = Number(positionals[0] ?? 1_000_000);
  const layout = values.large ? 'large' : 'small';
  const data = await benchData(WORK, events, layout);
  const lake = resolve(values.lake ?? '');
  console.log(`load average at start: ${loadAverage()}`);
  const inChild = (name: string, env: Readonly<Record<string, string>> = {}) => {
    process.stderr.write(`  ingest bench (${layout} files): ${name} …\n`);
    const result = runChild(import.meta.filename, [name], { BENCH_DATA: data, BENCH_LAKE: lake, ...env });
    process.stderr.write(`  ingest bench (${layout} files): ${name} done in ${result.seconds.toFixed(1)} s\n`);
    return result;
  };
  const baseline = inChild('baseline');
  // First without workers (reading and mapping on the main thread), to show what the workers bring; then with
  // them, so that the lake left behind is theirs.
  const single = values['no-single'] ? null : inChild('tarn, no workers', { TARN_INGEST_WORKERS: '0' });
  const tarn = inChild('tarn');
  const queries = values['no-queries'] ? null : (inChild('queries').detail as QueryTiming[]);
  const reingest = layout === 'small' ? (inChild('reingest').detail as Reingest) : null;
  const workers = ingestWorkers().count;
  const figures: IngestFigures = { events, layout, workers, baseline, tarn, single, queries, reingest };
  printFigures(figures);
  saveFigures(figures);
  console.log(`load average at end: ${loadAverage()}`);
}

function printFigures({ events, layout, workers, baseline, tarn, single, queries, reingest }: IngestFigures): void {
  console.log(
    `\nevents                         ${events.toLocaleString('en-US')} (${layout} files), Node ${process.versions.node}`,
  );
  const runs: [string, PhaseResult | null][] = [
    ['plain DuckDB read_json→Parquet', baseline],
    [`tarn ingest, ${workers} workers`.padEnd(30), tarn],
    ['tarn ingest, no workers       ', single],
  ];
  for (const [name, result] of runs) {
    if (!result) continue;
    console.log(
      `${name}  ${result.seconds.toFixed(1)} s, ${rate(events, result.seconds)} events/s, ${result.cpuSeconds.toFixed(1)} CPU-s, peak RSS ${result.maxRssMb} MB`,
    );
  }
  const noWorkers = single ? `; no workers ${(single.seconds / baseline.seconds).toFixed(2)}` : '';
  console.log(
    `ratio tarn / baseline           ${(tarn.seconds / baseline.seconds).toFixed(2)} (CPU-s ${(tarn.cpuSeconds / baseline.cpuSeconds).toFixed(2)}${noWorkers})`,
  );
  for (const [name, result] of [
    ['workers   ', tarn],
    ['no workers', single],
  ] as const) {
    const phases = result?.detail as Record<string, number> | undefined;
    if (!phases) continue;
    const shown = Object.entries(phases).map(
      ([phase, cpu]) => `${phase} ${Number.isInteger(cpu) ? cpu : cpu.toFixed(1)}`,
    );
    console.log(`tarn CPU-s by phase, ${name} ${shown.join(', ')}`);
  }
  if (queries) {
    console.log(`\nreference queries on the lake (median of ${QUERY_RUNS} runs):`);
    for (const q of queries) {
      console.log(`  ${q.name.padEnd(6)} ${q.medianMs.toFixed(1).padStart(8)} ms   ${q.rows} rows`);
    }
  }
  if (reingest) {
    console.log(
      `\nre-ingest with ${NEW_FILES} new files: ${reingest.filesRead} of ${reingest.files.toLocaleString('en-US')} files read, ${reingest.seconds.toFixed(1)} s`,
    );
  }
}

async function runPhase(name: string): Promise<void> {
  const data = process.env.BENCH_DATA ?? '';
  const lake = process.env.BENCH_LAKE ?? join(WORK, 'lake');
  await reportPhase(async () => {
    if (name === 'baseline') {
      const files = fileList(join(data, 'AWSLogs'), isDeliveryFile);
      return copyToParquet(cloudTrailRecordsSql(files), join(WORK, 'baseline.parquet'));
    }
    if (name.startsWith('tarn')) {
      rmSync(lake, { recursive: true, force: true });
      return cpuByPhase(lake, data);
    }
    if (name === 'queries') return timeQueries(lake);
    if (name === 'reingest') return reingestWithNewFiles(lake, data);
    throw new Error(`no phase ${name}`);
  });
}

const isDeliveryFile = (name: string) => name.endsWith('.json.gz');

/**
 * Ingests `data` again into the lake that holds it, with NEW_FILES new delivery files beside it (copies of its
 * first files, each event with an id of its own): the known files are recognised without being read.
 */
async function reingestWithNewFiles(lake: string, data: string): Promise<Reingest> {
  const added = join(WORK, `new-files-${basename(data)}`);
  rmSync(added, { recursive: true, force: true });
  const originals = filesUnder(join(data, 'AWSLogs'), isDeliveryFile).sort().slice(0, NEW_FILES);
  for (const [n, file] of originals.entries()) {
    const { Records } = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: object[] };
    const copy = join(added, relative(data, file).replace(/\.json\.gz$/, `_new${n}.json.gz`));
    mkdirSync(dirname(copy), { recursive: true });
    const renamed = Records.map((record, i) => ({ ...record, eventID: `bench-new-${n}-${i}` }));
    writeFileSync(copy, gzipSync(JSON.stringify({ Records: renamed })));
  }
  const summary = await ingest({ lakeDir: lake, paths: [data, added], rollupRegion: ROLLUP_REGION });
  const filesRead = summary.files - summary.unreadFiles;
  return { files: summary.files, added: originals.length, filesRead, seconds: summary.seconds };
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
    rollupRegion: ROLLUP_REGION,
    onProgress: (p) => {
      if (p.phase !== phase) enter(p.phase);
    },
  });
  enter('done');
  return phases;
}

async function timeQueries(lake: string): Promise<QueryTiming[]> {
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
