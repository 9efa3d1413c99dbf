// The kept baselines of the rules that learn from history: per rule, the summary its `baseline` section makes
// of every evaluated batch's events (first call of each operation per principal, first refusal, first address),
// one row per key, so its size follows the principals and operations seen, not the number of events. Each is a
// Parquet file under `_tarn/baselines/<generation>/`, named with its definition's digest by the detect state; an
// incremental `tarn detect` reads the window's events beside it and folds the window into a new generation,
// which the state names in the same atomic write that marks the batches evaluated.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBInstance, type DuckDBType, INTEGER, VARCHAR } from '@duckdb/node-api';
import { TARN_DIR } from '../lake/ledger.ts';
import { type QueryEngine, type QueryResult, quoteName } from '../query/index.ts';
import type { DetectionRule, RuleBaseline } from './detection-rule.ts';
import { type DetectionWindow, ruleContext } from './detection-runner.ts';

export const BASELINES_DIR = `${TARN_DIR}/baselines`;

export interface KeptBaseline {
  /** Lake-relative. */
  readonly file: string;
  readonly digest: string;
}

/** Rule id → its kept baseline. */
export type KeptBaselines = Readonly<Record<string, KeptBaseline>>;

/** The view a rule's kept baseline is read through: its id made a plain SQL name, kept apart by a position. */
function viewName(rules: readonly DetectionRule[], rule: DetectionRule): string {
  return `tarn_baseline_${rules.indexOf(rule)}_${rule.id.replace(/[^a-z0-9_]/g, '_')}`;
}

/** The kept baselines still matching their rule's definition: the engine's state tables and each rule's view. */
export function keptTables(lakeDir: string, rules: readonly DetectionRule[], kept: KeptBaselines) {
  const tables: Record<string, string> = {};
  const views = new Map<string, string>();
  for (const rule of rules) {
    const entry = kept[rule.id];
    if (rule.baseline === undefined || entry === undefined || entry.digest !== rule.baseline.digest) continue;
    tables[viewName(rules, rule)] = join(lakeDir, entry.file);
    views.set(rule.id, viewName(rules, rule));
  }
  return { tables, views };
}

/**
 * Folds `window`'s events into each baseline rule's kept summary and writes the results under a new generation
 * folder; a rule with no kept summary (or one of an older definition) summarises the lake's whole history once.
 * Returns the new entry of every baseline rule given; a kept baseline of a rule not evaluated now is left out
 * (it would miss the window's events), to be rebuilt from the whole history when that rule runs again.
 */
export async function foldBaselines(
  engine: QueryEngine,
  rules: readonly DetectionRule[],
  kept: KeptBaselines,
  window: DetectionWindow,
  generation: string,
): Promise<Record<string, KeptBaseline>> {
  const lakeDir = engine.catalog.lakeDir;
  const { views } = keptTables(lakeDir, rules, kept);
  const next: Record<string, KeptBaseline> = {};
  const dir = join(lakeDir, BASELINES_DIR, generation);
  await mkdir(dir, { recursive: true });
  for (const rule of rules) {
    if (rule.baseline === undefined) continue;
    const previous = views.get(rule.id) ?? null;
    const over = previous === null ? { from: 0, to: null } : window;
    const summary = rule.baseline.sql({ ...ruleContext(engine, over), baseline: null });
    const result = await engine.run(foldSql(rule.baseline, summary, previous));
    const file = join(dir, `${rules.indexOf(rule)}.parquet`);
    await writeParquet(file, result).catch((error: Error) => {
      throw new Error(`rule ${rule.id}: its baseline: ${error.message}`);
    });
    next[rule.id] = { file: relative(lakeDir, file).split(sep).join('/'), digest: rule.baseline.digest };
  }
  return next;
}

/** One row per key: the previous summary and the window's, folded column by column with min or max. */
function foldSql(baseline: RuleBaseline, summary: string, previous: string | null): string {
  const keys = baseline.key.map(quoteName);
  const folded = Object.entries(baseline.merge).map(
    ([name, how]) => `${how}(${quoteName(name)}) AS ${quoteName(name)}`,
  );
  const columns = [...keys, ...Object.keys(baseline.merge).map(quoteName)].join(', ');
  const from = previous === null ? '' : `SELECT ${columns} FROM ${previous}\n  UNION ALL\n  `;
  return `SELECT ${[...keys, ...folded].join(', ')}
FROM (
  ${from}SELECT ${columns} FROM (${summary}) AS window_summary
) AS every_summary
GROUP BY ${keys.join(', ')}`;
}

const PARQUET_TYPES: Readonly<Record<string, DuckDBType>> = {
  varchar: VARCHAR,
  bigint: BIGINT,
  integer: INTEGER,
  double: DOUBLE,
  boolean: BOOLEAN,
};

async function writeParquet(file: string, result: QueryResult): Promise<void> {
  const types = result.columns.map((column) => {
    const type = PARQUET_TYPES[column.type];
    if (type === undefined)
      throw new Error(
        `column ${column.name} is ${column.type}; a baseline keeps ${Object.keys(PARQUET_TYPES).join(', ')}`,
      );
    return type;
  });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const columns = result.columns.map((column, i) => `${quoteName(column.name)} ${types[i]?.toString()}`);
    await connection.run(`CREATE TABLE baseline (${columns.join(', ')})`);
    const appender = await connection.createAppender('baseline');
    for (const row of result.rows) {
      row.forEach((value, i) => {
        if (value === null) appender.appendNull();
        else if (types[i] === VARCHAR) appender.appendVarchar(String(value));
        else if (types[i] === BOOLEAN) appender.appendBoolean(value === true);
        else if (types[i] === DOUBLE) appender.appendDouble(Number(value));
        else if (types[i] === INTEGER) appender.appendInteger(Number(value));
        else appender.appendBigInt(BigInt(value as number | bigint));
      });
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY baseline TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Removes the generation folders the state no longer names (an older generation, or one a crash left). */
export async function removeUnnamedBaselines(lakeDir: string, kept: KeptBaselines): Promise<void> {
  const named = new Set(Object.values(kept).map((entry) => entry.file.split('/')[2]));
  const dir = join(lakeDir, BASELINES_DIR);
  const generations = await readdir(dir).catch(() => [] as string[]);
  for (const generation of generations) {
    if (!named.has(generation)) await rm(join(dir, generation), { recursive: true, force: true });
  }
}
