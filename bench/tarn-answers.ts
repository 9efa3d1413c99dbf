// Tarn's side of the questions `bench:respond` also asks of the raw files, counted the way the raw answers are:
// rows of a reference query, the events of the principal an investigation resolved, and the hits of the
// detection rules that select single events.

import type { DetectionRule } from '../src/detect/detection-rule.ts';
import { DETECTION_RULES } from '../src/detect/detection-rules.ts';
import { runDetections } from '../src/detect/detection-runner.ts';
import type { QueryEngine } from '../src/query/index.ts';
import { SINGLE_EVENT_RULES } from './raw-questions.ts';

export interface InvestigatedPrincipal {
  readonly arn: string;
  readonly type: string;
  /** The principal's own events the investigation read (`event_count`). */
  readonly events: number;
}

/** What `tarn investigate --format json` resolved and counted. */
export function investigatedPrincipal(json: string): InvestigatedPrincipal {
  const report = JSON.parse(json) as { principal?: { arn?: string; type?: string }; event_count?: number };
  const { arn, type } = report.principal ?? {};
  if (typeof arn !== 'string' || typeof type !== 'string' || typeof report.event_count !== 'number') {
    throw new Error('the investigation JSON names no principal ARN, type or event_count');
  }
  return { arn, type, events: report.event_count };
}

export function singleEventRules(): DetectionRule[] {
  const rules = DETECTION_RULES.filter((rule) => (SINGLE_EVENT_RULES as readonly string[]).includes(rule.id));
  if (rules.length !== SINGLE_EVENT_RULES.length) throw new Error('a single-event rule is missing from the pack');
  const grouped = rules.find((rule) => rule.grouping !== undefined);
  if (grouped) throw new Error(`rule ${grouped.id} groups its hits: they are no longer one event each`);
  return rules;
}

/** Every hit of the single-event rules over the whole lake: each is one event. */
export async function singleEventHits(engine: QueryEngine): Promise<number> {
  let hits = 0;
  for (const result of await runDetections(engine, { from: null, to: null }, singleEventRules())) {
    if ('error' in result) throw new Error(result.error);
    hits += result.hits.length;
  }
  return hits;
}
