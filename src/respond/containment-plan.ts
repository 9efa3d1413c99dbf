// The containment plan for a principal, after AWS's credential-compromise and S3 data-access playbooks:
// credentials first (keys off, deny-all on users, role sessions revoked, trust locked), then buckets and
// instances. Nothing in the plan deletes; the deleting steps are listed apart, for after evidence is kept.

import type { ActivityEvent } from './activity-events.ts';
import { awsCli, DENY_ALL, revokeOlderSessions, TRUST_NOBODY } from './aws-cli-text.ts';
import { bucketSteps } from './containment-resources.ts';
import type { CreatedItem } from './created-resources.ts';
import { instanceSteps } from './instance-containment.ts';
import { describeUse, evidenceOf, type PlanInput, type PlanStep, viaCalls } from './plan-step.ts';

export interface ContainmentPlan {
  readonly generatedAt: string;
  readonly steps: readonly PlanStep[];
  /** Deleting calls the playbooks name, never part of the default plan. */
  readonly deferred: readonly PlanStep[];
  readonly verify: readonly string[];
}

const KEY_LEFT =
  'What was done with the key stays done; temporary credentials it already obtained (GetSessionToken, AssumeRole) stay valid until they expire; the key is kept, so it can still be looked up.';
const DENY_LEFT =
  'Keeps the user, its keys and its policies (as evidence); someone else with IAM rights could remove the deny.';

function keyStep(
  userName: string,
  keyId: string,
  why: string,
  events: readonly ActivityEvent[],
  proof?: CreatedItem,
): PlanStep {
  return {
    action: 'deactivate-access-key',
    target: `${userName} ${keyId}`,
    why,
    evidence: proof ? [proof.proof, ...evidenceOf(events)] : evidenceOf(events),
    ...viaCalls({
      service: 'iam',
      operation: 'UpdateAccessKey',
      params: { UserName: userName, AccessKeyId: keyId, Status: 'Inactive' },
    }),
    wontUndo: KEY_LEFT,
  };
}

function denyUserStep(userName: string, why: string, evidence: PlanStep['evidence']): PlanStep {
  return {
    action: 'deny-all-user-policy',
    target: userName,
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

function roleSteps(
  roleArn: string,
  why: string,
  evidence: PlanStep['evidence'],
  now: string,
  lockTrust: boolean,
): PlanStep[] {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const revoke: PlanStep = {
    action: 'revoke-role-sessions',
    target: roleArn,
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

export function containmentPlan(input: PlanInput): ContainmentPlan {
  const { principal, events, allEvents, created, now } = input;
  const steps: PlanStep[] = [];
  const users = created.filter((c) => c.kind === 'user');
  const ownUse = describeUse(events);
  if (principal.type === 'IAMUser') {
    for (const key of principal.accessKeyIds.filter((k) => k.startsWith('AKIA'))) {
      const used = events.filter((e) => e.credentialUid === key);
      steps.push(keyStep(principal.name, key, `the investigated key: ${describeUse(used)}`, used));
    }
  }
  for (const key of created.filter((c) => c.kind === 'access-key')) {
    const used = allEvents.filter((e) => e.credentialUid === key.id);
    const why = `created by ${key.createdBy} at ${key.proof.time}; since then ${describeUse(used)}`;
    steps.push(keyStep(key.owner ?? '', key.id, why, used, key));
  }
  if (principal.type === 'IAMUser') {
    steps.push(denyUserStep(principal.name, `the investigated user: ${ownUse}`, evidenceOf(events)));
  }
  for (const user of users) {
    const attached = created.filter((c) => c.kind === 'policy-attachment' && c.owner === user.id);
    const why = `created by ${user.createdBy} at ${user.proof.time}${attached.length ? `, given ${attached.map((a) => a.id).join(', ')}` : ''}`;
    steps.push(denyUserStep(user.id, why, [user.proof, ...attached.map((a) => a.proof)]));
  }
  if (principal.type === 'Role') {
    steps.push(...roleSteps(principal.arn, `the investigated role: ${ownUse}`, evidenceOf(events), now, false));
  }
  for (const role of created.filter((c) => c.kind === 'role' && c.arn !== null)) {
    const trust = role.detail ? `, trusting ${role.detail}` : '';
    steps.push(
      ...roleSteps(
        role.arn ?? '',
        `created by ${role.createdBy} at ${role.proof.time}${trust}`,
        [role.proof],
        now,
        true,
      ),
    );
  }
  for (const roleArn of new Set(created.filter((c) => c.kind === 'session').map((c) => c.owner ?? ''))) {
    const sessions = created.filter((c) => c.kind === 'session' && c.owner === roleArn);
    if (roleArn !== principal.arn)
      steps.push(
        ...roleSteps(
          roleArn,
          `sessions started from the investigated principal's credentials`,
          sessions.map((s) => s.proof),
          now,
          false,
        ),
      );
  }
  steps.push(...bucketSteps(input), ...instanceSteps(input));
  const deferred = created
    .filter((c) => c.kind === 'login-profile')
    .map((profile) => ({
      action: 'delete-login-profile',
      target: profile.id,
      why: `console password created by ${profile.createdBy} at ${profile.proof.time}; the deny-all policy already blocks what a console session could do`,
      evidence: [profile.proof],
      ...viaCalls({ service: 'iam', operation: 'DeleteLoginProfile', params: { UserName: profile.id } }),
      wontUndo: 'Deletes: run it only once the evidence is kept, as part of eradication.',
    }));
  const keys = steps.filter((s) => s.action === 'deactivate-access-key').map((s) => s.target.split(' ')[1] ?? '');
  const verify = [
    ...keys.map((key) =>
      awsCli(
        'cloudtrail lookup-events',
        ['--lookup-attributes', `AttributeKey=AccessKeyId,AttributeValue=${key}`],
        ['--start-time', now],
      ),
    ),
    `tarn investigate --principal ${principal.arn} --from ${now}   # after ingesting the next 30 minutes of CloudTrail: expect AccessDenied only`,
  ];
  return { generatedAt: now, steps, deferred, verify };
}
