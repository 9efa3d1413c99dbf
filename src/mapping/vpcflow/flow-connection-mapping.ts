// `connection_info`: the protocol and TCP flags, the IP version (`type`), the direction (`flow_direction`)
// and the boundary the traffic crossed (`traffic_path`), with OCSF 1.1.0's ids and captions.

import { type ConsumedPaths, type RawRecord, takeText } from '../cloudtrail/raw-fields.ts';
import { takeInteger } from './flow-fields.ts';

export interface OcsfConnectionInfo {
  protocol_num?: number;
  tcp_flags?: number;
  protocol_ver?: string;
  boundary_id?: number;
  boundary?: string;
  direction_id: number;
  direction: string;
}

/** `network_connection_info.direction_id`; 0 Unknown when the format has no flow-direction (the default v2). */
export const INBOUND = 1;
export const OUTBOUND = 2;
const DIRECTIONS: ReadonlyMap<unknown, readonly [number, string]> = new Map([
  ['ingress', [INBOUND, 'Inbound']],
  ['egress', [OUTBOUND, 'Outbound']],
]);
const UNKNOWN_DIRECTION = [0, 'Unknown'] as const;

/**
 * `traffic-path` 1 to 8, in AWS's order (same VPC, internet or gateway endpoint, virtual private gateway,
 * intra-region peering, inter-region peering, local gateway, gateway endpoint, internet gateway), is
 * OCSF's boundary_id 4 to 11, whose captions name the same paths.
 */
const BOUNDARIES: readonly string[] = [
  'Same VPC',
  'Internet/VPC Gateway',
  'Virtual Private Gateway',
  'Intra-region VPC',
  'Inter-region VPC',
  'Local Gateway',
  'Gateway VPC',
  'Internet Gateway',
];
const FIRST_BOUNDARY_ID = 4;

export function mapConnectionInfo(record: RawRecord, consumed: ConsumedPaths): OcsfConnectionInfo {
  const direction = DIRECTIONS.get(record.flow_direction);
  if (direction !== undefined) consumed.add('flow_direction');
  const [directionId, directionName] = direction ?? UNKNOWN_DIRECTION;
  const info: OcsfConnectionInfo = { direction_id: directionId, direction: directionName };
  const protocol = takeInteger(record, 'protocol', consumed);
  if (protocol !== undefined) info.protocol_num = protocol;
  const tcpFlags = takeInteger(record, 'tcp_flags', consumed);
  if (tcpFlags !== undefined) info.tcp_flags = tcpFlags;
  const version = takeText(record, 'type', 'type', consumed);
  if (version !== undefined) info.protocol_ver = version;
  const path = takeInteger(record, 'traffic_path', consumed, BOUNDARIES.length, 1);
  if (path !== undefined) {
    info.boundary_id = path - 1 + FIRST_BOUNDARY_ID;
    info.boundary = BOUNDARIES[path - 1] as string;
  }
  return info;
}
