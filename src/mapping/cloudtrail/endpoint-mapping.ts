// `src_endpoint`: where the call came from. CloudTrail's sourceIPAddress is an IP address for calls from
// the network, but a service name (`s3.amazonaws.com`, `AWS Internal`) for calls AWS made on someone's
// behalf; Security Lake keeps the first in `.ip` and the second in `.domain`.

import { isIP } from 'node:net';
import { type ConsumedPaths, nonEmpty, type RawRecord, takeText } from './raw-fields.ts';

export interface OcsfSourceEndpoint {
  uid?: string;
  ip?: string;
  domain?: string;
}

export function mapSourceEndpoint(event: RawRecord, consumed: ConsumedPaths): OcsfSourceEndpoint | undefined {
  const endpoint: OcsfSourceEndpoint = {};
  const vpcEndpoint = takeText(event, 'vpcEndpointId', 'vpcEndpointId', consumed);
  if (vpcEndpoint !== undefined) endpoint.uid = vpcEndpoint;
  const source = takeText(event, 'sourceIPAddress', 'sourceIPAddress', consumed);
  if (source !== undefined) {
    if (isIP(source) !== 0) endpoint.ip = source;
    else endpoint.domain = source;
  }
  return nonEmpty(endpoint);
}
