// What the benches share: each phase runs in a child process of its own so that its peak RSS is its own,
// the plain DuckDB copy to zstd Parquet that Tarn's ingest is measured against, the machine's load, and the
// figures a bench hands to `npm run bench` (bench/all-bench.ts), which runs each bench as a part of one run.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface PhaseResult {
  readonly seconds: number;
  readonly maxRssMb: number;
  /** User and system CPU time of the phase's process, every thread included. */
  readonly cpuSeconds: number;
  readonly detail?: unknown;
}

/**
 * The variables bin/tarn.js's first line sets (`#!/usr/bin/env -S NAME=value … node`), which a process started as
 * `node bin/tarn.js`, or a phase, does not get: the benches add them so that Tarn runs as the executable does.
 */
export const CLI_ENVIRONMENT: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...(readFileSync(resolve(import.meta.dirname, '../bin/tarn.js'), 'utf8').split('\n')[0] ?? '').matchAll(
      / (\w+)=(\S+)/g,
    ),
  ].map(([, name = '', value = '']) => [name, value]),
);

/** Runs `script --phase <args>` with `env` added, and returns the result the phase printed last. */
export function phaseInChild(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): PhaseResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--phase', ...args], {
    env: { ...process.env, ...CLI_ENVIRONMENT, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as PhaseResult;
}

/** Inside the child: times `work` and prints its PhaseResult for the parent. */
export async function reportPhase(work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const detail = await work();
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const maxRssMb = Math.round(usage.maxRSS / 1024);
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  console.log(JSON.stringify({ seconds, maxRssMb, cpuSeconds, detail }));
}

/** Every file under `dir` whose name `keep` keeps. */
export function filesUnder(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every file under `dir`, as SQL string literals. */
export function fileList(dir: string, keep: (name: string) => boolean = () => true): string {
  return filesUnder(dir, keep)
    .map((file) => `'${file}'`)
    .join(', ');
}

/** The plainest copy DuckDB can make: `select` written as it is to one zstd Parquet file, on two threads. */
export async function copyToParquet(select: string, out: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${select}) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** CloudTrail delivery files, each record as JSON text. */
export function cloudTrailRecordsSql(files: string): string {
  return `SELECT unnest(Records) AS r FROM read_json([${files}], maximum_object_size = 1073741824, columns = {'Records': 'JSON[]'})`;
}

export function rate(events: number, seconds: number): string {
  return Math.round(events / seconds).toLocaleString('en-US');
}

/** The machine's load average over 1, 5 and 15 minutes: the benches share it with whatever else runs. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** The file `npm run bench` reads a part's figures from, when it ran the bench as a part. */
export const FIGURES_ENV = 'BENCH_FIGURES';

/** Hands this bench's figures to `npm run bench`; run alone, a bench only prints them. */
export function saveFigures(figures: unknown): void {
  const file = process.env[FIGURES_ENV];
  if (file) writeFileSync(file, JSON.stringify(figures));
}
