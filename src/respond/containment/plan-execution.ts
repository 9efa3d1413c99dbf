// Runs the steps of a plan through a call sender (the AWS SDK, or a stand-in in tests), in order, one result
// per call and per step. It never throws halfway: a refused, failed or unlogged call becomes a result, and
// after a failure the run stops or goes on as the user chose. Each call is recorded before the next is sent.
// Run-time values (an isolation group's id) are filled in from the answers of the step's earlier calls.

import { type AwsCall, isRead } from './aws-call.ts';
import type { ExecutableStep } from './executable-steps.ts';
import { deleteMarkerCheck, type GuardOptions, isRestore, markerProblem, refusal } from './execution-guard.ts';
import { type ResolvedValue, resolveCall } from './run-time-values.ts';

export interface CallAnswer {
  readonly requestId: string | null;
  readonly httpStatusCode: number | null;
  /** The SDK's output without its metadata; null when the call found nothing configured. */
  readonly output: unknown;
}

export interface CallFailure {
  readonly code: string;
  readonly message: string;
  readonly requestId: string | null;
  readonly httpStatusCode: number | null;
}

export type CallResult = (
  | { readonly status: 'ok'; readonly call: AwsCall; readonly answer: CallAnswer; readonly note?: string }
  | { readonly status: 'failed'; readonly call: AwsCall; readonly error: CallFailure }
  | { readonly status: 'skipped'; readonly call: AwsCall; readonly reason: string; readonly nothingToSend?: true }
) & {
  /** The run-time values filled into the call, by their placeholder. */
  readonly resolved?: Readonly<Record<string, ResolvedValue>>;
};

export interface StepResult {
  readonly step: number;
  readonly origin: ExecutableStep['origin'];
  readonly action: string;
  readonly target: string;
  readonly status: CallResult['status'];
  readonly reason?: string;
  readonly calls: readonly CallResult[];
}

/** Sends one call and returns its answer; throws the SDK's error when the call fails. */
export type CallSender = (call: AwsCall) => Promise<CallAnswer>;

export interface ExecutionOptions extends GuardOptions {
  readonly send: CallSender;
  readonly continueOnError: boolean;
  /** Keeps a result (in the case log); if it throws, nothing more is sent. */
  readonly record: (result: CallResult, step: number) => Promise<void>;
  /** The number of the first step, when these steps follow others (the checks after a run). */
  readonly firstStep?: number;
}

/** Reads that answer "nothing configured" with an error: for evidence that is an answer, not a failure. */
const NOT_CONFIGURED = new Set(['NoSuchBucketPolicy', 'NoSuchPublicAccessBlockConfiguration']);

export function callFailure(error: unknown): CallFailure {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: CallAnswer };
  return {
    code: e.Code ?? e.name ?? e.code ?? 'Error',
    message: e.message ?? String(error),
    requestId: e.$metadata?.requestId ?? null,
    httpStatusCode: e.$metadata?.httpStatusCode ?? null,
  };
}

async function send(call: AwsCall, options: ExecutionOptions): Promise<CallResult> {
  try {
    return { status: 'ok', call, answer: await options.send(call) };
  } catch (thrown) {
    const error = callFailure(thrown);
    if (isRead(call.operation) && NOT_CONFIGURED.has(error.code)) {
      const answer = { requestId: error.requestId, httpStatusCode: error.httpStatusCode, output: null };
      return { status: 'ok', call, answer, note: `not configured (${error.code})` };
    }
    return { status: 'failed', call, error };
  }
}

/** The results of one planned call: a refusal, or the call itself preceded by a restore's marker check. */
async function attempt(step: ExecutableStep, call: AwsCall, options: ExecutionOptions): Promise<CallResult[]> {
  const refused = refusal(step.origin, call, options);
  if (refused !== undefined) return [{ status: 'skipped', call, reason: refused }];
  if (!isRestore(step.origin, call)) return [await send(call, options)];
  const listing = await send(deleteMarkerCheck(call), options);
  if (listing.status !== 'ok')
    return [listing, { status: 'skipped', call, reason: 'the version could not be checked' }];
  const problem = markerProblem(call, listing.answer.output);
  return [listing, problem === undefined ? await send(call, options) : { status: 'skipped', call, reason: problem }];
}

function stepStatus(calls: readonly CallResult[]): CallResult['status'] {
  if (calls.some((c) => c.status === 'failed')) return 'failed';
  const counted = calls.filter((c) => !(c.status === 'skipped' && c.nothingToSend));
  return counted.length > 0 && counted.every((c) => c.status === 'ok') ? 'ok' : 'skipped';
}

export async function executePlan(steps: readonly ExecutableStep[], options: ExecutionOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  /** Set once nothing more may be sent: after a failure (unless told to go on) or when logging fails. */
  let stopped: string | undefined;
  let logBroken = false;
  for (const [index, step] of steps.entries()) {
    const number = index + (options.firstStep ?? 1);
    const calls: CallResult[] = [];
    const answers = new Map<string, unknown>();
    // A step with no calls to send (a person's, or one in another account without its credentials) has
    // each planned call recorded as not sent, with the reason.
    let halted = stopped ?? step.manual;
    const keep = async (result: CallResult) => {
      calls.push(result);
      if (result.status === 'ok') answers.set(result.call.operation, result.answer.output);
      if (result.status === 'failed') halted ??= 'not run: an earlier call of this step failed';
      if (logBroken) return;
      try {
        await options.record(result, number);
      } catch (error) {
        logBroken = true;
        stopped = `not run: the case log could not be written (${(error as Error).message})`;
        halted = stopped;
      }
    };
    for (const planned of step.calls) {
      const resolution = halted === undefined ? resolveCall(planned, answers) : { problem: halted };
      if ('problem' in resolution) {
        await keep({ status: 'skipped', call: planned, reason: resolution.problem, ...nothingToSend(resolution) });
        continue;
      }
      for (const { call, resolved } of resolution.calls) {
        const outcomes: CallResult[] =
          halted === undefined ? await attempt(step, call, options) : [{ status: 'skipped', call, reason: halted }];
        const values = Object.keys(resolved).length === 0 ? {} : { resolved };
        for (const result of outcomes) await keep(result.call === call ? { ...result, ...values } : result);
      }
    }
    const { origin, action, target, manual } = step;
    const status = manual === undefined ? stepStatus(calls) : 'skipped';
    results.push({
      step: number,
      origin,
      action,
      target,
      status,
      calls,
      ...(manual === undefined ? {} : { reason: manual }),
    });
    if (status === 'failed' && !options.continueOnError) {
      stopped ??= `not run: step ${number} failed (give --continue-on-error to go on after a failure)`;
    }
  }
  return results;
}

const nothingToSend = (resolution: { nothingToSend?: true }) =>
  resolution.nothingToSend ? { nothingToSend: true as const } : {};
