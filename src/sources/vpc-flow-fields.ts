// The field names of VPC flow logs, and the one spelling records take in Tarn: AWS's names with `_` for `-`
// (`log-status` → `log_status`), the spelling of Security Lake's mapping, of Athena tables over flow logs,
// and of the `unmapped` keys the mapping leaves.

/** Every field a flow log format may name, as AWS names them, by the version that added it. */
const AWS_FIELDS = [
  // version 2, the default format
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
  // version 3
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  // version 4
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  // version 5
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  // version 7 (ECS) and 8: no OCSF column takes them, so they land in `unmapped`
  'ecs-cluster-arn',
  'ecs-cluster-name',
  'ecs-container-instance-arn',
  'ecs-container-instance-id',
  'ecs-container-id',
  'ecs-second-container-id',
  'ecs-service-name',
  'ecs-task-definition-arn',
  'ecs-task-arn',
  'ecs-task-id',
  'reject-reason',
];

/** A header word → the record key it fills. */
export const FIELD_KEYS: ReadonlyMap<string, string> = new Map(
  AWS_FIELDS.map((field) => [field, field.replaceAll('-', '_')]),
);

/**
 * Panther's parsed flow records (its AWS.VPCFlow schema) use camelCase names, `account` for `account-id` and
 * `status` for `log-status`; they are renamed to the same keys so that one mapping reads both.
 */
export const PANTHER_KEYS: ReadonlyMap<string, string> = new Map([
  ['version', 'version'],
  ['account', 'account_id'],
  ['interfaceId', 'interface_id'],
  ['srcAddr', 'srcaddr'],
  ['dstAddr', 'dstaddr'],
  ['srcPort', 'srcport'],
  ['dstPort', 'dstport'],
  ['protocol', 'protocol'],
  ['packets', 'packets'],
  ['bytes', 'bytes'],
  ['start', 'start'],
  ['end', 'end'],
  ['action', 'action'],
  ['status', 'log_status'],
  ['vpcId', 'vpc_id'],
  ['subNetId', 'subnet_id'],
  ['instanceId', 'instance_id'],
  ['tcpFlags', 'tcp_flags'],
  ['type', 'type'],
  ['pktSrcAddr', 'pkt_srcaddr'],
  ['pktDstAddr', 'pkt_dstaddr'],
  ['region', 'region'],
  ['azId', 'az_id'],
  ['sublocationType', 'sublocation_type'],
  ['sublocationId', 'sublocation_id'],
  ['pktSrcAwsService', 'pkt_src_aws_service'],
  ['pktDstAwsService', 'pkt_dst_aws_service'],
  ['flowDirection', 'flow_direction'],
  ['trafficPath', 'traffic_path'],
]);
