// The containment plan for a principal, after AWS's credential-compromise and S3 data-access playbooks:
// credentials first (keys off, deny-all on users, role sessions revoked, trust locked), then buckets and
// instances. Nothing in the plan deletes; the deleting steps are listed apart, for after evidence is kept.

import { type ActivityEvent, accountOf, newActivity } from '../investigation/index.ts';
import { awsCli, shellArg } from './aws-cli-text.ts';
import { chainSteps } from './chain-containment.ts';
import { bucketSteps } from './containment-resources.ts';
import { awayFrom, denyUserStep, keyStep, roleSteps } from './credential-steps.ts';
import { instanceSteps } from './instance-containment.ts';
import { describeUse, evidenceOf, type PlanInput, type PlanStep, viaCalls } from './plan-step.ts';

export interface ContainmentPlan {
  readonly generatedAt: string;
  /** The investigated principal's account: steps without an `account` of their own run in it. */
  readonly account: string | null;
  readonly steps: readonly PlanStep[];
  /** Deleting calls the playbooks name, never part of the default plan. */
  readonly deferred: readonly PlanStep[];
  readonly verify: readonly string[];
}

/** One step per action and resource: a chain's role may also be one the principal created or started. */
function addNew(steps: PlanStep[], more: readonly PlanStep[]): void {
  const key = (s: PlanStep) => `${s.action} ${s.account ?? ''} ${s.target.slice(s.target.lastIndexOf('/') + 1)}`;
  const known = new Set(steps.map(key));
  steps.push(...more.filter((s) => !known.has(key(s))));
}

export function containmentPlan(input: PlanInput): ContainmentPlan {
  const { principal, events, allEvents, created, now } = input;
  const routine = input.routine ?? new Set<string>();
  // The attacker's calls prove a step, not the principal's routine ones (the nightly backup).
  const proof = (list: readonly ActivityEvent[]) => evidenceOf(newActivity(list, routine));
  const use = (list: readonly ActivityEvent[]) => {
    const fresh = newActivity(list, routine);
    const folded = list.length - fresh.length;
    return `${describeUse(fresh)}${folded > 0 ? `, besides ${folded} routine call(s)` : ''}`;
  };
  const steps: PlanStep[] = [];
  const users = created.filter((c) => c.kind === 'user');
  const own = { why: `the investigated ${principal.type === 'Role' ? 'role' : 'user'}: ${use(events)}` };
  const chain = chainSteps(principal, { ...own, evidence: proof(events) }, now);
  if (principal.type === 'IAMUser') {
    for (const key of principal.accessKeyIds.filter((k) => k.startsWith('AKIA'))) {
      const used = events.filter((e) => e.credentialUid === key);
      steps.push(keyStep(principal.name, key, { why: `the investigated key: ${use(used)}`, evidence: proof(used) }));
    }
  }
  addNew(steps, chain.keys);
  for (const key of created.filter((c) => c.kind === 'access-key')) {
    const used = allEvents.filter((e) => e.credentialUid === key.id);
    const why = `created by ${key.createdBy} at ${key.proof.time}; since then ${describeUse(used)}`;
    steps.push(keyStep(key.owner ?? '', key.id, { why, evidence: [key.proof, ...evidenceOf(used)] }));
  }
  if (principal.type === 'IAMUser') steps.push(denyUserStep(principal.name, { ...own, evidence: proof(events) }));
  addNew(steps, chain.users);
  for (const user of users) {
    const attached = created.filter((c) => c.kind === 'policy-attachment' && c.owner === user.id);
    const why = `created by ${user.createdBy} at ${user.proof.time}${attached.length ? `, given ${attached.map((a) => a.id).join(', ')}` : ''}`;
    steps.push(denyUserStep(user.id, { why, evidence: [user.proof, ...attached.map((a) => a.proof)] }));
  }
  addNew(steps, chain.roles);
  for (const role of created.filter((c) => c.kind === 'role' && c.arn !== null)) {
    const trust = role.detail ? `, trusting ${role.detail}` : '';
    const why = `created by ${role.createdBy} at ${role.proof.time}${trust}`;
    addNew(steps, roleSteps(role.arn ?? '', { why, evidence: [role.proof] }, now, true));
  }
  for (const roleArn of new Set(created.filter((c) => c.kind === 'session').map((c) => c.owner ?? ''))) {
    const evidence = created.filter((c) => c.kind === 'session' && c.owner === roleArn).map((s) => s.proof);
    const why = `sessions started from the investigated principal's credentials`;
    const basis = { why, evidence, ...awayFrom(accountOf(principal.arn), accountOf(roleArn)) };
    addNew(steps, roleSteps(roleArn, basis, now, false));
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
  const keySteps = steps.filter((s) => s.action === 'deactivate-access-key');
  const verify = [
    ...keySteps.map((step) => {
      const lookup = awsCli(
        'cloudtrail lookup-events',
        // The key id from the step's call, as data: the target is text for people, and a user name has spaces.
        [
          '--lookup-attributes',
          `AttributeKey=AccessKeyId,AttributeValue=${String(step.calls[0]?.params.AccessKeyId ?? '')}`,
        ],
        ['--start-time', now],
      );
      return step.account === undefined ? lookup : `${lookup}   # in account ${shellArg(step.account)}`;
    }),
    `tarn investigate --principal ${shellArg(principal.arn)} --from ${shellArg(now)}   # after ingesting the next 30 minutes of CloudTrail: expect AccessDenied only`,
  ];
  return { generatedAt: now, account: accountOf(principal.arn), steps, deferred, verify };
}
