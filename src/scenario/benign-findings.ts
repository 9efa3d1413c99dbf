// Everyday findings across the organization (Inspector CVEs, Security Hub control failures), so the
// incident's GuardDuty and Macie findings are not the only rows in the findings table.

import { SCENARIO_END_MS, SCENARIO_START_MS } from './delivery-schedule.ts';
import { type AsffFinding, asffTime, buildFinding, type SeverityLabel } from './finding-builder.ts';
import type { Organization } from './organization.ts';
import { type SeededRandom, streamFor } from './seeded-random.ts';

const CVES: readonly [string, string, string, SeverityLabel, number][] = [
  ['CVE-2023-44487', 'golang.org/x/net', '0.15.0', 'HIGH', 7.5],
  ['CVE-2024-21626', 'runc', '1.1.9', 'HIGH', 8.6],
  ['CVE-2023-38545', 'curl', '8.2.1', 'CRITICAL', 9.8],
  ['CVE-2023-4863', 'libwebp', '1.3.1', 'HIGH', 8.8],
];

const CONTROLS: readonly [string, string, SeverityLabel][] = [
  ['S3.8', 'S3 general purpose buckets should block public access', 'HIGH'],
  ['IAM.6', 'Hardware MFA should be enabled for the root user', 'CRITICAL'],
  ['EC2.19', 'Security groups should not allow unrestricted access to ports with high risk', 'CRITICAL'],
  ['CloudTrail.5', 'CloudTrail trails should be integrated with Amazon CloudWatch Logs', 'LOW'],
];

function inspectorFinding(rng: SeededRandom, accountId: string, region: string, timeMs: number): AsffFinding {
  const [cve, pkg, version, severity, score] = rng.pick(CVES);
  const instance = `arn:aws:ec2:${region}:${accountId}:instance/i-0${rng.hex(16)}`;
  return buildFinding({
    product: 'inspector',
    accountId,
    region,
    id: `arn:aws:inspector2:${region}:${accountId}:finding/${rng.hex(32)}`,
    generatorId: 'AWSInspector',
    types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    createdAt: asffTime(timeMs),
    updatedAt: asffTime(timeMs),
    severity,
    title: `${cve} - ${pkg}`,
    description: `A vulnerability in ${pkg} ${version} allows a remote attacker to affect availability or integrity.`,
    resources: [
      { Type: 'AwsEc2Instance', Id: instance, Region: region, Details: { AwsEc2Instance: { Type: 't3.large' } } },
    ],
    productFields: { 'aws/inspector/FindingStatus': 'ACTIVE', 'aws/inspector/inspectorScore': String(score) },
    sections: {
      Vulnerabilities: [
        {
          Id: cve,
          VulnerablePackages: [{ Name: pkg, Version: version, PackageManager: 'OS' }],
          Cvss: [{ Version: '3.1', BaseScore: score, Source: 'NVD' }],
          Vendor: { Name: 'NVD', Url: `https://nvd.nist.gov/vuln/detail/${cve}` },
          FixAvailable: 'YES',
          ExploitAvailable: 'NO',
        },
      ],
    },
  });
}

function controlFinding(rng: SeededRandom, accountId: string, region: string, timeMs: number): AsffFinding {
  const [control, title, severity] = rng.pick(CONTROLS);
  return buildFinding({
    product: 'securityhub',
    accountId,
    region,
    id: `arn:aws:securityhub:${region}:${accountId}:security-control/${control}/finding/${rng.uuid()}`,
    generatorId: `security-control/${control}`,
    types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    createdAt: asffTime(timeMs),
    updatedAt: asffTime(timeMs),
    severity,
    title,
    description: `This control checks whether: ${title.toLowerCase()}.`,
    resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${accountId}`, Region: region }],
    sections: {
      Compliance: {
        Status: 'FAILED',
        SecurityControlId: control,
        AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }],
      },
    },
  });
}

/** Two of each kind per account, at seeded times and regions. */
export function buildBenignFindings(seed: number, org: Organization, regions: readonly string[]): AsffFinding[] {
  const rng = streamFor(seed, 'benign-findings');
  const span = SCENARIO_END_MS - SCENARIO_START_MS;
  return org.accounts.flatMap((account) =>
    [inspectorFinding, inspectorFinding, controlFinding, controlFinding].map((build) =>
      build(rng, account.id, rng.pick(regions), SCENARIO_START_MS + rng.int(span / 1000) * 1000),
    ),
  );
}
