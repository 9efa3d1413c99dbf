// Where temporary credentials came from: each `ASIA…` key is traced to the STS call whose response
// issued it (AssumeRole and its SAML and web-identity forms, GetFederationToken, GetSessionToken), to
// who made that call, and on through role chains while the caller itself used a temporary key.

import { dataString, type EventRef, type JsonObject, parseObject } from './activity-events.ts';
import { activityTable, type InvestigationScope, sqlList } from './investigation-scope.ts';

export interface ChainCaller {
  readonly type: string | null;
  readonly arn: string | null;
  readonly accountId: string | null;
  readonly accessKeyId: string | null;
  /** The session the caller worked in carried this source identity (it passes down a role chain). */
  readonly sourceIdentity: string | null;
  readonly ip: string | null;
}

/** One issued credential: the session it opened, who asked for it, and the events that record it. */
export interface ChainLink {
  readonly accessKeyId: string;
  readonly operation: string;
  readonly roleArn: string | null;
  readonly sessionArn: string | null;
  readonly sessionName: string | null;
  /** The account the credential works in: the role's, or the caller's for a federation or session token. */
  readonly accountId: string | null;
  readonly sourceIdentity: string | null;
  readonly caller: ChainCaller;
  /** The caller's account is not the account the credential works in. */
  readonly crossAccount: boolean;
  /** A cross-account AssumeRole is recorded in both accounts: every copy is listed. */
  readonly events: readonly EventRef[];
}

const ISSUING = [
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
  'GetSessionToken',
];
/** Role chaining is limited by AWS to one-hour sessions; this only stops a loop in corrupt data. */
const MAX_HOPS = 10;
const ISSUED = `json_extract_scalar(api.response.data, '$.credentials.accessKeyId')`;

export const isTemporaryKey = (key: string | null): key is string => key !== null && /^ASIA/i.test(key);

/**
 * Every link above the given keys, in the order the credentials were issued. The chain is looked up
 * outside the investigation's window: a credential is issued before it is used.
 */
export async function credentialChain(scope: InvestigationScope, keys: readonly string[]): Promise<ChainLink[]> {
  const links = new Map<string, ChainLink>();
  let pending = [...new Set(keys.filter(isTemporaryKey))];
  for (let hop = 0; hop < MAX_HOPS && pending.length > 0; hop++) {
    const found = await issuingLinks(scope, pending);
    for (const link of found) links.set(link.accessKeyId, link);
    pending = [
      ...new Set(found.map((l) => l.caller.accessKeyId).filter((k) => isTemporaryKey(k) && !links.has(k))),
    ] as string[];
  }
  return [...links.values()].sort((a, b) => (a.events[0]?.time ?? '').localeCompare(b.events[0]?.time ?? ''));
}

async function issuingLinks(scope: InvestigationScope, keys: readonly string[]): Promise<ChainLink[]> {
  const result = await scope.engine.run(`SELECT ${ISSUED} AS issued, metadata.uid, time, accountid, region,
  api.operation, api.request.data, api.response.data, actor.user.type, actor.user.uid, actor.user.account.uid,
  actor.user.credential_uid, unmapped['userIdentity.sessionContext.sourceIdentity'], src_endpoint.ip
FROM ${activityTable(scope, 'cloud_trail_mgmt')}
WHERE api.operation IN (${sqlList(ISSUING)}) AND ${ISSUED} IN (${sqlList(keys)})
ORDER BY time, metadata.uid`);
  const byKey = new Map<string, ChainLink>();
  for (const row of result.rows) {
    const t = (i: number): string | null => (row[i] === null || row[i] === undefined ? null : String(row[i]));
    const key = t(0) as string;
    const event: EventRef = {
      uid: t(1),
      time: new Date(Number(row[2])).toISOString(),
      operation: t(5) ?? '',
      accountId: t(3) ?? '',
      region: t(4) ?? '',
    };
    const known = byKey.get(key);
    if (known) {
      byKey.set(key, { ...known, events: [...known.events, event] });
      continue;
    }
    const caller: ChainCaller = {
      type: t(8),
      arn: t(9),
      accountId: t(10) ?? t(3),
      accessKeyId: t(11),
      sourceIdentity: t(12),
      ip: t(13),
    };
    byKey.set(key, link(key, event, parseObject(t(6)), parseObject(t(7)), caller));
  }
  return [...byKey.values()];
}

function link(key: string, event: EventRef, request: JsonObject, response: JsonObject, caller: ChainCaller): ChainLink {
  const roleArn = dataString(request, 'roleArn');
  const sessionArn =
    dataString(response, 'assumedRoleUser.arn') ?? dataString(response, 'federatedUser.arn') ?? caller.arn;
  const accountId = accountOf(roleArn) ?? accountOf(sessionArn) ?? caller.accountId;
  return {
    accessKeyId: key,
    operation: event.operation,
    roleArn,
    sessionArn,
    sessionName: dataString(request, 'roleSessionName') ?? dataString(request, 'name'),
    accountId,
    sourceIdentity:
      dataString(response, 'sourceIdentity') ?? dataString(request, 'sourceIdentity') ?? caller.sourceIdentity,
    caller,
    crossAccount: accountId !== null && caller.accountId !== null && accountId !== caller.accountId,
    events: [event],
  };
}

/** `arn:aws:iam::111122223333:role/x` → `111122223333`. */
export function accountOf(arn: string | null): string | null {
  const account = arn?.split(':')[4];
  return account === undefined || account === '' ? null : account;
}
