// `tarn ingest --account ID --region R`: the place of records that name neither themselves and whose file
// lies outside any AWSLogs/ path (an EKS audit log exported from CloudWatch, a custom-format VPC flow log
// without a region field). What a record or its delivery path names still wins.

import { attachOrigin, type DeliveryOrigin, originOf } from '../sources/delivery-path.ts';
import type { RecordKind } from '../sources/log-file.ts';
import { locate } from '../sources/vpc-flow-formats.ts';
import { auditEventAccount } from './eks/eks-account.ts';

export type RecordPlace = DeliveryOrigin;

/** `record` with the place filled in where it names none; the raw fields stay as they were but for VPC flow. */
export function withPlace(
  kind: RecordKind,
  record: Readonly<Record<string, unknown>>,
  place: RecordPlace | undefined,
): Readonly<Record<string, unknown>> {
  if (place === undefined) return record;
  // VPC flow readers fill the S3 location's region and account into the record's own fields, and so does this.
  if (kind === 'vpcflow') return locate(record as Record<string, unknown>, place);
  if (kind === 'eks_audit' || kind === 'waf' || kind === 'route53') {
    // An audit event's user names its account, which wins over --account as a record's own field does.
    const given = kind === 'eks_audit' && auditEventAccount(record) !== undefined ? { region: place.region } : place;
    return attachOrigin(record as Record<string, unknown>, { ...given, ...originOf(record) });
  }
  return record;
}
