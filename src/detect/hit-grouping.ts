// A rule's optional `group_by`, `threshold` and `suppress`, applied to its hits: hits with the same key (the
// named hit fields) become one detection holding all their events; a group with fewer events than the
// threshold is dropped; and after a detection for a key, later ones for that key within the suppression
// window are dropped, across runs (the last detection time per key is kept in the detect state).

import type { DetectionRule } from './detection-rule.ts';
import type { DetectionHit } from './detection-runner.ts';

export const GROUP_FIELDS = ['principal', 'account_id', 'resources', 'detail'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface Grouping {
  readonly groupBy?: readonly GroupField[];
  readonly threshold?: number;
  /** Milliseconds. */
  readonly suppressMs?: number;
}

const FIELD: Readonly<Record<GroupField, (hit: DetectionHit) => string>> = {
  principal: (hit) => hit.principal,
  account_id: (hit) => hit.accountId,
  resources: (hit) => [...hit.resources].sort().join(' '),
  detail: (hit) => hit.detail,
};

/** The key suppression is counted by: the rule and its `group_by` fields (the principal when none are given). */
export function groupKey(rule: DetectionRule, hit: DetectionHit): string {
  return [rule.id, ...(rule.grouping?.groupBy ?? ['principal']).map((field) => FIELD[field](hit))].join('\u001f');
}

/** `group_by` merges, then `threshold` drops small groups. Without either, the hits as they are. */
export function groupHits(rule: DetectionRule, hits: readonly DetectionHit[]): DetectionHit[] {
  const { groupBy, threshold = 1 } = rule.grouping ?? {};
  const groups = groupBy === undefined ? hits.map((hit) => ({ hit, members: [hit] })) : merged(rule, hits);
  return groups.filter(({ members }) => eventCount(members) >= threshold).map(({ hit }) => hit);
}

/**
 * The events a group's hits stand for: their distinct uids, and one for each hit whose event has none
 * (CloudTrail wrote no eventID before 2014), which is still an event and must not vanish from the count.
 */
function eventCount(members: readonly DetectionHit[]): number {
  return new Set(members.flatMap((m) => m.events)).size + members.filter((m) => m.events.length === 0).length;
}

function merged(rule: DetectionRule, hits: readonly DetectionHit[]): { hit: DetectionHit; members: DetectionHit[] }[] {
  const groups = new Map<string, DetectionHit[]>();
  for (const hit of hits) {
    const key = groupKey(rule, hit);
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return [...groups.values()].map((members) => {
    const last = members.reduce((a, b) => (b.time > a.time ? b : a));
    const details = [...new Set(members.map((m) => m.detail))];
    const hit = {
      ...last,
      resources: [...new Set(members.flatMap((m) => m.resources))].sort(),
      events: [...new Set(members.flatMap((m) => m.events))],
      detail: members.length === 1 ? last.detail : `${members.length} hits: ${details.slice(0, 3).join('; ')}`,
    };
    return { hit, members };
  });
}

/**
 * Drops hits inside the suppression window of an earlier detection with the same key, in time order;
 * `last` (key → epoch ms of the last detection kept) is read and updated.
 */
export function suppressHits<T extends { hit: DetectionHit; rule: DetectionRule }>(
  found: readonly T[],
  last: Map<string, number>,
): T[] {
  const kept: T[] = [];
  for (const item of [...found].sort((a, b) => a.hit.time.localeCompare(b.hit.time))) {
    const window = item.rule.grouping?.suppressMs;
    if (window === undefined) {
      kept.push(item);
      continue;
    }
    const key = groupKey(item.rule, item.hit);
    const time = Date.parse(item.hit.time);
    const previous = last.get(key);
    if (previous !== undefined && time >= previous && time - previous < window) continue;
    last.set(key, Math.max(time, previous ?? time));
    kept.push(item);
  }
  return kept;
}
