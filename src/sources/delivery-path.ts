// WAF, EKS audit and VPC flow records do not always say which account and region they belong to, but AWS
// delivers its logs to S3 under `AWSLogs/<account>/<service>/<region>/…` (organization trails add `o-…/`
// before the account; Hive-style delivery writes `aws-account-id=<account>/aws-service=…/aws-region=<region>/`),
// and names each file `<account>_<service>_<region>_…`, which still tells when a file was copied out of its
// folders (an archive member's path counts too: `bundle.zip!AWSLogs/…`). A reader reads that once per file; WAF and EKS attach it to each record under a symbol key:
// symbols are skipped by `for…in` and JSON.stringify, so the raw record, its `unmapped` and its dead-letter
// text stay exactly as delivered.

import type { JsonObject } from './format-reader.ts';

export interface DeliveryOrigin {
  readonly accountId?: string;
  readonly region?: string;
}

const DELIVERY_ORIGIN = Symbol('tarn.deliveryOrigin');

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const HIVE_PREFIX = /^aws-(account-id|service|region)=/;

/** The account and region a delivery path names, or undefined when it names neither. */
export function deliveryOrigin(file: string): DeliveryOrigin | undefined {
  const parts = file.split(/[\\/!]/).map((part) => part.replace(HIVE_PREFIX, ''));
  const root = parts.lastIndexOf('AWSLogs');
  if (root === -1) return fromFileName(parts.at(-1) ?? '');
  let at = root + 1;
  if (ORGANIZATION_ID.test(parts[at] ?? '')) at++;
  const account = parts[at];
  const accountId = account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
  // The region is the first folder after the account that looks like one (`WAFLogs/<region>/…`,
  // `CloudTrail/<region>/…`); CloudFront web ACLs deliver under `WAFLogs/cloudfront/`, which names none.
  const region = parts.slice(at + 1, -1).find((part) => REGION.test(part));
  if (accountId === undefined && region === undefined) return fromFileName(parts.at(-1) ?? '');
  return { ...(accountId && { accountId }), ...(region && { region }) };
}

/** `<account>_<service>_<region>_…`, as CloudTrail and VPC Flow Logs name their objects. */
function fromFileName(name: string): DeliveryOrigin | undefined {
  const [account, , region] = name.split('_');
  if (account === undefined || region === undefined) return undefined;
  return ACCOUNT_ID.test(account) && REGION.test(region) ? { accountId: account, region } : undefined;
}

export function attachOrigin(record: JsonObject, origin: DeliveryOrigin | undefined): JsonObject {
  if (origin !== undefined) (record as Record<symbol, unknown>)[DELIVERY_ORIGIN] = origin;
  return record;
}

/** What the reader attached to a record, if anything. */
export function originOf(record: Readonly<Record<string, unknown>>): DeliveryOrigin | undefined {
  return (record as Readonly<Record<symbol, unknown>>)[DELIVERY_ORIGIN] as DeliveryOrigin | undefined;
}
