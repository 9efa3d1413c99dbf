// Who made a call, in the exact userIdentity shapes CloudTrail writes for each principal type.

import type { IamUser, Role } from './organization.ts';
import { deriveSeed, SeededRandom } from './seeded-random.ts';

export type UserIdentity = Readonly<Record<string, unknown>>;

/** The calling side of one API call: identity plus where the request came from. */
export interface Caller {
  readonly identity: UserIdentity;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  /** Console sessions are flagged by CloudTrail with sessionCredentialFromConsole. */
  readonly fromConsole?: boolean;
}

export function iamUserIdentity(user: IamUser, accessKeyId: string | null = user.accessKeyId): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: user.principalId,
    arn: user.arn,
    accountId: user.accountId,
    ...(accessKeyId === null ? {} : { accessKeyId }),
    userName: user.name,
  };
}

/** The temporary key and session attributes behind an assumed role or a console sign-in. */
export interface TemporaryCredential {
  readonly accessKeyId: string;
  readonly creationDate: string;
  readonly mfaAuthenticated: boolean;
}

/**
 * A credential that stays the same for one principal for one hour, so the same temporary key shows
 * up across that hour's events, as a real session's does.
 */
export function hourlyCredential(seed: number, principal: string, timeMs: number, mfa: boolean): TemporaryCredential {
  const hourMs = Math.floor(timeMs / 3_600_000) * 3_600_000;
  const rng = new SeededRandom(deriveSeed(seed, 'session', principal, hourMs));
  const createdMs = hourMs + rng.int(60) * 1000;
  return {
    accessKeyId: `ASIA${rng.upperAlnum(16)}`,
    creationDate: isoSeconds(Math.min(createdMs, timeMs)),
    mfaAuthenticated: mfa,
  };
}

function sessionAttributes(credential: TemporaryCredential): Record<string, string> {
  return { creationDate: credential.creationDate, mfaAuthenticated: String(credential.mfaAuthenticated) };
}

export function assumedRoleIdentity(
  role: Role,
  sessionName: string,
  credential: TemporaryCredential,
  invokedBy?: string,
): UserIdentity {
  return {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    accountId: role.accountId,
    accessKeyId: credential.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.roleId,
        arn: role.arn,
        accountId: role.accountId,
        userName: role.name,
      },
      webIdFederationData: {},
      attributes: sessionAttributes(credential),
    },
    ...(invokedBy === undefined ? {} : { invokedBy }),
  };
}

/** An IAM user signed in to the console calls with a temporary key and a session context. */
export function consoleUserIdentity(user: IamUser, credential: TemporaryCredential): UserIdentity {
  return {
    ...iamUserIdentity(user, credential.accessKeyId),
    sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: sessionAttributes(credential) },
  };
}

export function serviceIdentity(service: string): UserIdentity {
  return { type: 'AWSService', invokedBy: service };
}

/** A service calling as itself: source address and agent are the service name, as CloudTrail shows. */
export function serviceCaller(service: string): Caller {
  return { identity: serviceIdentity(service), sourceIPAddress: service, userAgent: service };
}

/** A call a service makes for a principal (S3 asking KMS for a data key): the principal's identity, marked invokedBy. */
export function onBehalfOf(caller: Caller, service: string): Caller {
  return { identity: { ...caller.identity, invokedBy: service }, sourceIPAddress: service, userAgent: service };
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/** `2024-03-10T14:02:17Z`. Called for every record, so the date part is cached per day. */
export function isoSeconds(timeMs: number): string {
  const day = Math.floor(timeMs / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const seconds = Math.floor((timeMs - day * DAY_MS) / 1000);
  const clock = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  return `${cachedDayPrefix}${clock}Z`;
}
