// `npm run bench:respond`: how fast a responder's questions are answered on one lake, each beside the same
// question answered by DuckDB over the raw `.json.gz` and by jq over the same files, same data, same run.
//
//   npm run bench:respond -- LAKE RAW_DIR [--runs N] [--account ID] [--show-commands] [--skip-raw]
//
// LAKE is a lake ingested from RAW_DIR (a `tarn scenario generate` folder; with `--rollup-region us-west-2`, the
// reference queries' region, their tables cover every region). It is compacted first (`tarn compact`, timed).
// Tarn's commands run as the CLI does, each in a process of its own (start-up included); the six reference
// queries and the single-event detection rules run on one engine. Every row has its wall time and CPU-seconds
// (user + system, every thread and child). Raw questions run once each (each reads every file); each answer's
// row count is checked against Tarn's, and a mismatch is printed loudly and fails the run. `--show-commands`
// prints every raw command as it was run; `--skip-raw` leaves the raw answers out (at 10M events they take hours).
// `npm run bench` runs it as one of its parts.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { openQueryEngine } from '../src/query/index.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { CLI_ENVIRONMENT, loadAverage, saveFigures } from './bench-phases.ts';
import { duckdbRows, duckdbSql, jqArgv, jqCommand, jqRows } from './raw-answers.ts';
import { detectQuestion, principalQuestion, type RawQuestion, referenceQuestions } from './raw-questions.ts';
import { investigatedPrincipal, singleEventHits } from './tarn-answers.ts';

const TARN = resolve(import.meta.dirname, '../bin/tarn.js');
const PRINCIPAL = 'Service_Backup';
const SINGLE_RULES = 'detect: single-event rules';

export interface Timing {
  readonly ms: number;
  /** CPU-seconds, user + system, every thread (and child process). */
  readonly cpu: number;
  readonly rows: number | null;
  readonly note: string;
}

/** What `npm run bench` reads of this bench. */
export interface RespondFigures {
  readonly rollupRegion: string;
  readonly runs: number;
  readonly compact: Timing;
  /** Q1–Q6, the detection rules and the CLI commands, each with the raw question it stands beside. */
  readonly tarn: Record<string, Timing & { readonly raw: string }>;
  /** The raw answers by question; null with --skip-raw, and `jq` null when jq is not installed. */
  readonly raw: Record<string, { duckdb: Timing; jq: Timing | null }> | null;
  readonly mismatches: readonly string[];
}

const timing = ({ ms, cpu, rows, note }: Timing): Timing => ({ ms, cpu, rows, note });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median wall time and CPU of `runs` runs of work done in this process; `work` returns its row count. */
async function inProcess(runs: number, work: () => Promise<number>): Promise<Timing> {
  const times: number[] = [];
  const cpus: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const [started, cpu] = [performance.now(), process.cpuUsage()];
    rows = await work();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e6);
  }
  return { ms: median(times), cpu: median(cpus), rows, note: '' };
}

interface CommandRun extends Timing {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  readonly ok: boolean;
}

/** Median of `runs` runs of a command under `/usr/bin/time` (CPU of it and its children), with its last output. */
function command(runs: number, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CommandRun {
  const times: number[] = [];
  const cpus: number[] = [];
  let last = { stdout: '', stderr: '', status: null as number | null };
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', ...argv], {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    times.push(performance.now() - started);
    const [, user, system] = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr) ?? [];
    cpus.push(Number(user) + Number(system));
    last = { stdout: result.stdout, stderr: result.stderr.replace(/CPU [\d.]+ [\d.]+\s*$/, ''), status: result.status };
  }
  const ok = last.status === 0;
  const note = ok ? `${last.stdout.length.toLocaleString('en-US')} bytes out` : `exit ${last.status}`;
  return { ms: median(times), cpu: median(cpus), rows: null, note, ...last, ok };
}

const tarn = (lake: string, runs: number, args: readonly string[]) =>
  command(runs, [process.execPath, TARN, ...args, '--lake', lake], { ...process.env, ...CLI_ENVIRONMENT });

class Table {
  readonly mismatches: string[] = [];
  readonly commands: string[] = [];

  constructor() {
    console.log('\n| question | answered by | wall | CPU-s | rows | check |\n| --- | --- | ---: | ---: | ---: | --- |');
  }

  row(question: string, by: string, t: Timing, expected?: number): void {
    let check = t.note;
    if (expected !== undefined && t.rows !== null) {
      const same = t.rows === expected;
      check = same ? `same as Tarn${t.note ? `; ${t.note}` : ''}` : `**MISMATCH: Tarn answered ${expected}**`;
      if (!same) this.mismatches.push(`${question} by ${by}: ${t.rows} rows, Tarn ${expected}`);
    }
    const rows = t.rows === null ? '' : t.rows.toLocaleString('en-US');
    const wall = `${(t.ms / 1000).toFixed(2)} s`;
    console.log(`| ${question} | ${by} | ${wall} | ${t.cpu.toFixed(1)} | ${rows} | ${check} |`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '3' },
      account: { type: 'string', default: '111122223333' },
      'show-commands': { type: 'boolean', default: false },
      'skip-raw': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const account = values.account ?? '';
  const [lake, rawDir] = positionals.map((p) => resolve(p));
  if (lake === undefined || rawDir === undefined) {
    throw new Error('usage: respond-bench.ts LAKE RAW_DIR [--runs N] [--account ID] [--show-commands] [--skip-raw]');
  }
  console.log(`load average at start: ${loadAverage()}; Tarn: median of ${runs} runs; raw: one run each`);
  const table = new Table();
  const answered: Record<string, Timing & { raw: string }> = {};
  const tarnRow = (name: string, by: string, t: Timing, raw: string) => {
    table.row(name, by, t);
    answered[name] = { ...timing(t), raw };
  };

  const compaction = tarn(lake, 1, ['compact']);
  table.row('compact the lake', 'tarn compact (own process)', compaction);
  if (!compaction.ok) throw new Error(`tarn compact failed: ${compaction.stderr}`);

  const engine = await openQueryEngine({ lakeDir: lake });
  const rollupRegion = engine.catalog.rollupRegion ?? '';
  const questions: { question: RawQuestion; label: string; tarn: number }[] = [];
  try {
    for (const [i, query] of REFERENCE_QUERIES.entries()) {
      const sql = fillAccount(query.sql, account);
      const answer = await inProcess(runs, async () => (await engine.run(sql, { maxRows: 1_000_000 })).rows.length);
      tarnRow(`Q${i + 1}`, 'Tarn (one engine)', answer, `Q${i + 1}`);
      const question = referenceQuestions({ rollupRegion, account })[i] as RawQuestion;
      questions.push({ question, label: `Q${i + 1}`, tarn: answer.rows ?? 0 });
    }
    const detect = await inProcess(runs, () => singleEventHits(engine));
    tarnRow(SINGLE_RULES, 'Tarn (one engine)', detect, SINGLE_RULES);
    questions.push({ question: detectQuestion(), label: SINGLE_RULES, tarn: detect.rows ?? 0 });
  } finally {
    await engine.close();
  }

  // `tarn ingest` evaluates the rules over its new batch at its end (the bench ingests with `--no-detect`), and
  // `investigate`, `contain` and `timeline` evaluate any batch still pending: run it once first, as after ingest.
  const pending = tarn(lake, 1, ['detect', '--format', 'json']);
  tarnRow('detect: new batches, as after ingest', 'Tarn CLI (own process)', pending, SINGLE_RULES);
  if (!pending.ok) throw new Error(`tarn detect failed: ${pending.stderr}`);

  const principal = ['--principal', PRINCIPAL];
  const investigate = tarn(lake, runs, ['investigate', ...principal, '--format', 'json']);
  if (!investigate.ok) throw new Error(`tarn investigate failed: ${investigate.stderr}`);
  const investigated = investigatedPrincipal(investigate.stdout);
  const own = `${PRINCIPAL}'s events (investigate, contain --plan, timeline)`;
  tarnRow('investigate', 'Tarn CLI (own process)', { ...investigate, rows: investigated.events }, own);
  questions.push({ question: principalQuestion(investigated), label: own, tarn: investigated.events });
  for (const [name, args, raw] of [
    ['contain --plan', ['contain', '--plan', ...principal], own],
    ['timeline', ['timeline', ...principal], own],
    ['detect: every rule', ['detect', '--since', '2024-01-01', '--format', 'json'], SINGLE_RULES],
  ] as const) {
    tarnRow(name, 'Tarn CLI (own process)', tarn(lake, runs, args), raw);
  }

  const raw = values['skip-raw'] ? null : await rawAnswers(rawDir, questions, table);
  const figures: RespondFigures = {
    rollupRegion,
    runs,
    compact: timing(compaction),
    tarn: answered,
    raw,
    mismatches: table.mismatches,
  };
  saveFigures(figures);
  if (raw === null) console.log('\nthe raw answers are left out (--skip-raw)');
  console.log(`\nload average at end: ${loadAverage()}; the lake's rollup region: ${rollupRegion}`);
  if (values['show-commands']) console.log(`\nThe raw commands, as run:\n\n${table.commands.join('\n\n')}`);
  if (table.mismatches.length > 0) {
    console.error(`\nMISMATCH: the raw answers differ from Tarn's:\n  ${table.mismatches.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/** Each question answered by DuckDB and jq over the raw files, once each, rows checked against Tarn's. */
async function rawAnswers(
  raw: string,
  questions: readonly { question: RawQuestion; label: string; tarn: number }[],
  table: Table,
): Promise<NonNullable<RespondFigures['raw']>> {
  const answers: NonNullable<RespondFigures['raw']> = {};
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const jqMissing = spawnSync('jq', ['--version']).error !== undefined;
  try {
    for (const { question, label, tarn: expected } of questions) {
      table.commands.push(`-- ${label}, DuckDB:\n${duckdbSql(question, raw)};`);
      const duckdb = await inProcess(1, () => duckdbRows(connection, question, raw));
      table.row(label, 'DuckDB over raw .json.gz', duckdb, expected);
      answers[label] = { duckdb, jq: null };
      if (jqMissing) continue;
      const shell = jqCommand(question, raw);
      table.commands.push(`# ${label}, jq:\n${shell}`);
      const run = command(1, jqArgv(shell));
      let jq: Timing;
      try {
        jq = { ...timing(run), rows: jqRows(run), note: '' };
        table.row(label, 'jq over raw .json.gz', jq, expected);
      } catch (error) {
        jq = { ...timing(run), note: (error as Error).message };
        table.row(label, 'jq over raw .json.gz', jq);
        table.mismatches.push(`${label} by jq: ${(error as Error).message}`);
      }
      answers[label] = { duckdb, jq };
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  if (jqMissing) console.log('\njq is not installed (apt-get install jq): its rows are left out');
  return answers;
}

await main();
