// How long a responder waits for the CLI: `tarn --help` and `tarn query "SELECT 1"` on the demo lake, each run
// as a new process through bin/tarn.js (so through the build in dist/ when there is one), with the median of
// the wall times and of the CPU-seconds the process used, and the machine's load before and after.
// `npm run bench:startup [-- --lake DIR --runs N]`; without --lake, `tarn demo` makes a demo lake in a temporary
// folder first (removed after). `npm run bench` runs it as one of its parts.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage, saveFigures } from './bench-phases.ts';

const { values } = parseArgs({
  options: { lake: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
const runs = Number(values.runs ?? 5);
const bin = new URL('../bin/tarn.js', import.meta.url).pathname;

/** What `npm run bench` reads of this bench. */
export interface StartupFigures {
  /** False when bin/tarn.js ran the TypeScript sources: there was no build in dist/. */
  readonly compiled: boolean;
  readonly runs: number;
  readonly cases: readonly { readonly label: string; readonly wall: number; readonly cpu: number }[];
}

interface Run {
  readonly wall: number;
  readonly cpu: number;
}

/** The shell's `times` gives the CPU-seconds of the processes it ran, which Node cannot read of a child. */
function once(args: readonly string[]): Run {
  const started = performance.now();
  const result = spawnSync(
    'sh',
    ['-c', '"$@" >/dev/null 2>&1; status=$?; times; exit $status', 'sh', 'node', bin, ...args],
    {
      encoding: 'utf8',
    },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`tarn ${args.join(' ')} exited ${result.status}`);
  const children = result.stdout.trim().split('\n').at(-1) ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The lake given, or a demo lake made in a temporary folder, which `cleanup` removes. */
function demoLake(): { lake: string; cleanup: () => void } {
  if (values.lake !== undefined) {
    if (!existsSync(values.lake)) {
      process.stderr.write(`no lake at ${values.lake}\n`);
      process.exit(2);
    }
    return { lake: values.lake, cleanup: () => {} };
  }
  const folder = mkdtempSync(join(tmpdir(), 'tarn-startup-bench-'));
  const cleanup = () => rmSync(folder, { recursive: true, force: true });
  const lake = join(folder, 'lake');
  process.stderr.write(`making a demo lake in ${lake} (tarn demo) …\n`);
  const demo = spawnSync(process.execPath, [bin, 'demo', '--lake', lake, '--out', join(folder, 'data')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (demo.status !== 0) {
    cleanup();
    throw new Error(`tarn demo exited ${demo.status}`);
  }
  return { lake, cleanup };
}

const compiled = existsSync(new URL('../dist/bin/tarn.js', import.meta.url));
if (!compiled) {
  process.stderr.write('no build in dist/: these are the times of the TypeScript sources (run `npm ci`)\n');
}
const { lake, cleanup } = demoLake();
try {
  const cases: [string, string[]][] = [
    ['tarn --help', ['--help']],
    ['tarn query "SELECT 1"', ['query', '--lake', lake, 'SELECT 1']],
  ];
  console.log(`load average at start: ${loadAverage()}`);
  const measured = cases.map(([label, args]) => {
    const times = Array.from({ length: runs }, () => once(args));
    const [wall, cpu] = [median(times.map((run) => run.wall)), median(times.map((run) => run.cpu))];
    console.log(`${label.padEnd(24)} median of ${runs}: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU-s`);
    return { label, wall, cpu };
  });
  console.log(`load average at end: ${loadAverage()}`);
  const figures: StartupFigures = { compiled, runs, cases: measured };
  saveFigures(figures);
} finally {
  cleanup();
}
