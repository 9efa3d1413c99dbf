// How long a responder waits for the CLI: `tarn --help` and `tarn query "SELECT 1"` on the demo lake, each run
// as a new process through bin/tarn.js (so through the build in dist/ when there is one), with the median of
// the wall times and of the CPU-seconds the process used, and the machine's load before and after.
// `npm run bench:startup [-- --lake DIR --runs N]`; the lake defaults to ./demo-lake (made by `npm run demo`).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { lake: { type: 'string', default: './demo-lake' }, runs: { type: 'string', default: '5' } },
});
const lake = values.lake ?? './demo-lake';
const runs = Number(values.runs ?? 5);
const bin = new URL('../bin/tarn.js', import.meta.url).pathname;

if (!existsSync(lake)) {
  process.stderr.write(`no lake at ${lake}: run \`npm run demo\` first, or give --lake DIR\n`);
  process.exit(2);
}
if (!existsSync(new URL('../dist/bin/tarn.js', import.meta.url))) {
  process.stderr.write('no build in dist/: these are the times of the TypeScript sources (run `npm run build:cli`)\n');
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

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const cases: [string, string[]][] = [
  ['tarn --help', ['--help']],
  ['tarn query "SELECT 1"', ['query', '--lake', lake, 'SELECT 1']],
];
console.log(`load average at start: ${load()}`);
for (const [label, args] of cases) {
  const measured = Array.from({ length: runs }, () => once(args));
  const wall = median(measured.map((run) => run.wall));
  const cpu = median(measured.map((run) => run.cpu));
  console.log(`${label.padEnd(24)} median of ${runs}: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU-s`);
}
console.log(`load average at end: ${load()}`);
