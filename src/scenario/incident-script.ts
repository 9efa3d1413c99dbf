// The hidden incident in the prod account, step by step: Service_Backup's leaked key is used from
// outside to look around, create admin users and a trusted role, try to launch GPU instances, take
// and delete customer card data, and leave a ransom note; a created user then makes another user.

import type { PlantedRecord } from './benign-activity.ts';
import { type Caller, iamUserIdentity } from './cloudtrail-identity.ts';
import { type ApiCall, buildRecord, ec2Unauthorized } from './cloudtrail-record-builder.ts';
import {
  attachRolePolicy,
  attachUserPolicy,
  createAccessKey,
  createLoginProfile,
  createRole,
  createUser,
  getCallerIdentity,
  iamRead,
} from './iam-api-calls.ts';
import {
  type Bucket,
  GLOBAL_REGION,
  type IamUser,
  INCIDENT_ACCOUNT_ID,
  iamUser,
  type Organization,
  role,
} from './organization.ts';
import { createBucket, listBuckets, s3ObjectCall } from './s3-api-calls.ts';
import type { IncidentFacts } from './scenario-facts.ts';
import { streamFor } from './seeded-random.ts';
import { runInstances } from './service-api-calls.ts';

export const ATTACKER_IPS = ['198.51.100.23', '203.0.113.77'] as const;
export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ATTACKER_ACCOUNT_ID = '999988887777';
const CARD_FILES = ['cc-data-2024-01.csv', 'cc-data-2024-02.csv', 'cc-data-2024-03.csv'];
const RANSOM_NOTE = 'README_RESTORE_FILES.txt';
const GPU_ATTEMPTS = [
  ['p3.16xlarge', 10],
  ['p3.8xlarge', 10],
  ['g4dn.12xlarge', 8],
  ['c5.24xlarge', 4],
] as const;

export interface IncidentPlan {
  readonly records: readonly PlantedRecord[];
  readonly facts: IncidentFacts;
}

function attacker(user: IamUser, ip: string, command: string): Caller {
  return {
    identity: iamUserIdentity(user),
    sourceIPAddress: ip,
    userAgent: `aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off command/${command}`,
  };
}

export function planIncident(seed: number, org: Organization): IncidentPlan {
  const rng = streamFor(seed, 'incident');
  const [ip1, ip2] = ATTACKER_IPS;
  const victim = org.serviceBackup;
  const adminUser = iamUser(rng, INCIDENT_ACCOUNT_ID, 'backup-admin');
  const reportingUser = iamUser(rng, INCIDENT_ACCOUNT_ID, 'svc-reporting');
  const auditUser = iamUser(rng, INCIDENT_ACCOUNT_ID, 'svc-audit');
  const trustedRole = role(rng, INCIDENT_ACCOUNT_ID, 'backup-maintenance-role');
  const ransomBucket: Bucket = { name: 'breach.notify', region: 'us-west-2', accountId: INCIDENT_ACCOUNT_ID };
  const cardBucket = org.customerDataBucket;
  const deleteMarkers = CARD_FILES.map(() => rng.alnum(32));

  const steps: [string, string, Caller, (timeMs: number) => ApiCall][] = [];
  const at = (time: string, region: string, caller: Caller, call: (timeMs: number) => ApiCall): void => {
    steps.push([time, region, caller, call]);
  };
  const iam = (time: string, caller: Caller, call: (timeMs: number) => ApiCall): void =>
    at(time, GLOBAL_REGION, caller, call);

  // Day 1, from the first address: who am I, what is here, then persistence.
  iam('2024-03-10T14:02:17Z', attacker(victim, ip1, 'sts.get-caller-identity'), () => getCallerIdentity(GLOBAL_REGION));
  iam('2024-03-10T14:03:02Z', attacker(victim, ip1, 'iam.list-users'), () => iamRead('ListUsers'));
  iam('2024-03-10T14:03:19Z', attacker(victim, ip1, 'iam.list-roles'), () => iamRead('ListRoles'));
  iam('2024-03-10T14:03:41Z', attacker(victim, ip1, 's3.ls'), () => listBuckets(rng));
  iam('2024-03-10T14:04:05Z', attacker(victim, ip1, 'iam.list-attached-user-policies'), () =>
    iamRead('ListAttachedUserPolicies', { userName: victim.name }),
  );
  const persist = (user: IamUser, minute: string, withPassword: boolean): void => {
    iam(`2024-03-10T14:${minute}:12Z`, attacker(victim, ip1, 'iam.create-user'), (t) => createUser(user, t));
    iam(`2024-03-10T14:${minute}:30Z`, attacker(victim, ip1, 'iam.attach-user-policy'), () =>
      attachUserPolicy(user.name, ADMIN_POLICY_ARN),
    );
    iam(`2024-03-10T14:${minute}:51Z`, attacker(victim, ip1, 'iam.create-access-key'), (t) => createAccessKey(user, t));
    if (withPassword) {
      iam(`2024-03-10T14:${minute}:58Z`, attacker(victim, ip1, 'iam.create-login-profile'), (t) =>
        createLoginProfile(user.name, t),
      );
    }
  };
  persist(adminUser, '09', true);
  persist(reportingUser, '16', false);
  iam('2024-03-10T14:24:10Z', attacker(victim, ip1, 'iam.create-role'), (t) =>
    createRole(trustedRole, ATTACKER_ACCOUNT_ID, t),
  );
  iam('2024-03-10T14:24:33Z', attacker(victim, ip1, 'iam.attach-role-policy'), () =>
    attachRolePolicy(trustedRole.name, ADMIN_POLICY_ARN),
  );
  GPU_ATTEMPTS.forEach(([instanceType, count], i) => {
    const time = `2024-03-10T14:4${1 + i}:0${i * 2}Z`;
    at(time, 'us-west-2', attacker(victim, ip1, 'ec2.run-instances'), () => ({
      ...runInstances('us-west-2', 'ami-0c2d06d50ce30b442', instanceType, count),
      error: ec2Unauthorized(rng),
    }));
  });

  // Day 2, from the second address: take the card data, delete it, leave the note.
  iam('2024-03-11T01:12:08Z', attacker(victim, ip2, 's3.ls'), () => listBuckets(rng));
  CARD_FILES.forEach((key, i) => {
    const minute = String(14 + i * 2).padStart(2, '0');
    const size = 1_800_000 + i * 250_000;
    at(`2024-03-11T01:${minute}:30Z`, cardBucket.region, attacker(victim, ip2, 's3.cp'), () =>
      s3ObjectCall(rng, 'GetObject', cardBucket, key, { size }),
    );
    at(`2024-03-11T01:${minute}:58Z`, cardBucket.region, attacker(victim, ip2, 's3.rm'), () =>
      s3ObjectCall(rng, 'DeleteObject', cardBucket, key, { size: 0, versionId: deleteMarkers[i] as string }),
    );
  });
  at('2024-03-11T01:22:05Z', ransomBucket.region, attacker(victim, ip2, 's3.mb'), () =>
    createBucket(rng, ransomBucket),
  );
  at('2024-03-11T01:22:48Z', ransomBucket.region, attacker(victim, ip2, 's3.cp'), () =>
    s3ObjectCall(rng, 'PutObject', ransomBucket, RANSOM_NOTE, { size: 1184 }),
  );

  // Day 3: the attacker comes back through a user it created and makes one more.
  const viaAdmin = (command: string): Caller => attacker(adminUser, ip2, command);
  iam('2024-03-12T09:31:44Z', viaAdmin('sts.get-caller-identity'), () => getCallerIdentity(GLOBAL_REGION));
  iam('2024-03-12T09:32:10Z', viaAdmin('iam.create-user'), (t) => createUser(auditUser, t));
  iam('2024-03-12T09:32:36Z', viaAdmin('iam.create-access-key'), (t) => createAccessKey(auditUser, t));

  const records = steps.map(([time, region, caller, call]) => {
    const timeMs = Date.parse(time);
    const site = { rng, timeMs, region, recipientAccountId: INCIDENT_ACCOUNT_ID };
    return { accountId: INCIDENT_ACCOUNT_ID, region, timeMs, record: buildRecord(site, caller, call(timeMs)) };
  });
  const created = (user: IamUser, createdBy: string, loginProfile: boolean) => ({
    userName: user.name,
    arn: user.arn,
    accessKeyId: user.accessKeyId,
    createdBy,
    loginProfile,
    policyArns: createdBy === victim.name ? [ADMIN_POLICY_ARN] : [],
  });
  return {
    records,
    facts: {
      accountId: INCIDENT_ACCOUNT_ID,
      attackerIps: [...ATTACKER_IPS],
      compromisedUser: { userName: victim.name, arn: victim.arn, accessKeyId: victim.accessKeyId },
      createdUsers: [
        created(adminUser, victim.name, true),
        created(reportingUser, victim.name, false),
        created(auditUser, adminUser.name, false),
      ],
      createdRole: {
        roleName: trustedRole.name,
        arn: trustedRole.arn,
        trustedAccountId: ATTACKER_ACCOUNT_ID,
        policyArn: ADMIN_POLICY_ARN,
      },
      failedRunInstances: {
        region: 'us-west-2',
        attempts: GPU_ATTEMPTS.length,
        errorCode: 'Client.UnauthorizedOperation',
      },
      ransomNote: { bucket: ransomBucket.name, region: ransomBucket.region, key: RANSOM_NOTE },
      deletedObjects: CARD_FILES.map((key, i) => ({
        bucket: cardBucket.name,
        region: cardBucket.region,
        key,
        deleteMarkerVersionId: deleteMarkers[i] as string,
      })),
      timeRange: { start: steps[0]?.[0] ?? '', end: steps[steps.length - 1]?.[0] ?? '' },
      recordCount: records.length,
    },
  };
}
