// Account Change (3001): IAM identity changes. The activity rule is AWS's (ocsf/examples,
// cloudtrail_account_change.blobl, activity_id side); the names are the OCSF 1.1.0 captions of those ids.

import { asRecord, type RawRecord } from './raw-fields.ts';
import { type OcsfUser, targetUser } from './target-user.ts';

const CREATE = 1;
const PASSWORD_CHANGE = 3;
const DELETE = 6;
const ATTACH_POLICY = 7;
const DETACH_POLICY = 8;
const OTHER = 99;

const CREATE_BY_NAME = new Set(['ResyncMFADevice', 'EnableMFADevice']);
const PASSWORD_CHANGE_BY_NAME = new Set(['ChangePassword', 'PasswordUpdated']);
/** Deletions of things that are not accounts (keys, certificates, the account alias or password policy…). */
const DELETE_OF_OTHER_THINGS = [
  'DeleteSSH',
  'DeleteServer',
  'DeleteSign',
  'DeleteAccount',
  'DeleteCloudFront',
  'DeleteService',
];

export function accountChangeActivityId(eventName: string): number {
  if (eventName.includes('Create') || CREATE_BY_NAME.has(eventName)) return CREATE;
  if (PASSWORD_CHANGE_BY_NAME.has(eventName)) return PASSWORD_CHANGE;
  if (eventName.includes('Attach') || eventName.includes('Put') || eventName === 'AddUserToGroup') return ATTACH_POLICY;
  if (eventName.includes('Detach') || eventName.includes('Remove')) return DETACH_POLICY;
  if (DELETE_OF_OTHER_THINGS.some((prefix) => eventName.includes(prefix))) return OTHER;
  if (eventName.includes('Delete')) return DELETE;
  return OTHER;
}

/**
 * The identity the change is about: the user or role named in the request, with the ARN and id IAM returned
 * for it. IAM applies calls without a user name (CreateAccessKey, ChangePassword…) to the caller, and OCSF
 * requires `user`, so when the record names no target the caller is the user.
 */
export function accountChangeUser(event: RawRecord): OcsfUser | undefined {
  const request = asRecord(event.requestParameters);
  const response = asRecord(event.responseElements);
  const createdUser = asRecord(response?.user);
  const createdRole = asRecord(response?.role);
  const accessKey = asRecord(response?.accessKey);
  const target = targetUser(
    createdUser?.arn ?? createdRole?.arn,
    createdUser?.userId ?? createdRole?.roleId,
    request?.userName ?? request?.roleName ?? createdUser?.userName ?? createdRole?.roleName ?? accessKey?.userName,
  );
  if (target !== undefined) return target;
  const caller = asRecord(event.userIdentity);
  return targetUser(caller?.arn, caller?.principalId, caller?.userName);
}

/** The managed policy an Attach/Detach call names; inline policies (Put*Policy) only have a name. */
export function accountChangePolicy(event: RawRecord): { uid: string } | undefined {
  const policyArn = asRecord(event.requestParameters)?.policyArn;
  return typeof policyArn === 'string' ? { uid: policyArn } : undefined;
}
