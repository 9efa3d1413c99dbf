// ASFF findings as Security Hub imports them, and the EventBridge envelope that delivers each one.
// One builder fills the fields every product shares; products add their own parts.

import type { SeededRandom } from './seeded-random.ts';

export type AsffFinding = Record<string, unknown>;
export type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface AsffResource {
  readonly Type: string;
  readonly Id: string;
  readonly Region: string;
  readonly Details?: Record<string, unknown>;
  readonly DataClassification?: Record<string, unknown>;
}

/** The products the scenario's findings come from, keyed by the slug in their ProductArn. */
export const PRODUCTS = {
  guardduty: 'GuardDuty',
  macie: 'Macie',
  inspector: 'Inspector',
  securityhub: 'Security Hub',
} as const;
export type Product = keyof typeof PRODUCTS;

export interface FindingSpec {
  readonly product: Product;
  readonly accountId: string;
  readonly region: string;
  readonly id: string;
  readonly generatorId: string;
  readonly types: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly severity: SeverityLabel;
  readonly title: string;
  readonly description: string;
  readonly resources: readonly AsffResource[];
  readonly productFields?: Readonly<Record<string, string>>;
  /** Product-specific top-level sections (Action, Compliance, Vulnerabilities …). */
  readonly sections?: Readonly<Record<string, unknown>>;
}

const NORMALIZED: Record<SeverityLabel, number> = { INFORMATIONAL: 0, LOW: 30, MEDIUM: 50, HIGH: 70, CRITICAL: 90 };

export function productArn(product: Product, region: string): string {
  return `arn:aws:securityhub:${region}::product/aws/${product}`;
}

/** Security Hub's own id for a finding, also the EventBridge event's resource. */
export function securityHubFindingId(spec: Pick<FindingSpec, 'product' | 'region' | 'id'>): string {
  return `${productArn(spec.product, spec.region)}/${spec.id}`;
}

export function buildFinding(spec: FindingSpec): AsffFinding {
  const productName = PRODUCTS[spec.product];
  return {
    SchemaVersion: '2018-10-08',
    Id: spec.id,
    ProductArn: productArn(spec.product, spec.region),
    ProductName: productName,
    CompanyName: 'Amazon',
    Region: spec.region,
    GeneratorId: spec.generatorId,
    AwsAccountId: spec.accountId,
    Types: spec.types,
    FirstObservedAt: spec.createdAt,
    LastObservedAt: spec.updatedAt,
    CreatedAt: spec.createdAt,
    UpdatedAt: spec.updatedAt,
    Severity: { Label: spec.severity, Normalized: NORMALIZED[spec.severity] },
    Title: spec.title,
    Description: spec.description,
    ProductFields: {
      ...spec.productFields,
      'aws/securityhub/FindingId': securityHubFindingId(spec),
      'aws/securityhub/ProductName': productName,
      'aws/securityhub/CompanyName': 'Amazon',
    },
    Resources: spec.resources.map((resource) => ({
      Type: resource.Type,
      Id: resource.Id,
      Partition: 'aws',
      Region: resource.Region,
      ...(resource.Details === undefined ? {} : { Details: resource.Details }),
      ...(resource.DataClassification === undefined ? {} : { DataClassification: resource.DataClassification }),
    })),
    ...spec.sections,
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: { Severity: { Label: spec.severity }, Types: spec.types },
    ProcessedAt: spec.updatedAt,
  };
}

/** One "Security Hub Findings - Imported" event per finding, as EventBridge delivers them. */
export function eventBridgeEnvelope(rng: SeededRandom, finding: AsffFinding): Record<string, unknown> {
  const fields = finding.ProductFields as Record<string, string>;
  return {
    version: '0',
    id: rng.uuid(),
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: finding.AwsAccountId,
    time: `${String(finding.UpdatedAt).slice(0, 19)}Z`,
    region: finding.Region,
    resources: [fields['aws/securityhub/FindingId']],
    detail: { findings: [finding] },
  };
}

/** ASFF timestamps carry milliseconds. */
export function asffTime(timeMs: number): string {
  return new Date(timeMs).toISOString();
}
