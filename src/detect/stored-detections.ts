// The detections stored in the lake, read back as hits: what `investigate` shows beside the AWS findings.
// Ingest batches that `tarn detect` has not evaluated yet are still covered, by running the rules over them.

import { customTableName } from '../mapping/custom-sources.ts';
import type { QueryEngine } from '../query/index.ts';
import { findingUid } from './detection-finding.ts';
import type { Severity } from './detection-rule.ts';
import { type DetectionHit, type DetectionWindow, type RuleResult, runDetections } from './detection-runner.ts';
import { DETECTIONS_SOURCE, pendingBatchCount } from './detection-store.ts';

export interface KnownDetections {
  readonly hits: readonly DetectionHit[];
  /** One line per rule that failed on data not yet evaluated. */
  readonly failures: readonly string[];
}

export async function knownDetections(engine: QueryEngine, window: DetectionWindow): Promise<KnownDetections> {
  const stored = await storedHits(engine, window);
  const pending = (await pendingBatchCount(engine.catalog.lakeDir)) > 0;
  const results: RuleResult[] = pending ? await runDetections(engine, window) : [];
  const seen = new Set(stored.map(findingUid));
  const fresh = results.flatMap((r) => ('hits' in r ? r.hits : [])).filter((hit) => !seen.has(findingUid(hit)));
  return {
    hits: [...stored, ...fresh].sort((a, b) => a.time.localeCompare(b.time)),
    failures: results.flatMap((r) => ('error' in r ? [r.error] : [])),
  };
}

async function storedHits(engine: QueryEngine, window: DetectionWindow): Promise<DetectionHit[]> {
  const region = engine.catalog.rollupRegion;
  if (region === null || !engine.catalog.tables.some((t) => t.source === DETECTIONS_SOURCE)) return [];
  const result = await engine.run(`SELECT time, finding_info.analytic.uid, finding_info.title, severity,
  actor.user.uid, actor.user.name, cloud.account.uid, CAST(resources AS JSON),
  transform(finding_info.related_events, e -> e.uid), message, transform(finding_info.attacks, a -> a.technique.uid)
FROM ${customTableName(region, DETECTIONS_SOURCE)}
WHERE time BETWEEN ${window.from ?? 0} AND ${window.to ?? Number.MAX_SAFE_INTEGER}
ORDER BY time`);
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v) => v !== null).map(String) : []);
  // As JSON: a file whose detections all have no resources holds the column as a list of nothing, not of
  // structs, and `r.uid` would not bind on it.
  const uids = (json: unknown) =>
    list((JSON.parse(String(json ?? '[]')) as { uid?: string }[] | null)?.map((resource) => resource.uid ?? null));
  return result.rows.map(([time, rule, title, severity, principal, name, account, resources, events, message, t]) => ({
    rule: String(rule),
    title: String(title),
    severity: String(severity) as Severity,
    techniques: list(t),
    time: new Date(Number(time)).toISOString(),
    principal: String(principal ?? ''),
    principalName: String(name ?? ''),
    accountId: String(account ?? ''),
    resources: uids(resources),
    events: list(events),
    detail: String(message ?? '').replace(`${String(title)}: `, ''),
  }));
}
