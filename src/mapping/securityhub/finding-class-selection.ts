// Security Lake 2.0 splits Security Hub findings over three OCSF 1.1.0 classes in one table. AWS describes
// the split by product (Inspector → 2002, Security Hub CSPM controls → 2003, GuardDuty/Macie/others → 2004);
// choosing by the block each class requires gives the same answer for those products, sorts third-party
// findings the same way, and never yields a 2002 row without `vulnerabilities` or a 2003 row without
// `compliance`, which OCSF requires.

import { type AsffReader, asRecord } from './asff-field-reader.ts';

export interface FindingClass {
  readonly uid: 2002 | 2003 | 2004;
  readonly name: string;
  readonly profiles: readonly string[];
  /** Only the Detection Finding rows declare the linux extension (process `euid` and the like). */
  readonly extensions?: readonly { readonly name: string; readonly uid: string; readonly version: string }[];
}

const VULNERABILITY: FindingClass = { uid: 2002, name: 'Vulnerability Finding', profiles: ['cloud', 'datetime'] };
const COMPLIANCE: FindingClass = { uid: 2003, name: 'Compliance Finding', profiles: ['cloud', 'datetime'] };
const DETECTION: FindingClass = {
  uid: 2004,
  name: 'Detection Finding',
  profiles: ['cloud', 'datetime', 'linux'],
  extensions: [{ name: 'linux', uid: '1', version: '1.1.0' }],
};

export function selectFindingClass(finding: AsffReader): FindingClass {
  if (finding.items('Vulnerabilities').length > 0) return VULNERABILITY;
  const compliance = asRecord(finding.peek('Compliance'));
  if (compliance !== undefined && Object.keys(compliance).length > 0) return COMPLIANCE;
  return DETECTION;
}
