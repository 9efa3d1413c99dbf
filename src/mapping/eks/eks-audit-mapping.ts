// One Kubernetes audit event of an EKS cluster → one `eks_audit` row, API Activity (6003), as Amazon
// Security Lake source version 2.0 maps it (reference §4 "EKS audit"; AWS's OCSF 1.1.0 dossier and sample).
// Audit events name no AWS region, and their account only through the user: both come from the delivery
// path the reader attached, the account otherwise from the user's ARN or authenticator uid.

import { originOf } from '../../sources/delivery-path.ts';
import { isoTime } from '../cloudtrail/cloudtrail-time.ts';
import type { MapOutcome, OcsfRow } from '../ocsf-row.ts';
import { asRecord, type RawRecord, takeString, takeStrings, takeTime } from '../record-fields.ts';
import { resolvePartition } from '../record-partition.ts';
import { IP_ADDRESS, Observables, RESOURCE_UID, URL_STRING, USER_NAME } from '../row-observables.ts';
import { ConsumedPaths, flattenUnmapped } from '../unmapped-flattener.ts';
import { auditEventAccount } from './eks-account.ts';
import { mapActor } from './eks-actor-mapping.ts';
import { activityOf, mapApi } from './eks-api-mapping.ts';
import { mapResources } from './eks-resources-mapping.ts';

const PROFILES: readonly string[] = Object.freeze(['cloud', 'datetime']);
const FEATURE = Object.freeze({ name: 'Elastic Kubernetes Service' });

/** Reused across calls: mapping is synchronous and flattenUnmapped does not keep the set. */
const consumed = new ConsumedPaths();

export function mapEksAuditEvent(record: Readonly<Record<string, unknown>>): MapOutcome {
  const event = asRecord(record);
  if (event === undefined) return { ok: false, reason: 'record is not a JSON object' };
  consumed.reset();
  // stageTimestamp is when the stage (`ResponseComplete`) was reached; a request cut short has only
  // requestReceivedTimestamp, which is the next best instant.
  const start = takeTime(event, 'requestReceivedTimestamp', 'requestReceivedTimestamp', consumed);
  const time = takeTime(event, 'stageTimestamp', 'stageTimestamp', consumed) ?? start;
  if (time === undefined)
    return { ok: false, reason: 'record has no parseable stageTimestamp or requestReceivedTimestamp' };
  // The cluster's account is the delivery path's; the user's may be another account's, so it comes second.
  const accountId = originOf(event)?.accountId ?? auditEventAccount(event);
  const partition = resolvePartition(
    event,
    { accountId, region: undefined },
    'the audit event names no AWS user (user.extra.arn, user.uid aws-iam-authenticator:<account>:…)',
  );
  if (!partition.ok) return partition;

  const verb = takeString(event, 'verb', 'verb', consumed);
  const row: Record<string, unknown> = {
    metadata: mapMetadata(event),
    time,
    time_dt: isoTime(time),
    cloud: { account: { uid: partition.accountId }, provider: 'AWS' },
    ...activityOf(verb),
  };
  if (start !== undefined) row.start_time_dt = isoTime(start);
  const api = mapApi(event, verb, consumed);
  if (api !== undefined) row.api = api;
  const stage = takeString(event, 'stage', 'stage', consumed);
  if (stage !== undefined) row.message = stage;
  const httpRequest = mapHttpRequest(event);
  if (httpRequest !== undefined) row.http_request = httpRequest;
  const actor = mapActor(event, consumed);
  if (actor !== undefined) row.actor = actor;
  const source = mapSource(event);
  if (source !== undefined) row.src_endpoint = source;
  const resources = mapResources(event, consumed);
  if (resources !== undefined) row.resources = resources;

  const observables = new Observables()
    .add('actor.user.name', USER_NAME, actor?.user?.name)
    .add('src_endpoint.ip', IP_ADDRESS, source?.ip)
    .add('http_request.url.path', URL_STRING, httpRequest?.url?.path)
    .add('resources[].uid', RESOURCE_UID, resources?.[0]?.uid)
    .list();
  if (observables !== undefined) row.observables = observables;
  const unmapped = flattenUnmapped(event, consumed);
  if (unmapped !== undefined) row.unmapped = unmapped;
  row.accountid = partition.accountId;
  row.region = partition.region;
  return { ok: true, source: 'eks_audit', row: row as OcsfRow };
}

function mapMetadata(event: RawRecord) {
  const product: Record<string, unknown> = { name: 'Amazon EKS', vendor_name: 'AWS', feature: FEATURE };
  const version = takeString(event, 'apiVersion', 'apiVersion', consumed);
  if (version !== undefined) product.version = version;
  const metadata: Record<string, unknown> = { product, profiles: PROFILES, version: '1.1.0' };
  const level = takeString(event, 'level', 'level', consumed);
  if (level !== undefined) metadata.log_level = level;
  return metadata;
}

function mapHttpRequest(event: RawRecord) {
  const path = takeString(event, 'requestURI', 'requestURI', consumed);
  const userAgent = takeString(event, 'userAgent', 'userAgent', consumed);
  if (path === undefined && userAgent === undefined) return undefined;
  return {
    ...(path !== undefined && { url: { path } }),
    ...(userAgent !== undefined && { user_agent: userAgent }),
  };
}

/** The client first, then the proxies it came through, as the API server lists them. */
function mapSource(event: RawRecord) {
  const addresses = takeStrings(event, 'sourceIPs', 'sourceIPs', consumed);
  const [ip, ...intermediate] = addresses ?? [];
  if (ip === undefined) return undefined;
  return intermediate.length > 0 ? { ip, intermediate_ips: intermediate } : { ip };
}
