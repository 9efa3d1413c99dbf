// Who "--principal" names: a user name, an ARN, a principal id or an access key id, matched against the
// actors CloudTrail recorded. An assumed-role session resolves to its role, and the role to every session;
// temporary keys are traced back through the STS calls that issued them (the role chain).

import type { QueryValue } from '../../query/index.ts';
import { TarnError } from '../../tarn-error.ts';
import {
  type ActivityEvent,
  type EventBatch,
  type EventRef,
  type PrincipalFilter,
  principalEvents,
} from './activity-events.ts';
import type { CreatedItem } from './created-resources.ts';
import { type ChainLink, credentialChain } from './credential-chain.ts';
import {
  ACTIVITY_SOURCES,
  activityTable,
  type InvestigationScope,
  sqlString,
  windowPredicate,
} from './investigation-scope.ts';
import { creationsOf } from './principal-creation.ts';
import { principalsElsewhere, type SeenElsewhere } from './principal-elsewhere.ts';
import { arnAccount } from './related-findings.ts';

export interface ResolvedPrincipal {
  /** What the user typed. */
  readonly query: string;
  /** `IAMUser`, `Root`, … as CloudTrail types the actor; `Role` for a role and all its sessions. */
  readonly type: string;
  readonly name: string;
  readonly arn: string;
  readonly accountIds: readonly string[];
  readonly principalIds: readonly string[];
  readonly accessKeyIds: readonly string[];
  /** Assumed-role session ARNs, for a role. */
  readonly sessions: readonly string[];
  /**
   * How its temporary keys were issued, oldest first: for a key asked for by id, that key's chain back to
   * a long-term identity; otherwise the chains of every temporary key the principal used.
   */
  readonly chain: readonly ChainLink[];
  /** The CreateUser or CreateRole call that made it, when the lake holds it: who, and the proving event. */
  readonly creation: { readonly by: string; readonly proof: EventRef } | null;
  /** Where outside CloudTrail the lake saw it: for a principal only EKS audit logs or findings name. */
  readonly elsewhere: readonly SeenElsewhere[];
  readonly filter: PrincipalFilter;
}

interface IdentityRow {
  readonly type: string | null;
  readonly name: string | null;
  readonly uid: string | null;
  readonly uidAlt: string | null;
  readonly issuer: string | null;
  readonly credentialUid: string | null;
  readonly accountId: string | null;
}

async function identityRows(scope: InvestigationScope, predicate: string): Promise<IdentityRow[]> {
  const sql = ACTIVITY_SOURCES.map(
    (source) => `SELECT DISTINCT actor.user.type, actor.user.name, actor.user.uid, actor.user.uid_alt,
  actor.session.issuer, actor.user.credential_uid, accountid
FROM ${activityTable(scope, source)}
WHERE (${predicate}) AND ${windowPredicate(scope.window)}`,
  ).join('\nUNION\n');
  const result = await scope.engine.run(sql);
  const text = (value: QueryValue | undefined): string | null =>
    value === null || value === undefined ? null : String(value);
  return result.rows.map((row) => ({
    type: text(row[0]),
    name: text(row[1]),
    uid: text(row[2]),
    uidAlt: text(row[3]),
    issuer: text(row[4]),
    credentialUid: text(row[5]),
    accountId: text(row[6]),
  }));
}

function matches(row: IdentityRow, query: string): boolean {
  const q = query.toLowerCase();
  const eq = (value: string | null) => value !== null && value.toLowerCase() === q;
  const issuer = row.issuer?.toLowerCase() ?? '';
  return (
    eq(row.name) ||
    eq(row.uid) ||
    eq(row.uidAlt) ||
    eq(row.credentialUid) ||
    (row.uidAlt?.toLowerCase().startsWith(`${q}:`) ?? false) ||
    issuer === q ||
    (issuer.includes(':role/') && issuer.endsWith(`/${q}`))
  );
}

/** The identity a row belongs to: the role for a session, the actor's own ARN otherwise. */
function identityOf(row: IdentityRow): { type: string; arn: string } | null {
  if (row.issuer?.includes(':role/')) return { type: 'Role', arn: row.issuer };
  return row.uid === null ? null : { type: row.type ?? 'Unknown', arn: row.uid };
}

/** The identity rows of a principal's own events: what `identityRows` returns for its filter, without a scan. */
function rowsOf(events: readonly ActivityEvent[]): IdentityRow[] {
  return events.map((e) => ({
    type: e.actorType,
    name: e.actorName,
    uid: e.actorUid,
    uidAlt: e.actorUidAlt,
    issuer: e.issuer,
    credentialUid: e.credentialUid,
    accountId: e.accountId === '' ? null : e.accountId,
  }));
}

/** The principal, and its own events (read once: its keys, sessions and accounts come from them). */
export async function resolvePrincipal(
  scope: InvestigationScope,
  query: string,
): Promise<{ principal: ResolvedPrincipal; own: EventBatch }> {
  const q = sqlString(query.toLowerCase());
  const candidates = await identityRows(
    scope,
    `lower(actor.user.name) = ${q} OR lower(actor.user.uid) = ${q} OR lower(actor.user.uid_alt) = ${q}
  OR lower(actor.user.uid_alt) LIKE ${q} || ':%' OR lower(actor.user.credential_uid) = ${q}
  OR lower(actor.session.issuer) = ${q} OR lower(actor.session.issuer) LIKE '%/' || ${q}`,
  );
  const identities = new Map<string, { type: string; arn: string }>();
  for (const row of candidates.filter((r) => matches(r, query))) {
    const identity = identityOf(row);
    if (identity) identities.set(identity.arn, identity);
  }
  const [identity, ...others] = [...identities.values()];
  if (identity === undefined) {
    const principal = await unusedPrincipal(scope, query);
    return { principal, own: await principalEvents(scope, principal.filter) };
  }
  if (others.length > 0) ambiguous(query, [identity, ...others]);
  const filter = filterOf(identity);
  const own = await principalEvents(scope, filter);
  const rows = own.truncated
    ? await identityRows(
        scope,
        identity.type === 'Role'
          ? `actor.session.issuer = ${sqlString(identity.arn)}`
          : `actor.user.uid = ${sqlString(identity.arn)}`,
      )
    : rowsOf(own.events);
  const distinct = (pick: (row: IdentityRow) => string | null): string[] =>
    [...new Set(rows.map(pick).filter((v): v is string => v !== null))].sort();
  const askedKey = candidates.find((r) => r.credentialUid?.toLowerCase() === query.toLowerCase())?.credentialUid;
  const accessKeyIds = distinct((r) => r.credentialUid);
  const principal: ResolvedPrincipal = {
    query,
    type: identity.type,
    name: identity.arn.slice(Math.max(identity.arn.lastIndexOf('/'), identity.arn.lastIndexOf(':')) + 1),
    arn: identity.arn,
    accountIds: distinct((r) => r.accountId),
    principalIds: distinct((r) => r.uidAlt),
    accessKeyIds,
    sessions: identity.type === 'Role' ? distinct((r) => r.uid) : [],
    chain: await credentialChain(scope, askedKey ? [askedKey] : accessKeyIds),
    creation: creationOf((await creationsOf(scope, identity.arn, arnAccount(identity.arn))).at(-1)),
    elsewhere: [],
    filter,
  };
  return { principal, own };
}

function filterOf(identity: { type: string; arn: string }): PrincipalFilter {
  return identity.type === 'Role'
    ? { uids: [], issuers: [identity.arn], credentialUids: [] }
    : { uids: [identity.arn], issuers: [], credentialUids: [] };
}

function ambiguous(query: string, identities: readonly { arn: string }[]): never {
  const arns = identities.map((i) => `  ${i.arn}`).join('\n');
  throw new TarnError(`"${query}" names more than one principal; pass one of these ARNs:\n${arns}`, 2);
}

const creationOf = (item: CreatedItem | undefined) => (item ? { by: item.createdBy, proof: item.proof } : null);

/**
 * A user or role that made no call (in the window) but whose creation is in the lake: it is reported with
 * no activity of its own, so that what it is, who made it and its findings and containment still show.
 */
async function unusedPrincipal(scope: InvestigationScope, query: string): Promise<ResolvedPrincipal> {
  const creations = await creationsOf(scope, query);
  const arns = [...new Set(creations.map((c) => c.arn ?? ''))];
  const [arn, ...others] = arns;
  if (arn === undefined) return seenElsewhere(scope, query);
  if (others.length > 0)
    ambiguous(
      query,
      arns.map((a) => ({ arn: a })),
    );
  const created = creations.filter((c) => c.arn === arn).at(-1) as CreatedItem;
  const identity = { type: created.kind === 'role' ? 'Role' : 'IAMUser', arn };
  return {
    query,
    type: identity.type,
    name: created.id,
    arn,
    accountIds: [created.proof.accountId],
    principalIds: [],
    accessKeyIds: [],
    sessions: [],
    chain: [],
    creation: creationOf(created),
    elsewhere: [],
    filter: filterOf(identity),
  };
}

/** A principal CloudTrail never recorded, from the EKS audit events or findings that name it. */
async function seenElsewhere(scope: InvestigationScope, query: string): Promise<ResolvedPrincipal> {
  const [found, ...others] = await principalsElsewhere(scope, query);
  if (found === undefined) {
    const windowed = scope.window.from !== null || scope.window.to !== null;
    throw new TarnError(
      `no CloudTrail event in the lake was made by "${query}"${windowed ? ' (in the time window given)' : ''}, and no CreateUser or CreateRole call in it created a principal of that name, nor does an EKS audit event or finding name it`,
    );
  }
  if (others.length > 0) ambiguous(query, [found, ...others]);
  const type = found.arn.includes(':role/') ? 'Role' : found.arn.includes(':user/') ? 'IAMUser' : 'KubernetesUser';
  return {
    query,
    type,
    name: found.arn.slice(Math.max(found.arn.lastIndexOf('/'), found.arn.lastIndexOf(':')) + 1),
    arn: found.arn,
    accountIds: found.accountIds,
    principalIds: [],
    accessKeyIds: found.accessKeyIds,
    sessions: [],
    chain: [],
    creation: null,
    elsewhere: found.seen,
    filter: filterOf({ type, arn: found.arn }),
  };
}
