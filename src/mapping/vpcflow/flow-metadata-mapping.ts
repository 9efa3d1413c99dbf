// `metadata` and `cloud` of a flow row (reference §4 and the AWS dossier for VPC Flowlogs): product Amazon VPC,
// feature Flowlogs, its version the flow log format's; the account, region and zone of the interface.

import { type ConsumedPaths, type RawRecord, takeText } from '../cloudtrail/raw-fields.ts';

interface FlowMetadata {
  product: { name: string; vendor_name: string; feature: { name: string }; version?: string };
  profiles: readonly string[];
  version: string;
}

interface FlowCloud {
  provider: string;
  account: { uid: string };
  region: string;
  zone?: string;
}

/** Shared by every row; rows are read-only values, so one frozen list serves them all. */
const PROFILES: readonly string[] = Object.freeze(['cloud', 'security_control', 'datetime']);
const FEATURE = Object.freeze({ name: 'Flowlogs' });

export function mapFlowMetadata(record: RawRecord, consumed: ConsumedPaths): FlowMetadata {
  const metadata: FlowMetadata = {
    product: { name: 'Amazon VPC', vendor_name: 'AWS', feature: FEATURE },
    profiles: PROFILES,
    version: '1.1.0',
  };
  const version = takeText(record, 'version', 'version', consumed);
  if (version !== undefined) metadata.product.version = version;
  return metadata;
}

/** `accountId` and `region` were read (and consumed) by the caller, which needs them for the partitions too. */
export function mapFlowCloud(record: RawRecord, accountId: string, region: string, consumed: ConsumedPaths): FlowCloud {
  const cloud: FlowCloud = { provider: 'AWS', account: { uid: accountId }, region };
  const zone = takeText(record, 'az_id', 'az_id', consumed);
  if (zone !== undefined) cloud.zone = zone;
  return cloud;
}
