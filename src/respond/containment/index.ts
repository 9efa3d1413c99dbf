// Containment and recovery: plans as AWS SDK calls, and their execution with checks and a case log.

export { type CallerAccount, type CredentialCheck, checkCredentials } from './caller-account.ts';
export { type ContainmentPlan, containmentPlan } from './containment-plan.ts';
export { describeSteps, type ExecutableStep, executableSteps, type ProfilesByAccount } from './executable-steps.ts';
export { callEntry, checksEntry, endEntry, startEntry } from './execution-case-log.ts';
export { type CallResult, executePlan, type StepResult } from './plan-execution.ts';
export type { PlanStep } from './plan-step.ts';
export { type CheckVerdict, runChecks } from './post-run-checks.ts';
export { type RecoveryItem, recoveryPlan } from './recovery-plan.ts';
