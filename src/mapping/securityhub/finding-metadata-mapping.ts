// `metadata` of a Security Hub row: in Security Lake 2.0 the product is the one that made the finding
// (ASFF ProductName, `GuardDuty`, `Macie`), no longer the constant `Security Hub` of source version 1.0.

import type { AsffReader } from './asff-field-reader.ts';
import type { FindingClass } from './finding-class-selection.ts';
import { productNameOfArn } from './product-arn-parsing.ts';
import { compact, type Struct } from './struct-compaction.ts';

const OCSF_VERSION = '1.1.0';
const COMPANY_FIELD = 'aws/securityhub/CompanyName';

export function mapMetadata(finding: AsffReader, findingClass: FindingClass): Struct {
  const productArn = finding.text('ProductArn');
  return {
    version: OCSF_VERSION,
    profiles: [...findingClass.profiles],
    ...(findingClass.extensions === undefined
      ? {}
      : { extensions: findingClass.extensions.map((ext) => ({ ...ext })) }),
    ...compact({
      log_version: finding.text('SchemaVersion'),
      processed_time_dt: finding.time('ProcessedAt')?.iso,
      product: compact({
        name: finding.text('ProductName') ?? productNameOfArn(productArn),
        uid: productArn,
        // Findings imported without the top-level field still carry it here; OCSF requires the vendor.
        vendor_name: finding.text('CompanyName') ?? finding.detached().text('ProductFields', COMPANY_FIELD),
        // The 2.0 reference maps SchemaVersion to log_version and names no source for product.version (a
        // column of the Glue schema); issue 10 found it filled in AWS's output, and an ASFF finding carries no
        // other version than its schema's.
        version: finding.detached().text('SchemaVersion'),
        feature: compact({
          uid: finding.text('GeneratorId'),
          name: finding.text('ProductFields', 'aws/guardduty/service/featureName'),
        }),
      }),
    }),
  };
}
