// The synthetic AWS organization: who and what exists, with stable ids drawn from the seed.
// Benign activity and the incident both act through these principals and resources.

import { type SeededRandom, streamFor } from './seeded-random.ts';

export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export type Region = (typeof REGIONS)[number];
/** IAM, and so every IAM event, lives in us-east-1 whatever endpoint the caller used. */
export const GLOBAL_REGION: Region = 'us-east-1';
export const INCIDENT_ACCOUNT_ID = '111122223333';

export interface IamUser {
  readonly name: string;
  readonly accountId: string;
  readonly arn: string;
  readonly principalId: string;
  readonly accessKeyId: string;
}

export interface Role {
  readonly name: string;
  readonly accountId: string;
  readonly arn: string;
  readonly roleId: string;
}

export interface Person {
  readonly name: string;
  readonly email: string;
  readonly officeIp: string;
}

export interface Bucket {
  readonly name: string;
  readonly region: Region;
  readonly accountId: string;
}

export interface LambdaFunction {
  readonly name: string;
  readonly region: Region;
  readonly arn: string;
}

export interface Account {
  readonly id: string;
  readonly alias: string;
  /** Share of the organization's benign traffic. */
  readonly weight: number;
  readonly consoleUsers: readonly IamUser[];
  readonly ssoRoles: readonly Role[];
  readonly ciRole: Role;
  readonly configRole: Role;
  readonly workloadRoles: readonly Role[];
  readonly buckets: readonly Bucket[];
  readonly functions: readonly LambdaFunction[];
  /** Public NAT addresses the workloads call AWS from. */
  readonly natIps: readonly string[];
}

export interface Organization {
  readonly accounts: readonly Account[];
  readonly people: readonly Person[];
  /** The long-term-key user whose key the attacker holds; it runs nightly backups until then. */
  readonly serviceBackup: IamUser;
  readonly backupServerIp: string;
  readonly backupBucket: Bucket;
  readonly customerDataBucket: Bucket;
}

const PEOPLE = ['maria.garcia', 'wei.chen', 'samir.haddad', 'olivia.brown', 'kenji.sato', 'fatima.okafor'];
const CONSOLE_USERS = ['breakglass-admin', 'olivia.brown'];
const SSO_SETS = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'];
const WORKLOADS = ['orders-api-task-role', 'reporting-lambda-role', 'batch-worker-ec2-role'];
const FUNCTIONS = ['orders-processor', 'thumbnail-resizer', 'nightly-report'];
const BACKUP_BUCKET: Bucket = { name: 'acme-prod-backups', region: 'us-east-1', accountId: INCIDENT_ACCOUNT_ID };
const CUSTOMER_DATA_BUCKET: Bucket = {
  name: 'acme-customer-data-prod',
  region: 'us-west-2',
  accountId: INCIDENT_ACCOUNT_ID,
};
const ACCOUNTS = [
  { id: INCIDENT_ACCOUNT_ID, alias: 'acme-prod', weight: 0.5, nat: ['54.214.88.17', '52.88.140.203'] },
  { id: '444455556666', alias: 'acme-staging', weight: 0.3, nat: ['34.219.52.9'] },
  { id: '777788889999', alias: 'acme-shared-services', weight: 0.2, nat: ['35.162.7.41'] },
] as const;

export function buildOrganization(seed: number): Organization {
  const rng = streamFor(seed, 'organization');
  const people = PEOPLE.map((name, i) => ({ name, email: `${name}@acme.example`, officeIp: `192.0.2.${20 + i * 7}` }));
  const accounts = ACCOUNTS.map((spec) => buildAccount(rng, spec.id, spec.alias, spec.weight, spec.nat));
  return {
    accounts,
    people,
    serviceBackup: iamUser(rng, INCIDENT_ACCOUNT_ID, 'Service_Backup'),
    backupServerIp: '54.214.88.17',
    backupBucket: BACKUP_BUCKET,
    customerDataBucket: CUSTOMER_DATA_BUCKET,
  };
}

function buildAccount(
  rng: SeededRandom,
  id: string,
  alias: string,
  weight: number,
  natIps: readonly string[],
): Account {
  const env = alias.replace('acme-', '');
  const buckets: Bucket[] = REGIONS.flatMap((region) =>
    ['app-assets', 'logs'].map((purpose) => ({ name: `acme-${env}-${purpose}-${region}`, region, accountId: id })),
  );
  // Ordinary readers of the customer-data bucket make the attacker's reads blend in.
  if (id === INCIDENT_ACCOUNT_ID) buckets.push(CUSTOMER_DATA_BUCKET);
  return {
    id,
    alias,
    weight,
    consoleUsers: CONSOLE_USERS.map((name) => iamUser(rng, id, name)),
    ssoRoles: SSO_SETS.map((set) =>
      role(rng, id, `AWSReservedSSO_${set}_${rng.hex(16)}`, '/aws-reserved/sso.amazonaws.com/'),
    ),
    ciRole: role(rng, id, 'ci-deploy'),
    configRole: role(rng, id, 'AWSServiceRoleForConfig', '/aws-service-role/config.amazonaws.com/'),
    workloadRoles: WORKLOADS.map((name) => role(rng, id, name)),
    buckets,
    functions: REGIONS.flatMap((region) =>
      FUNCTIONS.map((name) => ({ name, region, arn: `arn:aws:lambda:${region}:${id}:function:${name}` })),
    ),
    natIps,
  };
}

export function iamUser(rng: SeededRandom, accountId: string, name: string): IamUser {
  return {
    name,
    accountId,
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    principalId: `AIDA${rng.upperAlnum(17)}`,
    accessKeyId: `AKIA${rng.upperAlnum(16)}`,
  };
}

export function role(rng: SeededRandom, accountId: string, name: string, path = '/'): Role {
  return { name, accountId, arn: `arn:aws:iam::${accountId}:role${path}${name}`, roleId: `AROA${rng.upperAlnum(17)}` };
}
