// The CloudTrail events one principal made, read from the three CloudTrail tables of the rollup region and
// parsed into plain records the summaries, the created-resource tree and the timeline all work from.

import type { QueryValue } from '../../query/index.ts';
import {
  ACTIVITY_SOURCES,
  type ActivitySource,
  activityTable,
  type InvestigationScope,
  sqlList,
  windowPredicate,
} from './investigation-scope.ts';

/** Whose events: actor ARNs, role ARNs (every session of the role), and access key ids. */
export interface PrincipalFilter {
  readonly uids: readonly string[];
  readonly issuers: readonly string[];
  readonly credentialUids: readonly string[];
  /**
   * Epoch ms before which it cannot have acted: a principal the investigation found created is read from its
   * creation on, which also lets the query skip the days before.
   */
  readonly since?: number;
}

export type JsonObject = { readonly [key: string]: unknown };

export interface ActivityEvent {
  /** `metadata.uid`; null for a record CloudTrail wrote without an eventID (2014 and earlier). */
  readonly uid: string | null;
  /** What tells this event from the others: its uid, else its content (uid-less events are not all one). */
  readonly key: string;
  readonly time: number;
  readonly source: ActivitySource;
  readonly accountId: string;
  readonly region: string;
  readonly service: string;
  readonly operation: string;
  readonly status: string | null;
  readonly error: string | null;
  readonly succeeded: boolean;
  readonly requestData: string | null;
  readonly responseData: string | null;
  readonly request: JsonObject;
  readonly response: JsonObject;
  /** The address, or what CloudTrail wrote instead of one (`AWS Internal`, a service name), as written. */
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly actorName: string | null;
  readonly actorUid: string | null;
  readonly actorUidAlt: string | null;
  readonly actorType: string | null;
  readonly credentialUid: string | null;
  readonly issuer: string | null;
  readonly targetUser: string | null;
}

/** Proof of a claim: the one event a reader can look up with `metadata.uid`, else by its time and operation. */
export interface EventRef {
  /** Null when the record has none (`NO_EVENT_ID` in a report); the JSON report writes null. */
  readonly uid: string | null;
  readonly time: string;
  readonly operation: string;
  readonly accountId: string;
  readonly region: string;
}

export interface EventBatch {
  readonly events: readonly ActivityEvent[];
  /** True when the limit cut the list short: the summaries then cover the first events only. */
  readonly truncated: boolean;
}

export const EVENT_LIMIT = 50_000;

/**
 * What a report prints for an event without `metadata.uid` (2014-era CloudTrail had no eventID): never an
 * empty cell, and no made-up id, which a reader would look up in vain. The row's time, account and
 * operation find the record.
 */
export const NO_EVENT_ID = '(none recorded)';

export function eventIdText(uid: string | null): string {
  return uid === null || uid === '' ? NO_EVENT_ID : uid;
}

const COLUMNS = `metadata.uid AS uid, time, accountid, region, api.service.name AS service, api.operation AS operation,
  status, api.response.error AS error, api.request.data AS request_data, api.response.data AS response_data,
  coalesce(src_endpoint.ip, src_endpoint.domain) AS ip, http_request.user_agent AS user_agent, actor.user.name AS actor_name,
  actor.user.uid AS actor_uid, actor.user.uid_alt AS actor_uid_alt, actor.user.type AS actor_type, actor.user.credential_uid AS credential_uid,
  actor.session.issuer AS issuer, user.name AS target_user`;

export function principalPredicate(filter: PrincipalFilter): string {
  const terms = [
    ...(filter.uids.length === 0 ? [] : [`actor.user.uid IN (${sqlList(filter.uids)})`]),
    ...(filter.issuers.length === 0 ? [] : [`actor.session.issuer IN (${sqlList(filter.issuers)})`]),
    ...(filter.credentialUids.length === 0 ? [] : [`actor.user.credential_uid IN (${sqlList(filter.credentialUids)})`]),
  ];
  return terms.length === 0 ? 'FALSE' : `(${terms.join(' OR ')})`;
}

/** `time >= …` at the top level of a WHERE, where partition pruning sees it: the earliest `since` of all. */
function sinceBound(filters: readonly PrincipalFilter[]): string {
  const since = filters.map((f) => f.since);
  return since.every((s) => s !== undefined) && since.length > 0 ? `time >= ${Math.min(...since)}` : 'TRUE';
}

export async function principalEvents(scope: InvestigationScope, filter: PrincipalFilter): Promise<EventBatch> {
  return activityEvents(
    scope,
    `${principalPredicate(filter)} AND ${sinceBound([filter])} AND ${windowPredicate(scope.window)}`,
  );
}

/** Whether `filter` picks the event, exactly as `principalPredicate` does in SQL (`IN` is exact equality). */
export function filterMatches(filter: PrincipalFilter, event: ActivityEvent): boolean {
  if (filter.since !== undefined && event.time < filter.since) return false;
  return (
    (event.actorUid !== null && filter.uids.includes(event.actorUid)) ||
    (event.issuer !== null && filter.issuers.includes(event.issuer)) ||
    (event.credentialUid !== null && filter.credentialUids.includes(event.credentialUid))
  );
}

/**
 * The events of several principals in one scan of the tables instead of one scan each: each batch is what
 * `principalEvents` returns for its filter, the first EVENT_LIMIT events in time order.
 */
export async function principalsEvents(
  scope: InvestigationScope,
  filters: readonly PrincipalFilter[],
): Promise<EventBatch[]> {
  if (filters.length <= 1) return Promise.all(filters.map((filter) => principalEvents(scope, filter)));
  const each = filters.map((f) =>
    f.since === undefined ? principalPredicate(f) : `(${principalPredicate(f)} AND time >= ${f.since})`,
  );
  const where = `(${each.join(' OR ')}) AND ${sinceBound(filters)} AND ${windowPredicate(scope.window)}`;
  const all = await activityEvents(scope, where, EVENT_LIMIT * filters.length);
  if (all.truncated) {
    // Which of them the limit cut short is not known: ask for each one on its own.
    const batches: EventBatch[] = [];
    for (const filter of filters) batches.push(await principalEvents(scope, filter));
    return batches;
  }
  return filters.map((filter) => {
    const events = all.events.filter((event) => filterMatches(filter, event));
    return { events: events.slice(0, EVENT_LIMIT), truncated: events.length > EVENT_LIMIT };
  });
}

/** The events of the CloudTrail tables (all three unless `sources` names some) that `where` picks, in time order. */
export async function activityEvents(
  scope: InvestigationScope,
  where: string,
  limit = EVENT_LIMIT,
  sources: readonly ActivitySource[] = ACTIVITY_SOURCES,
): Promise<EventBatch> {
  const sql = sources
    .map((source) => `SELECT '${source}' AS source, ${COLUMNS}\nFROM ${activityTable(scope, source)}\nWHERE ${where}`)
    .join('\nUNION ALL\n');
  const result = await scope.engine.run(`${sql}\nORDER BY time, uid`, { maxRows: limit });
  const names = result.columns.map((c) => c.name);
  const events = result.rows.map((row) => toEvent(Object.fromEntries(names.map((name, i) => [name, row[i] ?? null]))));
  return { events, truncated: result.truncated };
}

function toEvent(row: Record<string, QueryValue>): ActivityEvent {
  const text = (name: string): string | null => {
    const value = row[name];
    return value === null || value === undefined ? null : String(value);
  };
  const status = text('status');
  const error = text('error');
  const uid = text('uid');
  return {
    uid,
    key: uid ?? `no uid\0${JSON.stringify(Object.values(row).map((v) => (v === null ? null : String(v))))}`,
    time: Number(row.time),
    source: text('source') as ActivitySource,
    accountId: text('accountid') ?? '',
    region: text('region') ?? '',
    service: text('service') ?? '',
    operation: text('operation') ?? '',
    status,
    error,
    succeeded: error === null && (status === null || status === 'Success'),
    requestData: text('request_data'),
    responseData: text('response_data'),
    request: parseObject(text('request_data')),
    response: parseObject(text('response_data')),
    ip: text('ip'),
    userAgent: text('user_agent'),
    actorName: text('actor_name'),
    actorUid: text('actor_uid'),
    actorUidAlt: text('actor_uid_alt'),
    actorType: text('actor_type'),
    credentialUid: text('credential_uid'),
    issuer: text('issuer'),
    targetUser: text('target_user'),
  };
}

export function parseObject(text: string | null): JsonObject {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return {};
  }
}

export function eventRef(event: ActivityEvent): EventRef {
  return {
    uid: event.uid,
    time: new Date(event.time).toISOString(),
    operation: event.operation,
    accountId: event.accountId,
    region: event.region,
  };
}

/** A string at a dotted path inside parsed request or response data. */
export function dataString(data: JsonObject, path: string): string | null {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as JsonObject)[key];
  }
  return typeof value === 'string' ? value : null;
}
