// Which OCSF class (and activity) a CloudTrail record becomes. The event-name lists are AWS's selector for
// Security Lake's CloudTrail mapping (ocsf/examples, mappings/bloblang/AWS/CloudTrail/v1.1.0/cloudtrail.yml);
// everything else, and every data event, is API Activity.

import { accountChangeActivityId } from './account-change-mapping.ts';
import { apiActivityId } from './api-activity-mapping.ts';
import { authenticationActivityId } from './authentication-mapping.ts';
import { ACCOUNT_CHANGE, API_ACTIVITY, AUTHENTICATION, type EventKind, eventKind } from './ocsf-classes.ts';

const AUTHENTICATION_EVENTS: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'ExternalIdPDirectoryLogin',
  'CheckMfa',
  'CredentialChallenge',
  'CredentialVerification',
  'UserAuthentication',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
]);

const ACCOUNT_CHANGE_EVENTS: ReadonlySet<string> = new Set([
  'AccountNameUpdated',
  'AddRoleToInstanceProfile',
  'AddUserToGroup',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'AttachUserPolicy',
  'ChangePassword',
  'CreateAccessKey',
  'CreateAccountAlias',
  'CreateInstanceProfile',
  'CreateLoginProfile',
  'CreateRole',
  'CreateServiceLinkedRole',
  'CreateUser',
  'CreateVirtualMFADevice',
  'DeactivateMFADevice',
  'DeleteAccessKey',
  'DeleteAccountAlias',
  'DeleteAccountPasswordPolicy',
  'DeleteGroup',
  'DeleteGroupPolicy',
  'DeleteInstanceProfile',
  'DeleteLoginProfile',
  'DeletePolicy',
  'DeleteRole',
  'DeleteRolePermissionsBoundary',
  'DeleteRolePolicy',
  'DeleteServiceLinkedRole',
  'DeleteUser',
  'DeleteUserPermissionsBoundary',
  'DeleteUserPolicy',
  'DeleteVirtualMFADevice',
  'DetachGroupPolicy',
  'DetachRolePolicy',
  'DetachUserPolicy',
  'EmailUpdated',
  'EnableMFADevice',
  'FinalizeSmsMfaRegistration',
  'PasswordUpdated',
  'PutGroupPolicy',
  'PutRolePermissionsBoundary',
  'PutRolePolicy',
  'PutUserPermissionsBoundary',
  'PutUserPolicy',
  'RemoveRoleFromInstanceProfile',
  'RemoveUserFromGroup',
  'RequestSmsMfaRegistration',
  'ResyncMFADevice',
  'TagInstanceProfile',
  'TagRole',
  'TagUser',
  'UntagInstanceProfile',
  'UntagRole',
  'UntagUser',
  'UpdateAccessKey',
  'UpdateAccountEmailAddress',
  'UpdateAccountName',
  'UpdateAccountPasswordPolicy',
  'UpdateAssumeRolePolicy',
  'UpdateGroup',
  'UpdateLoginProfile',
  'UpdateRole',
  'UpdateRoleDescription',
  'UpdateUser',
]);

/** An account sees a few thousand distinct event names; the cap only guards against garbage input. */
const CACHE_LIMIT = 10_000;
const managementKinds = new Map<string, EventKind>();
const dataKinds = new Map<string, EventKind>();

/** The class and activity of an event; data events (S3 objects, Lambda invokes) are always API Activity. */
export function classifyEvent(eventName: string, isDataEvent: boolean): EventKind {
  const cache = isDataEvent ? dataKinds : managementKinds;
  let kind = cache.get(eventName);
  if (kind === undefined) {
    kind = isDataEvent ? eventKind(API_ACTIVITY, apiActivityId(eventName)) : classifyManagementEvent(eventName);
    if (cache.size < CACHE_LIMIT) cache.set(eventName, kind);
  }
  return kind;
}

function classifyManagementEvent(eventName: string): EventKind {
  if (AUTHENTICATION_EVENTS.has(eventName)) return eventKind(AUTHENTICATION, authenticationActivityId(eventName));
  if (ACCOUNT_CHANGE_EVENTS.has(eventName)) return eventKind(ACCOUNT_CHANGE, accountChangeActivityId(eventName));
  return eventKind(API_ACTIVITY, apiActivityId(eventName));
}
