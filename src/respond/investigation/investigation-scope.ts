// What an investigation reads: the rollup region's tables (so every region is covered), a time window,
// and the few SQL fragments every investigation query shares. The SQL stays in Athena's dialect.

import { hasLedger } from '../../lake/ledger.ts';
import { tableName } from '../../mapping/native-sources.ts';
import { type QueryEngine, quoteName } from '../../query/index.ts';
import { TarnError } from '../../tarn-error.ts';

/** Epoch milliseconds, inclusive; null leaves that end open. */
export interface TimeWindow {
  readonly from: number | null;
  readonly to: number | null;
}

export const ACTIVITY_SOURCES = ['cloud_trail_mgmt', 's3_data', 'lambda_execution'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export interface InvestigationScope {
  readonly engine: QueryEngine;
  readonly region: string;
  readonly window: TimeWindow;
}

export function investigationScope(engine: QueryEngine, window: TimeWindow): InvestigationScope {
  const region = engine.catalog.rollupRegion;
  if (region === null) {
    // The catalog reads a folder without a ledger as an empty lake; a mistyped --lake must say so instead.
    const dir = engine.catalog.lakeDir;
    if (!hasLedger(dir)) throw new TarnError(`no lake at ${dir} (no ledger in _tarn/); give it with --lake`, 2);
    throw new TarnError(`the lake at ${dir} holds no data yet; ingest logs first`);
  }
  return { engine, region, window };
}

export function activityTable(scope: InvestigationScope, source: ActivitySource): string {
  return quoteName(tableName(scope.region, source));
}

export function findingsTable(scope: InvestigationScope): string {
  return quoteName(tableName(scope.region, 'sh_findings'));
}

/** `time` is epoch milliseconds in every Security Lake table, so the bound needs no timestamp literal. */
export function windowPredicate(window: TimeWindow): string {
  const bounds = [
    ...(window.from === null ? [] : [`time >= ${window.from}`]),
    ...(window.to === null ? [] : [`time <= ${window.to}`]),
  ];
  return bounds.length === 0 ? 'TRUE' : bounds.join(' AND ');
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return values.map(sqlString).join(', ');
}
