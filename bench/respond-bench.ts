// `npm run bench:respond`: how fast a responder's questions are answered on one lake, each beside the same
// question answered by DuckDB over the raw `.json.gz` (and by jq, for the principal's questions), same run.
//
//   npm run bench:respond -- LAKE RAW_DIR [--runs N]
//
// LAKE is a lake ingested from RAW_DIR (a `tarn scenario generate` folder). Tarn's commands run as the CLI
// does, each in a process of its own (start-up included), timed with their CPU-seconds (every thread); the
// six reference queries run on one engine. Raw questions run once each (they read every file).

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { fileList } from './bench-phases.ts';

const TARN = resolve(import.meta.dirname, '../bin/tarn.js');
const PRINCIPAL = 'Service_Backup';
const ACCOUNT = '111122223333';

interface Timing {
  readonly ms: number;
  /** CPU-seconds, user + system, every thread; null where not measured. */
  readonly cpu: number | null;
  readonly note: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median wall time and CPU of `runs` runs of work done in this process. */
async function inProcess(runs: number, work: () => Promise<string>): Promise<Timing> {
  const times: number[] = [];
  const cpus: number[] = [];
  let note = '';
  for (let run = 0; run < runs; run++) {
    const [started, cpu] = [performance.now(), process.cpuUsage()];
    note = await work();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e6);
  }
  return { ms: median(times), cpu: median(cpus), note };
}

/** Median of `runs` runs of a command, under `/usr/bin/time` for its CPU-seconds. */
function command(runs: number, file: string, args: readonly string[]): Timing {
  const times: number[] = [];
  const cpus: number[] = [];
  let note = '';
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', file, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    times.push(performance.now() - started);
    const [, user, system] = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr) ?? [];
    cpus.push(Number(user) + Number(system));
    note = result.status === 0 ? `${result.stdout.length.toLocaleString('en-US')} bytes out` : `exit ${result.status}`;
  }
  return { ms: median(times), cpu: median(cpus), note };
}

const tarn = (lake: string, runs: number, args: readonly string[]) =>
  command(runs, process.execPath, [TARN, ...args, '--lake', lake]);

const WHO = `lower(coalesce(r->>'$.userIdentity.userName', r->>'$.userIdentity.sessionContext.sessionIssuer.userName', '')) = '${PRINCIPAL.toLowerCase()}'`;
const IAM_CHANGE = `(lower(r->>'$.eventName') LIKE 'create%' OR lower(r->>'$.eventName') LIKE 'attach%' OR lower(r->>'$.eventName') LIKE 'delete%')
  AND r->>'$.eventSource' = 'iam.amazonaws.com' AND r->>'$.eventTime' BETWEEN '2024-03-01' AND '2024-05-31T23:59'`;
const WEST = `r->>'$.awsRegion' = 'us-west-2'`;

/** The raw questions, in the order of the rows: Q1–Q6, investigate's, contain's, timeline's, detect's. */
function rawQuestions(records: string, findings: string): string[] {
  const principalEvents = `SELECT r FROM ${records} WHERE ${WHO}`;
  return [
    `SELECT DISTINCT r->>'$.eventName' FROM ${records} WHERE ${WHO} AND ${WEST} AND r->>'$.eventCategory' = 'Management'`,
    `SELECT r FROM ${records} WHERE ${WHO} AND ${WEST} AND r->>'$.eventCategory' = 'Management'`,
    `SELECT r FROM ${records} WHERE ${WHO} AND ${WEST} AND ${IAM_CHANGE}`,
    `SELECT r FROM ${records} WHERE ${WHO} AND ${WEST} AND r->>'$.eventSource' = 's3.amazonaws.com' AND r->>'$.eventCategory' = 'Data'`,
    `SELECT f FROM ${findings} WHERE f->>'$.AwsAccountId' = '${ACCOUNT}' AND lower(f->>'$.ProductName') = 'macie'
  AND f->>'$.CreatedAt' BETWEEN '2024-03-10' AND '2024-03-14T23:59'`,
    `SELECT r FROM ${records} WHERE ${WEST} AND ${IAM_CHANGE}`,
    principalEvents,
    principalEvents,
    principalEvents,
    // The operations and errors the detection rules look for, in one pass (the rules' own joins left out).
    `SELECT r FROM ${records} WHERE r->>'$.eventName' IN ('StopLogging', 'DeleteTrail', 'DeleteDetector', 'CreateUser',
  'CreateRole', 'CreateAccessKey', 'CreateLoginProfile', 'AttachUserPolicy', 'AttachRolePolicy', 'PutUserPolicy',
  'PutRolePolicy', 'CreateBucket', 'DeleteObject') OR r->>'$.errorCode' IN ('AccessDenied', 'UnauthorizedOperation')`,
  ];
}

/** Each raw question once, printed as soon as measured; investigate's, contain's and timeline's are one question. */
async function duckdbRaw(raw: string, names: readonly string[], order: readonly number[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const trail = fileList(raw, (name) => name.endsWith('.json.gz') && !name.startsWith('findings'));
  const found = fileList(raw, (name) => name.startsWith('findings') && name.endsWith('.jsonl.gz'));
  const records = `(SELECT unnest(Records) AS r FROM read_json([${trail}], maximum_object_size = 1073741824, columns = {'Records': 'JSON[]'}))`;
  const findings = `(SELECT unnest(detail.findings) AS f FROM read_json([${found}], columns = {'detail': 'STRUCT(findings JSON[])'}, format = 'newline_delimited'))`;
  const questions = rawQuestions(records, findings);
  for (const i of order) {
    const timing = await inProcess(
      1,
      async () => `${(await connection.runAndReadAll(questions[i] as string)).getRows().length} rows`,
    );
    const label = i === 6 ? 'investigate, contain --plan, timeline' : names[i];
    console.log(`| ${label} | DuckDB over raw .json.gz | ${cell(timing)} | ${timing.note} |`);
  }
  connection.closeSync();
  instance.closeSync();
}

const cell = (t: Timing) => `${(t.ms / 1000).toFixed(2)} s (${t.cpu === null ? '?' : t.cpu.toFixed(1)} CPU-s)`;

/** jq over every raw CloudTrail file: the principal's events, and its operations (Q1's question). */
function jqQuestions(raw: string): { operations: () => Timing; events: () => Timing } | null {
  if (spawnSync('jq', ['--version']).error !== undefined) return null;
  const who = `select(((.userIdentity.userName // .userIdentity.sessionContext.sessionIssuer.userName // "") | ascii_downcase) == "${PRINCIPAL.toLowerCase()}")`;
  const run = (filter: string, post: string) =>
    command(1, 'sh', [
      '-c',
      `find "$1" -name '*.json.gz' ! -name 'findings*' -print0 | xargs -0 zcat | jq -c '.Records[] | ${filter}' ${post} | wc -l`,
      'sh',
      raw,
    ]);
  return {
    operations: () => run(`${who} | select(.awsRegion == "us-west-2") | .eventName`, '| sort -u'),
    events: () => run(who, ''),
  };
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
  console.log(`load average at start: ${load()}; Tarn: median of ${runs} runs; raw: one run each`);
  const names = [
    ...REFERENCE_QUERIES.map((_, i) => `Q${i + 1}`),
    'investigate',
    'contain --plan',
    'timeline',
    'detect',
  ];
  console.log('\n| question | answered by | time (CPU) | answer |\n| --- | --- | ---: | --- |');
  const print = (name: string, by: string, t: Timing) => console.log(`| ${name} | ${by} | ${cell(t)} | ${t.note} |`);
  const engine = await openQueryEngine({ lakeDir: lake });
  for (const [i, query] of REFERENCE_QUERIES.entries()) {
    const sql = fillAccount(query.sql, ACCOUNT);
    const timing = await inProcess(
      runs,
      async () => `${(await engine.run(sql, { maxRows: 1_000_000 })).rows.length} rows`,
    );
    print(names[i] as string, 'Tarn (one engine)', timing);
  }
  await engine.close();
  const principal = ['--principal', PRINCIPAL];
  for (const [name, args] of [
    ['investigate', ['investigate', ...principal, '--format', 'json']],
    ['contain --plan', ['contain', '--plan', ...principal]],
    ['timeline', ['timeline', ...principal]],
    ['detect', ['detect', '--since', '2024-01-01', '--format', 'json']],
  ] as const) {
    print(name, 'Tarn CLI (own process)', tarn(lake, runs, args));
  }
  // Slowest last, each row printed when measured: the principal's events (what investigate, contain --plan and
  // timeline start from) by DuckDB and jq first, then the other questions.
  await duckdbRaw(raw, names, [6]);
  const jq = jqQuestions(raw);
  if (jq === null) console.log('| jq | not installed (apt-get install jq) | | |');
  else print('investigate, contain --plan, timeline', 'jq over raw', jq.events());
  await duckdbRaw(raw, names, [0, 9, 1, 2, 3, 4, 5]);
  if (jq !== null) print('Q1', 'jq over raw', jq.operations());
  console.log(`\nload average at end: ${load()}`);
}

await main();
