// The steps `contain --execute` runs, in order: the containment plan's steps, then, only when asked for,
// the recovery plan's. The deleting steps the containment plan lists apart are never among them.

import { type AwsCall, isRunTimeValue, placeholder } from './aws-call.ts';
import type { ContainmentPlan } from './containment-plan.ts';
import { CASE_NAME, type PlanStep } from './plan-step.ts';
import type { RecoveryItem } from './recovery-plan.ts';

/** `check`: the reads after a run that show whether it worked (post-run-checks.ts). */
export type StepOrigin = 'containment' | 'recovery' | 'check';

export interface ExecutableStep {
  readonly origin: StepOrigin;
  readonly action: string;
  readonly target: string;
  /** The account it runs in, when not the investigated one. */
  readonly account?: string;
  readonly calls: readonly AwsCall[];
  /** Why the step has no call to send; its commands are for a person. */
  readonly manual?: string;
}

function manualReason(commands: readonly string[]): string {
  return commands.length === 0
    ? 'nothing to do'
    : 'not automated: run its commands from the plan by hand once the values they need are known';
}

/** The case's name written into the calls' descriptions and tags; left as the placeholder without a case. */
function forCase(calls: readonly AwsCall[], caseName: string | undefined): readonly AwsCall[] {
  if (caseName === undefined) return calls;
  return JSON.parse(JSON.stringify(calls), (_key, value) =>
    typeof value === 'string' ? value.replaceAll(CASE_NAME, caseName) : value,
  );
}

/**
 * A step in another account is sent with the profile given for that account, and never with the default
 * credentials, which are the investigated account's: without a profile it is not sent, and says why.
 */
function inAccount(step: PlanStep, plan: ContainmentPlan, profiles: ProfilesByAccount): Partial<ExecutableStep> {
  if (step.account === undefined) return {};
  const profile = profiles.get(step.account);
  if (profile === undefined) {
    const home = plan.account === null ? '' : `, not the investigated account ${plan.account}`;
    return {
      account: step.account,
      manual: `runs in account ${step.account}${home}: not sent without that account's credentials (give --profile-for ${step.account}=PROFILE)`,
    };
  }
  return { account: step.account, calls: step.calls.map((call) => ({ ...call, profile })) };
}

/** The named profile (shared config files) whose credentials work in each account: `--profile-for`. */
export type ProfilesByAccount = ReadonlyMap<string, string>;

export function executableSteps(
  containment: ContainmentPlan,
  recovery: readonly RecoveryItem[],
  includeRecovery: boolean,
  caseName?: string,
  profiles: ProfilesByAccount = new Map(),
): ExecutableStep[] {
  const contain = containment.steps.map((step): ExecutableStep => {
    const placed = { calls: step.calls, ...inAccount(step, containment, profiles) };
    return {
      origin: 'containment',
      action: step.action,
      target: step.target,
      ...placed,
      calls: forCase(placed.calls, caseName),
      ...(step.calls.length === 0 ? { manual: manualReason(step.commands) } : {}),
    };
  });
  const recover = recovery.map(
    (item): ExecutableStep => ({
      origin: 'recovery',
      action: item.action,
      target: `s3://${item.bucket}/${item.key}`,
      calls: item.calls,
      ...(item.calls.length === 0 ? { manual: item.note } : {}),
    }),
  );
  return includeRecovery ? [...contain, ...recover] : contain;
}

function callLine(call: AwsCall): string {
  const params = JSON.stringify(call.params, (_key, v) => (isRunTimeValue(v) ? placeholder(v) : v));
  const profile = call.profile === undefined ? '' : ` with profile ${call.profile}`;
  return `     ${call.service} ${call.operation} ${params}${profile}`;
}

/** The steps as a person reads them before confirming: one line per call. */
export function describeSteps(steps: readonly ExecutableStep[]): string {
  return steps
    .map((step, i) => {
      const where = step.account === undefined ? '' : ` (in account ${step.account})`;
      const head = `${i + 1}. [${step.origin}] ${step.action}: ${step.target}${where}`;
      const calls = step.calls.map(callLine);
      return [head, ...(step.manual === undefined ? calls : [`     skipped: ${step.manual}`])].join('\n');
    })
    .join('\n');
}
