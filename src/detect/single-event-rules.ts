// Rules that one successful management call proves on its own: persistence in IAM and defence evasion.
// They share one query shape, so each is a row of this table: the calls it matches and what it names.

import { type DetectionRule, PRINCIPAL_NAME, type RuleContext, requestField } from './detection-rule.ts';

interface SingleEventRule extends Omit<DetectionRule, 'sql'> {
  /** Matches the calls, over the CloudTrail management table. */
  readonly where: string;
  /** The resource the call acts on; NULL leaves it out. */
  readonly resource: string;
}

function singleEventRule(rule: SingleEventRule): DetectionRule {
  const { where, resource, ...meta } = rule;
  return {
    ...meta,
    sql: (c: RuleContext) => `SELECT time, actor.user.uid AS principal, ${PRINCIPAL_NAME} AS principal_name,
  accountid AS account_id, filter(ARRAY[${resource}], r -> r IS NOT NULL) AS resources,
  ARRAY[metadata.uid] AS event_uids, api.operation AS detail
FROM ${c.cloudTrail}
WHERE (${where}) AND api.response.error IS NULL AND ${c.range}
ORDER BY time, metadata.uid`,
  };
}

const userName = requestField('userName');

export const SINGLE_EVENT_RULES: readonly DetectionRule[] = [
  singleEventRule({
    id: 'iam-user-creates-user',
    title: 'IAM user created another IAM user',
    severity: 'Medium',
    techniques: [{ id: 'T1136.003', name: 'Create Account: Cloud Account' }],
    description:
      'A long-term IAM user (not a role or SSO session) called CreateUser: users are normally made by automation or administrators through roles, and a leaked user key making users is persistence.',
    where: `api.operation = 'CreateUser' AND actor.user.type = 'IAMUser'`,
    resource: userName,
  }),
  singleEventRule({
    id: 'admin-policy-attached',
    title: 'Administrator policy attached',
    severity: 'High',
    techniques: [{ id: 'T1098.003', name: 'Account Manipulation: Additional Cloud Roles' }],
    description:
      'AdministratorAccess was attached to a user, role or group, or an inline or managed policy allowing every action ("*" or "*:*") was written.',
    where: `(api.operation IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy')
    AND ${requestField('policyArn')} LIKE '%:policy/AdministratorAccess')
  OR (api.operation IN ('PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'CreatePolicy', 'CreatePolicyVersion')
    AND regexp_like(${requestField('policyDocument')}, '"Action"\\s*:\\s*\\[?\\s*"\\*(:\\*)?"'))`,
    resource: `coalesce(${userName}, ${requestField('roleName')}, ${requestField('groupName')}, ${requestField('policyArn')})`,
  }),
  singleEventRule({
    id: 'access-key-for-other-user',
    title: 'Access key created for another user',
    severity: 'High',
    techniques: [{ id: 'T1098.001', name: 'Account Manipulation: Additional Cloud Credentials' }],
    description:
      "CreateAccessKey named a user other than the caller: whoever called it now holds that user's permissions.",
    where: `api.operation = 'CreateAccessKey' AND ${userName} IS NOT NULL
    AND (actor.user.name IS NULL OR lower(${userName}) <> lower(actor.user.name))`,
    resource: userName,
  }),
  singleEventRule({
    id: 'login-profile-created',
    title: 'Console password (login profile) created',
    severity: 'High',
    techniques: [{ id: 'T1098', name: 'Account Manipulation' }],
    description:
      'CreateLoginProfile gave a user a console password: console access that survives the rotation of access keys.',
    where: `api.operation = 'CreateLoginProfile'`,
    resource: userName,
  }),
  singleEventRule({
    id: 'role-created',
    title: 'IAM role created',
    severity: 'Medium',
    techniques: [{ id: 'T1098.003', name: 'Account Manipulation: Additional Cloud Roles' }],
    description:
      'CreateRole: a role whose trust policy admits an outside account is a backdoor that outlives every key.',
    where: `api.operation = 'CreateRole'`,
    resource: `coalesce(json_extract_scalar(api.response.data, '$.role.arn'), ${requestField('roleName')})`,
  }),
  singleEventRule({
    id: 'cloudtrail-logging-stopped',
    title: 'CloudTrail logging stopped or trail deleted',
    severity: 'Critical',
    techniques: [{ id: 'T1562.008', name: 'Impair Defenses: Disable or Modify Cloud Logs' }],
    description: 'StopLogging or DeleteTrail: what happens next is no longer recorded by that trail.',
    where: `api.operation IN ('StopLogging', 'DeleteTrail') AND api.service.name = 'cloudtrail.amazonaws.com'`,
    resource: requestField('name'),
  }),
  singleEventRule({
    id: 'guardduty-detector-deleted',
    title: 'GuardDuty detector deleted',
    severity: 'Critical',
    techniques: [{ id: 'T1562.001', name: 'Impair Defenses: Disable or Modify Tools' }],
    description: 'DeleteDetector turns GuardDuty off in that account and region and discards its findings.',
    where: `api.operation = 'DeleteDetector' AND api.service.name = 'guardduty.amazonaws.com'`,
    resource: requestField('detectorId'),
  }),
];
