// A small lake in which two accounts each have a user named `deploy`, as real organisations do: what each
// one did, a Security Hub finding naming `deploy` in each account, a user seen only in a GuardDuty-style
// finding, an EKS audit event, and source addresses CloudTrail writes that are not plain addresses.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const A = '111111111111';
export const B = '222222222222';
export const DEPLOY_A = `arn:aws:iam::${A}:user/deploy`;
export const DEPLOY_B = `arn:aws:iam::${B}:user/deploy`;
export const ATTACKER_IP = '203.0.113.77';

let serial = 0;
const uid = () => {
  serial++;
  return `e${String(serial).padStart(7, '0')}-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

interface Call {
  readonly account: string;
  readonly user: string;
  readonly time: string;
  readonly source: string;
  readonly name: string;
  readonly ip?: string;
  readonly request?: Record<string, unknown>;
  readonly response?: Record<string, unknown>;
}

export function cloudTrail(call: Call): Record<string, unknown> {
  const id = uid();
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${call.user.toUpperCase()}${call.account.slice(0, 4)}`,
      arn: `arn:aws:iam::${call.account}:user/${call.user}`,
      accountId: call.account,
      accessKeyId: `AKIA${call.user.toUpperCase()}${call.account.slice(0, 6)}`,
      userName: call.user,
    },
    eventTime: call.time,
    eventSource: call.source,
    eventName: call.name,
    awsRegion: 'us-east-1',
    sourceIPAddress: call.ip ?? '198.51.100.20',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: call.request ?? null,
    responseElements: call.response ?? null,
    requestID: id.replace(/^e/, 'r'),
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.account,
    eventCategory: 'Management',
  };
}

const createUser = (account: string, by: string, name: string, time: string) =>
  cloudTrail({
    account,
    user: by,
    time,
    source: 'iam.amazonaws.com',
    name: 'CreateUser',
    request: { userName: name },
    response: {
      user: { userName: name, arn: `arn:aws:iam::${account}:user/${name}`, userId: `AIDA${name}${account}` },
    },
  });

export const TRAIL = [
  createUser(A, 'deploy', 'helper', '2024-03-10T10:00:00Z'),
  cloudTrail({
    account: A,
    user: 'deploy',
    time: '2024-03-10T10:05:00Z',
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    ip: 'AWS Internal',
  }),
  cloudTrail({
    account: A,
    user: 'deploy',
    time: '2024-03-10T10:06:00Z',
    source: 's3.amazonaws.com',
    name: 'ListBuckets',
    ip: '010.001.002.003',
  }),
  cloudTrail({
    account: A,
    user: 'deploy',
    time: '2024-03-10T10:07:00Z',
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    ip: ATTACKER_IP,
  }),
  createUser(B, 'deploy', 'helper', '2024-03-10T11:00:00Z'),
  cloudTrail({
    account: B,
    user: 'deploy',
    time: '2024-03-10T11:01:00Z',
    source: 'cloudtrail.amazonaws.com',
    name: 'DeleteTrail',
    request: { name: 'org-trail' },
  }),
  cloudTrail({
    account: B,
    user: 'deploy',
    time: '2024-03-10T11:02:00Z',
    source: 'iam.amazonaws.com',
    name: 'CreateRole',
    request: { roleName: 'elsewhere' },
    response: { role: { roleName: 'elsewhere', arn: `arn:aws:iam::${B}:role/elsewhere`, roleId: 'AROAELSEWHERE' } },
  }),
  cloudTrail({
    account: B,
    user: 'ops',
    time: '2024-03-10T11:10:00Z',
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    ip: ATTACKER_IP,
  }),
];

function finding(account: string, id: string, title: string, resources: Record<string, unknown>[]) {
  const arn = `arn:aws:securityhub:us-east-1:${account}:finding/${id}`;
  return {
    version: '0',
    id,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account,
    time: '2024-03-10T12:00:00Z',
    region: 'us-east-1',
    resources: [arn],
    detail: {
      findings: [
        {
          SchemaVersion: '2018-10-08',
          Id: arn,
          ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
          ProductName: 'GuardDuty',
          CompanyName: 'Amazon',
          Region: 'us-east-1',
          GeneratorId: 'guardduty',
          AwsAccountId: account,
          Types: ['TTPs/Discovery'],
          CreatedAt: '2024-03-10T12:00:00.000Z',
          UpdatedAt: '2024-03-10T12:00:00.000Z',
          Severity: { Label: 'HIGH', Normalized: 70 },
          Title: title,
          Description: title,
          Resources: resources,
          RecordState: 'ACTIVE',
          Workflow: { Status: 'NEW' },
        },
      ],
    },
  };
}

const accessKey = (account: string, user: string) => ({
  Type: 'AwsIamAccessKey',
  Id: `AKIA${user.toUpperCase()}${account.slice(0, 6)}`,
  Partition: 'aws',
  Region: 'us-east-1',
  Details: { AwsIamAccessKey: { PrincipalName: user, PrincipalType: 'IAMUser' } },
});

export const FINDINGS = [
  finding(A, 'f-a-deploy', 'Unusual API calls by deploy', [accessKey(A, 'deploy')]),
  finding(B, 'f-b-deploy', 'deploy disabled logging', [accessKey(B, 'deploy')]),
  finding(A, 'f-a-ghost', 'Credentials of ghost used from a Tor exit node', [
    { Type: 'AwsIamUser', Id: `arn:aws:iam::${A}:user/ghost`, Partition: 'aws', Region: 'us-east-1' },
  ]),
];

export const EKS_AUDIT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: '7d0a0c3e-0000-4000-8000-000000000001',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/default/secrets/db',
  verb: 'get',
  user: {
    username: 'kube-operator',
    uid: `aws-iam-authenticator:${A}:AROAKUBEOPERATOR`,
    groups: ['system:authenticated'],
    extra: { canonicalArn: [`arn:aws:iam::${A}:role/kube-operator`], accessKeyId: ['ASIAKUBEOPERATOR0001'] },
  },
  sourceIPs: [ATTACKER_IP],
  userAgent: 'kubectl/v1.29.0',
  objectRef: { resource: 'secrets', namespace: 'default', name: 'db', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 200 },
  requestReceivedTimestamp: '2024-03-10T12:30:00.000000Z',
  stageTimestamp: '2024-03-10T12:30:00.010000Z',
};

/** Default-format (v2) flow records: the address reaching a web server in A, and a rejected probe. */
export const FLOWS = [
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  `2 ${A} eni-0a1b2c3d4e5f60718 ${ATTACKER_IP} 10.0.1.25 51544 443 6 12 4200 1710072000 1710072060 ACCEPT OK`,
  `2 ${A} eni-0a1b2c3d4e5f60718 ${ATTACKER_IP} 10.0.1.25 51545 443 6 10 3100 1710072060 1710072120 ACCEPT OK`,
  `2 ${A} eni-0a1b2c3d4e5f60718 ${ATTACKER_IP} 10.0.1.25 40000 22 6 1 60 1710072120 1710072180 REJECT OK`,
  `2 ${A} eni-0a1b2c3d4e5f60718 198.51.100.9 10.0.1.25 40001 443 6 1 60 1710072120 1710072180 ACCEPT OK`,
];

/** Writes the raw files under `dir` and returns them, for `tarn ingest`. */
export async function writeTwoAccountLogs(dir: string): Promise<string[]> {
  const eks = join(dir, 'AWSLogs', A, 'EKS', 'us-east-1', '2024', '03', '10');
  await mkdir(eks, { recursive: true });
  const flow = join(dir, 'AWSLogs', A, 'vpcflowlogs', 'us-east-1', '2024', '03', '10');
  await mkdir(flow, { recursive: true });
  const files = [
    join(dir, 'cloudtrail.jsonl'),
    join(dir, 'findings.jsonl'),
    join(eks, 'audit.jsonl'),
    join(flow, `${A}_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20240310T1200Z_0a1b2c3d.log`),
  ];
  const lines = (records: readonly unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
  await writeFile(files[0] as string, lines(TRAIL));
  await writeFile(files[1] as string, lines(FINDINGS));
  await writeFile(files[2] as string, lines([EKS_AUDIT]));
  await writeFile(files[3] as string, `${FLOWS.join('\n')}\n`);
  return files;
}
