// CloudTrail delivery files of one account in two regions, eu-west-1 first: a lake whose first region is not
// the one a playbook's query names.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** CloudTrail delivery files of one account: Service_Backup's operations in eu-west-1 (ingested first) and us-west-2. */
export const OPERATIONS = {
  'eu-west-1': ['CreateUser', 'CreateAccessKey', 'AttachUserPolicy', 'DeleteTrail'],
  'us-west-2': ['ListBuckets', 'GetObject'],
} as const;

export function writeCloudTrail(root: string): string {
  const logs = join(root, 'AWSLogs');
  for (const [region, operations] of Object.entries(OPERATIONS)) {
    const dir = join(logs, `111122223333/CloudTrail/${region}/2024/03/10`);
    mkdirSync(dir, { recursive: true });
    const records = operations.map((eventName, i) => ({
      eventVersion: '1.08',
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLE',
        arn: 'arn:aws:iam::111122223333:user/Service_Backup',
        accountId: '111122223333',
        userName: 'Service_Backup',
      },
      eventTime: `2024-03-10T12:0${i}:00Z`,
      eventSource: 'iam.amazonaws.com',
      eventName,
      awsRegion: region,
      sourceIPAddress: '203.0.113.7',
      userAgent: 'aws-cli',
      requestID: `req-${region}-${i}`,
      eventID: `00000000-0000-0000-0000-${region.replaceAll('-', '').slice(0, 6)}00000${i}`,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111122223333',
      eventCategory: 'Management',
    }));
    writeFileSync(
      join(dir, `111122223333_CloudTrail_${region}_20240310T1200Z_a.json`),
      JSON.stringify({ Records: records }),
    );
  }
  return logs;
}
