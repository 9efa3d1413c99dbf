// CloudTrail record → one Security Lake 2.0 row (cloud_trail_mgmt, s3_data or lambda_execution), mapped the
// way Security Lake maps it (see /work/shared/reference/security-lake-2.0-mapping.md §2). Pure and
// synchronous: the ingest hot path calls it once per record.

import type { MapOutcome, OcsfRow } from '../ocsf-row.ts';
import { ConsumedPaths, flattenUnmapped } from '../unmapped-flattener.ts';
import { accountChangePolicy, accountChangeUser } from './account-change-mapping.ts';
import { mapActor } from './actor-mapping.ts';
import { mapResources } from './api-activity-mapping.ts';
import { mapApi } from './api-mapping.ts';
import { authenticationUser, consoleLoginStatus, loginDestination, mfaUsed } from './authentication-mapping.ts';
import { classifyEvent } from './class-selection.ts';
import { routeEvent } from './cloudtrail-routing.ts';
import { statusOf } from './cloudtrail-status.ts';
import { isoTime, resolveEventTime } from './cloudtrail-time.ts';
import { mapSourceEndpoint } from './endpoint-mapping.ts';
import { mapCloud, mapMetadata } from './metadata-mapping.ts';
import { mapObservables } from './observables-mapping.ts';
import { ACCOUNT_CHANGE, AUTHENTICATION } from './ocsf-classes.ts';
import { missingRequirement } from './ocsf-requirements.ts';
import { asRecord, asText, type RawRecord, takeText } from './raw-fields.ts';

const NOT_AN_OBJECT: MapOutcome = { ok: false, reason: 'record is not a JSON object' };

/**
 * Reused across calls to spare the hot path one Set per record: mapping is synchronous and flattenUnmapped
 * does not keep the set, so no two records ever share it.
 */
const consumed = new ConsumedPaths();

export function mapCloudTrailEvent(event: Readonly<Record<string, unknown>>): MapOutcome {
  const record = asRecord(event);
  if (record === undefined) return NOT_AN_OBJECT;
  const route = routeEvent(record);
  if (!route.ok) return route;
  consumed.reset();
  const time = resolveEventTime(record, consumed);
  if (!time.ok) return time;
  const region = presentText(record.awsRegion);
  if (region === undefined) return { ok: false, reason: 'record has no awsRegion' };
  // recipientAccountId stays in `unmapped` as well (Security Lake keeps it there), so it is not consumed.
  const accountId = presentText(record.recipientAccountId) ?? presentText(asRecord(record.userIdentity)?.accountId);
  if (accountId === undefined)
    return { ok: false, reason: 'record has no recipientAccountId or userIdentity.accountId' };
  const eventName = presentText(record.eventName);
  if (eventName === undefined) return { ok: false, reason: 'record has no eventName' };
  consumed.add('eventName');

  const kind = classifyEvent(eventName, route.isDataEvent);
  const api = mapApi(record, eventName, consumed);
  const row: Record<string, unknown> = {
    metadata: mapMetadata(record, consumed),
    time: time.ms,
    time_dt: isoTime(time.ms),
    cloud: mapCloud(region, consumed),
    api,
    class_name: kind.ocsfClass.name,
    class_uid: kind.ocsfClass.uid,
    category_name: kind.ocsfClass.categoryName,
    category_uid: kind.ocsfClass.categoryUid,
    severity_id: 1,
    severity: 'Informational',
    activity_name: kind.activityName,
    activity_id: kind.activityId,
    type_uid: kind.typeUid,
    type_name: kind.typeName,
    status: statusOf(api.response?.error),
  };
  const actor = mapActor(record, consumed);
  if (actor !== undefined) row.actor = actor;
  const userAgent = takeText(record, 'userAgent', 'userAgent', consumed);
  if (userAgent !== undefined) row.http_request = { user_agent: userAgent };
  const srcEndpoint = mapSourceEndpoint(record, consumed);
  if (srcEndpoint !== undefined) row.src_endpoint = srcEndpoint;

  const ocsfClass = kind.ocsfClass;
  const resources =
    ocsfClass === ACCOUNT_CHANGE || ocsfClass === AUTHENTICATION ? undefined : mapResources(record, consumed);
  if (resources !== undefined) row.resources = resources;
  const user =
    ocsfClass === ACCOUNT_CHANGE
      ? accountChangeUser(record)
      : ocsfClass === AUTHENTICATION
        ? authenticationUser(record)
        : undefined;
  if (user !== undefined) row.user = user;
  if (ocsfClass === ACCOUNT_CHANGE) {
    const policy = accountChangePolicy(record);
    if (policy !== undefined) row.policy = policy;
  } else if (ocsfClass === AUTHENTICATION) {
    mapAuthenticationColumns(record, row);
  }

  const missing = missingRequirement(ocsfClass, row);
  if (missing !== undefined) return { ok: false, reason: missing };
  const observables = mapObservables({
    srcIp: srcEndpoint?.ip,
    actorUserName: actor?.user?.name,
    userName: user?.name,
    resources,
  });
  if (observables !== undefined) row.observables = observables;
  const unmapped = flattenUnmapped(record, consumed);
  if (unmapped !== undefined) row.unmapped = unmapped;
  row.accountid = accountId;
  row.region = region;
  return { ok: true, source: route.source, row: row as OcsfRow };
}

function mapAuthenticationColumns(record: RawRecord, row: Record<string, unknown>): void {
  const loginStatus = consoleLoginStatus(record);
  if (loginStatus !== undefined) row.status = loginStatus;
  const isMfa = mfaUsed(record, consumed);
  if (isMfa !== undefined) row.is_mfa = isMfa;
  const destination = loginDestination(record, consumed);
  if (destination !== undefined) row.dst_endpoint = destination;
}

/** Routing values must name something: an empty string is as good as absent. */
function presentText(value: unknown): string | undefined {
  const text = asText(value);
  return text === '' ? undefined : text;
}
