// The steps `contain --execute` runs, in order: the containment plan's steps, then, only when asked for,
// the recovery plan's. The deleting steps the containment plan lists apart are never among them.

import { type AwsCall, isRunTimeValue, placeholder } from './aws-call.ts';
import type { ContainmentPlan } from './containment-plan.ts';
import { CASE_NAME } from './plan-step.ts';
import type { RecoveryItem } from './recovery-plan.ts';

/** `check`: the reads after a run that show whether it worked (post-run-checks.ts). */
export type StepOrigin = 'containment' | 'recovery' | 'check';

export interface ExecutableStep {
  readonly origin: StepOrigin;
  readonly action: string;
  readonly target: string;
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

export function executableSteps(
  containment: ContainmentPlan,
  recovery: readonly RecoveryItem[],
  includeRecovery: boolean,
  caseName?: string,
): ExecutableStep[] {
  const contain = containment.steps.map(
    (step): ExecutableStep => ({
      origin: 'containment',
      action: step.action,
      target: step.target,
      calls: forCase(step.calls, caseName),
      ...(step.calls.length === 0 ? { manual: manualReason(step.commands) } : {}),
    }),
  );
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

/** The steps as a person reads them before confirming: one line per call. */
export function describeSteps(steps: readonly ExecutableStep[]): string {
  return steps
    .map((step, i) => {
      const head = `${i + 1}. [${step.origin}] ${step.action}: ${step.target}`;
      const calls = step.calls.map(
        (call) =>
          `     ${call.service} ${call.operation} ${JSON.stringify(call.params, (_key, v) => (isRunTimeValue(v) ? placeholder(v) : v))}`,
      );
      return [head, ...(step.manual === undefined ? calls : [`     skipped: ${step.manual}`])].join('\n');
    })
    .join('\n');
}
