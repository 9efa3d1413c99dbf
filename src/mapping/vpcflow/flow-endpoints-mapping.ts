// `src_endpoint` and `dst_endpoint` (reference §4 and the AWS dossier for VPC Flowlogs): the packet-level
// address is the endpoint's ip when it differs from the interface-level one, which then becomes the hop
// between (`intermediate_ips`), as behind a NAT gateway. The network interface and what it belongs to
// describe the endpoint on the interface's side: the destination of ingress traffic, the source of egress.

import type { OcsfObservable } from '../cloudtrail/observables-mapping.ts';
import { type ConsumedPaths, nonEmpty, type RawRecord, takeText } from '../cloudtrail/raw-fields.ts';
import { IP_ADDRESS, Observables, RESOURCE_UID } from '../row-observables.ts';
import { INBOUND, OUTBOUND } from './flow-connection-mapping.ts';
import { takeInteger } from './flow-fields.ts';

export interface OcsfFlowEndpoint {
  ip?: string;
  intermediate_ips?: string[];
  port?: number;
  svc_name?: string;
  interface_uid?: string;
  vpc_uid?: string;
  instance_uid?: string;
  subnet_uid?: string;
}

interface EndpointFields {
  readonly address: string;
  readonly packetAddress: string;
  readonly port: string;
  readonly service: string;
}

const SOURCE: EndpointFields = {
  address: 'srcaddr',
  packetAddress: 'pkt_srcaddr',
  port: 'srcport',
  service: 'pkt_src_aws_service',
};
const DESTINATION: EndpointFields = {
  address: 'dstaddr',
  packetAddress: 'pkt_dstaddr',
  port: 'dstport',
  service: 'pkt_dst_aws_service',
};
const MAX_PORT = 65535;

export interface FlowEndpoints {
  readonly src: OcsfFlowEndpoint | undefined;
  readonly dst: OcsfFlowEndpoint | undefined;
}

/**
 * `directionId` is connection_info's. Without a direction (the default v2 format has no flow-direction) the
 * interface fields go on neither endpoint and stay in `unmapped`: the dossier places them only under
 * ingress or egress, and a side guessed from the addresses would be wrong for traffic the interface forwards.
 */
export function mapEndpoints(record: RawRecord, directionId: number, consumed: ConsumedPaths): FlowEndpoints {
  const src = endpoint(record, SOURCE, consumed);
  const dst = endpoint(record, DESTINATION, consumed);
  if (directionId === INBOUND) addInterface(record, dst, consumed);
  else if (directionId === OUTBOUND) addInterface(record, src, consumed);
  return { src: nonEmpty(src), dst: nonEmpty(dst) };
}

function endpoint(record: RawRecord, fields: EndpointFields, consumed: ConsumedPaths): OcsfFlowEndpoint {
  const result: OcsfFlowEndpoint = {};
  const address = takeText(record, fields.address, fields.address, consumed);
  const packetAddress = takeText(record, fields.packetAddress, fields.packetAddress, consumed);
  if (address !== undefined && packetAddress !== undefined && packetAddress !== address) {
    result.ip = packetAddress;
    result.intermediate_ips = [address];
  } else {
    const ip = address ?? packetAddress;
    if (ip !== undefined) result.ip = ip;
  }
  const port = takeInteger(record, fields.port, consumed, MAX_PORT);
  if (port !== undefined) result.port = port;
  const service = takeText(record, fields.service, fields.service, consumed);
  if (service !== undefined) result.svc_name = service;
  return result;
}

function addInterface(record: RawRecord, target: OcsfFlowEndpoint, consumed: ConsumedPaths): void {
  const interfaceUid = takeText(record, 'interface_id', 'interface_id', consumed);
  if (interfaceUid !== undefined) target.interface_uid = interfaceUid;
  const vpcUid = takeText(record, 'vpc_id', 'vpc_id', consumed);
  if (vpcUid !== undefined) target.vpc_uid = vpcUid;
  const instanceUid = takeText(record, 'instance_id', 'instance_id', consumed);
  if (instanceUid !== undefined) target.instance_uid = instanceUid;
  const subnetUid = takeText(record, 'subnet_id', 'subnet_id', consumed);
  if (subnetUid !== undefined) target.subnet_uid = subnetUid;
}

/** The endpoints' addresses and instances, named by their column, as Security Lake lists observables. */
export function endpointObservables(endpoints: FlowEndpoints): OcsfObservable[] | undefined {
  return new Observables()
    .add('src_endpoint.ip', IP_ADDRESS, endpoints.src?.ip)
    .add('dst_endpoint.ip', IP_ADDRESS, endpoints.dst?.ip)
    .add('src_endpoint.instance_uid', RESOURCE_UID, endpoints.src?.instance_uid)
    .add('dst_endpoint.instance_uid', RESOURCE_UID, endpoints.dst?.instance_uid)
    .list();
}
