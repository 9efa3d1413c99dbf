// A hand-written CloudTrail delivery in which one IAM user launches one instance — the case the scenario
// lacks (its RunInstances attempts all fail): the RunInstances event as AWS records a successful call, with
// the instance in responseElements.instancesSet. Written as a delivered `{"Records":[…]}` file.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LAUNCH = {
  accountId: '111122223333',
  region: 'us-east-2',
  userName: 'ci-deployer',
  accessKeyId: 'AKIAEXAMPLEDEPLOYER1',
  instanceId: 'i-0c0ffee5ca1ab1e01',
  eventId: '5d6c1c2e-2f0a-4c4e-9a77-0b7c1f1e2d3a',
} as const;

function runInstancesRecord() {
  const { accountId, region, userName, accessKeyId, instanceId, eventId } = LAUNCH;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEDEPLOYER01',
      arn: `arn:aws:iam::${accountId}:user/${userName}`,
      accountId,
      accessKeyId,
      userName,
    },
    eventTime: '2024-03-10T14:31:07Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    awsRegion: region,
    sourceIPAddress: '203.0.113.77',
    userAgent: 'aws-cli/2.15.30 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.0',
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0a1b2c3d4e5f60718', minCount: 1, maxCount: 1 }] },
      instanceType: 'c5.4xlarge',
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      disableApiTermination: false,
      disableApiStop: false,
    },
    responseElements: {
      requestId: 'b3f1d1a2-7c55-4a0e-8d0c-2f0e7d4c9a10',
      reservationId: 'r-0a1b2c3d4e5f60718',
      ownerId: accountId,
      groupSet: {},
      instancesSet: {
        items: [
          {
            instanceId,
            imageId: 'ami-0a1b2c3d4e5f60718',
            instanceState: { code: 0, name: 'pending' },
            instanceType: 'c5.4xlarge',
            launchTime: 1710081067000,
            placement: { availabilityZone: `${region}a`, tenancy: 'default' },
            subnetId: 'subnet-0a1b2c3d4e5f60718',
            vpcId: 'vpc-0a1b2c3d4e5f60718',
            privateIpAddress: '10.0.1.25',
          },
        ],
      },
    },
    requestID: 'b3f1d1a2-7c55-4a0e-8d0c-2f0e7d4c9a10',
    eventID: eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', clientProvidedHostHeader: `ec2.${region}.amazonaws.com` },
  };
}

/** Writes the delivery file under `dir`, in CloudTrail's folder layout, and returns the folder to ingest. */
export async function writeLaunchTrail(dir: string): Promise<string> {
  const folder = join(dir, 'AWSLogs', LAUNCH.accountId, 'CloudTrail', LAUNCH.region, '2024', '03', '10');
  await mkdir(folder, { recursive: true });
  const name = `${LAUNCH.accountId}_CloudTrail_${LAUNCH.region}_20240310T1435Z_launch.json`;
  await writeFile(join(folder, name), JSON.stringify({ Records: [runInstancesRecord()] }));
  return join(dir, 'AWSLogs');
}
