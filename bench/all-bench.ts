// `npm run bench`: every figure of issue 9 in one run, each part in a process of its own (peak RSS is per
// process), then a table of the figures against their aims, with the machine's load at start and end.
//
//   npm run bench [-- N] [--skip-small] [--skip-raw] [--no-single]
//
// N events (default 1,000,000) of the demo scenario, made once in .bench/ (bench/bench-data.ts). The parts:
//   1. ingest of the large delivery files (bench:ingest --large): plain DuckDB copy, Tarn with and without
//      worker threads (--no-single: without leaves out), peak RSS; its lake is the one the respond part asks;
//   2. ingest of the small delivery files (bench:ingest): plain copy, Tarn, and a re-ingest with 10 new files
//      (--skip-small leaves the part out: at 10M it is 518k files);
//   3. the ledger at 1M input files and 100k data files (bench:ledger);
//   4. start-up of the compiled CLI, median of 5, on a demo lake made for it (bench:startup);
//   5. on the large-file lake with the scenario's Security Hub findings added (the large layout has only
//      CloudTrail), compacted: the six reference queries, investigate, contain --plan, timeline and detect,
//      beside DuckDB and jq over the small delivery files (bench:respond; --skip-raw leaves the raw side out).
// Each part prints its own detail as it runs; progress (part, elapsed) goes to stderr.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { aimTable } from './bench-aims.ts';
import { benchData } from './bench-data.ts';
import { FIGURES_ENV, loadAverage } from './bench-phases.ts';
import type { IngestFigures } from './ingest-bench.ts';
import type { LedgerFigures } from './ledger-bench.ts';
import type { RespondFigures } from './respond-bench.ts';
import type { StartupFigures } from './startup-bench.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench');
const TARN = join(ROOT, 'bin/tarn.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'skip-small': { type: 'boolean', default: false },
    'skip-raw': { type: 'boolean', default: false },
    'no-single': { type: 'boolean', default: false },
  },
});
const events = Number(positionals[0] ?? 1_000_000);
if (!Number.isInteger(events) || events <= 0) throw new Error(`not a number of events: ${positionals[0]}`);

const started = performance.now();
const elapsed = () => {
  const s = Math.round((performance.now() - started) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const progress = (message: string) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`);
const figuresDir = mkdtempSync(join(tmpdir(), 'tarn-bench-figures-'));
const failures: string[] = [];

/** Runs one bench as a part, its output shown as it comes; its figures, or why there are none. */
function part<T>(name: string, script: string, args: readonly string[]): T | string {
  progress(`${name}: started`);
  console.log(`\n## ${name}\n`);
  const file = join(figuresDir, `${name.replaceAll(/\W+/g, '-')}.json`);
  const partStarted = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], {
    stdio: 'inherit',
    env: { ...process.env, [FIGURES_ENV]: file },
  });
  const seconds = ((performance.now() - partStarted) / 1000).toFixed(0);
  progress(`${name}: ${run.status === 0 ? 'done' : `exit ${run.status ?? run.signal}`} after ${seconds} s`);
  if (run.status !== 0) failures.push(`${name}: exit ${run.status ?? run.signal}`);
  if (!existsSync(file)) return `the part failed (exit ${run.status ?? run.signal})`;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const loadAtStart = loadAverage();
console.log(
  `# npm run bench: ${events.toLocaleString('en-US')} events, ${cpus().length} CPUs, Node ${process.versions.node}`,
);
console.log(`load average at start: ${loadAtStart}`);
try {
  progress('bench data: checking .bench/ (generated when missing)');
  await benchData(WORK, events, 'large');
  const small = await benchData(WORK, events, 'small');
  const largeLake = join(WORK, `lake-large-${events}`);
  const noSingle = values['no-single'] ? ['--no-single'] : [];
  const ingestLarge = part<IngestFigures>('ingest, large files', 'ingest-bench.ts', [
    String(events),
    '--large',
    '--no-queries',
    '--lake',
    largeLake,
    ...noSingle,
  ]);
  const ingestSmall = values['skip-small']
    ? 'left out (--skip-small)'
    : part<IngestFigures>('ingest, small files', 'ingest-bench.ts', [
        String(events),
        '--no-single',
        '--no-queries',
        '--lake',
        join(WORK, `lake-small-${events}`),
      ]);
  const ledger = part<LedgerFigures>('ledger', 'ledger-bench.ts', []);
  const startup = existsSync(join(ROOT, 'dist/bin/tarn.js'))
    ? part<StartupFigures>('start-up', 'startup-bench.ts', [])
    : 'no build in dist/: run npm ci';
  const respond =
    typeof ingestLarge === 'string'
      ? 'no lake: the large-file ingest failed'
      : respondPart(largeLake, small, otherFolders(small));
  const table = aimTable({ events, ingestLarge, ingestSmall, ledger, startup, respond });
  console.log(`\n## figures and aims (${events.toLocaleString('en-US')} events)\n\n${table}`);
} finally {
  rmSync(figuresDir, { recursive: true, force: true });
}
console.log(`\nload average at start: ${loadAtStart}; at end: ${loadAverage()}; ${elapsed()} in all`);
if (failures.length > 0) {
  console.log(`\nfailed: ${failures.join('; ')}`);
  process.exitCode = 1;
}

/** The scenario's folders the large layout leaves out (its Security Hub findings). */
function otherFolders(small: string): string[] {
  return readdirSync(small)
    .filter((name) => name !== 'AWSLogs')
    .map((name) => join(small, name));
}

function respondPart(lake: string, raw: string, missing: readonly string[]): RespondFigures | string {
  if (missing.length > 0) {
    progress(`respond: adding ${missing.join(', ')} to ${lake}`);
    const added = spawnSync(process.execPath, [TARN, 'ingest', '--lake', lake, '--no-detect', ...missing], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (added.status !== 0) {
      failures.push(`respond: tarn ingest of ${missing.join(', ')} exited ${added.status}`);
      return 'the findings could not be added to the lake';
    }
  }
  const skipRaw = values['skip-raw'] ? ['--skip-raw'] : [];
  return part<RespondFigures>('respond', 'respond-bench.ts', [lake, raw, ...skipRaw]);
}
