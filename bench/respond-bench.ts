// `npm run bench:respond`: how fast a responder's questions are answered on one lake, beside the same
// questions answered by jq over the raw files and by DuckDB over the raw `.json.gz`, in the same run.
//
//   npm run bench:respond -- LAKE RAW_DIR [--runs N]
//
// LAKE is a lake ingested from RAW_DIR (a `tarn scenario generate` folder). Tarn's commands run as the CLI
// does, each in a process of its own (start-up included); the six reference queries run on one engine.

import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { fileList } from './bench-phases.ts';

const TARN = resolve(import.meta.dirname, '../bin/tarn.js');
const PRINCIPAL = 'Service_Backup';

interface Timing {
  readonly name: string;
  readonly medianMs: number;
  readonly note: string;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(runs: number, work: () => Promise<string> | string): Promise<{ ms: number; note: string }> {
  const times: number[] = [];
  let note = '';
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    note = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), note };
}

async function referenceQueries(lake: string, runs: number): Promise<Timing[]> {
  const engine = await openQueryEngine({ lakeDir: lake });
  const results: Timing[] = [];
  for (const [index, query] of REFERENCE_QUERIES.entries()) {
    const sql = fillAccount(query.sql, '111122223333');
    const { ms, note } = await timed(
      runs,
      async () => `${(await engine.run(sql, { maxRows: 1_000_000 })).rows.length} rows`,
    );
    results.push({ name: `tarn Q${index + 1}`, medianMs: ms, note });
  }
  await engine.close();
  return results;
}

function tarnCommand(lake: string, name: string, args: readonly string[], runs: number): Promise<Timing> {
  return timed(runs, () => {
    const out = execFileSync(process.execPath, [TARN, ...args, '--lake', lake, '--principal', PRINCIPAL], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return `${out.length.toLocaleString('en-US')} bytes out`;
  }).then(({ ms, note }) => ({ name, medianMs: ms, note }));
}

/** jq over every raw CloudTrail file: the principal's operations (Q1) and all its events (investigate's read). */
function jqQuestions(raw: string, runs: number): Promise<Timing[]> | Timing[] {
  if (spawnSync('jq', ['--version']).error !== undefined) {
    console.log('jq is not installed: the jq column is left out (apt-get install jq)');
    return [];
  }
  const principal = `select(((.userIdentity.userName // .userIdentity.sessionContext.sessionIssuer.userName // "") | ascii_downcase) == "${PRINCIPAL.toLowerCase()}")`;
  const run = (filter: string, post: string) =>
    execFileSync(
      'sh',
      [
        '-c',
        `find "$1" -name '*.json.gz' -print0 | xargs -0 zcat | jq -c '.Records[] | ${filter}' ${post} | wc -l`,
        'sh',
        raw,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    ).trim();
  return (async () => [
    await timed(runs, () => `${run(`${principal} | .eventName`, '| sort -u')} rows`).then((t) => ({
      name: 'jq Q1 (operations)',
      medianMs: t.ms,
      note: t.note,
    })),
    await timed(runs, () => `${run(principal, '')} rows`).then((t) => ({
      name: 'jq principal events',
      medianMs: t.ms,
      note: t.note,
    })),
  ])();
}

/** DuckDB's read_json over the raw `.json.gz`: the same two questions. */
async function duckdbQuestions(raw: string, runs: number): Promise<Timing[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const files = fileList(raw, (name) => name.endsWith('.json.gz') && !name.includes('finding'));
  const records = `(SELECT unnest(Records) AS r FROM read_json([${files}], maximum_object_size = 1073741824, columns = {'Records': 'JSON[]'}))`;
  const who = `lower(coalesce(json_extract_string(r, '$.userIdentity.userName'), json_extract_string(r, '$.userIdentity.sessionContext.sessionIssuer.userName'), '')) = '${PRINCIPAL.toLowerCase()}'`;
  const count = async (sql: string) => `${(await connection.runAndReadAll(sql)).getRows().length} rows`;
  const q1 = await timed(runs, () =>
    count(`SELECT DISTINCT json_extract_string(r, '$.eventName') FROM ${records} WHERE ${who}`),
  );
  const all = await timed(runs, () => count(`SELECT r FROM ${records} WHERE ${who}`));
  connection.closeSync();
  instance.closeSync();
  return [
    { name: 'duckdb raw Q1 (operations)', medianMs: q1.ms, note: q1.note },
    { name: 'duckdb raw principal events', medianMs: all.ms, note: all.note },
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
  const [lake, raw] = args.filter((_, i) => i !== runsAt && i !== runsAt + 1).map((p) => resolve(p));
  if (lake === undefined || raw === undefined) throw new Error('usage: respond-bench.ts LAKE RAW_DIR [--runs N]');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average at start: ${load()}; median of ${runs} runs each`);
  const rows: Timing[] = [
    ...(await referenceQueries(lake, runs)),
    await tarnCommand(lake, 'tarn investigate', ['investigate', '--format', 'json'], runs),
    await tarnCommand(lake, 'tarn contain --plan', ['contain', '--plan'], runs),
    await tarnCommand(lake, 'tarn timeline', ['timeline'], runs),
    ...(await jqQuestions(raw, runs)),
    ...(await duckdbQuestions(raw, runs)),
  ];
  console.log('\n| question | median | |\n|---|--:|---|');
  for (const row of rows) console.log(`| ${row.name} | ${(row.medianMs / 1000).toFixed(2)} s | ${row.note} |`);
  console.log(`\nload average at end: ${load()}`);
}

await main();
