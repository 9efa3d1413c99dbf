// Where AWS delivers network logs to S3: flow logs and Resolver query logs under the account's AWSLogs
// prefix (flow logs by region, query logs by VPC), WAF logs by region and web ACL down to the minute;
// each object named after the account, the service, the delivery time and a unique suffix.

import { datePath } from './delivery-file-writer.ts';
import type { Vpc, WebAcl } from './network-topology.ts';

/** `AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_vpcflowlogs_<region>_<fl-id>_<stamp>_<hash>.log.gz` */
export function vpcFlowFilePath(vpc: Vpc, deliveryMs: number, hash: string): string {
  const { dir, stamp } = datePath(deliveryMs);
  const name = `${vpc.accountId}_vpcflowlogs_${vpc.region}_${vpc.flowLogId}_${stamp}_${hash}.log.gz`;
  return `AWSLogs/${vpc.accountId}/vpcflowlogs/${vpc.region}/${dir}/${name}`;
}

/** `AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/YYYY/MM/DD/<account>_vpcdnsquerylogs_<vpc-id>_<stamp>_<hash>.log.gz` */
export function resolverFilePath(vpc: Vpc, deliveryMs: number, hash: string): string {
  const { dir, stamp } = datePath(deliveryMs);
  const name = `${vpc.accountId}_vpcdnsquerylogs_${vpc.id}_${stamp}_${hash}.log.gz`;
  return `AWSLogs/${vpc.accountId}/vpcdnsquerylogs/${vpc.id}/${dir}/${name}`;
}

/** `AWSLogs/<account>/WAFLogs/<region>/<web-acl>/YYYY/MM/DD/HH/mm/<account>_waflogs_<region>_<web-acl>_<stamp>_<hash>.log.gz` */
export function wafFilePath(acl: WebAcl, deliveryMs: number, hash: string): string {
  const { dir, stamp, hour } = datePath(deliveryMs);
  const minute = stamp.slice(11, 13);
  const name = `${acl.accountId}_waflogs_${acl.region}_${acl.name}_${stamp}_${hash}.log.gz`;
  return `AWSLogs/${acl.accountId}/WAFLogs/${acl.region}/${acl.name}/${dir}/${hour}/${minute}/${name}`;
}
