// What `contain --execute` keeps in the case log: the confirmed steps before anything is sent, one entry per
// call with its request and its result (request id, or the AWS error code and message, or why it was not
// sent), and the outcome of every step at the end. The files are the evidence; titles are for `case log`.

import type { EntryDraft } from '../cases/index.ts';
import { cliCommand } from './aws-call.ts';
import type { ExecutableStep } from './executable-steps.ts';
import type { CallResult, StepResult } from './plan-execution.ts';
import type { CheckVerdict } from './post-run-checks.ts';

export const CALL_FILE = 'call.json';
export const STEPS_FILE = 'steps.json';
export const RESULTS_FILE = 'results.json';
export const CHECKS_FILE = 'checks.json';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function outcome(result: CallResult): string {
  if (result.status === 'ok') {
    return `ok${result.note === undefined ? '' : `, ${result.note}`} (request ${result.answer.requestId ?? 'id not returned'})`;
  }
  if (result.status === 'failed') return `failed: ${result.error.code}: ${result.error.message}`;
  return `skipped: ${result.reason}`;
}

export function callEntry(result: CallResult, step: number): EntryDraft {
  const { call } = result;
  const detail =
    result.status === 'ok'
      ? { answer: result.answer, note: result.note }
      : result.status === 'failed'
        ? { error: result.error }
        : { reason: result.reason };
  return {
    kind: 'aws-call',
    title: `step ${step}: ${call.service} ${call.operation} ${outcome(result)}`,
    files: [
      {
        name: CALL_FILE,
        content: json({
          step,
          request: {
            service: call.service,
            operation: call.operation,
            region: call.region ?? null,
            ...(call.profile === undefined ? {} : { profile: call.profile }),
            params: call.params,
          },
          ...(result.resolved === undefined ? {} : { runTimeValues: result.resolved }),
          ...(call.undo === undefined ? {} : { undo: { ...call.undo, command: cliCommand(call.undo) } }),
          status: result.status,
          ...detail,
        }),
      },
    ],
  };
}

export interface ExecutionContext {
  readonly principal: string;
  readonly confirmedBy: string;
  readonly includeRecovery: boolean;
  readonly continueOnError: boolean;
}

export function startEntry(steps: readonly ExecutableStep[], context: ExecutionContext): EntryDraft {
  const calls = steps.reduce((n, step) => n + step.calls.length, 0);
  return {
    kind: 'note',
    title: `contain --execute for ${context.principal}: ${steps.length} steps, ${calls} calls, confirmed by ${context.confirmedBy}`,
    files: [{ name: STEPS_FILE, content: json({ ...context, steps }) }],
  };
}

export function endEntry(results: readonly StepResult[]): EntryDraft {
  const count = (status: StepResult['status']) => results.filter((r) => r.status === status).length;
  return {
    kind: 'note',
    title: `contain --execute finished: ${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped`,
    files: [{ name: RESULTS_FILE, content: json(results) }],
  };
}

export function checksEntry(verdicts: readonly CheckVerdict[]): EntryDraft {
  const count = (holds: CheckVerdict['holds']) => verdicts.filter((v) => v.holds === holds).length;
  return {
    kind: 'note',
    title: `contain --execute checks: ${count(true)} hold, ${count(false)} do not, ${count(null)} could not be checked`,
    files: [{ name: CHECKS_FILE, content: json(verdicts) }],
  };
}
