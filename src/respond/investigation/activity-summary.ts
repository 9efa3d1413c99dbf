// What a principal's events add up to: calls by service and operation, where they came from, and which
// resources they touched and how.

import { type ActivityEvent, dataString, type EventRef, eventRef } from './activity-events.ts';

export interface OperationSummary {
  readonly service: string;
  readonly operation: string;
  readonly count: number;
  readonly failures: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The accounts the calls were recorded in. */
  readonly accounts: readonly string[];
  /** Create*, Attach*, Put* and Delete* calls: the ones that change the account. */
  readonly changes: boolean;
}

export interface SourceSummary {
  readonly value: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The accounts the calls were recorded in. */
  readonly accounts: readonly string[];
}

const accountsOf = (events: readonly ActivityEvent[]): string[] =>
  [...new Set(events.map((e) => e.accountId))].filter((a) => a !== '').sort();

export type Access = 'read' | 'write' | 'delete';

/** What one actor did to one resource: the investigated principal, or a principal it created. */
export interface TouchedResource {
  readonly type: 'bucket' | 'object' | 'user' | 'role' | 'policy' | 'instance';
  readonly id: string;
  /** The actor's ARN; for the investigated principal its own ARN, whichever session or key it used. */
  readonly by: string;
  /** False when a principal it created made these calls. */
  readonly byPrincipal: boolean;
  readonly access: readonly Access[];
  readonly operations: readonly string[];
  readonly failures: number;
  readonly first: EventRef;
  readonly last: EventRef;
}

const CHANGE = /^(Create|Attach|Put|Delete)/;
const READ = /^(Get|List|Describe|Head|Select|Lookup|Search|Scan|Query|BatchGet)/;
const DELETE = /^(Delete|Remove|Detach|Terminate|Deactivate|Disable|Revoke)/;

export function accessOf(operation: string): Access {
  if (READ.test(operation)) return 'read';
  return DELETE.test(operation) ? 'delete' : 'write';
}

const iso = (time: number): string => new Date(time).toISOString();

/** Events come in time order, so the first one grouped is the first seen. */
function groupBy<T>(events: readonly ActivityEvent[], keys: (e: ActivityEvent) => T[]): Map<T, ActivityEvent[]> {
  const groups = new Map<T, ActivityEvent[]>();
  for (const event of events) {
    for (const key of keys(event)) {
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [event]);
      else group.push(event);
    }
  }
  return groups;
}

export function summariseOperations(events: readonly ActivityEvent[]): OperationSummary[] {
  const groups = groupBy(events, (e) => [`${e.service}\u0000${e.operation}`]);
  return [...groups.values()]
    .map((group) => {
      const first = group[0] as ActivityEvent;
      return {
        service: first.service,
        operation: first.operation,
        count: group.length,
        failures: group.filter((e) => !e.succeeded).length,
        firstSeen: iso(first.time),
        lastSeen: iso((group[group.length - 1] as ActivityEvent).time),
        accounts: accountsOf(group),
        changes: CHANGE.test(first.operation),
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
}

export function summariseSources(events: readonly ActivityEvent[], pick: (e: ActivityEvent) => string | null) {
  const groups = groupBy(events, (e) => {
    const value = pick(e);
    return value === null ? [] : [value];
  });
  return [...groups.entries()].map(
    ([value, group]): SourceSummary => ({
      value,
      count: group.length,
      firstSeen: iso((group[0] as ActivityEvent).time),
      lastSeen: iso((group[group.length - 1] as ActivityEvent).time),
      accounts: accountsOf(group),
    }),
  );
}

/** Resources named by a call's request (and, for RunInstances, its response), each as type and id. */
function resourcesOf(event: ActivityEvent): { type: TouchedResource['type']; id: string }[] {
  const { request, response } = event;
  const bucket = dataString(request, 'bucketName');
  const key = dataString(request, 'key');
  const found: { type: TouchedResource['type']; id: string }[] = [];
  if (bucket !== null)
    found.push(key === null ? { type: 'bucket', id: bucket } : { type: 'object', id: `s3://${bucket}/${key}` });
  if (event.service === 'iam.amazonaws.com') {
    const user = dataString(request, 'userName');
    const role = dataString(request, 'roleName');
    const policy = dataString(request, 'policyArn');
    if (user !== null) found.push({ type: 'user', id: user });
    if (role !== null) found.push({ type: 'role', id: role });
    if (policy !== null) found.push({ type: 'policy', id: policy });
  }
  for (const data of [request, response]) {
    for (const id of instanceIds(data)) found.push({ type: 'instance', id });
  }
  return found;
}

export function instanceIds(data: ActivityEvent['request']): string[] {
  const set = (data.instancesSet as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(set)) return [];
  return set.flatMap((item) => {
    const id = (item as { instanceId?: unknown }).instanceId;
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * One entry per resource and actor, so that what the principal did itself stays apart from what the
 * principals it created did. `principal` names the investigated principal and the uids of its own events.
 */
export function summariseResources(
  events: readonly ActivityEvent[],
  principal: { readonly arn: string; readonly eventKeys: ReadonlySet<string> },
): TouchedResource[] {
  const actor = (e: ActivityEvent) =>
    principal.eventKeys.has(e.key) ? principal.arn : (e.actorUid ?? e.actorName ?? 'unknown');
  const groups = groupBy(events, (e) => resourcesOf(e).map((r) => `${r.type}\u0000${r.id}\u0000${actor(e)}`));
  return [...groups.entries()]
    .map(([key, group]) => {
      const [type, id, by] = key.split('\u0000') as [TouchedResource['type'], string, string];
      const done = group.filter((e) => e.succeeded);
      return {
        type,
        id,
        by,
        byPrincipal: principal.eventKeys.has((group[0] as ActivityEvent).key),
        access: (['read', 'write', 'delete'] as const).filter((a) => done.some((e) => accessOf(e.operation) === a)),
        operations: [...new Set(group.map((e) => e.operation))],
        failures: group.length - done.length,
        first: eventRef(group[0] as ActivityEvent),
        last: eventRef(group[group.length - 1] as ActivityEvent),
      };
    })
    .sort(
      (a, b) =>
        Number(b.byPrincipal) - Number(a.byPrincipal) ||
        a.type.localeCompare(b.type) ||
        a.id.localeCompare(b.id) ||
        a.by.localeCompare(b.by),
    );
}
