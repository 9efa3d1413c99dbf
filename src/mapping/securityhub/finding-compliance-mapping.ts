// ASFF Compliance (Security Hub CSPM control results) as the OCSF `compliance` struct of a Compliance
// Finding: the control, its status and reason, the requirements it covers and the standards it belongs to.

import type { AsffReader } from './asff-field-reader.ts';
import { compact, compactList, type Struct } from './struct-compaction.ts';

export function mapCompliance(finding: AsffReader): Struct | undefined {
  const compliance = finding.at('Compliance');
  // The Glue columns hold one reason: the first is taken, and any further reasons are not kept.
  const [reason] = compliance.items('StatusReasons');
  return compact({
    control: compliance.text('SecurityControlId'),
    status: compliance.text('Status'),
    requirements: compliance.texts('RelatedRequirements'),
    standards: compactList(compliance.items('AssociatedStandards').map((standard) => standard.text('StandardsId'))),
    status_detail: reason?.text('Description'),
    status_code: reason?.text('ReasonCode'),
  });
}
