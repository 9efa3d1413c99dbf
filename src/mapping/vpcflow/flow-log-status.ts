// NODATA and SKIPDATA flow records describe the log, not traffic: NODATA says the interface had no traffic in
// the window, SKIPDATA that flow records of the window were lost (an AWS capacity limit or internal error). They
// name no address, port or direction, so they make no Network Activity row (OCSF requires both endpoints, and
// Security Lake's mapping documents no row for them); they are counted and, for SKIPDATA, listed, so that a
// responder knows where the flow evidence has holes.

import { isoTime } from '../cloudtrail/cloudtrail-time.ts';
import { asText, type RawRecord } from '../cloudtrail/raw-fields.ts';

export const FLOW_LOG_STATUSES = ['NODATA', 'SKIPDATA'] as const;
export type FlowLogStatusName = (typeof FLOW_LOG_STATUSES)[number];

/** One NODATA or SKIPDATA record: where and when, as the record says. */
export interface FlowLogStatus {
  readonly status: FlowLogStatusName;
  readonly accountId: string;
  readonly region: string;
  readonly interfaceId: string | null;
  /** ISO 8601 UTC. */
  readonly start: string;
  readonly end: string | null;
}

export function flowLogStatusName(record: RawRecord): FlowLogStatusName | undefined {
  const status = asText(record.log_status);
  return FLOW_LOG_STATUSES.find((name) => name === status);
}

export function flowLogStatus(
  status: FlowLogStatusName,
  record: RawRecord,
  place: { readonly accountId: string; readonly region: string; readonly start: number; readonly end?: number },
): FlowLogStatus {
  return {
    status,
    accountId: place.accountId,
    region: place.region,
    interfaceId: asText(record.interface_id) ?? null,
    start: isoTime(place.start * 1000),
    end: place.end === undefined ? null : isoTime(place.end * 1000),
  };
}

/** What one status record means, for a reader: the reason it made no row. */
export function flowLogStatusReason(status: FlowLogStatusName): string {
  return status === 'NODATA'
    ? 'log-status NODATA record: no traffic on the interface in its window (counted, not a row)'
    : 'log-status SKIPDATA record: flow records of its window were lost (counted, not a row)';
}
