// Runs detections over the rollup region's tables (so every region) through the query engine, and returns
// one result per rule: its hits, or why it could not run. One rule failing never stops the others.

import { tableName } from '../mapping/native-sources.ts';
import { type QueryEngine, type QueryResult, type QueryValue, quoteName } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type DetectionRule, HIT_COLUMNS, type RuleContext } from './detection-rule.ts';
import { DETECTION_RULES } from './detection-rules.ts';
import { groupHits } from './hit-grouping.ts';

/** Epoch milliseconds, inclusive; null leaves that end open. */
export interface DetectionWindow {
  readonly from: number | null;
  readonly to: number | null;
}

/** A hit as a finding: when, who, on what, and the `metadata.uid`s of the events that prove it. */
export interface DetectionHit {
  readonly rule: string;
  readonly title: string;
  readonly severity: DetectionRule['severity'];
  readonly techniques: readonly string[];
  readonly time: string;
  readonly principal: string;
  readonly principalName: string;
  readonly accountId: string;
  readonly resources: readonly string[];
  readonly events: readonly string[];
  readonly detail: string;
}

export type RuleResult =
  | { readonly rule: DetectionRule; readonly hits: readonly DetectionHit[] }
  | { readonly rule: DetectionRule; readonly error: string };

export function ruleContext(engine: QueryEngine, window: DetectionWindow): RuleContext {
  const region = engine.catalog.rollupRegion;
  if (region === null)
    throw new TarnError(`the lake at ${engine.catalog.lakeDir} holds no data yet; ingest logs first`);
  return {
    // Quoted: the region came from the lake's config or its first record, not from Tarn's own text.
    cloudTrail: quoteName(tableName(region, 'cloud_trail_mgmt')),
    s3Data: quoteName(tableName(region, 's3_data')),
    findings: quoteName(tableName(region, 'sh_findings')),
    windowStart: window.from ?? 0,
    windowEnd: window.to ?? Number.MAX_SAFE_INTEGER,
    baseline: null,
  };
}

/**
 * `baselines` names, per rule id, the table its kept baseline is read through (the engine's state tables); a
 * rule that learns from history without one summarises the history before the window itself.
 */
export async function runDetections(
  engine: QueryEngine,
  window: DetectionWindow,
  rules: readonly DetectionRule[] = DETECTION_RULES,
  baselines: ReadonlyMap<string, string> = new Map(),
): Promise<RuleResult[]> {
  const context = ruleContext(engine, window);
  const results: RuleResult[] = [];
  // One at a time: the engine runs one query at a time anyway, and the order of results stays the rules'.
  for (const rule of rules) {
    try {
      const sql = rule.sql({ ...context, baseline: baselines.get(rule.id) ?? null });
      results.push({ rule, hits: groupHits(rule, toHits(rule, await engine.run(sql))) });
    } catch (error) {
      results.push({ rule, error: `rule ${rule.id}: ${(error as Error).message}` });
    }
  }
  return results;
}

function toHits(rule: DetectionRule, result: QueryResult): DetectionHit[] {
  const names = result.columns.map((c) => c.name);
  const missing = HIT_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`its query does not return the hit columns ${missing.join(', ')}`);
  return result.rows.map((row) => {
    const value = (name: string): QueryValue | undefined => row[names.indexOf(name)];
    const text = (name: string) => String(value(name) ?? '');
    const list = (name: string) => {
      const items = value(name);
      return Array.isArray(items) ? items.filter((v) => v !== null).map(String) : [];
    };
    return {
      rule: rule.id,
      title: rule.title,
      severity: rule.severity,
      techniques: rule.techniques.map((t) => t.id),
      time: new Date(Number(value('time'))).toISOString(),
      principal: text('principal'),
      principalName: text('principal_name'),
      accountId: text('account_id'),
      resources: list('resources'),
      events: list('event_uids'),
      detail: text('detail'),
    };
  });
}
