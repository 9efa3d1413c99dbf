// `tarn investigate` as data: resolve the principal, read its events and those of everything it created,
// summarise them, find the related findings, and plan containment and recovery from what was found.

import type { QueryEngine } from '../../query/index.ts';
import { type ContainmentPlan, containmentPlan, type RecoveryItem, recoveryPlan } from '../containment/index.ts';
import {
  type ActivityEvent,
  activityBaseline,
  arnAccount,
  type CreatedItem,
  type EventBatch,
  type EventRef,
  type ExecutiveSummary,
  enrichIp,
  eventRef,
  executiveSummary,
  flattenCreated,
  followCreated,
  type IdentityTerm,
  type IpEnrichment,
  investigationScope,
  ipDataVersion,
  type OperationSummary,
  type PrincipalFilter,
  principalsEvents,
  type RelatedFinding,
  type ResolvedPrincipal,
  relatedFindings,
  resolvePrincipal,
  type SourceSummary,
  summariseOperations,
  summariseResources,
  summariseSources,
  type TimeWindow,
  type TouchedResource,
} from '../investigation/index.ts';

export interface TimelineEntry extends EventRef {
  readonly actor: string;
  readonly service: string;
  readonly status: string;
  readonly ip: string | null;
  readonly target: string | null;
  /** A call the principal always made (activity-baseline.ts), folded away from what is new. */
  readonly routine: boolean;
}

/** Keys are camelCase here as everywhere in the code; `--format json` writes them in snake_case. */
export interface Investigation {
  readonly generatedAt: string;
  readonly lake: { readonly dir: string; readonly rollupRegion: string };
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly principal: ResolvedPrincipal;
  /** The few lines the report opens with. */
  readonly executiveSummary: ExecutiveSummary;
  readonly eventCount: number;
  /** True when a principal had more events than one query returns: the summaries then cover the first ones. */
  readonly truncated: boolean;
  readonly operations: readonly OperationSummary[];
  /** Create*, Attach*, Put* and Delete* calls one by one, by the principal and what it created. */
  readonly changes: readonly TimelineEntry[];
  readonly sourceIps: readonly (SourceSummary & IpEnrichment)[];
  readonly userAgents: readonly SourceSummary[];
  readonly timeline: readonly TimelineEntry[];
  readonly resources: readonly TouchedResource[];
  readonly created: readonly CreatedItem[];
  readonly findings: readonly RelatedFinding[];
  readonly containment: ContainmentPlan;
  readonly recovery: readonly RecoveryItem[];
  readonly limitations: readonly string[];
}

export interface InvestigationResult {
  readonly investigation: Investigation;
  /** Every event read: the principal's and those of what it created, in time order. */
  readonly events: readonly ActivityEvent[];
}

export interface InvestigateOptions {
  readonly principal: string;
  readonly window: TimeWindow;
  /** Injected so that plans are reproducible; sessions issued before it are revoked. */
  readonly now: Date;
  /** Told each phase as it starts, with what has been read so far. */
  readonly onPhase?: (phase: string) => void;
}

function timelineEntry(event: ActivityEvent, routine: ReadonlySet<string>): TimelineEntry {
  const target = [event.targetUser, event.request.bucketName, event.request.key, event.request.roleName].filter(
    (v): v is string => typeof v === 'string',
  );
  return {
    ...eventRef(event),
    actor: event.actorUid ?? event.actorName ?? '',
    service: event.service,
    status: event.error ?? event.status ?? '',
    ip: event.ip,
    target: target.length === 0 ? null : [...new Set(target)].join(' '),
    routine: routine.has(event.key),
  };
}

/**
 * What names the principal and what it created: ARNs and key ids anywhere, bare names only in the account
 * they belong to (same-named users in other accounts are other identities).
 */
function identityTerms(principal: ResolvedPrincipal, created: readonly CreatedItem[]): IdentityTerm[] {
  const anywhere = (value: string): IdentityTerm => ({ value, accountId: null });
  const principals = created.filter((c) => c.kind === 'user' || c.kind === 'role');
  return [
    anywhere(principal.arn),
    { value: principal.name, accountId: arnAccount(principal.arn) ?? principal.accountIds[0] ?? null },
    ...principal.accessKeyIds.map(anywhere),
    ...created.filter((c) => c.kind === 'access-key').map((c) => anywhere(c.id)),
    ...principals.flatMap((c) => (c.arn === null ? [] : [anywhere(c.arn)])),
    ...principals.map((c) => ({ value: c.id, accountId: (c.arn && arnAccount(c.arn)) ?? c.proof.accountId })),
  ];
}

export async function investigate(engine: QueryEngine, options: InvestigateOptions): Promise<InvestigationResult> {
  const phase = options.onPhase ?? (() => {});
  const scope = investigationScope(engine, options.window);
  phase(`resolving ${options.principal} and reading its events`);
  const { principal, own } = await resolvePrincipal(scope, options.principal);
  const batches = [own];
  const reader = {
    read: (filters: readonly PrincipalFilter[]) => {
      phase(`${own.events.length} events of ${principal.arn}; reading ${filters.length} principal(s) it created`);
      return principalsEvents(scope, filters);
    },
    followed: (batch: EventBatch) => batches.push(batch),
  };
  const visited = new Set([principal.type === 'Role' ? `role:${principal.arn}` : `user:${principal.name}`]);
  const created = await followCreated(own.events, reader, visited);
  const events = [...new Map(batches.flatMap((b) => b.events).map((e) => [e.key, e])).values()].sort(
    (a, b) => a.time - b.time || a.key.localeCompare(b.key),
  );
  const flat = flattenCreated(created);
  const resources = summariseResources(events, {
    arn: principal.arn,
    eventKeys: new Set(own.events.map((e) => e.key)),
  });
  phase(`${events.length} events read; running detections and reading findings`);
  const { findings, failures } = await relatedFindings(scope, {
    identities: identityTerms(principal, flat),
    resources: resources.flatMap((r) => {
      if (r.type === 'object') return [`arn:aws:s3:::${r.id.slice('s3://'.length)}`];
      return r.type === 'bucket' && flat.some((c) => c.kind === 'bucket' && c.id === r.id)
        ? [`arn:aws:s3:::${r.id}`]
        : [];
    }),
  });
  phase(`${findings.length} findings; planning containment and recovery`);
  const now = options.now.toISOString();
  const baseline = activityBaseline(own.events);
  const timeline = events.map((event) => timelineEntry(event, baseline.routine));
  const investigation: Investigation = {
    generatedAt: now,
    lake: { dir: engine.catalog.lakeDir, rollupRegion: scope.region },
    window: {
      from: options.window.from === null ? null : new Date(options.window.from).toISOString(),
      to: options.window.to === null ? null : new Date(options.window.to).toISOString(),
    },
    principal,
    executiveSummary: executiveSummary({
      principal,
      own: own.events,
      all: events,
      baseline,
      created: flat,
      resources,
      findings,
    }),
    eventCount: own.events.length,
    truncated: batches.some((b) => b.truncated),
    operations: summariseOperations(own.events),
    changes: timeline.filter((t) => /^(Create|Attach|Put|Delete)/.test(t.operation)),
    sourceIps: summariseSources(events, (e) => e.ip).map((s) => ({ ...s, ...enrichIp(s.value) })),
    userAgents: summariseSources(events, (e) => e.userAgent),
    timeline,
    resources,
    created,
    findings,
    containment: containmentPlan({
      principal,
      events: own.events,
      allEvents: events,
      created: flat,
      now,
      routine: baseline.routine,
    }),
    recovery: await recoveryPlan(scope, events),
    limitations: [
      ...failures,
      `Source addresses are enriched offline from @ip-location-db ${ipDataVersion()} (ASN and owner from RouteViews and DB-IP, CC BY 4.0; country of the network's registration, not geolocation); no reputation data.`,
    ],
  };
  return { investigation, events };
}
