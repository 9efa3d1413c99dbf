// The detections an investigator starts from: GuardDuty on Service_Backup's key and Macie on the
// card files the attacker later takes. Their times sit inside the incident days.

import { type AsffFinding, asffTime, buildFinding } from './finding-builder.ts';
import type { IncidentFacts } from './scenario-facts.ts';
import { type SeededRandom, streamFor } from './seeded-random.ts';

export interface IncidentFindings {
  readonly findings: readonly AsffFinding[];
  readonly guardDutyIds: readonly string[];
  readonly macieIds: readonly string[];
}

interface GuardDutyDetection {
  readonly type: string;
  readonly tactic: string;
  readonly api: string;
  readonly serviceName: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly title: string;
}

const DETECTIONS: readonly GuardDutyDetection[] = [
  {
    type: 'Discovery:IAMUser/AnomalousBehavior',
    tactic: 'Discovery',
    api: 'ListUsers',
    serviceName: 'iam.amazonaws.com',
    firstSeen: '2024-03-10T14:03:02Z',
    lastSeen: '2024-03-10T14:04:05Z',
    title: 'The user Service_Backup is invoking APIs commonly used in discovery tactics.',
  },
  {
    type: 'Persistence:IAMUser/AnomalousBehavior',
    tactic: 'Persistence',
    api: 'CreateUser',
    serviceName: 'iam.amazonaws.com',
    firstSeen: '2024-03-10T14:09:12Z',
    lastSeen: '2024-03-10T14:24:33Z',
    title: 'The user Service_Backup is invoking APIs commonly used in persistence tactics.',
  },
];

function guardDutyFinding(rng: SeededRandom, facts: IncidentFacts, detection: GuardDutyDetection): AsffFinding {
  const region = 'us-east-1';
  const detectorId = 'c8b6d3a1f0e24b7e9a5d2c4f6e8a0b13';
  const generatorId = `arn:aws:guardduty:${region}:${facts.accountId}:detector/${detectorId}`;
  const { userName, accessKeyId } = facts.compromisedUser;
  const ip = facts.attackerIps[0] ?? '';
  const createdMs = Date.parse(detection.lastSeen) + 17 * 60_000;
  return buildFinding({
    product: 'guardduty',
    accountId: facts.accountId,
    region,
    id: `${generatorId}/finding/${rng.hex(32)}`,
    generatorId,
    types: [`TTPs/${detection.tactic}/${detection.type.replace('/', '-')}`],
    createdAt: asffTime(createdMs),
    updatedAt: asffTime(createdMs),
    severity: 'MEDIUM',
    title: detection.title,
    description: `APIs commonly used in ${detection.tactic} tactics were invoked by user IAMUser : ${userName}, under anomalous circumstances. Such activity is not typically seen from this user.`,
    resources: [
      {
        Type: 'AwsIamAccessKey',
        Id: `AWS::IAM::AccessKey:${accessKeyId}`,
        Region: region,
        Details: {
          AwsIamAccessKey: {
            PrincipalId: accessKeyId,
            PrincipalType: 'IAMUser',
            PrincipalName: userName,
            UserName: userName,
          },
        },
      },
    ],
    productFields: {
      'aws/guardduty/service/action/actionType': 'AWS_API_CALL',
      'aws/guardduty/service/action/awsApiCallAction/api': detection.api,
      'aws/guardduty/service/action/awsApiCallAction/serviceName': detection.serviceName,
      'aws/guardduty/service/action/awsApiCallAction/callerType': 'Remote IP',
      'aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4': ip,
      'aws/guardduty/service/archived': 'false',
      'aws/guardduty/service/count': '1',
      'aws/guardduty/service/detectorId': detectorId,
      'aws/guardduty/service/eventFirstSeen': detection.firstSeen,
      'aws/guardduty/service/eventLastSeen': detection.lastSeen,
      'aws/guardduty/service/resourceRole': 'TARGET',
      'aws/guardduty/service/serviceName': 'guardduty',
    },
    sections: {
      Action: {
        ActionType: 'AWS_API_CALL',
        AwsApiCallAction: {
          Api: detection.api,
          ServiceName: detection.serviceName,
          CallerType: 'Remote IP',
          RemoteIpDetails: { IpAddressV4: ip },
          FirstSeen: detection.firstSeen,
          LastSeen: detection.lastSeen,
        },
      },
    },
  });
}

/** Macie's sensitive-data finding lists the bucket first and the object second. */
function macieFinding(
  rng: SeededRandom,
  facts: IncidentFacts,
  bucket: string,
  key: string,
  createdMs: number,
): AsffFinding {
  const region = 'us-west-2';
  const findingId = rng.hex(32);
  return buildFinding({
    product: 'macie',
    accountId: facts.accountId,
    region,
    id: `arn:aws:macie2:${region}:${facts.accountId}:finding/${findingId}`,
    generatorId: `arn:aws:macie2:${region}:${facts.accountId}:classification-job/${rng.hex(32)}`,
    types: ['Sensitive Data Identifications/Financial/SensitiveData:S3Object-Financial'],
    createdAt: asffTime(createdMs),
    updatedAt: asffTime(createdMs),
    severity: 'HIGH',
    title: 'The S3 object contains financial information.',
    description: 'The object contains financial information such as bank account numbers or credit card numbers.',
    resources: [
      {
        Type: 'AwsS3Bucket',
        Id: `arn:aws:s3:::${bucket}`,
        Region: region,
        Details: { AwsS3Bucket: { OwnerId: rng.hex(64), OwnerName: 'acme-prod' } },
      },
      {
        Type: 'AwsS3Object',
        Id: `arn:aws:s3:::${bucket}/${key}`,
        Region: region,
        Details: { AwsS3Object: { ContentType: 'text/csv', ServerSideEncryption: 'AES256' } },
        DataClassification: {
          Result: {
            MimeType: 'text/csv',
            Status: { Code: 'COMPLETE' },
            SensitiveData: [
              {
                Category: 'FINANCIAL_INFORMATION',
                Detections: [{ Type: 'CREDIT_CARD_NUMBER', Count: 4812 }],
                TotalCount: 4812,
              },
            ],
          },
        },
      },
    ],
    productFields: { 'aws/macie/findingId': findingId, 'aws/macie/type': 'SensitiveData:S3Object/Financial' },
  });
}

export function buildIncidentFindings(seed: number, facts: IncidentFacts): IncidentFindings {
  const rng = streamFor(seed, 'incident-findings');
  const guardDuty = DETECTIONS.map((detection) => guardDutyFinding(rng, facts, detection));
  // The nightly Macie discovery job classified the card files hours before the attacker took them.
  const macie = facts.deletedObjects.map((object, i) =>
    macieFinding(rng, facts, object.bucket, object.key, Date.parse('2024-03-10T09:05:00Z') + i * 41_000),
  );
  return {
    findings: [...guardDuty, ...macie],
    guardDutyIds: guardDuty.map((finding) => String(finding.Id)),
    macieIds: macie.map((finding) => String(finding.Id)),
  };
}
