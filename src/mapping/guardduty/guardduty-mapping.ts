// One native GuardDuty finding (EventBridge `detail`, `get-findings` element, or a bare finding) → the
// `sh_findings` row Security Hub's copy of it would give in Security Lake 2.0: a Detection Finding (2004)
// with `metadata.product.name` GuardDuty.

import type { MapOutcome } from '../ocsf-row.ts';
import { mapAsffFinding } from '../securityhub/asff-mapping.ts';
import { guardDutyToAsff } from './guardduty-asff-conversion.ts';

export function mapGuardDutyFinding(finding: Readonly<Record<string, unknown>>): MapOutcome {
  const conversion = guardDutyToAsff(finding);
  return conversion.ok ? mapAsffFinding(conversion.finding) : conversion;
}
