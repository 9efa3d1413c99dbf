// VPC flow record → one Security Lake 2.0 `vpc_flow` row, Network Activity 4001, mapped the way Security
// Lake maps it (see /work/shared/reference/security-lake-2.0-mapping.md §4 and the AWS dossier it cites).
// Records are keyed by the fields' underscore names (src/sources/vpc-flow-fields.ts). Pure and synchronous:
// the ingest hot path calls it once per record.

import { isoTime } from '../cloudtrail/cloudtrail-time.ts';
import { asText, type RawRecord, takeText } from '../cloudtrail/raw-fields.ts';
import type { MapOutcome, OcsfRow } from '../ocsf-row.ts';
import { ConsumedPaths, flattenUnmapped } from '../unmapped-flattener.ts';
import { flowOutcome, NETWORK_ACTIVITY } from './flow-activity-mapping.ts';
import { mapConnectionInfo } from './flow-connection-mapping.ts';
import { endpointObservables, mapEndpoints } from './flow-endpoints-mapping.ts';
import { takeInteger } from './flow-fields.ts';
import { flowLogStatus, flowLogStatusName, flowLogStatusReason } from './flow-log-status.ts';
import { mapFlowCloud, mapFlowMetadata } from './flow-metadata-mapping.ts';

/** Reused across calls, as the CloudTrail mapping does: mapping is synchronous and nothing keeps the set. */
const consumed = new ConsumedPaths();

export function mapVpcFlowRecord(record: RawRecord): MapOutcome {
  consumed.reset();
  const start = takeInteger(record, 'start', consumed);
  if (start === undefined) {
    const reason =
      record.start === undefined ? 'record has no start' : `start ${quote(record.start)} is not epoch seconds`;
    return { ok: false, reason };
  }
  const accountId = takeText(record, 'account_id', 'account_id', consumed);
  if (accountId === undefined) {
    return { ok: false, reason: 'record has no account_id, and its file is not under AWSLogs/<account>/vpcflowlogs/' };
  }
  const region = takeText(record, 'region', 'region', consumed);
  if (region === undefined) {
    return {
      ok: false,
      reason: 'record has no region, and its file is not under AWSLogs/<account>/vpcflowlogs/<region>/',
    };
  }
  const connection = mapConnectionInfo(record, consumed);
  const endpoints = mapEndpoints(record, connection.direction_id, consumed);
  if (endpoints.src === undefined || endpoints.dst === undefined) {
    // NODATA and SKIPDATA records name no traffic: no address, port or direction to build endpoints from.
    const status = flowLogStatusName(record);
    if (status !== undefined) {
      const end = takeInteger(record, 'end', consumed);
      const place = { accountId, region, start, ...(end === undefined ? {} : { end }) };
      return { ok: false, reason: flowLogStatusReason(status), logStatus: flowLogStatus(status, record, place) };
    }
    const text = asText(record.log_status);
    const which = text === undefined ? 'record' : `log-status ${text} record`;
    return {
      ok: false,
      reason: `${which} has no source or destination: OCSF Network Activity requires src_endpoint and dst_endpoint`,
    };
  }
  const ms = start * 1000;
  const row: Record<string, unknown> = {
    metadata: mapFlowMetadata(record, consumed),
    cloud: mapFlowCloud(record, accountId, region, consumed),
    src_endpoint: endpoints.src,
    dst_endpoint: endpoints.dst,
    connection_info: connection,
    time: ms,
    time_dt: isoTime(ms),
    start_time_dt: isoTime(ms),
    severity_id: 1,
    severity: 'Informational',
    ...NETWORK_ACTIVITY,
    ...flowOutcome(record, consumed),
  };
  const end = takeInteger(record, 'end', consumed);
  if (end !== undefined) row.end_time_dt = isoTime(end * 1000);
  const packets = takeInteger(record, 'packets', consumed);
  const bytes = takeInteger(record, 'bytes', consumed);
  if (packets !== undefined || bytes !== undefined) row.traffic = trafficOf(packets, bytes);
  const status = takeText(record, 'log_status', 'log_status', consumed);
  if (status !== undefined) row.status_code = status;
  const observables = endpointObservables(endpoints);
  if (observables !== undefined) row.observables = observables;
  const unmapped = flattenUnmapped(record, consumed);
  if (unmapped !== undefined) row.unmapped = unmapped;
  row.accountid = accountId;
  row.region = region;
  return { ok: true, source: 'vpc_flow', row: row as OcsfRow };
}

function trafficOf(packets: number | undefined, bytes: number | undefined): { packets?: number; bytes?: number } {
  const traffic: { packets?: number; bytes?: number } = {};
  if (packets !== undefined) traffic.packets = packets;
  if (bytes !== undefined) traffic.bytes = bytes;
  return traffic;
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
