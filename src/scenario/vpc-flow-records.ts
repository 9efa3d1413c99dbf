// One flow as a VPC flow log records it on an instance's network interface, and a flow log file's text:
// a header line naming the fields, then one space-separated record a line with `-` for a value the record
// does not have. The default format is AWS's version 2; the custom one mixes in version 3–5 fields in an
// order of its own, as a custom format may.

import type { Instance, Vpc } from './network-topology.ts';

export type FlowDirection = 'ingress' | 'egress';

export interface Flow {
  readonly instance: Instance;
  readonly direction: FlowDirection;
  readonly srcaddr: string;
  readonly dstaddr: string;
  readonly srcport: number;
  readonly dstport: number;
  /** IANA protocol number: 6 TCP, 17 UDP. */
  readonly protocol: number;
  readonly packets: number;
  readonly bytes: number;
  /** Epoch seconds: the aggregation interval the record covers. */
  readonly start: number;
  readonly end: number;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly tcpFlags: number;
  /** AWS's traffic-path code for egress (1 same VPC … 8 internet gateway). */
  readonly trafficPath?: number;
  readonly dstAwsService?: string;
}

/** As AWS writes a format: field names, space-separated, in the order the records hold them. */
export const DEFAULT_FORMAT =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
export const CUSTOM_V5_FORMAT =
  'version account-id region vpc-id subnet-id instance-id interface-id az-id flow-direction srcaddr dstaddr ' +
  'srcport dstport pkt-srcaddr pkt-dstaddr protocol packets bytes start end action tcp-flags type traffic-path ' +
  'pkt-src-aws-service pkt-dst-aws-service log-status';

type FieldValue = (vpc: Vpc, flow: Flow) => string | number | undefined;

const FIELDS: Readonly<Record<string, FieldValue>> = {
  version: (vpc) => (vpc.customFormat ? 5 : 2),
  'account-id': (vpc) => vpc.accountId,
  region: (vpc) => vpc.region,
  'vpc-id': (vpc) => vpc.id,
  'subnet-id': (_, flow) => flow.instance.subnetId,
  'instance-id': (_, flow) => flow.instance.id,
  'interface-id': (_, flow) => flow.instance.interfaceId,
  'az-id': (_, flow) => flow.instance.azId,
  'flow-direction': (_, flow) => flow.direction,
  srcaddr: (_, flow) => flow.srcaddr,
  dstaddr: (_, flow) => flow.dstaddr,
  srcport: (_, flow) => flow.srcport,
  dstport: (_, flow) => flow.dstport,
  'pkt-srcaddr': (_, flow) => flow.srcaddr,
  'pkt-dstaddr': (_, flow) => flow.dstaddr,
  protocol: (_, flow) => flow.protocol,
  packets: (_, flow) => flow.packets,
  bytes: (_, flow) => flow.bytes,
  start: (_, flow) => flow.start,
  end: (_, flow) => flow.end,
  action: (_, flow) => flow.action,
  'tcp-flags': (_, flow) => (flow.protocol === 6 ? flow.tcpFlags : 0),
  type: () => 'IPv4',
  'traffic-path': (_, flow) => (flow.direction === 'egress' ? flow.trafficPath : undefined),
  'pkt-src-aws-service': () => undefined,
  'pkt-dst-aws-service': (_, flow) => flow.dstAwsService,
  'log-status': () => 'OK',
};

/** A whole flow log file: the header, then the flows in the order given. */
export function flowLogText(vpc: Vpc, flows: readonly Flow[]): string {
  const header = vpc.customFormat ? CUSTOM_V5_FORMAT : DEFAULT_FORMAT;
  const values = header.split(' ').map((field) => {
    const value = FIELDS[field];
    if (value === undefined) throw new RangeError(`no value for flow log field ${field}`);
    return value;
  });
  const lines = [header];
  for (const flow of flows) lines.push(values.map((value) => String(value(vpc, flow) ?? '-')).join(' '));
  return `${lines.join('\n')}\n`;
}
