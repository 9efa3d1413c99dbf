// One Security Hub finding (ASFF) → one `sh_findings` row, as Amazon Security Lake source version 2.0 maps
// it to OCSF 1.1.0: Vulnerability (2002), Compliance (2003) or Detection Finding (2004), all in one table.

import type { MapOutcome } from '../ocsf-row.ts';
import { flattenUnmapped } from '../unmapped-flattener.ts';
import { AsffReader, asRecord } from './asff-field-reader.ts';
import { selectFindingClass } from './finding-class-selection.ts';
import { mapCompliance } from './finding-compliance-mapping.ts';
import { mapEvidences } from './finding-evidences-mapping.ts';
import { mapFindingInfo } from './finding-info-mapping.ts';
import { mapMetadata } from './finding-metadata-mapping.ts';
import { mapObservables } from './finding-observables-mapping.ts';
import { mapResources } from './finding-resources-mapping.ts';
import { mapActivity, mapSeverity, mapStatus } from './finding-state-mapping.ts';
import { mapRemediation, mapVulnerabilities } from './finding-vulnerabilities-mapping.ts';
import { regionOfProductArn } from './product-arn-parsing.ts';
import { withoutAbsent } from './struct-compaction.ts';

const CATEGORY = { category_uid: 2, category_name: 'Findings' } as const;

export function mapAsffFinding(finding: Readonly<Record<string, unknown>>): MapOutcome {
  const raw = asRecord(finding);
  if (raw === undefined) return { ok: false, reason: 'the finding is not a JSON object' };
  const reader = AsffReader.of(raw);
  const uid = reader.text('Id');
  if (uid === undefined) return { ok: false, reason: 'the finding has no Id' };
  const account = reader.text('AwsAccountId');
  if (account === undefined) return { ok: false, reason: `finding ${uid} has no AwsAccountId` };
  const created = reader.time('CreatedAt');
  const updated = reader.time('UpdatedAt');
  const at = updated ?? created;
  if (at === undefined) {
    return { ok: false, reason: `finding ${uid} has no parseable UpdatedAt or CreatedAt` };
  }

  const findingClass = selectFindingClass(reader);
  const activity = mapActivity(created, updated);
  const region =
    reader.text('Region') ??
    reader.detached().items('Resources')[0]?.text('Region') ??
    regionOfProductArn(reader.detached().text('ProductArn'));
  const row = withoutAbsent({
    metadata: mapMetadata(reader, findingClass),
    time: at.ms,
    time_dt: at.iso,
    class_uid: findingClass.uid,
    class_name: findingClass.name,
    ...CATEGORY,
    ...activity,
    type_uid: findingClass.uid * 100 + activity.activity_id,
    type_name: `${findingClass.name}: ${activity.activity_name}`,
    ...mapSeverity(reader),
    status: mapStatus(reader),
    confidence_score: reader.integer('Confidence'),
    message: reader.text('Note', 'Text'),
    cloud: withoutAbsent({ account: { uid: account }, region, provider: 'AWS' }),
    finding_info: mapFindingInfo(reader, uid, { created, updated }),
    ...mapResources(reader, findingClass),
    compliance: findingClass.uid === 2003 ? mapCompliance(reader) : undefined,
    vulnerabilities: findingClass.uid === 2002 ? mapVulnerabilities(reader) : undefined,
    remediation: findingClass.uid === 2002 ? undefined : mapRemediation(reader),
    evidences: findingClass.uid === 2004 ? mapEvidences(reader) : undefined,
    accountid: account,
    region,
  });
  const observables = mapObservables(row);
  const unmapped = flattenUnmapped(raw, reader.consumedPaths);
  return { ok: true, source: 'sh_findings', row: withoutAbsent({ ...row, observables, unmapped }) };
}
