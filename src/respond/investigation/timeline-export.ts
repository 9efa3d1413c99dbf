// The investigated events as a timeline Timesketch imports as it is: `message`, `datetime` (ISO-8601) and
// `timestamp_desc`, then the OCSF fields flattened to one column each (written as CSV or JSON lines by the CLI).

import { type ActivityEvent, eventIdText } from './activity-events.ts';

export const TIMELINE_COLUMNS = [
  'message',
  'datetime',
  'timestamp_desc',
  'metadata_uid',
  'source_table',
  'accountid',
  'region',
  'api_service_name',
  'api_operation',
  'status',
  'api_response_error',
  'actor_user_type',
  'actor_user_name',
  'actor_user_uid',
  'actor_user_credential_uid',
  'actor_session_issuer',
  'src_endpoint_ip',
  'http_request_user_agent',
  'user_name',
  'api_request_data',
  'api_response_data',
] as const;

export type TimelineRow = Readonly<Record<(typeof TIMELINE_COLUMNS)[number], string>>;

function message(e: ActivityEvent): string {
  const target = [e.targetUser, e.request.bucketName, e.request.key, e.request.roleName]
    .filter((v) => typeof v === 'string')
    .join('/');
  const who = e.actorName ?? e.actorUid ?? 'unknown';
  const outcome = e.succeeded ? '' : ` (failed: ${e.error ?? e.status})`;
  return `${who} ${e.service} ${e.operation}${target ? ` ${target}` : ''}${outcome}${e.ip ? ` from ${e.ip}` : ''}`;
}

export function timelineRows(events: readonly ActivityEvent[]): TimelineRow[] {
  return events.map((e) => ({
    message: message(e),
    datetime: new Date(e.time).toISOString(),
    timestamp_desc: 'Event Time',
    metadata_uid: eventIdText(e.uid),
    source_table: e.source,
    accountid: e.accountId,
    region: e.region,
    api_service_name: e.service,
    api_operation: e.operation,
    status: e.status ?? '',
    api_response_error: e.error ?? '',
    actor_user_type: e.actorType ?? '',
    actor_user_name: e.actorName ?? '',
    actor_user_uid: e.actorUid ?? '',
    actor_user_credential_uid: e.credentialUid ?? '',
    actor_session_issuer: e.issuer ?? '',
    src_endpoint_ip: e.ip ?? '',
    http_request_user_agent: e.userAgent ?? '',
    user_name: e.targetUser ?? '',
    api_request_data: e.requestData ?? '',
    api_response_data: e.responseData ?? '',
  }));
}
