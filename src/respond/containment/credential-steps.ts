// The credential steps of a containment plan, after AWS's credential-compromise playbook: an access key
// deactivated (never deleted), a deny-all inline policy on a user, and a role's sessions revoked with the
// policy the IAM console's "Revoke active sessions" attaches, its trust policy locked when it was created.

import type { EventRef } from '../investigation/index.ts';
import { DENY_ALL, revokeOlderSessions, TRUST_NOBODY } from './aws-cli-text.ts';
import { type PlanStep, viaCalls } from './plan-step.ts';

const KEY_LEFT =
  'What was done with the key stays done; temporary credentials it already obtained (GetSessionToken, AssumeRole) stay valid until they expire; the key is kept, so it can still be looked up.';
const DENY_LEFT =
  'Keeps the user, its keys and its policies (as evidence); someone else with IAM rights could remove the deny.';

/** Why a step is taken and in which account, when that is not the investigated one. */
export interface StepBasis {
  readonly why: string;
  readonly evidence: readonly EventRef[];
  readonly account?: string;
}

const inAccount = (account: string | undefined) => (account === undefined ? {} : { account });

/** The `account` of a step's basis: given only when it is known and not the investigated account. */
export function awayFrom(home: string | null, account: string | null): Pick<StepBasis, 'account'> {
  return account === null || account === home ? {} : { account };
}

export function keyStep(userName: string, keyId: string, { why, evidence, account }: StepBasis): PlanStep {
  return {
    action: 'deactivate-access-key',
    target: `${userName} ${keyId}`,
    ...inAccount(account),
    why,
    evidence,
    ...viaCalls({
      service: 'iam',
      operation: 'UpdateAccessKey',
      params: { UserName: userName, AccessKeyId: keyId, Status: 'Inactive' },
    }),
    wontUndo: KEY_LEFT,
  };
}

export function denyUserStep(userName: string, { why, evidence, account }: StepBasis): PlanStep {
  return {
    action: 'deny-all-user-policy',
    target: userName,
    ...inAccount(account),
    why,
    evidence,
    ...viaCalls({
      service: 'iam',
      operation: 'PutUserPolicy',
      params: { UserName: userName, PolicyName: 'TarnIncidentDenyAll', PolicyDocument: DENY_ALL },
    }),
    wontUndo: DENY_LEFT,
  };
}

/** Revokes the role's sessions issued before `now`; with `lockTrust`, then lets no one assume it. */
export function roleSteps(roleArn: string, basis: StepBasis, now: string, lockTrust: boolean): PlanStep[] {
  const { why, evidence, account } = basis;
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const revoke: PlanStep = {
    action: 'revoke-role-sessions',
    target: roleArn,
    ...inAccount(account),
    why,
    evidence,
    ...viaCalls({
      service: 'iam',
      operation: 'PutRolePolicy',
      params: { RoleName: roleName, PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revokeOlderSessions(now) },
    }),
    wontUndo:
      'Anyone still trusted by the role can assume it again and get a new session; what earlier sessions did stays done.',
  };
  const lock: PlanStep = {
    action: 'lock-role-trust-policy',
    target: roleArn,
    ...inAccount(account),
    why: `${why}; no one should be able to assume it while it is investigated`,
    evidence,
    ...viaCalls(
      { service: 'iam', operation: 'GetRole', params: { RoleName: roleName }, saveAs: `${roleName}-role-before.json` },
      {
        service: 'iam',
        operation: 'UpdateAssumeRolePolicy',
        params: { RoleName: roleName, PolicyDocument: TRUST_NOBODY },
      },
    ),
    wontUndo:
      'Sessions already issued stay valid until revoked (the step before) or expired; the role and its policies stay.',
  };
  return lockTrust ? [revoke, lock] : [revoke];
}
