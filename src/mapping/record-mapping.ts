// Picks the mapping for a raw record by the kind of log its file held.

import type { RecordKind } from '../sources/log-file.ts';
import { mapCloudTrailEvent } from './cloudtrail/cloudtrail-mapping.ts';
import { mapEksAuditEvent } from './eks/eks-audit-mapping.ts';
import { mapGuardDutyFinding } from './guardduty/guardduty-mapping.ts';
import type { MapOutcome } from './ocsf-row.ts';
import { accountProblem, regionProblem } from './partition-names.ts';
import { mapRoute53Query } from './route53/route53-mapping.ts';
import { mapAsffFinding } from './securityhub/asff-mapping.ts';
import { mapVpcFlowRecord } from './vpcflow/vpc-flow-mapping.ts';
import { mapWafRequest } from './waf/waf-mapping.ts';

const MAPPINGS: Readonly<Record<RecordKind, (record: Readonly<Record<string, unknown>>) => MapOutcome>> = {
  cloudtrail: mapCloudTrailEvent,
  asff: mapAsffFinding,
  guardduty: mapGuardDutyFinding,
  vpcflow: mapVpcFlowRecord,
  route53: mapRoute53Query,
  waf: mapWafRequest,
  eks_audit: mapEksAuditEvent,
};

export function mapRecord(kind: RecordKind, record: Readonly<Record<string, unknown>>): MapOutcome {
  try {
    const outcome = MAPPINGS[kind](record);
    if (!outcome.ok) {
      // A counted flow status record's place reaches the summary and the ledger: checked like a row's.
      const place = outcome.logStatus;
      const problem = place && (regionProblem(place.region) ?? accountProblem(place.accountId));
      return problem ? { ok: false, reason: problem } : outcome;
    }
    // The lake partitions by region and account: a row without them would have no place in the layout.
    for (const column of ['region', 'accountid'] as const) {
      if (typeof outcome.row[column] !== 'string' || outcome.row[column] === '') {
        return { ok: false, reason: `no ${column === 'region' ? 'region' : 'account id'} in the record` };
      }
    }
    // Both become folder and table names, which reach paths and SQL: a forged value is refused here.
    const problem = regionProblem(outcome.row.region as string) ?? accountProblem(outcome.row.accountid as string);
    return problem === undefined ? outcome : { ok: false, reason: problem };
  } catch (error) {
    // A mapping bug on one odd record must not sink the batch: the record goes to the dead-letter area.
    return { ok: false, reason: `mapping failed: ${(error as Error).message}` };
  }
}
