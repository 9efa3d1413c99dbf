// The everyday principals of the organization, as callers: people through SSO and the console,
// CI deploy sessions, workloads, AWS Config, and the backup job that owns Service_Backup's key.

import {
  assumedRoleIdentity,
  type Caller,
  consoleUserIdentity,
  hourlyCredential,
  iamUserIdentity,
} from './cloudtrail-identity.ts';
import type { Account, Organization, Role } from './organization.ts';
import type { SeededRandom } from './seeded-random.ts';

/** Everything a benign event needs to know about where it happens. */
export interface ActivityContext {
  readonly seed: number;
  readonly org: Organization;
  readonly account: Account;
  readonly region: string;
  readonly rng: SeededRandom;
  readonly timeMs: number;
}

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';
const LAPTOP_CLI = 'aws-cli/2.15.24 Python/3.11.8 Darwin/23.3.0 exe/x86_64 prompt/off';
const WORKLOAD_SDKS = [
  'aws-sdk-java/2.25.6 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE',
  'Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12',
  'aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64 api/s3#1.51.1',
];
const CI_AGENT =
  'aws-cli/2.15.24 Python/3.11.8 Linux/6.5.0-1015-azure exe/x86_64.ubuntu.22 prompt/off command/cloudformation.deploy';
const BACKUP_AGENT = 'aws-cli/2.13.5 Python/3.11.4 Linux/5.15.0-1050-aws exe/x86_64.ubuntu.22 prompt/off command/s3.cp';

/** Session names are stable within the hour so one person's hour of work reads as one session. */
function roleIdentity(ctx: ActivityContext, role: Role, sessionName: string, mfa: boolean): Caller['identity'] {
  return assumedRoleIdentity(
    role,
    sessionName,
    hourlyCredential(ctx.seed, `${role.arn}/${sessionName}`, ctx.timeMs, mfa),
  );
}

/** A person working through an SSO permission set, in the browser console or with the CLI. */
export function ssoCaller(ctx: ActivityContext, role: Role = ctx.rng.pick(ctx.account.ssoRoles)): Caller {
  const person = ctx.rng.pick(ctx.org.people);
  const inConsole = ctx.rng.chance(0.6);
  return {
    identity: roleIdentity(ctx, role, person.email, false),
    sourceIPAddress: person.officeIp,
    userAgent: inConsole ? BROWSER : LAPTOP_CLI,
    fromConsole: inConsole,
  };
}

/** One of the account's IAM users with a console password, signed in with MFA. */
export function consoleUserCaller(ctx: ActivityContext): Caller {
  const user = ctx.rng.pick(ctx.account.consoleUsers);
  const credential = hourlyCredential(ctx.seed, user.arn, ctx.timeMs, true);
  return {
    identity: consoleUserIdentity(user, credential),
    sourceIPAddress: ctx.rng.pick(ctx.org.people).officeIp,
    userAgent: BROWSER,
    fromConsole: true,
  };
}

export function ciSessionName(timeMs: number): string {
  // One pipeline run per hour-ish; the run number is derived from the hour so it repeats within it.
  return `gha-run-${8_000_000 + Math.floor(timeMs / 3_600_000) - 473_000}`;
}

export function ciCaller(ctx: ActivityContext): Caller {
  const shared = ctx.org.accounts[ctx.org.accounts.length - 1] ?? ctx.account;
  return {
    identity: roleIdentity(ctx, ctx.account.ciRole, ciSessionName(ctx.timeMs), false),
    sourceIPAddress: ctx.rng.pick(shared.natIps),
    userAgent: CI_AGENT,
  };
}

export function workloadCaller(ctx: ActivityContext, role: Role = ctx.rng.pick(ctx.account.workloadRoles)): Caller {
  const sessionName = role.name.startsWith('batch') ? `i-0${ctx.rng.hex(16)}` : ctx.rng.hex(32);
  return {
    identity: roleIdentity(ctx, role, sessionName, false),
    sourceIPAddress: ctx.rng.pick(ctx.account.natIps),
    userAgent: ctx.rng.pick(WORKLOAD_SDKS),
  };
}

/** AWS Config reads resource configuration through its service-linked role. */
export function configCaller(ctx: ActivityContext): Caller {
  const credential = hourlyCredential(ctx.seed, ctx.account.configRole.arn, ctx.timeMs, false);
  return {
    identity: assumedRoleIdentity(ctx.account.configRole, 'AWSConfig-Describe', credential, 'config.amazonaws.com'),
    sourceIPAddress: 'config.amazonaws.com',
    userAgent: 'config.amazonaws.com',
  };
}

/** The legitimate owner of Service_Backup's long-term key: the backup server. */
export function backupJobCaller(org: Organization): Caller {
  return {
    identity: iamUserIdentity(org.serviceBackup),
    sourceIPAddress: org.backupServerIp,
    userAgent: BACKUP_AGENT,
  };
}
