// A GuardDuty finding → the ASFF finding GuardDuty sends to Security Hub for it, so that a responder without
// Security Hub gets the very `sh_findings` row Security Lake would hold: one mapping (`mapAsffFinding`), not
// two. The shape follows AWS's "typical finding from GuardDuty" in the GuardDuty User Guide: the finding ARN
// as Id, the detector ARN as GeneratorId, `service` flattened into ProductFields, and a new, active record.

import { withoutAbsent } from '../securityhub/struct-compaction.ts';
import { asffFindingTypes } from './guardduty-finding-types.ts';
import { camelCaseFinding, type NativeObject, NativeReader } from './guardduty-native-finding.ts';
import { asffProductFields } from './guardduty-product-fields.ts';
import { asffResources } from './guardduty-resources.ts';

const ASFF_SCHEMA_VERSION = '2018-10-08';

export type AsffConversion =
  | { readonly ok: true; readonly finding: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

export function guardDutyToAsff(native: NativeObject): AsffConversion {
  const finding = new NativeReader(camelCaseFinding(native));
  const id = finding.text('id');
  const account = finding.text('accountId');
  const partition = finding.text('partition') ?? 'aws';
  const detectorId = finding.text('service', 'detectorId');
  const given = finding.text('arn');
  const region = finding.text('region') ?? (given === undefined ? undefined : given.split(':')[3] || undefined);
  const arn =
    given ??
    (id && region && account && detectorId
      ? `arn:${partition}:guardduty:${region}:${account}:detector/${detectorId}/finding/${id}`
      : undefined);
  if (arn === undefined) {
    return { ok: false, reason: 'the GuardDuty finding has no arn, nor an id with region, accountId and detectorId' };
  }
  if (account === undefined) return { ok: false, reason: `GuardDuty finding ${arn} has no accountId` };

  const productArn = `arn:${partition}:securityhub:${region ?? ''}::product/aws/guardduty`;
  const type = finding.text('type');
  const types = type === undefined ? undefined : asffFindingTypes(type);
  const severity = finding.number('severity');
  const label = severity === undefined ? undefined : severityLabel(severity);
  const asff = withoutAbsent({
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: arn,
    ProductArn: productArn,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: detectorArn(arn) ?? type,
    AwsAccountId: account,
    Types: types,
    FirstObservedAt: finding.text('service', 'eventFirstSeen'),
    LastObservedAt: finding.text('service', 'eventLastSeen'),
    CreatedAt: finding.text('createdAt'),
    UpdatedAt: finding.text('updatedAt'),
    Severity:
      severity === undefined
        ? undefined
        : { Product: severity, Label: label, Normalized: Math.min(100, Math.round(severity * 10)) },
    Title: finding.text('title'),
    Description: finding.text('description'),
    SourceUrl: consoleUrl(partition, region, id),
    ProductFields: asffProductFields(finding.raw('service'), { findingArn: arn, productArn }),
    Resources: asffResources(finding, { partition, region, account }),
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: finding.raw('service', 'archived') === true ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: withoutAbsent({
      Severity: label === undefined ? undefined : { Label: label },
      Types: types,
    }),
    Sample: isSample(finding),
  });
  return { ok: true, finding: asff };
}

/** GuardDuty's severity bands, as Security Hub labels them: 9.0 and above is Critical (attack sequences). */
export function severityLabel(severity: number): string {
  if (severity >= 9) return 'CRITICAL';
  if (severity >= 7) return 'HIGH';
  if (severity >= 4) return 'MEDIUM';
  return severity > 0 ? 'LOW' : 'INFORMATIONAL';
}

/** `arn:aws:guardduty:<region>:<account>:detector/<id>/finding/<id>` → the detector's ARN. */
function detectorArn(findingArn: string): string | undefined {
  const at = findingArn.lastIndexOf('/finding/');
  return at > 0 ? findingArn.slice(0, at) : undefined;
}

// Only the commercial partition's console has this address; GovCloud and China findings go without.
function consoleUrl(partition: string, region: string | undefined, id: string | undefined): string | undefined {
  if (partition !== 'aws' || region === undefined || id === undefined) return undefined;
  return `https://${region}.console.aws.amazon.com/guardduty/home?region=${region}#/findings?macros=current&fId=${id}`;
}

/** Sample findings say so in `additionalInfo`: as a field in EventBridge, inside its JSON `value` from the CLI. */
function isSample(finding: NativeReader): boolean {
  const info = finding.object('service', 'additionalInfo');
  if (info === undefined) return false;
  if (info.raw('sample') === true) return true;
  const value = info.text('value');
  if (value === undefined || !value.includes('sample')) return false;
  try {
    return (JSON.parse(value) as { sample?: unknown }).sample === true;
  } catch {
    return false;
  }
}
