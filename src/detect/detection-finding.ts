// A hit as an OCSF 1.1 Detection Finding (class 2004), the form `tarn detect --format json` prints: the rule
// is the analytic, its ATT&CK techniques the attacks, the proving events' `metadata.uid`s the related events,
// so a responder pivots from the finding to its evidence with one query. The uid is derived from the rule and
// its events, so the same detection found again has the same uid.

import { createHash } from 'node:crypto';
import type { DetectionRule, Severity } from './detection-rule.ts';
import type { DetectionHit } from './detection-runner.ts';

const SEVERITY_IDS: Readonly<Record<Severity, number>> = { Low: 2, Medium: 3, High: 4, Critical: 5 };

/** Stable across runs: the rule and the sorted events that prove the hit (read back from the lake alike). */
export function findingUid(hit: DetectionHit): string {
  // A hit on events CloudTrail gave no id (before 2014) is named by what it says instead: when, who, on what;
  // not its detail, which the stored finding's message does not give back exactly.
  const identity =
    hit.events.length > 0
      ? [...hit.events].sort()
      : ['no event id', hit.time, hit.principal, hit.accountId, ...[...hit.resources].sort()];
  const digest = createHash('sha256')
    .update([hit.rule, ...identity].join('\n'))
    .digest('hex');
  return `tarn-${hit.rule}-${digest.slice(0, 24)}`;
}

export function detectionFinding(hit: DetectionHit, rule: DetectionRule): Record<string, unknown> {
  const time = Date.parse(hit.time);
  const uid = findingUid(hit);
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    action_id: 0,
    action: 'Unknown',
    severity_id: SEVERITY_IDS[hit.severity],
    severity: hit.severity,
    status_id: 1,
    status: 'New',
    time,
    message: `${rule.title}: ${hit.detail}`,
    metadata: { version: '1.1.0', uid, product: { name: 'Tarn', vendor_name: 'Tarn', uid: 'tarn' } },
    cloud: { provider: 'AWS', account: { uid: hit.accountId } },
    actor: { user: { uid: hit.principal, name: hit.principalName } },
    resources: hit.resources.map((resource) => ({ uid: resource })),
    finding_info: {
      uid,
      title: rule.title,
      desc: rule.description,
      last_seen_time: time,
      analytic: { uid: rule.id, name: rule.title, type_id: 1, type: 'Rule' },
      attacks: rule.techniques.map((t) => ({ technique: { uid: t.id, name: t.name }, version: '15' })),
      related_events: hit.events.map((event) => ({ uid: event })),
      types: rule.tactics,
    },
  };
}

/**
 * A finding as `tarn detect` prints it: each epoch-milliseconds time (`time`, `finding_info.last_seen_time`)
 * followed by its ISO 8601 twin from OCSF's datetime profile (`time_dt`), declared in `metadata.profiles`, for
 * people and `jq`; the stored finding keeps the epoch form only, as Security Lake's tables do.
 */
export function printedFinding(finding: Record<string, unknown>): Record<string, unknown> {
  const printed = withDatetimes(finding) as Record<string, unknown>;
  const metadata = printed.metadata as Record<string, unknown>;
  const profiles = Array.isArray(metadata.profiles) ? metadata.profiles : [];
  return { ...printed, metadata: { ...metadata, profiles: [...profiles, 'datetime'] } };
}

function withDatetimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDatetimes);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = withDatetimes(item);
    if ((key === 'time' || key.endsWith('_time')) && typeof item === 'number' && Number.isFinite(item)) {
      out[`${key}_dt`] = new Date(item).toISOString();
    }
  }
  return out;
}
