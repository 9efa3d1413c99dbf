// Fills in a call's run-time values from the answers of the earlier calls of its step: the isolation group
// created a moment ago, the volumes DescribeInstances listed. A call whose value is not there is not sent;
// the values used are kept with the call's result, so the case shows where each one came from.

import { type AwsCall, isRunTimeValue, placeholder, type RunTimeValue } from './aws-call.ts';

/** The answers of the step so far, by operation (the latest of each). */
export type StepAnswers = ReadonlyMap<string, unknown>;

export interface ResolvedValue extends RunTimeValue {
  readonly value: unknown;
}

export type Resolution =
  | { readonly calls: readonly { readonly call: AwsCall; readonly resolved: Record<string, ResolvedValue> }[] }
  /** `nothingToSend` when a list to send the call for is empty (an instance without EBS volumes). */
  | { readonly problem: string; readonly nothingToSend?: true };

/** Every value at `path`: `*` steps into each element of a list. */
export function valuesAt(answer: unknown, path: string): unknown[] {
  let values = [answer];
  for (const segment of path.split('.')) {
    values = values.flatMap((v) => {
      if (segment === '*') return Array.isArray(v) ? v : [];
      const next = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[segment] : undefined;
      return next === undefined || next === null ? [] : [next];
    });
  }
  return values;
}

/** One value, or the list of them when the path walks a list; undefined when the answer does not have it. */
function lookUp(ref: RunTimeValue, answers: StepAnswers): unknown {
  if (!answers.has(ref.from)) return undefined;
  const found = valuesAt(answers.get(ref.from), ref.path);
  if (ref.path.split('.').includes('*')) return found;
  return found[0];
}

function fill(value: unknown, answers: StepAnswers, used: Map<string, ResolvedValue>, each: unknown): unknown {
  if (isRunTimeValue(value)) {
    const resolved = value.each ? each : lookUp(value, answers);
    if (resolved === undefined) throw new Error(`${placeholder(value)} is not known: ${missing(value, answers)}`);
    used.set(placeholder(value), { ...value, value: resolved });
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, answers, used, each));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, answers, used, each)]));
  }
  return value;
}

function missing(ref: RunTimeValue, answers: StepAnswers): string {
  return answers.has(ref.from)
    ? `the answer of ${ref.from} has nothing at ${ref.path}`
    : `${ref.from} was not answered in this step`;
}

/** The calls to send in place of `call`: itself with its values filled in, or one per value of an `each`. */
export function resolveCall(call: AwsCall, answers: StepAnswers): Resolution {
  const fanOut = Object.values(call.params).find((v) => isRunTimeValue(v) && v.each === true) as
    | RunTimeValue
    | undefined;
  const items = fanOut === undefined ? [undefined] : valuesAt(answers.get(fanOut.from), fanOut.path);
  if (fanOut !== undefined && items.length === 0) {
    const problem = `nothing to send: ${placeholder(fanOut)} has no value (${missing(fanOut, answers)})`;
    return { problem, nothingToSend: true };
  }
  try {
    return {
      calls: items.map((item) => {
        const used = new Map<string, ResolvedValue>();
        const params = fill(call.params, answers, used, item) as AwsCall['params'];
        const undo =
          call.undo === undefined
            ? {}
            : { undo: { ...call.undo, params: fill(call.undo.params, answers, used, item) as AwsCall['params'] } };
        return { call: { ...call, params, ...undo }, resolved: Object.fromEntries(used) };
      }),
    };
  } catch (error) {
    return { problem: `not sent: ${(error as Error).message}` };
  }
}
