// Findings (GuardDuty, Macie, Security Hub, …) that name the principal, its keys, the principals it
// created, or the objects it touched, from the rollup region's Security Hub table; with Tarn's own
// detections whose actor is one of those identities.

import type { QueryValue } from '../../query/index.ts';
import { NO_EVENT_ID } from './activity-events.ts';
import { type DetectionFindings, detectionFindings } from './detection-findings.ts';
import { findingsTable, type InvestigationScope, sqlList, sqlString, windowPredicate } from './investigation-scope.ts';

/**
 * A name, ARN or key id to look for. A bare name is unique only inside its account (users of the same name
 * live in several accounts), so it carries that account and matches only what that account recorded; ARNs
 * and key ids name one identity wherever they appear and carry null.
 */
export interface IdentityTerm {
  readonly value: string;
  readonly accountId: string | null;
}

/** The account of an ARN (`arn:aws:iam::<account>:…`), or null for an ARN without one. */
export function arnAccount(arn: string): string | null {
  const account = arn.split(':')[4] ?? '';
  return /^\d{12}$/.test(account) ? account : null;
}

/** Whether a term names what an account recorded. */
export const inAccount = (term: IdentityTerm, accountId: string): boolean =>
  term.accountId === null || term.accountId === accountId;

export interface FindingTerms {
  /** Matched anywhere in the title, description or a resource id; bare names only in their own account. */
  readonly identities: readonly IdentityTerm[];
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
  /** The account the finding or the detection's events are in. */
  readonly accountId: string;
  readonly resources: readonly { readonly type: string; readonly uid: string }[];
  /** The `metadata.uid`s of the events that prove a Tarn detection; empty for a Security Hub finding. */
  readonly events: readonly string[];
  /** The identities and resources the finding names. */
  readonly matchedOn: readonly string[];
}

export const FINDING_HEADER = [
  'time',
  'account',
  'source',
  'product',
  'rule',
  'severity',
  'title',
  'names',
  'events',
  'id',
];

/** A finding as a report row, under FINDING_HEADER. */
export function findingRow(f: RelatedFinding): string[] {
  return [
    f.time,
    f.accountId,
    f.source,
    f.product,
    f.rule ?? '',
    f.severity,
    f.title,
    f.matchedOn.join(', '),
    f.source === 'Tarn' && f.events.length === 0 ? NO_EVENT_ID : f.events.join(' '),
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

/** One SQL condition per distinct term: the term anywhere in the finding, in its account when it has one. */
function termCondition(term: IdentityTerm): string {
  const t = sqlString(term.value.toLowerCase());
  const anywhere = `(strpos(lower(finding_info.title), ${t}) > 0 OR strpos(lower(finding_info.desc), ${t}) > 0
    OR cardinality(filter(resources, r -> strpos(lower(r.uid), ${t}) > 0)) > 0)`;
  return term.accountId === null ? anywhere : `(accountid = ${sqlString(term.accountId)} AND ${anywhere})`;
}

async function lakeFindings(scope: InvestigationScope, terms: FindingTerms): Promise<RelatedFinding[]> {
  const identities = [
    ...new Map(terms.identities.map((t) => [`${t.value.toLowerCase()}\u0000${t.accountId}`, t])).values(),
  ];
  const resources = [...new Set(terms.resources)].slice(0, MAX_RESOURCE_TERMS);
  const anyTerm = [
    ...identities.map(termCondition),
    ...(resources.length === 0 ? [] : [`cardinality(filter(resources, r -> r.uid IN (${sqlList(resources)}))) > 0`]),
  ];
  if (anyTerm.length === 0) return [];
  const result = await scope.engine.run(`SELECT time, metadata.product.name, finding_info.title, finding_info.desc,
  finding_info.uid, finding_info.types, severity, resources, accountid
FROM ${findingsTable(scope)}
WHERE (${anyTerm.join('\n  OR ')}) AND ${windowPredicate(scope.window)}
ORDER BY time`);
  const exact = new Set(resources);
  return result.rows.map((row) => {
    const [time, product, title, desc, uid, types, severity, found, account] = row;
    const accountId = String(account ?? '');
    const findingResources = asList(found).map((r) => {
      const value = r as { type?: QueryValue; uid?: QueryValue };
      return { type: String(value.type ?? ''), uid: String(value.uid ?? '') };
    });
    const text = `${String(title ?? '')}\n${String(desc ?? '')}`.toLowerCase();
    const named = identities
      .filter((t) => inAccount(t, accountId))
      .map((t) => t.value)
      .filter(
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
      accountId,
      resources: findingResources,
      events: [],
      matchedOn: [...new Set([...named, ...findingResources.filter((r) => exact.has(r.uid)).map((r) => r.uid)])],
    };
  });
}

function asList(value: QueryValue | undefined): readonly QueryValue[] {
  return Array.isArray(value) ? value : [];
}
