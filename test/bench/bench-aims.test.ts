// `npm run bench` ends with the figures against their aims: whether each is met is computed from the measured
// value (no verdict is written in), and a part that did not run says why in each of its rows.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aimTable, type BenchParts } from '../../bench/bench-aims.ts';
import type { IngestFigures } from '../../bench/ingest-bench.ts';
import type { RespondFigures, Timing } from '../../bench/respond-bench.ts';

const phase = (seconds: number, maxRssMb: number) => ({ seconds, maxRssMb, cpuSeconds: seconds * 1.5 });

function ingest(tarnSeconds: number, baselineSeconds: number, maxRssMb: number): IngestFigures {
  return {
    events: 1_000_000,
    layout: 'large',
    workers: 2,
    baseline: phase(baselineSeconds, 800),
    tarn: phase(tarnSeconds, maxRssMb),
    single: null,
    queries: null,
    reingest: null,
  };
}

const timing = (ms: number, rows: number | null = null): Timing => ({ ms, cpu: ms / 1000, rows, note: '' });

function respond(queryMs: number): RespondFigures {
  const tarn: RespondFigures['tarn'] = {};
  for (const q of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']) tarn[q] = { ...timing(queryMs, 7), raw: q };
  for (const c of ['investigate', 'contain --plan', 'timeline']) tarn[c] = { ...timing(4000), raw: 'principal' };
  tarn['detect: every rule'] = { ...timing(12_000), raw: 'single' };
  return {
    rollupRegion: 'us-west-2',
    runs: 3,
    compact: timing(2000),
    tarn,
    raw: { Q1: { duckdb: timing(9000, 7), jq: null } },
    mismatches: [],
  };
}

const parts = (overrides: Partial<BenchParts>): BenchParts => ({
  events: 1_000_000,
  ingestLarge: 'not run',
  ingestSmall: 'left out (--skip-small)',
  ledger: 'not run',
  startup: 'no build in dist/: run npm ci',
  respond: 'not run',
  ...overrides,
});

/** The table's row whose figure starts with `figure`, as its cells. */
function row(table: string, figure: string): string[] {
  const line = table.split('\n').find((l) => l.startsWith(`| ${figure}`));
  assert.ok(line, `no row for ${figure}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

test('an aim is met or not by the measured value', () => {
  const fast = aimTable(parts({ ingestLarge: ingest(16, 10, 900), respond: respond(120) }));
  assert.equal(row(fast, 'ingest, 200 large files: events/s')[3], 'yes');
  assert.equal(row(fast, 'ingest, 200 large files: time / the plain')[3], 'yes');
  assert.equal(row(fast, 'ingest, 200 large files: peak RSS (worker')[3], 'yes');
  assert.equal(row(fast, 'reference query Q1')[3], 'yes');
  assert.equal(row(fast, 'tarn investigate')[3], 'yes');
  assert.equal(row(fast, 'tarn detect')[3], 'NO');

  const slow = aimTable(parts({ ingestLarge: ingest(40, 10, 1100), respond: respond(450) }));
  assert.equal(row(slow, 'ingest, 200 large files: events/s')[3], 'NO');
  assert.equal(row(slow, 'ingest, 200 large files: time / the plain')[3], 'NO');
  assert.equal(row(slow, 'ingest, 200 large files: peak RSS (worker')[3], 'NO');
  assert.equal(row(slow, 'reference query Q1')[3], 'NO');
});

test('the raw answers stand beside Tarn’s, and a missing one is said', () => {
  const table = aimTable(parts({ respond: respond(120) }));
  assert.match(row(table, 'reference query Q1')[2] ?? '', /120 ms, 7 rows; raw: DuckDB 9\.00 s, jq not installed/);
  assert.match(row(table, 'reference query Q2')[2] ?? '', /no raw answer/);
});

test('a part that did not run says why in each of its rows; the aims at 10M apply above 1M', () => {
  const table = aimTable(parts({ events: 10_000_000 }));
  assert.deepEqual(row(table, 'ingest, small files: events/s'), [
    'ingest, small files: events/s (worker threads)',
    '≥ 25,000',
    'left out (--skip-small)',
    'not measured',
  ]);
  assert.equal(row(table, 'tarn --help')[2], 'no build in dist/: run npm ci');
  assert.equal(row(table, 'reference query Q1')[1], '< 1 s');
  assert.equal(row(table, 'tarn timeline')[1], '< 15 s');
  assert.equal(row(table, 'tarn detect')[1], '—');
});
