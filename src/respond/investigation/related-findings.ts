// Findings (GuardDuty, Macie, Security Hub, …) that name the principal, its keys, the principals it
// created, or the objects it touched, from the rollup region's Security Hub table; with Tarn's own
// detections whose actor is one of those identities.

import type { QueryValue } from '../../query/index.ts';
import { type DetectionFindings, detectionFindings } from './detection-findings.ts';
import { findingsTable, type InvestigationScope, sqlList, sqlString, windowPredicate } from './investigation-scope.ts';

export interface FindingTerms {
  /** Names, ARNs and key ids: matched anywhere in the title, description or a resource id. */
  readonly identities: readonly string[];
  /** Resource ARNs matched exactly, such as `arn:aws:s3:::bucket/key`. */
  readonly resources: readonly string[];
}

export interface RelatedFinding {
  readonly uid: string;
  readonly time: string;
  /** `Security Hub` for a finding in the lake, `Tarn` for a hit of a Tarn detection. */
  readonly source: 'Security Hub' | 'Tarn';
  readonly product: string;
  /** The Tarn detection's id; null for a Security Hub finding. */
  readonly rule: string | null;
  readonly title: string;
  readonly types: readonly string[];
  readonly severity: string;
  readonly resources: readonly { readonly type: string; readonly uid: string }[];
  /** The `metadata.uid`s of the events that prove a Tarn detection; empty for a Security Hub finding. */
  readonly events: readonly string[];
  /** The identities and resources the finding names. */
  readonly matchedOn: readonly string[];
}

export const FINDING_HEADER = ['time', 'source', 'product', 'rule', 'severity', 'title', 'names', 'events', 'id'];

/** A finding as a report row, under FINDING_HEADER. */
export function findingRow(f: RelatedFinding): string[] {
  return [
    f.time,
    f.source,
    f.product,
    f.rule ?? '',
    f.severity,
    f.title,
    f.matchedOn.join(', '),
    f.events.join(' '),
    f.uid,
  ];
}

/** Above this many, resource ids are left out of the SQL: a query that long helps nobody. */
const MAX_RESOURCE_TERMS = 2_000;

/** Both kinds of findings in time order, and the detections that failed to run. */
export async function relatedFindings(scope: InvestigationScope, terms: FindingTerms): Promise<DetectionFindings> {
  const tarn = await detectionFindings(scope, terms.identities);
  const lake = await lakeFindings(scope, terms);
  const findings = [...lake, ...tarn.findings].sort(
    (a, b) => a.time.localeCompare(b.time) || a.uid.localeCompare(b.uid),
  );
  return { findings, failures: tarn.failures };
}

async function lakeFindings(scope: InvestigationScope, terms: FindingTerms): Promise<RelatedFinding[]> {
  const identities = [...new Set(terms.identities.map((t) => t.toLowerCase()))];
  const resources = [...new Set(terms.resources)].slice(0, MAX_RESOURCE_TERMS);
  const inText = identities.flatMap((t) => [
    `strpos(lower(finding_info.title), ${sqlString(t)}) > 0`,
    `strpos(lower(finding_info.desc), ${sqlString(t)}) > 0`,
  ]);
  const inResource = [
    ...identities.map((t) => `strpos(lower(r.uid), ${sqlString(t)}) > 0`),
    ...(resources.length === 0 ? [] : [`r.uid IN (${sqlList(resources)})`]),
  ];
  const anyTerm = [
    ...inText,
    ...(inResource.length === 0 ? [] : [`cardinality(filter(resources, r -> ${inResource.join(' OR ')})) > 0`]),
  ];
  if (anyTerm.length === 0) return [];
  const result = await scope.engine.run(`SELECT time, metadata.product.name, finding_info.title, finding_info.desc,
  finding_info.uid, finding_info.types, severity, resources
FROM ${findingsTable(scope)}
WHERE (${anyTerm.join('\n  OR ')}) AND ${windowPredicate(scope.window)}
ORDER BY time`);
  const exact = new Set(resources);
  return result.rows.map((row) => {
    const [time, product, title, desc, uid, types, severity, found] = row;
    const findingResources = asList(found).map((r) => {
      const value = r as { type?: QueryValue; uid?: QueryValue };
      return { type: String(value.type ?? ''), uid: String(value.uid ?? '') };
    });
    const text = `${String(title ?? '')}\n${String(desc ?? '')}`.toLowerCase();
    const named = terms.identities.filter(
      (t) =>
        text.includes(t.toLowerCase()) || findingResources.some((r) => r.uid.toLowerCase().includes(t.toLowerCase())),
    );
    return {
      uid: String(uid ?? ''),
      time: new Date(Number(time)).toISOString(),
      source: 'Security Hub' as const,
      product: String(product ?? ''),
      rule: null,
      title: String(title ?? ''),
      types: asList(types).map(String),
      severity: String(severity ?? ''),
      resources: findingResources,
      events: [],
      matchedOn: [...new Set([...named, ...findingResources.filter((r) => exact.has(r.uid)).map((r) => r.uid)])],
    };
  });
}

function asList(value: QueryValue | undefined): readonly QueryValue[] {
  return Array.isArray(value) ? value : [];
}
