// The GuardDuty → ASFF details the golden cases do not reach: the Types table against rows of GuardDuty's own
// table, the severity bands, and Panther's GuardDuty test findings (trimmed, sample, attack sequences).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { severityLabel } from '../../src/mapping/guardduty/guardduty-asff-conversion.ts';
import { asffFindingTypes } from '../../src/mapping/guardduty/guardduty-finding-types.ts';
import { mapGuardDutyFinding } from '../../src/mapping/guardduty/guardduty-mapping.ts';
import { readLogFile } from '../../src/sources/log-file-reader.ts';
import { SHARED, validateOcsf } from '../helpers/ocsf-validator.ts';

test('finding types become the ASFF Types of GuardDuty’s Security Hub table', () => {
  const rows: readonly (readonly [string, string])[] = [
    ['Trojan:EC2/DGADomainRequest.B', 'TTPs/Command and Control/Trojan:EC2-DGADomainRequest.B'],
    ['UnauthorizedAccess:EC2/SSHBruteForce', 'TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
    [
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      'Effects/Data Exfiltration/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
    ],
    ['UnauthorizedAccess:EC2/TorClient', 'Effects/Resource Consumption/UnauthorizedAccess:EC2-TorClient'],
    ['UnauthorizedAccess:IAMUser/MaliciousIPCaller', 'TTPs/UnauthorizedAccess:IAMUser-MaliciousIPCaller'],
    ['Persistence:IAMUser/AnomalousBehavior', 'TTPs/Persistence/IAMUser-AnomalousBehavior'],
    ['Exfiltration:S3/AnomalousBehavior', 'TTPs/Exfiltration:S3-AnomalousBehavior'],
    ['Policy:S3/BucketBlockPublicAccessDisabled', 'Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled'],
    ['Stealth:S3/ServerAccessLoggingDisabled', 'TTPs/Defense Evasion/Stealth:S3-ServerAccessLoggingDisabled'],
    ['Behavior:EC2/NetworkPortUnusual', 'Unusual Behaviors/VM/Behavior:EC2-NetworkPortUnusual'],
    ['Recon:EC2/PortProbeUnprotectedPort', 'TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    ['CryptoCurrency:EC2/BitcoinTool.B!DNS', 'TTPs/Command and Control/CryptoCurrency:EC2-BitcoinTool.B!DNS'],
    ['Trojan:EC2/DropPoint!DNS', 'Effects/Data Exfiltration/Trojan:EC2-DropPoint!DNS'],
    ['Impact:EC2/WinRMBruteForce', 'TTPs/Impact/Impact:EC2-WinRMBruteForce'],
    ['Impact:EC2/BitcoinDomainRequest.Reputation', 'TTPs/Impact:EC2-BitcoinDomainRequest.Reputation'],
    [
      'Discovery:Kubernetes/AnomalousBehavior.PermissionChecked',
      'TTPs/AnomalousBehavior/Discovery:Kubernetes-PermissionChecked',
    ],
    ['CredentialAccess:Kubernetes/TorIPCaller', 'TTPs/CredentialAccess/CredentialAccess:Kubernetes-TorIPCaller'],
    ['DefenseEvasion:EC2/UnusualDNSResolver', 'TTPs/DefenseEvasion/EC2:Unusual-DNS-Resolver'],
    ['Discovery:RDS/TorIPCaller', 'TTPs/Discovery/RDS-TorIPCaller'],
    ['PenTest:IAMUser/KaliLinux', 'TTPs/PenTest:IAMUser/KaliLinux'],
    ['AttackSequence:S3/CompromisedData', 'TTPs/AttackSequence:S3/CompromisedData'],
    [
      'ResourceConsumption:IAMUser/ComputeResources',
      'Unusual Behaviors/User/ResourceConsumption:IAMUser-ComputeResources',
    ],
    [
      'Policy:Kubernetes/ExposedDashboard',
      'Software and Configuration Checks/AWS Security Best Practices/Policy:Kubernetes-ExposedDashboard',
    ],
  ];
  assert.deepEqual(
    rows.map(([type]) => [type, asffFindingTypes(type)?.[0]]),
    rows,
  );
  assert.equal(asffFindingTypes('not a type'), undefined);
});

test('GuardDuty severities take Security Hub’s labels by band', () => {
  assert.deepEqual([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityLabel), [
    'INFORMATIONAL',
    'LOW',
    'LOW',
    'MEDIUM',
    'MEDIUM',
    'HIGH',
    'HIGH',
    'CRITICAL',
    'CRITICAL',
  ]);
});

test('a finding with neither arn nor the parts of one, or without an account, is rejected with a reason', () => {
  assert.deepEqual(mapGuardDutyFinding({ type: 'Recon:EC2/Portscan', service: {} }), {
    ok: false,
    reason: 'the GuardDuty finding has no arn, nor an id with region, accountId and detectorId',
  });
  const arn = 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1';
  assert.deepEqual(mapGuardDutyFinding({ arn, type: 'Recon:EC2/Portscan', service: {} }), {
    ok: false,
    reason: `GuardDuty finding ${arn} has no accountId`,
  });
});

/*
 * Panther's 8 GuardDuty test findings (bare, camelCase, one per line): 2 attack sequences (severity 9) and 6
 * copies of one PrivilegeEscalation finding with no `resource` at severities 8, 8, 1, 1, 5, 5; every second
 * line is the same test "as sample data" (`additionalInfo.sample`). Every one maps; the six copies share Id
 * and UpdatedAt, so the lake keeps 3 distinct findings.
 */
test('Panther GuardDuty tests: all 8 findings map, none rejected', async () => {
  const read = await readLogFile(join(SHARED, 'datasets/panther-analysis/panther_tests_guardduty.jsonl'));
  assert.equal(read.format, 'guardduty-lines');
  assert.equal(read.kind, 'guardduty');
  assert.deepEqual(read.rejects, []);
  const outcomes = read.records.map((record) => mapGuardDutyFinding(record.value));
  const rows = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.row as Record<string, unknown>] : []));
  assert.equal(rows.length, 8);
  assert.deepEqual(
    rows.map((row) => row.severity),
    ['Critical', 'Critical', 'High', 'High', 'Low', 'Low', 'Medium', 'Medium'],
  );
  assert.deepEqual(
    rows.map((row) => (row.resources as { type: string }[]).map((resource) => resource.type).join()),
    ['Other', 'Other', 'AwsAccount', 'AwsAccount', 'AwsAccount', 'AwsAccount', 'AwsAccount', 'AwsAccount'],
  );
  assert.deepEqual(
    rows.map((row) => (row.unmapped as Record<string, string>).Sample),
    ['false', 'true', 'false', 'true', 'false', 'true', 'false', 'true'],
  );
  assert.equal(new Set(rows.map((row) => `${(row.finding_info as { uid: string }).uid} ${row.time}`)).size, 3);
  assert.deepEqual(validateOcsf(rows), []);
});
