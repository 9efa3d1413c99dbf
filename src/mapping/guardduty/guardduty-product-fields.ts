// GuardDuty writes its `service` block into ASFF `ProductFields`, a map of strings, one key per leaf:
// `aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4`. Nested names are joined with
// `/`, an array element is named `<array>.<index>_` (`portProbeDetails.0_/localPortDetails/port`), and every
// value is text (`"false"`, `"74"`, `"50.1188"`). Security Hub then adds its own `aws/securityhub/` keys.

import { asObject } from './guardduty-native-finding.ts';

const SERVICE_PREFIX = 'aws/guardduty/service';

export interface ProductIdentity {
  readonly findingArn: string;
  readonly productArn: string;
}

export function asffProductFields(service: unknown, identity: ProductIdentity): Record<string, string> {
  return {
    ...flattenFields(service, SERVICE_PREFIX),
    'aws/securityhub/FindingId': `${identity.productArn}/${identity.findingArn}`,
    'aws/securityhub/ProductName': 'GuardDuty',
    'aws/securityhub/CompanyName': 'Amazon',
  };
}

/**
 * The leaves of `value` as `prefix/name/...` keys with text values, or nothing when it has none. Nulls,
 * empty strings, and empty objects and arrays are left out: they carry nothing to search for.
 */
export function flattenFields(value: unknown, prefix: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  walk(value, prefix, fields);
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function walk(value: unknown, path: string, fields: Record<string, string>): void {
  if (typeof value === 'string') {
    if (value !== '') fields[path] = value;
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    fields[path] = String(value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${path}.${index}_`, fields);
    });
  } else {
    const object = asObject(value);
    if (object === undefined) return;
    for (const [key, child] of Object.entries(object)) walk(child, path === '' ? key : `${path}/${key}`, fields);
  }
}
