// IAM and STS calls in the request/response shapes CloudTrail records for them. IAM is global, so
// every call here is recorded in us-east-1 with the iam.amazonaws.com host.

import type { ApiCall, JsonObject } from './cloudtrail-record-builder.ts';
import type { IamUser, Role } from './organization.ts';

const IAM = 'iam.amazonaws.com';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** IAM responses carry dates as "Mar 10, 2024, 2:10:05 PM", not ISO-8601. */
export function iamDate(timeMs: number): string {
  const d = new Date(timeMs);
  const hours = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${clock} ${hours < 12 ? 'AM' : 'PM'}`;
}

function iamCall(
  eventName: string,
  requestParameters: JsonObject | null,
  responseElements: JsonObject | null,
): ApiCall {
  const readOnly = /^(Get|List)/.test(eventName);
  return { eventSource: IAM, eventName, readOnly, requestParameters, responseElements, host: IAM };
}

export function iamRead(eventName: string, requestParameters: JsonObject | null = null): ApiCall {
  return iamCall(eventName, requestParameters, null);
}

export function createUser(user: IamUser, timeMs: number): ApiCall {
  const created = {
    path: '/',
    userName: user.name,
    userId: user.principalId,
    arn: user.arn,
    createDate: iamDate(timeMs),
  };
  return iamCall('CreateUser', { userName: user.name }, { user: created });
}

export function attachUserPolicy(userName: string, policyArn: string): ApiCall {
  return iamCall('AttachUserPolicy', { userName, policyArn }, null);
}

export function createAccessKey(user: IamUser, timeMs: number): ApiCall {
  const accessKey = {
    userName: user.name,
    accessKeyId: user.accessKeyId,
    status: 'Active',
    createDate: iamDate(timeMs),
  };
  return iamCall('CreateAccessKey', { userName: user.name }, { accessKey });
}

export function createLoginProfile(userName: string, timeMs: number): ApiCall {
  const loginProfile = { userName, createDate: iamDate(timeMs), passwordResetRequired: false };
  return iamCall('CreateLoginProfile', { userName, passwordResetRequired: false }, { loginProfile });
}

/** A role that trusts another account's root: the persistence path an outside account keeps. */
export function createRole(role: Role, trustedAccountId: string, timeMs: number): ApiCall {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
  const created = {
    path: '/',
    roleName: role.name,
    roleId: role.roleId,
    arn: role.arn,
    createDate: iamDate(timeMs),
    // The response echoes the trust policy URL-encoded, unlike the request.
    assumeRolePolicyDocument: encodeURIComponent(trust),
  };
  return iamCall('CreateRole', { roleName: role.name, assumeRolePolicyDocument: trust }, { role: created });
}

export function attachRolePolicy(roleName: string, policyArn: string): ApiCall {
  return iamCall('AttachRolePolicy', { roleName, policyArn }, null);
}

export function getCallerIdentity(region: string): ApiCall {
  return {
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetCallerIdentity',
    readOnly: true,
    requestParameters: null,
    host: `sts.${region}.amazonaws.com`,
  };
}

/**
 * AssumeRole as recorded in the role's account; the issued temporary key is in the response. A
 * service assuming its role calls from inside AWS, so it has no host.
 */
export function assumeRole(
  role: Role,
  sessionName: string,
  accessKeyId: string,
  expiration: string,
  host: string | null,
): ApiCall {
  return {
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    readOnly: true,
    requestParameters: { roleArn: role.arn, roleSessionName: sessionName, durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId, sessionToken: `IQoJb3JpZ2luX2Vj${accessKeyId}`, expiration },
      assumedRoleUser: {
        assumedRoleId: `${role.roleId}:${sessionName}`,
        arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      },
    },
    resources: [{ accountId: role.accountId, type: 'AWS::IAM::Role', ARN: role.arn }],
    shared: true,
    host,
  };
}
